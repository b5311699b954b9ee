"""Industry partners, courses and the lab's settings in the content-as-data format (core/content).

The settings' fields are LabSettings' own: their names, and whether each is rich text or a web address, come from
the model, so a field added there is imported and exported without another list to update.
"""

from django.db import models
from wagtail.fields import RichTextField
from wagtail.models import Site

from core.content.schema import OPTIONAL_S, OPTIONAL_URL, URL, Field, Kind, S, Section

from .models import Course, IndustryPartner, LabSettings, SocialLink

COURSE_FIELDS = {
    "code": S, "name": S, "url": OPTIONAL_URL, "term": OPTIONAL_S, "time": OPTIONAL_S, "location": OPTIONAL_S,
    "notice": OPTIONAL_S,
}  # fmt: skip
SETTINGS_FIELDS = [f for f in LabSettings._meta.get_fields() if f.concrete and not f.is_relation and not f.primary_key]


def settings_field(model_field):
    if isinstance(model_field, RichTextField):
        return Field("html", False, features=tuple(model_field.features))
    return OPTIONAL_URL if isinstance(model_field, models.URLField) else OPTIONAL_S


def load_partner(importer, record, raw):
    """Partners have no natural key (a company may appear twice): the nth record is the nth partner."""

    def fill(partner):
        partner.name, partner.products, partner.url = record["name"], record["products"], record["url"]

    return importer.upsert(IndustryPartner, {"sort_order": importer.position}, record, dump_partner, fill)


def dump_partner(exporter, partner):
    return {"name": partner.name, "products": partner.products, "url": partner.url}


def load_course(importer, record, raw):
    def fill(course):
        for name, value in record.items():
            setattr(course, name, value)

    return importer.upsert(Course, {"code": record["code"]}, record, dump_course, fill)


def dump_course(exporter, course):
    return {name: getattr(course, name) for name in COURSE_FIELDS}


def load_settings(importer, record):
    lab_settings = LabSettings.for_site(Site.objects.get(is_default_site=True))
    for model_field in SETTINGS_FIELDS:
        setattr(lab_settings, model_field.name, record[model_field.name])
    lab_settings.social_links = [SocialLink(label=s["label"], url=s["url"]) for s in record["social_links"]]
    return lab_settings


def dump_settings(exporter):
    lab_settings = LabSettings.objects.first()
    return {
        **{model_field.name: getattr(lab_settings, model_field.name, "") for model_field in SETTINGS_FIELDS},
        "social_links": [{"label": s.label, "url": s.url} for s in lab_settings.social_links.all()]
        if lab_settings
        else [],
    }


KINDS = {
    "industry_partners": Kind(
        "industry_partners.yaml", None, {"name": S, "products": OPTIONAL_S, "url": OPTIONAL_URL},
        model=IndustryPartner, load=load_partner, dump=dump_partner,
        objects=lambda exporter: IndustryPartner.objects.all(),
    ),
    "courses": Kind(
        "courses.yaml", "code",
        COURSE_FIELDS, model=Course, load=load_course, dump=dump_course, objects=lambda exporter: Course.objects.all(),
    ),
}  # fmt: skip
SITE = {
    "lab_settings": Section(
        Field("dict", False, fields={
            **{model_field.name: settings_field(model_field) for model_field in SETTINGS_FIELDS},
            "social_links": Field("list", False, fields={"label": S, "url": URL}),
        }),
        load=load_settings,
        dump=dump_settings,
    ),
}  # fmt: skip
