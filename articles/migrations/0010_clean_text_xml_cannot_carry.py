"""Clean the site's text stored before the XML rule (newsroom/text.py) existed.

Stories, revisions (a pending one goes live) and corrections lose the characters XML
cannot carry; originals stay as the source sent them, but their content hash is taken
again on the text as the site reads it, so re-importing the same version stays unchanged.
"""

import hashlib
import re

from django.db import migrations

NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# The same class for PostgreSQL, to visit only the rows that hold such a character.
CANDIDATES = r"[\x01-\x08\x0b\x0c\x0e-\x1f\uFFFE\uFFFF]"
CLEANED = {
    "Story": ["headline", "standfirst", "body", "omission_note"],
    "Revision": ["headline", "standfirst", "body"],
    "Correction": ["text"],
}


def _strip(value):
    return NOT_XML_CHAR.sub("", value)


def _rows_to_clean(model, fields):
    query = None
    for name in fields:
        condition = model.objects.filter(**{f"{name}__regex": CANDIDATES})
        query = condition if query is None else query | condition
    return query.values("pk", *fields)


def clean_text(apps, schema_editor):
    for model_name, fields in CLEANED.items():
        model = apps.get_model("articles", model_name)
        for row in _rows_to_clean(model, fields).iterator():
            model.objects.filter(pk=row["pk"]).update(
                **{name: _strip(row[name]) for name in fields}
            )
    version_model = apps.get_model("articles", "OriginalVersion")
    fields = ["headline", "standfirst", "body"]
    for row in _rows_to_clean(version_model, fields).iterator():
        parts = [_strip(row[name]).replace("\x7f", "") for name in fields]
        content_hash = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
        version_model.objects.filter(pk=row["pk"]).update(content_hash=content_hash)


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_story_search_vector")]

    operations = [migrations.RunPython(clean_text, migrations.RunPython.noop, elidable=True)]
