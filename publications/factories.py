import factory
import wagtail_factories

from .models import PublicationAuthor, PublicationIndexPage, PublicationPage


class PublicationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Publications"
    slug = "publications"

    class Meta:
        model = PublicationIndexPage


class PublicationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Paper {n}")
    slug = factory.Sequence(lambda n: f"paper-{n}")
    venue_short = "MLSys"
    year = 2024

    class Meta:
        model = PublicationPage


class PublicationAuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Author {n}")

    class Meta:
        model = PublicationAuthor
