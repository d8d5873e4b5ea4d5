import uuid

import django.utils.timezone
from django.db import migrations, models


def give_each_event_its_uid(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    for event in Event.objects.all():
        event.uid = uuid.uuid4()
        event.save(update_fields=["uid"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="uid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_event_its_uid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="event",
            name="uid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Identifies the event in subscribers' calendars; it never changes.",
                unique=True,
                verbose_name="calendar identifier",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="attendance",
            field=models.CharField(
                choices=[
                    ("in-person", "In person"),
                    ("online", "Online"),
                    ("hybrid", "In person and online"),
                ],
                default="in-person",
                max_length=16,
                verbose_name="attendance",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="online_url",
            field=models.URLField(
                blank=True,
                help_text="Where to join an online or hybrid event.",
                verbose_name="online link",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="registration_url",
            field=models.URLField(blank=True, verbose_name="registration link"),
        ),
        migrations.AddField(
            model_name="event",
            name="state_note",
            field=models.CharField(
                blank=True,
                help_text="Shown with a postponed or cancelled event, e.g. “New date to be announced”.",
                max_length=300,
                verbose_name="note on the state",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="state_note_zh_hans",
            field=models.CharField(
                blank=True,
                help_text="Shown with a postponed or cancelled event, e.g. “New date to be announced”.",
                max_length=300,
                null=True,
                verbose_name="note on the state",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="state_note_en",
            field=models.CharField(
                blank=True,
                help_text="Shown with a postponed or cancelled event, e.g. “New date to be announced”.",
                max_length=300,
                null=True,
                verbose_name="note on the state",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="sequence",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="Goes up each time the date, time, place or state changes.",
                verbose_name="revision",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="updated_at",
            field=models.DateTimeField(
                db_index=True,
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="last changed",
            ),
            preserve_default=False,
        ),
    ]
