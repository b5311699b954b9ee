"""The kinds of content and the sections of site.yaml, as the apps declare them.

Each app that has content declares it in its own `content` module: `KINDS` (name -> `Kind`), `SITE` (section name ->
`Section`) and `INDEXES` ((index page model, title, slug), made under the home page before anything is imported).
`discover` collects them once every app is loaded (CoreConfig.ready), so core imports no content app. Kinds are
ordered so that every kind comes after the kinds it refers to; among kinds free to go, the app listed first in
INSTALLED_APPS, then the kind declared first, goes first, so the order (and so every id) is the same on every run.
"""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

KINDS = {}  # name -> Kind, in import order
SECTIONS = {}  # name -> Section, in site.yaml's order
INDEXES = []  # (model, title, slug)


def discover():
    from .images import IMAGES

    declared, sections, indexes = {"images": IMAGES}, {}, []
    for config in apps.get_app_configs():
        if config.name == "core" or not module_has_submodule(config.module, "content"):
            continue
        module = import_module(f"{config.name}.content")
        declared.update(getattr(module, "KINDS", {}))
        sections.update(getattr(module, "SITE", {}))
        indexes.extend(getattr(module, "INDEXES", ()))
    KINDS.clear()
    KINDS.update({name: declared[name] for name in import_order(declared)})
    SECTIONS.clear()
    SECTIONS.update(sections)
    INDEXES[:] = indexes


def import_order(kinds):
    """The kinds' names, each after the kinds it depends on (declaration order among those free to go)."""
    waiting = {name: kind.dependencies() for name, kind in kinds.items()}
    for name, needs in waiting.items():
        if unknown := needs - set(kinds):
            raise LookupError(f"The kind {name!r} refers to {', '.join(sorted(unknown))}, which no app declares.")
    order = []
    while waiting:
        ready = next((name for name, needs in waiting.items() if needs <= set(order)), None)
        if ready is None:
            raise LookupError(f"The kinds {', '.join(waiting)} refer to each other in a circle.")
        order.append(ready)
        del waiting[ready]
    return order
