import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from .models import CompetitionAward, Honor, PeopleIndexPage, PersonPage, Talk


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


class HonorFactory(DjangoModelFactory):
    key = factory.Sequence(lambda n: f"honor-{n}")
    title = factory.Sequence(lambda n: f"Award {n}")
    date = datetime.date(2024, 1, 1)

    class Meta:
        model = Honor


class CompetitionAwardFactory(DjangoModelFactory):
    key = factory.Sequence(lambda n: f"award-{n}")
    place = "First Place"
    contest = factory.Sequence(lambda n: f"Contest {n}")
    year = 2024

    class Meta:
        model = CompetitionAward


class TalkFactory(DjangoModelFactory):
    key = factory.Sequence(lambda n: f"talk-{n}")
    title = factory.Sequence(lambda n: f"Talk {n}")
    event = "NeurIPS"
    date = datetime.date(2024, 1, 1)

    class Meta:
        model = Talk
