"""A project holds no paper of its own: publications 0003 moved what projects still held into publications first."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("research", "0005_inline_math_in_callouts"),
        ("publications", "0003_what_projects_still_hold"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="projectpage",
            name="affiliations",
        ),
        migrations.RemoveField(
            model_name="projectpage",
            name="bibtex",
        ),
        migrations.RemoveField(
            model_name="projectpage",
            name="doi",
        ),
        migrations.RemoveField(
            model_name="projectpage",
            name="paper_title",
        ),
        migrations.RemoveField(
            model_name="projectpage",
            name="venue",
        ),
        migrations.AlterField(
            model_name="projectpage",
            name="year",
            field=models.PositiveSmallIntegerField(
                blank=True, help_text="The year the project first appeared; listings sort by it.", null=True
            ),
        ),
        migrations.DeleteModel(
            name="ProjectAuthor",
        ),
    ]
