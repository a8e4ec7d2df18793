"""One rule for text that enters, XML 1.0's Char: forms refuse, imports strip, output filters."""

import hashlib
import importlib
import json
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from taggit.models import Tag

from articles.models import OriginalVersion, Revision, Story
from comments.models import Comment
from ingest.importer import import_data
from newsroom import text
from newsroom.text import XMLCharValidator
from tests.articles.test_admin_workflow import change_url, form_data, logged_in
from tests.comments.conftest import post_comment
from tests.conftest import make_published_story, make_story, make_user
from tests.documents import fetch_every_xml_document
from translation.drafts import create_machine_draft
from translation.machine import DemoBackend
from translation.xliff import XliffError, export_stories, import_xliff

pytestmark = pytest.mark.django_db

# What Word, a wire or a careless CMS sends that XML 1.0 cannot carry.
FORBIDDEN = {
    "vertical tab": "\x0b",
    "unit separator": "\x1f",
    "bell": "\x07",
    "U+FFFE": "\ufffe",
    "U+FFFF": "\uffff",
}
OUR_APPS = {"articles", "comments", "ingest", "translation", "pictures", "accounts", "audit"}


def no_forbidden_character(content: bytes):
    decoded = content.decode()
    return text.first_invalid(decoded) is None


# The rule itself.


def test_the_refusal_names_the_character_and_where_it_is():
    message = text.refusal("First line\nSecond\x0bline", field="Body")

    assert message.startswith("Body contains a control character (U+000B) at line 2, character 7")


def test_text_xml_can_carry_is_left_alone():
    allowed = "Tab\tline\ncarriage\r Österreich 東京 😀 \u007f \u0085 \ufffd"

    assert text.refusal(allowed) is None
    assert text.strip(allowed) == allowed


