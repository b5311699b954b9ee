import re

from django import forms
from django.conf import settings
from wagtail.admin.forms import WagtailAdminPageForm

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
SOURCES = [("doi", "DOI (Crossref)"), ("arxiv", "arXiv id"), ("orcid", "ORCID iD (the person's works)"),
           ("bibtex", "BibTeX")]  # fmt: skip
# An entry starts with @type{ or @type( ; @string, @comment and @preamble are not entries.
ENTRY_START = re.compile(r"^\s*@(?!(?:string|comment|preamble)\b)\w+\s*[{(]", re.IGNORECASE | re.MULTILINE)


class PublicationImportForm(forms.Form):
    source = forms.ChoiceField(choices=SOURCES, widget=forms.RadioSelect, initial="doi")
    value = forms.CharField(
        label="DOI, arXiv id or ORCID iD",
        required=False,
        max_length=200,
        help_text="E.g. 10.1145/3620666.3651335, 2309.17453 or 0000-0002-1825-0097.",
    )
    bibtex = forms.CharField(
        label="BibTeX entries",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false", "class": "monospace"}),
    )
    file = forms.FileField(label="or a .bib file", required=False, help_text="UTF-8 text, at most 2 MB.")
    dry_run = forms.BooleanField(
        label="Check only", required=False, help_text="Report what would happen; save nothing."
    )

    def clean(self):
        cleaned = super().clean()
        source = cleaned.get("source")
        if source == "bibtex":
            upload = cleaned.get("file")
            text = (cleaned.get("bibtex") or "").strip()
            if upload:
                if upload.size > MAX_UPLOAD_BYTES:
                    raise forms.ValidationError("The file is larger than 2 MB: split it, or use the command.")
                try:
                    text = upload.read().decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise forms.ValidationError("The file is not UTF-8 text.") from None
            if not text:
                raise forms.ValidationError("Paste BibTeX entries or choose a .bib file.")
            entries, limit = len(ENTRY_START.findall(text)), settings.BIBTEX_ADMIN_MAX_ENTRIES
            if entries > limit:
                raise forms.ValidationError(
                    f"There are {entries} entries; the admin imports at most {limit} at a time (a request must end "
                    "within the server's timeout). Split the file, or run `manage.py import_publications --bibtex "
                    "FILE`, which has no limit."
                )
            cleaned["text"] = text
        elif source and not (cleaned.get("value") or "").strip():
            self.add_error("value", "Type the DOI, arXiv id or ORCID iD to import.")
        return cleaned


class PublicationPageForm(WagtailAdminPageForm):
    """The publication's edit form. A field an import wrote and an editor then changes becomes the editor's
    (`provenance` says "editor"), so the next import keeps the editor's value instead of writing over it."""

    def save(self, commit=True):
        page = super().save(commit=False)
        provenance = dict(page.provenance or {})
        changed = {*self.changed_data, *(name for name, formset in self.formsets.items() if formset.has_changed())}
        for name in changed & provenance.keys():
            provenance[name] = "editor"
        page.provenance = provenance
        if commit:
            page.save()
            self.save_m2m()
        return page
