import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from tests.conftest import make_story, make_user

pytestmark = pytest.mark.django_db


def headlines_on(client, url):
    return [story.headline for story in client.get(url).context["page"]]


def test_a_scheduled_story_goes_public_at_its_time_with_nothing_run(client):
    story = make_story(
        headline="Embargoed until noon", status=Story.Status.APPROVED, tags=["Kursk"]
    )
    go_live = timezone.now() + timezone.timedelta(hours=2)
    story.publish(by=make_user("Publisher"), at=go_live)
    lists = [reverse("articles:home"), reverse("articles:tag", args=["kursk"])]

    assert story.is_scheduled()
    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Embargoed until noon" not in headlines_on(client, reverse("articles:home"))
    # Only the scheduled story has the tag: its archive would confirm the topic early.
    assert client.get(reverse("articles:tag", args=["kursk"])).status_code == 404

    with time_machine.travel(go_live + timezone.timedelta(minutes=1), tick=False):
        assert client.get(story.get_absolute_url()).status_code == 200
        for url in lists:
            assert headlines_on(client, url) == ["Embargoed until noon"], url


def test_a_story_is_still_hidden_a_moment_before_its_time(client):
    story = make_story(status=Story.Status.APPROVED)
    go_live = timezone.now() + timezone.timedelta(hours=2)
    story.publish(by=make_user("Publisher"), at=go_live)

    with time_machine.travel(go_live - timezone.timedelta(seconds=1), tick=False):
        assert client.get(story.get_absolute_url()).status_code == 404

    with time_machine.travel(go_live, tick=False):
        assert client.get(story.get_absolute_url()).status_code == 200
