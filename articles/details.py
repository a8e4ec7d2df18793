"""What readers see of a story beside its words: source, original URL, GUID, slug, tags and
embargo. They change through the same door as the words (Story.change_words); a revision
keeps the details it changes in JSON, so a live story's pending update carries them too.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .fields import DETAIL_FIELDS

LABELS = {
    "source": _("Source"),
    "original_url": _("Original URL"),
    "guid": _("GUID"),
    "slug": _("Address"),
    "tags": _("Tags"),
    "embargoed_until": _("Embargo"),
}


def snapshot(story) -> dict:
    """The story's details as they stand, in the form a revision keeps them."""
    return {
        "source": story.source_id,
        "original_url": story.original_url,
        "guid": story.guid,
        "slug": story.slug,
        "tags": sorted(story.tags.names()) if story.pk else [],
        "embargoed_until": _time(story.embargoed_until),
    }


def normalise(details: dict) -> dict:
    """Details as a form or an importer gives them (a Source, a datetime, a list of tag
    names), in the form a revision keeps them."""
    unknown = set(details) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"Not the story's details: {sorted(unknown)}")
    kept = {}
    for name, value in details.items():
        if name == "source":
            value = getattr(value, "pk", value)
        elif name == "tags":
            value = sorted({str(tag).strip() for tag in value if str(tag).strip()})
        elif name == "embargoed_until":
            value = _time(value)
        kept[name] = value
    return kept


def changed(before: dict, after: dict) -> dict:
    """The details of ``after`` that differ from ``before`` (tags whatever their case)."""
    return {
        name: value for name, value in after.items() if not _same(name, before.get(name), value)
    }


def describe(before: dict, after: dict) -> list[str]:
    """One line per changed detail, for the timeline and the reviewer: "Source: A → B"."""
    lines = []
    for name, value in changed(before, after).items():
        if name == "tags":
            old = {tag.casefold(): tag for tag in before.get("tags") or []}
            new = {tag.casefold(): tag for tag in value or []}
            parts = [_("added “%s”") % new[key] for key in sorted(new.keys() - old.keys())]
            parts += [_("removed “%s”") % old[key] for key in sorted(old.keys() - new.keys())]
            shown = ", ".join(str(part) for part in parts)
        else:
            shown = f"{_show(name, before.get(name))} → {_show(name, value)}"
        lines.append(f"{LABELS[name]}: {shown}")
    return lines


def lifts_embargo(before: dict, after: dict, now: datetime | None = None) -> bool:
    """Whether ``after`` ends an embargo that still holds, or moves it earlier."""
    now = now or timezone.now()
    held = _parse(before.get("embargoed_until"))
    if held is None or held <= now or "embargoed_until" not in after:
        return False
    until = _parse(after["embargoed_until"])
    return until is None or until < held


def apply(story, details: dict) -> list[str]:
    """Set ``details`` on ``story`` (tags at once, they are rows); return the fields to save."""
    fields = []
    for name, value in details.items():
        if name == "tags":
            story.tags.set(value)
        elif name == "source":
            story.source_id = value
            fields.append("source")
        elif name == "embargoed_until":
            story.embargoed_until = _parse(value)
            fields.append(name)
        else:
            setattr(story, name, value)
            fields.append(name)
    return fields


def _same(name, old, new):
    if name == "tags":
        return {t.casefold() for t in old or []} == {t.casefold() for t in new or []}
    return old == new


def _time(value):
    return value.isoformat() if isinstance(value, datetime) else value or None


def _parse(value):
    return parse_datetime(value) if isinstance(value, str) else value


def _show(name, value):
    if value in (None, ""):
        return str(_("none"))
    if name == "source":
        from .models import Source

        return str(Source.objects.filter(pk=value).first() or value)
    if name == "embargoed_until":
        return date_format(timezone.localtime(_parse(value)), "DATETIME_FORMAT")
    return str(value)
