"""People's root fields: `people`, and the honors, competition awards and talks lists."""

import graphene

from graphql_api.listings import ModelListField, checked_choice, in_tree_order

from .models import (
    CompetitionAward,
    Honor,
    PersonPage,
    Role,
    Status,
    Talk,
    competition_awards_for_listing,
    honors_for_listing,
    talks_for_listing,
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

    def resolve_awards(self, info, year=None):
        return honors_for_listing().filter(date__year=year) if year else honors_for_listing()

    def resolve_competition_awards(self, info):
        return competition_awards_for_listing()

    def resolve_talks(self, info, year=None):
        return talks_for_listing().filter(date__year=year) if year else talks_for_listing()
