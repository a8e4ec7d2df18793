"""Beyond the words: a live story's source, URL, GUID, tags and embargo change only through
review, and lifting an embargo is a publisher's call with a note."""

import pytest
from django.utils import timezone

from articles.models import Story
from audit.models import AuditEntry
from tests.articles.states import review_update
from tests.articles.test_admin_workflow import change_url, form_data
from tests.conftest import make_published_story, make_source, make_story, make_user

pytestmark = pytest.mark.django_db

S = Story.Status
LATER = timezone.now() + timezone.timedelta(days=2)


def post(client, story, user, **changes):
    client.force_login(user)
    response = client.post(change_url(story), form_data(story, story.lock_version, **changes))
    return response


def embargo_fields(moment):
    local = timezone.localtime(moment)
    return {
        "embargoed_until_0": local.strftime("%Y-%m-%d"),
        "embargoed_until_1": local.strftime("%H:%M:%S"),
    }


@pytest.fixture
def translator():
    return make_user("Translator")


@pytest.mark.parametrize(
    ("field", "value", "line"),
    [
        ("original_url", "https://outlet.example/moved", "Original URL: "),
        ("guid", "urn:test:renamed", "GUID: "),
        ("tags", "Ukraine, Österreich", "Tags: added “Österreich”"),
        ("source", "other", "Source: "),
    ],
)
def test_a_translators_change_to_a_live_storys_details_waits_as_a_pending_update(
    client, translator, field, value, line
):
    story = make_published_story(tags=["Ukraine"])
    if value == "other":
        value = make_source(name="Another outlet").pk
    live = (story.source_id, story.original_url, story.guid, sorted(story.tags.names()))

    response = post(client, story, translator, **{field: value})

    assert response.status_code == 302, response.context["adminform"].form.errors
    story.refresh_from_db()
    assert (story.source_id, story.original_url, story.guid, sorted(story.tags.names())) == live
    update = story.pending_revision
    assert field in update.details
    event = story.events.get(action="articles.update.edited")
    assert line in event.note
    assert AuditEntry.objects.filter(action="articles.update.edited", note__contains=line).exists()
    page = client.get(change_url(story)).content.decode()
    assert "The update also changes" in page
    assert line in page


def test_the_reviewed_update_puts_its_details_live(client, translator):
    story = make_published_story(tags=["Ukraine"])
    post(client, story, translator, tags="Ukraine, Kursk", original_url="https://o.example/new")
    review_update(story, translator)

    story.publish_update(by=make_user("Publisher"))

    story.refresh_from_db()
    assert sorted(story.tags.names()) == ["Kursk", "Ukraine"]
    assert story.original_url == "https://o.example/new"


def test_a_details_change_sends_an_approved_story_back_to_review(client, translator):
    story = make_story(status=S.APPROVED, tags=["Ukraine"])

    post(client, story, translator, tags="Ukraine, Kursk")

    story.refresh_from_db()
    assert story.status == S.IN_REVIEW
    assert "Tags: added “Kursk”" in story.events.get(action="articles.story.reopened").note


def test_a_translator_cannot_lift_an_embargo(client, translator):
    story = make_story(embargoed_until=LATER)

    response = post(client, story, translator, embargoed_until_0="", embargoed_until_1="")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["embargoed_until"] == [
        "Only a publisher may lift an embargo; ask one, or leave the time as it is."
    ]
    story.refresh_from_db()
    assert story.embargoed_until is not None


def test_a_publisher_lifts_an_embargo_only_with_a_note(client):
    publisher = make_user("Publisher")
    story = make_story(embargoed_until=LATER)

    refused = post(client, story, publisher, embargoed_until_0="", embargoed_until_1="")
    assert (
        "needs a note saying why" in refused.context["adminform"].form.errors["embargoed_until"][0]
    )

    lifted = post(
        client,
        story,
        publisher,
        embargoed_until_0="",
        embargoed_until_1="",
        revision_note="The agency lifted it early.",
    )

    assert lifted.status_code == 302
    story.refresh_from_db()
    assert story.embargoed_until is None
    assert "Embargo: " in story.events.get(action="articles.story.edited").note


def test_moving_an_embargo_later_is_anyones_edit(client, translator):
    story = make_story(embargoed_until=LATER)

    response = post(client, story, translator, **embargo_fields(LATER + timezone.timedelta(days=1)))

    assert response.status_code == 302, response.context["adminform"].form.errors
    story.refresh_from_db()
    assert story.embargoed_until > LATER
