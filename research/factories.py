import factory
import wagtail_factories

from .models import ProjectIndexPage, ProjectPage, ResearchAreaIndexPage, ResearchAreaPage


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


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    title = "Projects"
    slug = "projects"

    class Meta:
        model = ProjectIndexPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    short_name = factory.Sequence(lambda n: f"P{n}")

    class Meta:
        model = ProjectPage
