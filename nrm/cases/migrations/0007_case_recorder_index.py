import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The foreign key's own index, by the name Django gave it on SQLite and PostgreSQL alike.
RECORDER_FK_INDEX = "cases_victimcase_created_by_id_0cfc67a1"


class Migration(migrations.Migration):
    """case_recorder_idx (recorder, date, status, forms) in place of the index of the recorder
    alone. Dropping an index directly: altering the field would copy the whole table on SQLite."""

    dependencies = [
        ('accounts', '0004_organisation_services'),
        ('cases', '0006_list_indexes'),
        ('core', '0004_import_batch'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='victimcase',
            index=models.Index(fields=['created_by', 'identified_on', 'status', 'exploitation_forms'], name='case_recorder_idx'),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='victimcase',
                    name='created_by',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by'),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX "{RECORDER_FK_INDEX}"',
                    f'CREATE INDEX "{RECORDER_FK_INDEX}" ON "cases_victimcase" ("created_by_id")',
                ),
            ],
        ),
    ]
