"""Versions from the wire: the same, a newer, an older and a canceled version of one story."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from articles.models import OriginalVersion, Story
from ingest.importer import import_data
from tests.conftest import make_source, make_user

pytestmark = pytest.mark.django_db

T = Story.TranslationStatus


def ninjs(
    version=1, *, headline="Hochwasser im Süden", body="Flüsse traten über die Ufer.", **extra
):
    item = {
        "uri": "urn:dpa:flood",
        "version": str(version),
        "versionCreated": f"2024-09-0{version}T10:00:00Z" if version < 10 else None,
        "pubStatus": "usable",
        "language": "de",
        "copyrightHolder": "dpa",
        "headlines": [{"role": "main", "value": headline}],
        "bodies": [{"role": "main", "contentType": "text/plain", "value": body}],
    }
    return json.dumps(item | extra).encode()


def import_one(data, **options):
    (result,) = import_data(data, path=Path("flood.json"), **options)
    return result


def test_a_foreign_original_creates_an_untranslated_story_with_the_original_kept_verbatim():
    result = import_one(ninjs(subjects=[{"name": "Wetter"}]))

    story = result.story
    version = story.original
    assert result.outcome == "created"
    assert result.detail == "“Hochwasser im Süden” from dpa (version 1)"
    assert story.translation_status == T.UNTRANSLATED
    assert story.headline == "Hochwasser im Süden", (
        "the original headline stands in until translated"
    )
    assert (story.standfirst, story.body) == ("", ""), "the translation starts empty"
    assert story.original_language == "de"
    assert (version.number, version.body, version.language) == (
        1,
        "Flüsse traten über die Ufer.",
        "de",
    )
    assert version.version_created_at == datetime(2024, 9, 1, 10, 0, tzinfo=UTC)
    assert version.content_hash == OriginalVersion.compute_hash(
        "Hochwasser im Süden", "", "Flüsse traten über die Ufer."
    )
    assert list(story.tags.names()) == ["Wetter"]
    assert story.source.name == "dpa"


def test_the_same_version_again_is_unchanged_and_writes_nothing(django_assert_max_num_queries):
    import_one(ninjs())
    modified = Story.objects.get().modified_at

    with django_assert_max_num_queries(8):
        result = import_one(ninjs())

    assert result.outcome == "unchanged"
    assert result.detail.endswith("; version 1 is already stored")
    assert OriginalVersion.objects.count() == 1
    assert Story.objects.get().modified_at == modified, "a repeat must not rewrite the story"


def test_a_newer_version_is_kept_beside_the_old_one_and_flags_a_translated_story():
    story = import_one(ninjs()).story
    translator = make_user("Translator")
    story.start_translation(by=translator)
    story.mark_translated(by=translator)

    result = import_one(ninjs(2, body="Flüsse traten über die Ufer. Zwei Tote."))

    story.refresh_from_db()
    assert result.outcome == "updated"
    assert "the translation needs updating" in result.detail
    assert [v.number for v in story.versions.all()] == [2, 1]
    assert story.original.body == "Flüsse traten über die Ufer. Zwei Tote."
    assert story.translation_status == T.NEEDS_UPDATE
    event = story.events.filter(action="articles.translation.needs_update").get()
    assert event.note == "Version 2 of the original arrived; the translation needs updating."


def test_a_newer_version_of_a_reviewed_story_needs_an_update_too():
    story = import_one(ninjs()).story
    Story.objects.filter(pk=story.pk).update(translation_status=T.REVIEWED)

    import_one(ninjs(3, headline="Hochwasser: zwei Tote"))

    story.refresh_from_db()
    assert story.translation_status == T.NEEDS_UPDATE
    assert story.original.number == 3


def test_a_newer_version_of_an_untranslated_story_moves_its_placeholder_headline():
    import_one(ninjs())

    import_one(ninjs(2, headline="Hochwasser: zwei Tote"))

    story = Story.objects.get()
    assert story.headline == "Hochwasser: zwei Tote"
    assert story.translation_status == T.UNTRANSLATED, "nothing was translated to update"


def test_an_older_version_is_unchanged_with_that_reason():
    import_one(ninjs(3))

    result = import_one(ninjs(2, body="Alter Text."))

    assert result.outcome == "unchanged"
    assert result.detail.endswith("version 2 is older than the stored version 3")
    assert Story.objects.get().original.body == "Flüsse traten über die Ufer."


def test_the_same_version_number_with_other_text_is_refused():
    import_one(ninjs())

    result = import_one(ninjs(1, body="Anderer Text."))

    assert result.outcome == "refused"
    assert "Version 1 is already stored with a different text" in result.detail


def test_a_canceled_version_flags_the_story_for_the_publisher_and_never_unpublishes_it():
    story = import_one(ninjs(headline="Hurricane hits the coast", language="en")).story
    Story.objects.filter(pk=story.pk).update(
        status=Story.Status.PUBLISHED, published_at=datetime(2024, 9, 1, tzinfo=UTC)
    )

    result = import_one(
        ninjs(2, headline="Hurricane hits the coast", language="en", pubStatus="canceled")
    )

    story.refresh_from_db()
    assert result.outcome == "updated"
    assert "canceled by the source: flagged for the publisher" in result.detail
    assert story.status == Story.Status.PUBLISHED, "a wire cancel never unpublishes silently"
    event = story.events.get(action="articles.story.canceled_by_source")
    assert "a publisher decides whether to withdraw it" in event.note
    again = import_one(
        ninjs(2, headline="Hurricane hits the coast", language="en", pubStatus="canceled")
    )
    assert again.outcome == "unchanged", "the same cancel twice is one flag"
    assert story.events.filter(action="articles.story.canceled_by_source").count() == 1


def test_a_story_in_the_site_language_starts_translated_with_its_text_copied():
    result = import_one(
        ninjs(headline="Floods in the south", body="Rivers rose.", language="en-GB")
    )

    story = result.story
    assert story.translation_status == T.TRANSLATED, "it needs no translation, only review"
    assert story.status == Story.Status.NEW
    assert (story.headline, story.body) == ("Floods in the south", "Rivers rose.")
    assert story.translated_from == story.original
    assert story.revisions.count() == 1


def test_a_new_version_replaces_unedited_copied_text_but_flags_edited_text():
    import_one(ninjs(headline="Floods", body="Rivers rose.", language="en"))

    import_one(ninjs(2, headline="Floods", body="Rivers rose fast.", language="en"))
    story = Story.objects.get()
    assert story.body == "Rivers rose fast."
    assert story.translation_status == T.TRANSLATED

    Story.objects.filter(pk=story.pk).update(body="Rivers rose fast, an editor wrote.")
    result = import_one(ninjs(3, headline="Floods", body="Rivers fell.", language="en"))
    story.refresh_from_db()
    assert story.body == "Rivers rose fast, an editor wrote.", (
        "an editor's text is never overwritten"
    )
    assert story.translation_status == T.NEEDS_UPDATE
    assert "the translation needs updating" in result.detail


def test_feed_entries_without_a_version_are_versioned_by_their_text_and_time():
    source = make_source(name="Le Monde", language="fr")

    def entry(text, updated):
        return f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
        <title>Le Monde</title><id>urn:lm</id><updated>{updated}</updated>
        <entry><title>Titre</title><id>urn:lm:1</id><updated>{updated}</updated>
        <content type="html">&lt;p&gt;{text}&lt;/p&gt;</content></entry></feed>""".encode()

    first = import_one(entry("Un.", "2024-09-02T10:00:00Z"), source=source)
    same = import_one(entry("Un.", "2024-09-02T10:00:00Z"), source=source)
    newer = import_one(entry("Deux.", "2024-09-02T11:00:00Z"), source=source)
    older = import_one(entry("Zéro.", "2024-09-02T09:00:00Z"), source=source)

    assert [r.outcome for r in (first, same, newer, older)] == [
        "created",
        "unchanged",
        "updated",
        "unchanged",
    ]
    assert older.detail.endswith("this text is older than the stored version 2")
    assert [v.body for v in first.story.versions.all()] == ["Deux.", "Un."]


def test_a_story_without_a_language_has_it_detected_and_says_so():
    source = make_source(language="")
    data = json.dumps(
        {
            "uri": "urn:x",
            "headline": "Der Trainer regte sich nach dem Spiel mächtig auf",
            "body_text": "Für Lucien Favre war es der größte Skandal im Fußball seit Jahren.",
        }
    ).encode()

    result = import_one(data, source=source)

    assert result.story.original_language == "de"
    assert "language detected as de" in result.detail
