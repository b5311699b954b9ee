from django.apps import AppConfig


class SeminarsConfig(AppConfig):
    """A content type added the way docs/adding-a-content-type.md says: everything it is, declared here."""

    name = "tests.extension.seminars"
    label = "seminars"
    default_auto_field = "django.db.models.BigAutoField"
