"""A correction goes live at once and waits for a second look; older ones do not."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def looked_at_before_the_rule(apps, schema_editor):
    # Corrections published before the second look existed are not put on anyone's queue.
    Correction = apps.get_model("articles", "Correction")
    Correction.objects.filter(second_look_at__isnull=True).update(
        second_look_at=models.F("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_revision_proposed"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="correction",
            name="second_look_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="looked at again"),
        ),
        migrations.AddField(
            model_name="correction",
            name="second_look_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(looked_at_before_the_rule, migrations.RunPython.noop, elidable=True),
    ]
