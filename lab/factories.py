import factory
from factory.django import DjangoModelFactory
from wagtail.models import Site

from .models import Course, IndustryPartner, LabSettings


class IndustryPartnerFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner {n}")

    class Meta:
        model = IndustryPartner


class CourseFactory(DjangoModelFactory):
    code = factory.Sequence(lambda n: f"6.{5940 + n}")
    name = factory.Sequence(lambda n: f"Course {n}")

    class Meta:
        model = Course


class LabSettingsFactory(DjangoModelFactory):
    """The default site's settings: there is one row per site."""

    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    contact_email = "lab@example.org"

    class Meta:
        model = LabSettings
