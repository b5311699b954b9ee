"""`manage.py import_bibtex FILE [FILE ...]`: projects from BibTeX, one report line per entry."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from research.bibtex_import import FAILED, import_bibtex


class Command(BaseCommand):
    help = (
        "Create or update projects from BibTeX entries (a .bib file, or - for standard input). New projects are "
        "drafts, and updates are saved as draft revisions, unless --publish is given. Every problem is reported by "
        "entry; a bad entry does not stop the others. Exits with status 1 when any entry failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="A BibTeX file, or - for standard input.")
        parser.add_argument("--publish", action="store_true", help="Publish new projects and updates.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; save nothing.")

    def handle(self, *args, files, publish, dry_run, **options):
        failed = 0
        for name in files:
            text = self.read(name)
            report = import_bibtex(text, publish=publish, dry_run=dry_run)
            if report.error:
                raise CommandError(f"{name}: {report.error}")
            for entry in report.entries:
                self.write_entry(name, entry)
            self.stdout.write(f"{name}: {report.summary}")
            failed += report.failed
        if failed:
            raise CommandError(f"{failed} entries failed; the others were imported.")

    def read(self, name):
        if name == "-":
            import sys

            return sys.stdin.read()
        path = Path(name)
        try:
            return path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{name}: no such file.") from None
        except UnicodeDecodeError as error:
            raise CommandError(f"{name}: not UTF-8 text ({error.reason} at byte {error.start}).") from None

    def write_entry(self, name, entry):
        title = f" {entry.title!r}" if entry.title else ""
        line = f"{name}: {entry.label}: {entry.status}{title}"
        style = self.style.ERROR if entry.status == FAILED else self.style.SUCCESS
        self.stdout.write(style(line))
        for message in entry.errors:
            self.stdout.write(f"    error: {message}")
        for message in entry.notes:
            self.stdout.write(f"    note: {message}")
