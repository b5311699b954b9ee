"""The lab's root fields: industry partners, courses and the lab's settings."""

import graphene
from grapple.registry import registry

from graphql_api.listings import ModelListField

from .models import Course, IndustryPartner, LabSettings


class Query(graphene.ObjectType):
    industry_partners = ModelListField(IndustryPartner, description="In the editors' order.")
    courses = ModelListField(Course)
    lab_settings = graphene.Field(lambda: registry.settings[LabSettings])

    def resolve_industry_partners(self, info):
        return IndustryPartner.objects.select_related("logo")

    def resolve_courses(self, info):
        return Course.objects.all()

    def resolve_lab_settings(self, info):
        return LabSettings.for_request(info.context)
