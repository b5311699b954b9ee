"""publications 0004: the authors and links an import saved unnumbered get a `sort_order`, in the order they were
written, after the rows that have one. Run with the app registry's models (the migration reads nothing else)."""

import importlib

from django.apps import apps

from publications.factories import PublicationIndexPageFactory, PublicationPageFactory
from publications.models import PublicationAuthor, PublicationLink

migration = importlib.import_module("publications.migrations.0004_number_imported_children")


def test_unnumbered_authors_and_links_are_numbered_in_the_order_they_were_written(site_tree):
    page = PublicationPageFactory(parent=PublicationIndexPageFactory(parent=site_tree["home"]))
    numbered = PublicationAuthor.objects.create(page=page, name="Editor's First", sort_order=0)
    for name in ("Ji Lin", "Jiaming Tang", "Song Han"):
        PublicationAuthor.objects.create(page=page, name=name, sort_order=None)
    PublicationLink.objects.create(page=page, kind="code", url="https://github.com/mit-han-lab/a", sort_order=None)
    untouched = PublicationPageFactory(parent=page.get_parent(), slug="other")
    PublicationAuthor.objects.create(page=untouched, name="Alone", sort_order=3)

    migration.number_rows(apps, None)

    byline = list(page.authors.order_by("sort_order").values_list("sort_order", "name"))
    assert byline == [(0, numbered.name), (1, "Ji Lin"), (2, "Jiaming Tang"), (3, "Song Han")]
    assert list(page.links.values_list("sort_order", flat=True)) == [0]
    assert list(untouched.authors.values_list("sort_order", flat=True)) == [3]
