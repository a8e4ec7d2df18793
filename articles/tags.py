"""Tags readers can follow whatever their script: "Österreich" lives at /tags/österreich/.

taggit keeps Unicode in a tag's slug (``allow_unicode``), so the tag routes take Unicode
slugs too; a name with no letter or digit ("!!!") would slugify to nothing, and gets a
slug made from its name instead, so an empty slug never exists.
"""

import hashlib
import re

from django.db.models.signals import pre_save
from taggit.models import Tag

# What taggit makes of a name with no letter or digit: "" or, when that was taken, "_2".
NOTHING_LEFT = re.compile(r"(?:_(\d+))?")


class UnicodeSlugConverter:
    """Django's ``slug`` converter with Unicode letters, as SlugField(allow_unicode) allows."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def give_every_tag_a_slug(sender, instance, **kwargs):
    match = NOTHING_LEFT.fullmatch(instance.slug)
    if match is None:
        return
    digest = hashlib.sha256(instance.name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    instance.slug = f"tag-{digest}" + (f"-{match[1]}" if match[1] else "")


def connect():
    pre_save.connect(give_every_tag_a_slug, sender=Tag, dispatch_uid="articles.tags.slug")
