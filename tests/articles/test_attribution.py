"""Attribution as the sources require it, their terms beside the original, and licences
that end."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Source, Story, WorkflowError
from audit.models import AuditEntry
from ingest.importer import import_data
from tests.conftest import make_published_story, make_source, make_story, make_user

pytestmark = pytest.mark.django_db

S = Story.Status
DAY = timezone.timedelta(days=1)


def test_an_agency_story_is_published_on_its_credit_and_item_id_without_a_url():
    agency = make_source(name="dpa", kind=Source.Kind.AGENCY)
    story = make_story(source=agency, original_url="", status=S.APPROVED)

    story.publish(by=make_user("Publisher"))

    assert story.status == S.PUBLISHED


def test_an_outlet_story_needs_its_original_url():
    story = make_story(original_url="", status=S.APPROVED)

    with pytest.raises(WorkflowError, match="from an outlet's website needs the original URL"):
        story.publish(by=make_user("Publisher"))


def test_a_wire_item_credits_a_new_source_as_an_agency_and_keeps_its_copyright_holder():
    data = json.dumps(
        {
            "uri": "urn:newsml:dpa.com:20260903:flood",
            "version": "1",
            "versionCreated": "2026-09-03T07:15:00Z",
            "pubStatus": "usable",
            "language": "de",
            "copyrightHolder": "dpa Deutsche Presse-Agentur GmbH",
            "copyrightNotice": "© 2026 dpa",
            "usageTerms": "Nur für Abonnenten.",
            "headlines": [{"role": "main", "value": "Hochwasser"}],
            "bodies": [{"role": "main", "contentType": "text/plain", "value": "Flüsse."}],
        }
    ).encode()

    (result,) = import_data(data, path=Path("dpa.json"))

    story = result.story
    assert story.source.kind == Source.Kind.AGENCY
    original = story.original
    assert (original.copyright_holder, original.copyright, original.usage_terms) == (
        "dpa Deutsche Presse-Agentur GmbH",
        "© 2026 dpa",
        "Nur für Abonnenten.",
    )


def test_the_desk_shows_the_terms_and_copyright_beside_the_original(client):
    source = make_source(name="dpa", kind=Source.Kind.AGENCY, terms="Licensed for the web only.")
    story = make_story(source=source)
    story.versions.create(
        number=1,
        headline="Hochwasser",
        body="Flüsse.",
        copyright_holder="dpa GmbH",
        copyright="© 2026 dpa",
        usage_terms="Nur für Abonnenten.",
    )
    client.force_login(make_user("Translator"))

    html = client.get(reverse("admin:articles_story_change", args=[story.pk])).content.decode()

    for shown in ["dpa GmbH", "© 2026 dpa", "Nur für Abonnenten.", "Licensed for the web only."]:
        assert shown in html


def test_stories_past_their_sources_licence_are_withdrawn_by_the_system():
    source = make_source(name="Licensed outlet", licence_days=30)
    expired = make_published_story(source=source, published_at=timezone.now() - 31 * DAY)
    current = make_published_story(source=source, published_at=timezone.now() - 29 * DAY)
    unlimited = make_published_story(published_at=timezone.now() - 400 * DAY)
    out = StringIO()

    call_command("expire_licences", stdout=out)

    for story in (expired, current, unlimited):
        story.refresh_from_db()
    assert (expired.status, current.status, unlimited.status) == (
        S.WITHDRAWN,
        S.PUBLISHED,
        S.PUBLISHED,
    )
    assert expired.withdrawal_reason.startswith("The licence from Licensed outlet for this story")
    event = expired.events.get(action="articles.story.licence_ended")
    assert event.actor is None
    entry = AuditEntry.objects.get(action="articles.story.licence_ended")
    assert entry.username == "system"
    assert out.getvalue().endswith("1 withdrawn\n")


def test_a_withdrawn_expired_story_answers_410_with_the_reason(client):
    source = make_source(licence_days=1)
    story = make_published_story(source=source, published_at=timezone.now() - 2 * DAY)
    call_command("expire_licences", stdout=StringIO())

    response = client.get(story.get_absolute_url())

    assert response.status_code == 410
    assert "licence from" in response.content.decode()
