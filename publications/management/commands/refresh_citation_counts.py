"""`manage.py refresh_citation_counts`: each publication's citation count, from OpenAlex.

For every publication with a DOI or an arXiv id (least recently refreshed first, so a run cut short is continued by
the next), the count, its source and the time are written to the page's row only (no revision: a count is not an
editor's change). A failure keeps the last good count and is reported; the exit status is then 1.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import F, Q
from django.utils import timezone

from publications.models import PublicationPage
from publications.sources import SourceError, openalex_count


class Command(BaseCommand):
    help = "Refresh the citation counts of publications with a DOI or arXiv id, from OpenAlex."

    def handle(self, *args, **options):
        pages = PublicationPage.objects.filter(~Q(doi="") | ~Q(arxiv_id="")).order_by(
            F("citation_count_refreshed_at").asc(nulls_first=True), "pk"
        )
        failed = 0
        for page in pages:
            try:
                count = openalex_count(page.doi, page.arxiv_id)
            except SourceError as error:
                failed += 1
                self.stdout.write(self.style.ERROR(f"{page.title}: {error} (kept {page.citation_count})"))
                continue
            PublicationPage.objects.filter(pk=page.pk).update(
                citation_count=count, citation_count_source="openalex", citation_count_refreshed_at=timezone.now()
            )
            self.stdout.write(f"{page.title}: {count}")
        if failed:
            raise CommandError(f"{failed} publications could not be refreshed; their last counts are kept.")
