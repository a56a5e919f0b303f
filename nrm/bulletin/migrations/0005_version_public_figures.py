from typing import Any

from django.db import migrations, models


def serve_only_what_was_published(apps: Any, schema_editor: Any) -> None:
    """Versions of editions that publish the figures as recorded keep serving them; a version
    of an edition that hides small numbers serves none (its records' figures never were
    public, and its protected cells were not kept)."""
    version_model = apps.get_model("bulletin", "PublishedVersion")
    for version in version_model.objects.select_related("edition"):
        if version.edition.disclosure == "exact":
            version.public_figures = version.figures
            version.save(update_fields=["public_figures"])


class Migration(migrations.Migration):
    dependencies = [
        ("bulletin", "0004_edition_policy_without_min_cell"),
    ]

    operations = [
        migrations.AddField(
            model_name="publishedversion",
            name="public_figures",
            field=models.JSONField(default=dict, editable=False),
        ),
        migrations.RunPython(serve_only_what_was_published, migrations.RunPython.noop),
    ]
