from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared content building blocks"

    def ready(self):
        from . import events
        from .content.registry import discover

        discover()
        events.connect()
