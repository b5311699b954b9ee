from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page, Site

from core.content import DatasetError, import_dataset


class Command(BaseCommand):
    help = "Load a labcms-content dataset folder. The whole folder is checked first; a bad file writes nothing."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the site has content already (for `make setup`)."
        )
        parser.add_argument(
            "--samples",
            action="store_true",
            help="Load a sample dataset (e.g. content/demo) on top of the site's own content; everything it writes "
            "is marked as a sample in the admin, the API and the frontend.",
        )

    def handle(self, folder, if_empty=False, samples=False, **options):
        if if_empty and not samples and site_has_content():
            self.stdout.write("The site has content already: left as it is.")
            return
        try:
            report = import_dataset(folder, samples=samples)
        except DatasetError as error:
            raise CommandError(
                f"{len(error.problems)} problem(s) in {folder}; nothing was written:\n  " + "\n  ".join(error.problems)
            ) from None
        for kind, counts in report.items():
            summary = ", ".join(f"{counts[state]} {state}" for state in ("created", "updated", "unchanged"))
            self.stdout.write(f"{kind:20} {summary}")


def site_has_content():
    """A fresh site's root is Wagtail's "Welcome" page, a plain Page; any other root page is content."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site is not None and site.root_page.specific_class is not Page
