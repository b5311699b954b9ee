import factory
import wagtail_factories

from .models import PeopleIndexPage, PersonPage


class PeopleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Team"
    slug = "team"

    class Meta:
        model = PeopleIndexPage


class PersonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    role = "phd"

    class Meta:
        model = PersonPage
