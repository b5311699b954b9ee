"""People's root fields: `people`, and the honors, competition awards and talks lists."""

import graphene

from graphql_api.listings import ModelListField, checked_choice, in_tree_order
from graphql_api.selection import optimized

from .models import (
    CompetitionAward,
    Honor,
    PersonPage,
    Role,
    Status,
    Talk,
)


class Query(graphene.ObjectType):
    people = ModelListField(
        PersonPage,
        role=graphene.String(description=f"One of: {', '.join(Role.values)}."),
        status=graphene.String(description=f"One of: {', '.join(Status.values)}."),
        description="People in the editors' order.",
    )
    awards = ModelListField(Honor, year=graphene.Int(), description="Honors and awards, newest first.")
    competition_awards = ModelListField(CompetitionAward, description="Newest first.")
    talks = ModelListField(Talk, year=graphene.Int(), description="Newest first.")

    def resolve_people(self, info, role=None, status=None):
        people = in_tree_order(PersonPage)
        if checked_choice("role", role, Role.values):
            people = people.filter(role=role)
        if checked_choice("status", status, Status.values):
            people = people.filter(status=status)
        return people

    # Each list joins and prefetches what the query selects of its items (graphql_api.selection), not all a
    # listing may show: an honor's project row alone was some 300 Python calls per honor, selected or not.
    def resolve_awards(self, info, year=None):
        honors = optimized(Honor.objects.all(), info)
        return honors.filter(date__year=year) if year else honors

    def resolve_competition_awards(self, info):
        return optimized(CompetitionAward.objects.all(), info)

    def resolve_talks(self, info, year=None):
        talks = optimized(Talk.objects.all(), info)
        return talks.filter(date__year=year) if year else talks
