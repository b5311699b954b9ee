import factory
import wagtail_factories

from .models import ResearchAreaIndexPage, ResearchAreaPage


class ResearchAreaIndexPageFactory(wagtail_factories.PageFactory):
    title = "Research"
    slug = "research"

    class Meta:
        model = ResearchAreaIndexPage


class ResearchAreaPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Research area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    summary = factory.Faker("sentence")

    class Meta:
        model = ResearchAreaPage
