"""The "recorded" processing step, and covering inbox indexes on PostgreSQL.

- ``processing`` gains "recorded": the registration went to the ledger and publication
  and the receipt was queued, in the worker; triage is still to run (no table change).
- The department inbox counts and sorts open appeals, and pages through the rest newest
  first, under the conditions ``scoped()`` adds (``body_id``). With the body and the sort
  columns inside the index, PostgreSQL answers from the index alone (an index-only scan)
  instead of visiting thousands of table pages per view (benchmarks/inbox_latency.md).
  SQLite has no INCLUDE columns and keeps the plain indexes of the model.
"""

from django.db import migrations, models

INDEXES = [
    (
        "appeal_department_open_cover",
        "(department_id, state, due_date) INCLUDE (body_id, registered_at, id)",
    ),
    (
        "appeal_department_recent_cover",
        "(department_id, registered_at DESC, id DESC) INCLUDE (state, body_id)",
    ),
]


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON appeals_appeal {columns}")


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _columns in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("appeals", "0006_public_indexes")]
    operations = [
        migrations.AlterField(
            model_name="appeal",
            name="processing",
            field=models.CharField(
                choices=[
                    ("pending", "Pending processing"),
                    ("recorded", "Recorded, triage pending"),
                    ("done", "Processed"),
                    ("failed", "Processing failed"),
                ],
                default="pending",
                max_length=10,
                verbose_name="processing",
            ),
        ),
        migrations.RunPython(create, drop),
    ]
