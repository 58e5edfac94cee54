"""Trigram indexes for the inbox search on PostgreSQL; SQLite keeps scanning (small tier)."""

from django.db import migrations

# The inbox search ORs number, name and text; all three need an index, or it scans.
INDEXES = [
    ("appeal_number_trgm", "number"),
    ("appeal_text_trgm", "text"),
    ("appeal_applicant_name_trgm", "applicant_name"),
]


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON appeals_appeal "  # noqa: S608 - constants
            f"USING gin (upper({column}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("appeals", "0003_inbox_indexes")]
    operations = [migrations.RunPython(create, drop)]
