"""Each paper news item announcing a project points at that project's publication, where that is certain: the
project has exactly one publication (the paper publications' 0002 made from the project's own), and the item names
no venue or the publication's. The latest revision gets the link too, so the next edit keeps it."""

from django.db import migrations


def forwards(apps, schema_editor):
    NewsPage = apps.get_model("news", "NewsPage")
    PublicationPage = apps.get_model("publications", "PublicationPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    items = NewsPage.objects.filter(kind="paper", publication__isnull=True, project__isnull=False)
    for item in items:
        publications = list(PublicationPage.objects.filter(projects=item.project_id)[:2])
        if len(publications) != 1:
            continue
        (publication,) = publications
        venues = {publication.venue_short.lower(), publication.venue_name.lower()} - {""}
        if item.venue and item.venue.lower() not in venues:
            continue
        NewsPage.objects.filter(pk=item.pk).update(publication=publication)
        revision = Revision.objects.filter(pk=item.latest_revision_id).first()
        if revision is not None:
            revision.content["publication"] = publication.pk
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0007_news_item_announces_publication"),
        ("publications", "0002_project_papers"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
