"""`manage.py import_publications --bibtex FILE | --doi DOI | --arxiv ID | --orcid ID`: one report line per paper.

New publications are drafts for an editor to review; see publications/importing.py for matching and what is kept.
A BibTeX file's entries are reported one by one (key and line): a bad entry is reported and the others go ahead.
Exits with status 1 on bad input, an unreachable source or any paper that failed.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from publications.importing import FAILED, import_found
from publications.sources import SourceError, arxiv, bibtex_entries, crossref, orcid_works


class Command(BaseCommand):
    help = "Import publications from a BibTeX file, a DOI (Crossref), an arXiv id or an ORCID iD's works."

    def add_arguments(self, parser):
        sources = parser.add_mutually_exclusive_group(required=True)
        sources.add_argument("--bibtex", metavar="FILE", help="A BibTeX file, or - for standard input.")
        sources.add_argument("--doi", metavar="DOI", action="append", help="A DOI; may be given several times.")
        sources.add_argument("--arxiv", metavar="ID", action="append", help="An arXiv id; may be given several times.")
        sources.add_argument("--orcid", metavar="ID", help="An ORCID iD: the person's works.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; save nothing.")

    def handle(self, *args, bibtex, doi, arxiv, orcid, dry_run, **options):
        try:
            found = self.found(bibtex, doi, arxiv, orcid)
        except SourceError as error:
            raise CommandError(str(error)) from None
        failed = 0
        for paper in found:
            outcome = import_found(paper, dry_run=dry_run)
            line = f"{outcome.label}: {outcome.status}"
            if outcome.changed:
                line += f" ({', '.join(outcome.changed)})"
            if outcome.message:
                line += f": {outcome.message}"
            failed += outcome.status == FAILED
            self.stdout.write(self.style.ERROR(line) if outcome.status == FAILED else line)
            for note in outcome.notes:
                self.stdout.write(f"    note: {note}")
        if failed:
            raise CommandError(f"{failed} of {len(found)} failed; the others were imported.")

    def found(self, bibtex, dois, arxiv_ids, orcid):
        if bibtex == "-":
            return bibtex_entries(sys.stdin.read())
        if bibtex:
            try:
                text = Path(bibtex).read_text(encoding="utf-8-sig")
            except FileNotFoundError:
                raise SourceError(f"{bibtex}: no such file.") from None
            except UnicodeDecodeError as error:
                raise SourceError(f"{bibtex}: not UTF-8 text ({error.reason} at byte {error.start}).") from None
            return bibtex_entries(text)
        if dois:
            return [crossref(value) for value in dois]
        if arxiv_ids:
            return [arxiv(value) for value in arxiv_ids]
        return orcid_works(orcid)