@pytest.mark.parametrize("char", FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_output_filtering_removes_every_forbidden_character(char):
    assert text.safe_bytes(f"<p>a{char}b</p>".encode()) == b"<p>ab</p>"


# Forms refuse, naming the field and the position.


@pytest.mark.parametrize("field", ["headline", "standfirst", "body"])
def test_the_story_form_refuses_a_control_character_pasted_from_word(client, field):
    story = make_story(headline="Clean headline", body="Clean body.")
    logged_in(client, "Translator")

    response = client.post(
        change_url(story), form_data(story, story.lock_version, **{field: "Pasted\x0bfrom Word"})
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors[field]
    label = str(Story._meta.get_field(field).verbose_name).capitalize()
    assert errors == [
        f"{label} contains a control character (U+000B) at character 7, which cannot be "
        "published. Text pasted from a word processor often brings one along: delete it and "
        "save again."
    ]
    story.refresh_from_db()
    assert (story.headline, story.body, story.lock_version) == ("Clean headline", "Clean body.", 0)
    assert not story.revisions.exists()


def test_the_story_form_refuses_a_control_character_in_a_tag(client):
    story = make_story()
    logged_in(client, "Translator")

    response = client.post(
        change_url(story), form_data(story, story.lock_version, tags="Ukraine, Kur\x1fsk")
    )

    assert response.status_code == 200
    assert "U+001F" in response.context["adminform"].form.errors["tags"][0]
    assert not Tag.objects.exists()


@pytest.mark.parametrize("field", ["name", "body"])
def test_a_comment_with_a_forbidden_character_is_refused(client, field):
    story = make_published_story()

    response = post_comment(client, story, **{field: "Hello\ufffe there"})

    assert response.status_code == 400
    assert "a non-character (U+FFFE) at character 6" in response.content.decode()
    assert not Comment.objects.exists()


def test_every_admin_form_of_the_newsroom_refuses_what_xml_cannot_carry(rf: RequestFactory):
    """The doors: every text field of every admin form and inline the newsroom registers."""
    request = rf.get("/")
    request.user = make_user(is_superuser=True, is_staff=True)
    checked = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        admins = [model_admin, *model_admin.get_inline_instances(request)]
        for each in admins:
            form = each.get_formset(request).form if each is not model_admin else None
            form = form or model_admin.get_form(request)
            for name, field in form().fields.items():
                if isinstance(field, forms.CharField):
                    assert any(isinstance(v, XMLCharValidator) for v in field.validators), (
                        f"{type(each).__name__}.{name} takes text without the XML rule"
                    )
                    checked.append(name)
    assert {"headline", "body", "tags", "alt_text", "name", "rendering"} <= set(checked)


# Imports and machine drafts strip, and say so.


def ninjs(*, headline, body, version=1, language="en"):
    return json.dumps(
        {
            "uri": "urn:wire:control",
            "version": str(version),
            "versionCreated": f"2026-09-0{version}T09:15:00Z",
            "pubStatus": "usable",
            "language": language,
            "copyrightHolder": "Wire",
            "headlines": [{"role": "main", "value": headline}],
            "bodies": [{"role": "main", "contentType": "text/plain", "value": body}],
        }
    ).encode()


def import_one(data, name="wire.json"):
    (result,) = import_data(data, path=Path(name))
    return result


def test_a_wire_story_is_imported_stripped_and_the_import_line_says_so(client):
    result = import_one(ninjs(headline="Flood warning\ufffe", body="Rivers\x07 rose."))

    assert result.outcome == "created", result.detail
    assert "removed characters XML cannot carry (U+0007, U+FFFE)" in result.detail
    assert "from headline, body" in result.detail
    story = result.story
    assert (story.headline, story.body) == ("Flood warning", "Rivers rose.")
    original = story.original
    assert (original.headline, original.body) == ("Flood warning\ufffe", "Rivers\x07 rose.")


def test_the_same_wire_version_imported_again_is_unchanged():
    data = ninjs(headline="Flood\x0b warning", body="Rivers rose.")
    import_one(data)

    assert import_one(data).outcome == "unchanged"


def test_a_lone_surrogate_in_a_wire_file_is_dropped_not_a_failure():
    result = import_one(ninjs(headline="Flood \ud800warning", body="Rivers rose."))

    assert result.outcome == "created", result.detail
    assert result.story.original.headline == "Flood warning"


def test_a_scrape_pasted_from_word_is_imported_stripped_and_says_so():
    data = b"Headline\x01 here\n\nFirst\x02 paragraph.\n\nSource: Stern\n"

    result = import_one(data, name="scrape.txt")

    assert result.outcome == "created", result.detail
    assert "removed characters XML cannot carry (U+0001, U+0002)" in result.detail
    assert result.story.headline == "Headline here"


def test_a_machine_draft_is_stripped_and_the_timeline_says_so():
    class ControlEngine(DemoBackend):
        def translate(self, texts, *, source, target):
            return [f"{t[:2]}\x07{t[2:]}" for t in texts]

    story = make_story(
        headline="Hochwasser", body="", translation_status=Story.TranslationStatus.UNTRANSLATED
    )
    OriginalVersion.objects.create(story=story, number=1, headline="Hochwasser", body="Flüsse.")

    create_machine_draft(story, by=make_user("Translator"), backend=ControlEngine())

    story.refresh_from_db()
    assert (story.headline, story.body) == ("Hochwasser", "Flüsse.")
    assert story.events.last().note == (
        "Drafted by Demo engine. Removed a character XML cannot carry (U+0007) from headline, body."
    )


def test_an_xliff_file_with_a_control_character_is_refused_naming_the_unit():
    story = make_story(translation_status=Story.TranslationStatus.UNTRANSLATED)
    OriginalVersion.objects.create(story=story, number=1, headline="Kopf", body="Absatz.")
    data = export_stories([story]).replace(b">Absatz.</source>", b">Ab\x0bsatz.</source>")

    with pytest.raises(XliffError, match=r"Unit “p1” contains a control character \(U\+000B\)"):
        import_xliff(data, by=make_user("Translator"))


def test_an_xliff_export_of_an_original_with_a_control_character_is_well_formed():
    story = make_story(translation_status=Story.TranslationStatus.UNTRANSLATED)
    OriginalVersion.objects.create(story=story, number=1, headline="Kopf\x0b", body="Ab\x07satz.")

    data = export_stories([story])

    assert no_forbidden_character(data)
    assert b'<source xml:lang="de">Absatz.</source>' in data


# Output: whatever is stored, nothing XML cannot carry is emitted.


@pytest.mark.parametrize("char", FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_a_story_stored_before_the_rule_leaves_every_feed_and_sitemap_well_formed(client, char):
    story = make_published_story(tags=["Ukraine"])
    Story.objects.filter(pk=story.pk).update(
        headline=f"Pasted{char} headline", standfirst=f"A{char}b", body=f"Body{char} text."
    )
    Tag.objects.filter(name="Ukraine").update(name=f"Ukr{char}aine")

    documents = fetch_every_xml_document(client)

    assert len(documents) >= 8
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert no_forbidden_character(page.content)
    assert "Pasted headline" in page.content.decode()


def test_every_feed_and_sitemap_is_well_formed_after_each_kind_of_entry(client):
    """The wire, the scrape and a machine draft each strip; the feeds stay readable."""
    publisher = make_user("Publisher")
    wire = import_one(ninjs(headline="Wire\x0b story", body="Wire\ufffe body.")).story
    scrape = import_one(b"Scrape\x01 story\n\nBody\x02 text.\n\nSource: Stern\n", "s.txt").story
    for story in [wire, scrape]:
        Story.objects.filter(pk=story.pk).update(status=Story.Status.APPROVED)
        story.refresh_from_db()
        story.original_url = story.original_url or "https://outlet.example/a"
        story.save(update_fields=["original_url"])
        story.publish(by=publisher)

    documents = fetch_every_xml_document(client)

    assert len(documents) >= 8


# Text stored before the rule is cleaned by a migration.


def test_the_migration_cleans_stored_text_and_the_same_wire_version_stays_unchanged():
    data = ninjs(headline="Flood\ufffe warning", body="Rivers\x0b rose.")
    story = import_one(data).story
    # As the code before the rule stored it: the text as sent, hashed as sent.
    Story.objects.filter(pk=story.pk).update(headline="Flood\ufffe warning")
    Revision.objects.filter(story=story).update(body="Rivers\x0b rose.")
    raw_hash = hashlib.sha256("\x1f".join(["Flood\ufffe warning", "", "Rivers rose."]).encode())
    OriginalVersion.objects.filter(story=story).update(
        body="Rivers rose.", content_hash=raw_hash.hexdigest()
    )

    migration = importlib.import_module("articles.migrations.0010_clean_text_xml_cannot_carry")
    migration.clean_text(apps, None)

    story.refresh_from_db()
    assert story.headline == "Flood warning"
    assert story.revisions.get().body == "Rivers rose."
    assert import_one(data).outcome == "unchanged"
