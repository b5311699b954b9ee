from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CompetitionAward, Honor, Talk


class HonorViewSet(SnippetViewSet):
    model = Honor
    icon = "trophy"
    menu_label = "Honors and awards"
    list_display = ["title", "date", "kind"]
    list_filter = ["kind", "date_precision"]
    search_fields = ["title", "awarded_by"]


class CompetitionAwardViewSet(SnippetViewSet):
    model = CompetitionAward
    icon = "pick"
    list_display = ["place", "contest", "year"]
    list_filter = ["year"]
    search_fields = ["contest", "track", "venue"]


class TalkViewSet(SnippetViewSet):
    model = Talk
    icon = "media"
    list_display = ["title", "event", "date"]
    search_fields = ["title", "event"]


register_snippet(HonorViewSet)
register_snippet(CompetitionAwardViewSet)
register_snippet(TalkViewSet)
