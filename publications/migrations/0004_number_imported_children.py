"""Number the authors and links that imports saved without a `sort_order`.

`import_publications` (BibTeX, Crossref, arXiv...) saved a paper's authors and links unnumbered, so they came back
in whatever order the database chose: on PostgreSQL a byline could be shuffled, and importing the same file again
reported "updated (authors)". Imports number them now (`core.content.mapping.number_children`); this numbers the
rows already saved, in the order they were written (their primary key), after any row that has a number.
"""

from django.db import migrations

CHILDREN = ("PublicationAuthor", "PublicationLink")


def number_rows(apps, schema_editor):
    for name in CHILDREN:
        model = apps.get_model("publications", name)
        pages = model.objects.filter(sort_order__isnull=True).values_list("page_id", flat=True).distinct()
        for page_id in set(pages):
            rows = sorted(model.objects.filter(page_id=page_id), key=lambda row: (row.sort_order is None, row.pk))
            for position, row in enumerate(rows):
                row.sort_order = position
            model.objects.bulk_update(rows, ["sort_order"])


class Migration(migrations.Migration):
    dependencies = [("publications", "0003_what_projects_still_hold")]

    operations = [migrations.RunPython(number_rows, migrations.RunPython.noop, elidable=True)]
