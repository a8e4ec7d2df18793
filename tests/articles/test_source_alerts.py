"""When the source cancels or changes a live story, every publisher hears of it at once; and
the page says which version of the original it translates."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import SourceAlert, Story, WorkflowError
from ingest.importer import import_data
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

S = Story.Status


def ninjs(version, *, status="usable", body="Flüsse traten über die Ufer."):
    return json.dumps(
        {
            "uri": "urn:dpa:flood",
            "version": str(version),
            "versionCreated": f"2026-09-0{version}T07:15:00Z",
            "pubStatus": status,
            "language": "de",
            "copyrightHolder": "dpa",
            "headlines": [{"role": "main", "value": "Hochwasser im Süden"}],
            "bodies": [{"role": "main", "contentType": "text/plain", "value": body}],
        }
    ).encode()


def imported(data):
    (result,) = import_data(data, path=Path("flood.json"))
    assert result.outcome != "refused", result.detail
    return result


@pytest.fixture
def live_wire_story():
    story = imported(ninjs(1)).story
    Story.objects.filter(pk=story.pk).update(
        status=S.PUBLISHED,
        published_at=datetime(2026, 9, 1, 8, tzinfo=UTC),
        translation_status=Story.TranslationStatus.REVIEWED,
        translated_from=story.original,
        headline="Floods in the south",
        body="Rivers burst their banks.",
    )
    story.refresh_from_db()
    return story


@pytest.mark.parametrize(
    ("version", "status", "kind"),
    [(2, "canceled", "canceled"), (2, "withheld", "withheld"), (2, "usable", "changed")],
)
def test_the_source_canceling_or_changing_a_live_story_alerts_the_publishers(
    live_wire_story, version, status, kind
):
    result = imported(ninjs(version, status=status, body="Die Lage ist neu."))

    alert = SourceAlert.objects.unresolved().get()
    assert (alert.story, alert.kind) == (live_wire_story, kind)
    assert f"version {version}" in alert.message.lower()
    if kind == "changed":
        assert "the publishers are alerted" in result.detail


def test_the_same_notice_again_raises_no_second_alert(live_wire_story):
    imported(ninjs(2, status="canceled"))
    imported(ninjs(2, status="canceled"))

    assert SourceAlert.objects.count() == 1


def test_a_story_nobody_reads_yet_raises_no_alert():
    imported(ninjs(1))
    imported(ninjs(2, status="canceled"))

    assert not SourceAlert.objects.exists()


def test_every_admin_page_shows_a_publisher_the_alert_with_a_withdraw_prefilled(
    client, live_wire_story
):
    imported(ninjs(2, status="canceled"))
    client.force_login(make_user("Publisher"))

    for url in [reverse("admin:index"), reverse("admin:articles_story_changelist")]:
        html = client.get(url).content.decode()
        assert "“Floods in the south” was canceled by the source." in html, url
    withdraw = client.get(
        reverse("admin:articles_story_transition", args=[live_wire_story.pk, "withdraw"]),
        {"note": SourceAlert.objects.get().message},
    )
    assert "The source canceled this story (version 2)" in withdraw.content.decode()


def test_a_translator_sees_no_alert(client, live_wire_story):
    imported(ninjs(2, status="canceled"))
    client.force_login(make_user("Translator"))

    assert "was canceled by the source" not in client.get(reverse("admin:index")).content.decode()


def test_withdrawing_the_story_resolves_its_alert(live_wire_story):
    imported(ninjs(2, status="canceled"))
    publisher = make_user("Publisher")

    live_wire_story.withdraw(by=publisher, note="Canceled by dpa.")

    alert = SourceAlert.objects.get()
    assert (alert.resolved_by, alert.resolution) == (publisher, "Withdrawn: Canceled by dpa.")


def test_a_publisher_dismisses_the_alert_only_with_a_note(client, live_wire_story):
    imported(ninjs(2, status="withheld"))
    publisher = make_user("Publisher")
    alert = SourceAlert.objects.get()
    url = reverse("admin:articles_story_alert_dismiss", args=[live_wire_story.pk, alert.pk])
    client.force_login(publisher)

    assert client.post(url, {"note": ""}).status_code == 200
    client.post(url, {"note": "dpa confirmed the facts stand."})

    alert.refresh_from_db()
    assert alert.resolution == "dpa confirmed the facts stand."
    event = live_wire_story.events.get(action="articles.story.alert_dismissed")
    assert event.actor == publisher
    assert "was canceled" not in client.get(reverse("admin:index")).content.decode()


def test_a_reviewer_cannot_dismiss_the_alert(live_wire_story):
    imported(ninjs(2, status="canceled"))

    with pytest.raises(WorkflowError, match="Only a publisher may dismiss"):
        live_wire_story.dismiss_alert(
            SourceAlert.objects.get(), by=make_user("Reviewer"), note="Fine."
        )


def test_the_page_names_the_version_of_the_original_it_translates(client, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    story = imported(ninjs(3)).story
    Story.objects.filter(pk=story.pk).update(
        status=S.PUBLISHED,
        published_at=datetime(2026, 9, 3, 8, tzinfo=UTC),
        translated_from=story.original,
        original_url="https://dpa.example/flood",
    )

    html = client.get(story.get_absolute_url()).content.decode()

    assert "Translated from the original of 3 September 2026, 09:15." in html
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["translationOfWork"]["dateModified"] == "2026-09-03T07:15:00+00:00"
    assert data["translationOfWork"]["version"] == "3"


def test_an_archive_story_names_no_version_of_an_original(client, published_story):
    html = client.get(published_story.get_absolute_url()).content.decode()

    assert "Translated from the original of" not in html
