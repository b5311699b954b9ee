from django import forms

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
SOURCES = [("doi", "DOI (Crossref)"), ("arxiv", "arXiv id"), ("orcid", "ORCID iD (the person's works)"),
           ("bibtex", "BibTeX")]  # fmt: skip


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
            cleaned["text"] = text
        elif source and not (cleaned.get("value") or "").strip():
            self.add_error("value", "Type the DOI, arXiv id or ORCID iD to import.")
        return cleaned
