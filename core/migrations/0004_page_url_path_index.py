"""An index on wagtailcore_page.url_path (PostgreSQL only), for the API's `page(urlPath:)`.

The frontend asks for every page by its path, and grapple looks it up as `url_path = '<site root><path>'`. Wagtail
has no index on url_path, so PostgreSQL scanned the whole page table for it: on the benchmark's large dataset (12,600
pages) 489 buffers and 1.4 ms of the server's time per page request, the slowest of the home page's 29 queries,
growing with the site. With this index the lookup reads 2 buffers in 0.01 ms.

A hash index: the lookup is an equality, and a hash index has no limit on the key's length, where a B-tree refuses
a row whose key is over about 2.7 kB (a deep tree of long slugs could have one, and saving that page would fail).
SQLite (the tests' default database) is left as it is.
"""

from django.db import migrations

INDEX = "core_wagtailcore_page_url_path_hash"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page USING hash (url_path)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_image_is_sample"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
