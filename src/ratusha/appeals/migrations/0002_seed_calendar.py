"""Seed the Belarus working-day calendar (2026-2027) shipped with ratusha_core."""

from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from ratusha_core.deadlines import bundled_calendar_file

    HolidayCalendar = apps.get_model("appeals", "HolidayCalendar")
    CalendarEntry = apps.get_model("appeals", "CalendarEntry")
    source = bundled_calendar_file()
    calendar, _ = HolidayCalendar.objects.update_or_create(
        code="BY",
        defaults={
            "name": source.name,
            "covers_from": source.covers_from,
            "covers_until": source.covers_until,
            "weekend": ",".join(str(d) for d in source.weekend),
        },
    )
    for row in source.days:
        CalendarEntry.objects.get_or_create(
            calendar=calendar, day=row.day, kind=row.kind.value, defaults={"name": row.name}
        )


class Migration(migrations.Migration):
    dependencies = [("appeals", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
