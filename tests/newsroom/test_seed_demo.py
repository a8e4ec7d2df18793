import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse

from articles.models import Source, Story

pytestmark = pytest.mark.django_db


def login_request():
    # django-axes checks every authentication against the address it comes from.
    return RequestFactory().post("/admin/login/")


def seed(capsys):
    call_command("seed_demo", force=True)
    return capsys.readouterr().out


def test_seed_demo_takes_the_stern_story_through_the_desk(client, capsys, settings):
    settings.NEWSROOM_SHOW_TRANSLATOR = True
    seed(capsys)

    story = Story.objects.published().get()
    assert story.source.name == "Stern"
    assert set(story.tags.names()) == {"Russia", "Ukraine", "Vladimir Putin", "Kursk"}
    assert "Kiev" not in " ".join([story.headline, story.standfirst, story.body])
    assert [event.action for event in story.events.all()] == [
        "articles.story.created",
        "articles.story.assigned",
        "articles.story.edited",
        "articles.story.submitted",
        "articles.story.approved",
        "articles.story.published",
    ]
    assert (story.translator.username, story.reviewer.username) == ("translator", "reviewer")
    home = client.get(reverse("articles:home")).content.decode()
    assert story.headline in home
    assert client.get(story.get_absolute_url()).status_code == 200


def test_seed_demo_leaves_wire_stories_waiting_in_each_queue(capsys):
    seed(capsys)

    waiting = {
        story.source.slug: (story.status, story.translation_status)
        for story in Story.objects.exclude(source__slug="stern").select_related("source")
    }
    assert waiting == {
        "dpa": ("new", "untranslated"),
        "ntb": ("in_review", "translated"),
        "ap": ("approved", "reviewed"),
        "tt": ("new", "needs_update"),
    }


def test_seed_demo_prints_a_working_login_for_each_role(capsys):
    out = seed(capsys)

    assert "http://127.0.0.1:8000/admin/" in out
    for username, group in [
        ("translator", "Translator"),
        ("reviewer", "Reviewer"),
        ("publisher", "Publisher"),
        ("moderator", "Moderator"),
    ]:
        line = next(line for line in out.splitlines() if line.strip().startswith(username))
        password = line.split()[1]
        user = authenticate(login_request(), username=username, password=password)
        assert user is not None
        assert user.is_staff
        assert list(user.groups.values_list("name", flat=True)) == [group]
    assert authenticate(
        login_request(), username="admin", password="admin-newsroom-demo"
    ).is_superuser


def test_seed_demo_twice_changes_nothing(capsys):
    seed(capsys)
    before = [
        (s.pk, s.status, s.translation_status, s.lock_version, s.events.count())
        for s in Story.objects.order_by("pk")
    ]

    seed(capsys)

    after = [
        (s.pk, s.status, s.translation_status, s.lock_version, s.events.count())
        for s in Story.objects.order_by("pk")
    ]
    assert after == before
    assert Source.objects.filter(name="Stern").count() == 1


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="runs only with DEBUG=true"):
        call_command("seed_demo")
