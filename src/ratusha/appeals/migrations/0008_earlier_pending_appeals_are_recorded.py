"""Appeals left "pending" by the code before 0007 were already announced and receipted.

Before 0007 the request itself entered the registration in the ledger, proposed the
publication and queued the receipt; the worker only triaged. From 0007 the worker does
all of that for a "pending" appeal, so appeals still pending from before would be
announced twice. They are moved to "recorded", which the worker takes on from triage.
"""

from django.db import migrations


def mark_recorded(apps, schema_editor):  # type: ignore[no-untyped-def]
    appeal = apps.get_model("appeals", "Appeal")
    appeal.objects.filter(processing="pending").update(processing="recorded")


class Migration(migrations.Migration):
    dependencies = [("appeals", "0007_recorded_and_covering_indexes")]

    operations = [migrations.RunPython(mark_recorded, migrations.RunPython.noop)]
