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


def test_seed_demo_publishes_the_sample_story_on_the_home_page(client, capsys):
    seed(capsys)

    story = Story.objects.published().get()
    assert story.source.name == "Stern"
    assert story.source.language == "de"
    assert set(story.tags.names()) == {"Russia", "Ukraine", "Vladimir Putin", "Kursk"}
    home = client.get(reverse("articles:home")).content.decode()
    assert story.headline in home
    assert client.get(story.get_absolute_url()).status_code == 200


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
    out = seed(capsys)

    assert "stern-putin-kursk.txt unchanged" in out
    assert Story.objects.count() == 1
    assert Source.objects.filter(name="Stern").count() == 1


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="runs only with DEBUG=true"):
        call_command("seed_demo")
