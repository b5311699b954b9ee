from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Course, IndustryPartner


class IndustryPartnerViewSet(SnippetViewSet):
    model = IndustryPartner
    icon = "group"
    list_display = ["name", "products"]
    search_fields = ["name", "products"]
    sort_order_field = "sort_order"


class CourseViewSet(SnippetViewSet):
    model = Course
    icon = "doc-full"
    list_display = ["code", "name", "term"]
    search_fields = ["code", "name"]


register_snippet(IndustryPartnerViewSet)
register_snippet(CourseViewSet)
