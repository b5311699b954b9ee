from django import forms
from django.utils import timezone

from .models import PreviewLink


class PreviewLinkForm(forms.ModelForm):
    expires_at = forms.DateTimeField(
        label="Valid until",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="The link stops working at this time. Pick any time within the allowed maximum.",
    )

    class Meta:
        model = PreviewLink
        fields = ["expires_at"]

    def __init__(self, *args, page, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.page = page
        self.instance.created_by = user
        if not self.is_bound:
            default = timezone.localtime() + PreviewLink.longest_validity() / 2
            self.initial["expires_at"] = default.strftime("%Y-%m-%dT%H:%M")
