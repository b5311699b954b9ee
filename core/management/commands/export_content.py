from django.core.management.base import BaseCommand

from core.content import export_dataset


class Command(BaseCommand):
    help = "Write the whole site (pages, snippets, settings, images) to a labcms-content dataset folder."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, folder, **options):
        counts = export_dataset(folder)
        self.stdout.write(", ".join(f"{count} {kind}" for kind, count in counts.items()) + f" written to {folder}")
