from django import forms

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


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
        cleaned["text"] = text
        return cleaned
