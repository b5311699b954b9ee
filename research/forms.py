import re

from django import forms
from django.conf import settings

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# An entry starts with @type{ or @type( ; @string, @comment and @preamble are not entries.
ENTRY_START = re.compile(r"^\s*@(?!(?:string|comment|preamble)\b)\w+\s*[{(]", re.IGNORECASE | re.MULTILINE)


def admin_max_entries():
    """Entries one admin request imports at most: each new project costs about 0.1 s (a page, a revision, the search
    and reference indexes), and a request must finish within the server's 30 s timeout."""
    return settings.BIBTEX_ADMIN_MAX_ENTRIES


class BibtexImportForm(forms.Form):
    bibtex = forms.CharField(
        label="BibTeX entries",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false", "class": "monospace"}),
        help_text="Paste one or more entries, e.g. @inproceedings{lin2024awq, title = {...}, ...}.",
    )
    file = forms.FileField(label="or a .bib file", required=False, help_text="UTF-8 text, at most 2 MB.")
    publish = forms.BooleanField(
        required=False, help_text="Publish new projects and updates. Otherwise they wait as drafts for review."
    )
    dry_run = forms.BooleanField(
        label="Check only", required=False, help_text="Report what would happen; save nothing."
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB: split it, or paste the entries.")
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, pasted = cleaned.get("file"), (cleaned.get("bibtex") or "").strip()
        text = pasted
        if upload:
            try:
                file_text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", "The file is not UTF-8 text.")
                return cleaned
            text = f"{file_text}\n{pasted}" if pasted else file_text
        if not text.strip() and not self.errors:
            raise forms.ValidationError("Paste BibTeX entries or choose a .bib file.")
        entries, limit = len(ENTRY_START.findall(text)), admin_max_entries()
        if entries > limit:
            raise forms.ValidationError(
                f"There are {entries} entries; the admin imports at most {limit} at a time. Split the file, or run "
                "`manage.py import_bibtex FILE`, which has no limit."
            )
        cleaned["text"] = text
        return cleaned
