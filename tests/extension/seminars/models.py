"""The lab's seminar series: a page type with a listing, SEO, search text and an import mapping, declared here only."""

from django.db import models
from grapple.models import GraphQLString
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.models import IndexPage, LabPage
from scholarly.graphql import GraphQLSeo
from scholarly.metadata import join_text, json_ld_base, organization


class SeminarIndexPage(IndexPage):
    subpage_types = ["seminars.SeminarPage"]


class SeminarPage(LabPage):
    date = models.DateField()
    speaker = models.CharField(max_length=200)
    abstract = models.TextField(blank=True)

    content_panels = [*LabPage.content_panels, FieldPanel("date"), FieldPanel("speaker"), FieldPanel("abstract")]
    search_fields = [*LabPage.search_fields, index.SearchField("speaker"), index.SearchField("abstract")]
    graphql_fields = [
        GraphQLString("date", required=True),
        GraphQLString("speaker", required=True),
        GraphQLString("abstract", required=True),
        GraphQLSeo(),
    ]
    parent_page_types = ["seminars.SeminarIndexPage"]
    subpage_types = []

    # What the page's `<head>` says (scholarly.metadata reads these).

    open_graph_type = "article"

    def seo_summary(self):
        return self.abstract

    def json_ld_data(self):
        data = json_ld_base(self, "Event")
        data["startDate"] = self.date.isoformat()
        data["performer"] = {"@type": "Person", "name": self.speaker}
        data["organizer"] = organization(self)
        return data

    # How it is found (graphql_api.search reads these).

    search_result_type = "SeminarPage"
    search_result_order = 90

    def search_hit_text(self):
        return join_text(self.speaker, self.abstract)

    # What else a change shows on (core.affected and the cache read these).

    def affected_pages(self):
        yield SeminarIndexPage.first_in_tree()
