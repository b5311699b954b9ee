"""Template tags for the admin's own templates that this project overrides."""

from django import template

from core.paths import frontend_url

register = template.Library()

register.simple_tag(frontend_url, name="frontend_url")
