"""The endpoint form: the secret is write-only. Left empty it is generated (on creation) or kept (on edit); the
admin sees a generated secret once, in the message after creation (webhooks.wagtail_hooks)."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .models import SECRET_MAX_CHARS, new_secret


class WebhookEndpointForm(WagtailAdminModelForm):
    secret = forms.CharField(
        required=False,
        max_length=SECRET_MAX_CHARS,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="The receiver checks the X-Labcms-Signature header with it (the reference frontend reads it from "
        "REVALIDATE_SECRET). Stored encrypted and never shown again: leave empty to keep the current one (or, for "
        "a new endpoint, to have one generated and shown once); type a new one to replace it.",
    )

    def clean_secret(self):
        typed = self.cleaned_data["secret"]
        if typed:
            return typed
        return self.instance.secret if self.instance.pk else new_secret()
