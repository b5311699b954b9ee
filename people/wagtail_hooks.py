from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CompetitionAward, Honor, Talk


class HonorViewSet(SnippetViewSet):
    model = Honor
    icon = "trophy"
    menu_label = "Honors and awards"
    # Recipients tell apart honors of the same title (a best paper award of several years, a fellowship of several
    # students); editors see every recipient, public or not.
    list_display = [
        "title",
        Column(
            "recipients", label="Recipients", accessor=lambda honor: ", ".join(p.title for p in honor.recipients.all())
        ),
        "date",
        "kind",
    ]
    list_filter = ["kind", "date_precision"]
    search_fields = ["title", "awarded_by"]

    def get_queryset(self, request):
        return Honor.objects.prefetch_related("recipients")


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
