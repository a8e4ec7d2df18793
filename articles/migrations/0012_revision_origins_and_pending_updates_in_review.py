"""Revisions written before the one door get the origin their note names, and pending
updates that exist now enter review: none goes live unreviewed."""

from django.db import migrations

# Notes the importers, the desk and the restore wrote, most specific first.
ORIGINS = [
    ("Imported from the wire", "wire"),
    ("Updated from the wire", "wire"),
    ("Imported from XLIFF", "xliff"),
    ("Machine draft by", "machine"),
    ("Restored the text of", "restore"),
    ("Imported from ", "archive"),
    ("Updated from ", "archive"),
]


def backfill(apps, schema_editor):
    Revision = apps.get_model("articles", "Revision")
    Story = apps.get_model("articles", "Story")
    for prefix, origin in ORIGINS:
        Revision.objects.filter(origin="admin", note__startswith=prefix).update(origin=origin)
    # The omission note of each story's newest revision is the story's own.
    for story in Story.objects.exclude(omission_note="").only("pk", "omission_note").iterator():
        newest = Revision.objects.filter(story_id=story.pk, pending=False).order_by("-pk").first()
        if newest:
            Revision.objects.filter(pk=newest.pk).update(omission_note=story.omission_note)
    Revision.objects.filter(pending=True).update(update_status="in_review")


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_revision_origin_and_update_review")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
