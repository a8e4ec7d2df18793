"""Originals from the wire: every version kept verbatim, the translation told when it changed.

A story is identified by ``(source, guid)``. A version number orders the versions when
the wire sends one (ninjs, NITF, NewsML-G2); a feed entry has none, so a changed text is
a new version unless its updated time is older than the stored one. The same version
again changes nothing, and is found by its content hash before any row is written.

A story in a foreign language starts untranslated, with the original headline standing
in as its headline until the translator replaces it (lists, slugs and the admin need
one; an untranslated story cannot reach readers). A story already in the site language
starts translated with the original's text, and still goes through review.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.fields import text_of
from articles.models import OriginalVersion, Source, SourceAlert, Story
from articles.statuses import Origin
from articles.timeline import record_event
from ingest.errors import RefusedFile
from ingest.language import detect_language, is_site_language
from ingest.records import StoryRecord
from newsroom import text

# What a wire status other than "usable" records on the story's timeline, for the publisher.
STATUS_EVENTS = {
    "canceled": (
        "articles.story.canceled_by_source",
        gettext_lazy(
            "The source canceled this story (version %(number)d). It was not unpublished: "
            "a publisher decides whether to withdraw it."
        ),
    ),
    "withheld": (
        "articles.story.withheld_by_source",
        gettext_lazy("The source withheld this story for now (version %(number)d)."),
    ),
}
# The timeline actions the wire writes, registered with their labels in IngestConfig.ready().
ACTION_LABELS = {
    "articles.story.canceled_by_source": gettext_lazy("Canceled by the source"),
    "articles.story.withheld_by_source": gettext_lazy("Withheld by the source"),
}
TRANSLATED = Story.TranslationStatus.TRANSLATED


def save_original(
    record: StoryRecord, *, source: Source, story: Story | None, by=None
) -> tuple[str, Story, list[str]]:
    """Store ``record`` as a new story or a new version; return the outcome, story and notes.

    ``story`` is the existing story for the record's guid, locked by the caller.
    """
    notes: list[str] = []
    language = record.language or source.language
    if not language:
        site = record.site
        language = detect_language(" ".join([site.headline, site.standfirst, site.body]))
        notes.append(_("language detected as %(language)s") % {"language": language})
    if story is None:
        story = _create(record, source=source, language=language, by=by)
        outcome = "created"
    else:
        outcome, number = _compare(record, story)
        if outcome == "updated":
            _add_version(story, record, number=number, language=language, notes=notes, by=by)
        else:
            notes.append(number)
    if record.pub_status in STATUS_EVENTS and _flag_status(story, record):
        notes.append(
            _("%(status)s by the source: flagged for the publisher") % {"status": record.pub_status}
        )
        outcome = "updated" if outcome == "unchanged" else outcome
    return outcome, story, notes


def _create(record: StoryRecord, *, source: Source, language: str, by) -> Story:
    in_site_language = is_site_language(language)
    number = record.version or 1
    story = Story.objects.create_story(
        by=by,
        origin=Origin.WIRE,
        note=_("Imported from the wire, version %(n)d") % {"n": number},
        # On creation only: afterwards editors own the tags.
        tags=record.tags,
        source=source,
        guid=record.guid,
        headline=record.site.headline,
        standfirst=record.site.standfirst if in_site_language else "",
        body=record.site.body if in_site_language else "",
        original_url=record.original_url,
        original_language=language,
        embargoed_until=record.embargoed_until,
        translation_status=TRANSLATED if in_site_language else Story.TranslationStatus.UNTRANSLATED,
    )
    version = _version(story, record, number=number, language=language)
    if in_site_language:
        story.translated_from = version
        story.save(update_fields=["translated_from"])
    return story


def _compare(record: StoryRecord, story: Story) -> tuple[str, int | str]:
    """("updated", new number) for a newer version, else ("unchanged", the reason)."""
    latest = story.versions.order_by("-number").first()
    if latest is None:
        return "updated", record.version or 1
    content_hash = OriginalVersion.compute_hash(record.headline, record.standfirst, record.body)
    if record.version is not None:
        if record.version < latest.number:
            return "unchanged", _(
                "version %(number)d is older than the stored version %(latest)d"
            ) % {"number": record.version, "latest": latest.number}
        if record.version == latest.number:
            if content_hash != latest.content_hash:
                raise RefusedFile(
                    _(
                        "Version %(number)d is already stored with a different text; a "
                        "changed story needs a new version number."
                    )
                    % {"number": record.version}
                )
            return "unchanged", _("version %(number)d is already stored") % {
                "number": latest.number
            }
        return "updated", record.version
    if content_hash == latest.content_hash:
        return "unchanged", _("the same text is already stored as version %(number)d") % {
            "number": latest.number
        }
    if (
        record.version_created
        and latest.version_created_at
        and record.version_created < latest.version_created_at
    ):
        return "unchanged", _("this text is older than the stored version %(number)d") % {
            "number": latest.number
        }
    return "updated", latest.number + 1


def _add_version(
    story: Story, record: StoryRecord, *, number: int, language: str, notes: list[str], by
) -> None:
    previous = story.original
    _version(story, record, number=number, language=language)
    story.original_language = language
    story.original_url = record.original_url or story.original_url
    story.embargoed_until = record.embargoed_until
    story.lock_version += 1  # An editor's form opened before this version must not save over it.
    fields = ["original_language", "original_url", "embargoed_until", "lock_version", "modified_at"]
    untouched = previous is None or (story.headline, story.standfirst, story.body) == tuple(
        map(text.strip, (previous.headline, previous.standfirst, previous.body))
    )
    if story.translation_status == TRANSLATED and is_site_language(language) and untouched:
        if story.status == Story.Status.PUBLISHED:
            story.save(update_fields=fields)
            _flag_changed(story, number, notes, alert=not record.is_canceled_or_withheld)
            return
        # Nobody edited the copied text yet: the new original text simply replaces it.
        story.save(update_fields=fields)
        story.change_words(
            text_of(record.site),
            by=by,
            origin=Origin.WIRE,
            note=_("Updated from the wire, version %(n)d") % {"n": number},
        )
        notes.append(_("text replaced by version %(number)d") % {"number": number})
        return
    untranslated = story.translation_status == Story.TranslationStatus.UNTRANSLATED
    story.save(update_fields=fields)
    if untranslated and previous is not None and story.headline == text.strip(previous.headline):
        # Still the placeholder: it follows the original.
        story.change_words(
            {"headline": record.site.headline},
            by=by,
            origin=Origin.WIRE,
            note=_("Headline of version %(n)d, until it is translated") % {"n": number},
        )
    _flag_changed(story, number, notes, alert=not record.is_canceled_or_withheld)


def _flag_changed(story: Story, number: int, notes: list[str], *, alert: bool) -> None:
    """The translation must catch up; the publishers hear of a live story changing, unless
    the same version cancels or withholds it, which is its own alert."""
    before = story.translation_status
    message = _("Version %(number)d of the original arrived; the translation needs updating.") % {
        "number": number
    }
    story.flag_original_changed(note=message)
    if story.translation_status != before:
        notes.append(_("the translation needs updating"))
    if alert and story.raise_alert(SourceAlert.Kind.CHANGED, message=message):
        notes.append(_("the publishers are alerted"))


def _version(story: Story, record: StoryRecord, *, number: int, language: str) -> OriginalVersion:
    return story.versions.create(
        number=number,
        headline=record.headline,
        standfirst=record.standfirst,
        body=record.body,
        byline=record.byline[:300],
        language=language,
        copyright_holder=record.copyright_holder[:300],
        copyright=record.copyright[:500],
        usage_terms=record.usage_terms,
        first_published_at=record.first_created,
        version_created_at=record.version_created,
    )


def _flag_status(story: Story, record: StoryRecord) -> bool:
    """Record a canceled or withheld status once per version; True when it was recorded now."""
    action, note = STATUS_EVENTS[record.pub_status]
    number = story.versions.order_by("-number").values_list("number", flat=True).first() or 0
    note = note % {"number": number}
    if story.events.filter(action=action, note=note).exists():
        return False
    record_event(story, action, from_status=story.status, to_status=story.status, note=note)
    story.raise_alert(record.pub_status, message=note)
    return True
