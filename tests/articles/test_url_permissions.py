"""Every story URL of the admin and the site, for every role.

The list of URLs comes from the URL resolver: a new admin or preview URL that this module
does not classify fails the suite, because side views (preview, compare, history) that
forgot their permission check are where CMS security advisories come from.
"""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import URLResolver, get_resolver, reverse

from articles.models import OriginalVersion, SourceAlert
from articles.transitions import TRANSITIONS
from tests.articles.states import MATRIX, ready_for
from tests.conftest import make_source, make_story, make_user

pytestmark = pytest.mark.django_db

ROLES = ["Translator", "Reviewer", "Publisher", "Moderator", "Superuser", "anonymous"]
CHECKED = re.compile(r"^(admin:articles_(story|source)_|articles:preview$)")


def expect(*allowed, others=403):
    """200 for the roles named and superusers, ``others`` for the rest, login for anonymous."""
    statuses = {role: 200 if role in allowed else others for role in ROLES}
    return statuses | {"Superuser": 200, "anonymous": 302}


EDITORS = ("Translator", "Reviewer", "Publisher")

# name -> (URL arguments from the fixture's objects, expected status per role for GET)
URLS = {
    "admin:articles_story_changelist": (lambda o: [], expect(*EDITORS)),
    "admin:articles_story_add": (lambda o: [], expect("Publisher")),
    "admin:articles_story_change": (lambda o: [o["story"].pk], expect(*EDITORS)),
    "admin:articles_story_history": (lambda o: [o["story"].pk], expect(*EDITORS)),
    "admin:articles_story_delete": (lambda o: [o["story"].pk], expect()),
    "admin:articles_story_transition": (lambda o: [o["story"].pk, "submit"], expect(*EDITORS)),
    "admin:articles_story_alert_dismiss": (
        lambda o: [o["story"].pk, o["alert"].pk],
        expect("Publisher"),
    ),
    "admin:articles_story_revisions": (lambda o: [o["story"].pk], expect(*EDITORS)),
    "admin:articles_story_revision_compare": (lambda o: [o["story"].pk], expect(*EDITORS)),
    # POST only: whoever may change the story is told so (405); others are refused first.
    "admin:articles_story_revision_adopt": (
        lambda o: [o["story"].pk, o["revision"].pk],
        expect(*EDITORS) | dict.fromkeys((*EDITORS, "Superuser"), 405),
    ),
    "admin:articles_story_correction_confirm": (
        lambda o: [o["story"].pk, o["correction"].pk],
        expect(*EDITORS) | dict.fromkeys((*EDITORS, "Superuser"), 405),
    ),
    "admin:articles_story_revision_restore": (
        lambda o: [o["story"].pk, o["revision"].pk],
        expect(*EDITORS),
    ),
    "admin:articles_story_machine_draft": (lambda o: [o["story"].pk], expect(*EDITORS)),
    "admin:articles_story_xliff": (lambda o: [o["story"].pk], expect(*EDITORS)),
    "admin:articles_story_xliff_import": (lambda o: [o["story"].pk], expect(*EDITORS)),
    "admin:articles_story_xliff_import_batch": (lambda o: [], expect(*EDITORS)),
    "admin:articles_source_changelist": (lambda o: [], expect(*EDITORS)),
    "admin:articles_source_add": (lambda o: [], expect("Publisher")),
    "admin:articles_source_change": (lambda o: [o["source"].pk], expect(*EDITORS)),
    "admin:articles_source_history": (lambda o: [o["source"].pk], expect(*EDITORS)),
    "admin:articles_source_delete": (lambda o: [o["source"].pk], expect()),
    "articles:preview": (lambda o: [o["story"].pk], expect(*EDITORS)),
}


def url_names(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from url_names(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def login_as(client, role):
    if role == "Superuser":
        client.force_login(User.objects.create_superuser("chief", password="a-long-password"))
    elif role != "anonymous":
        client.force_login(make_user(role))


@pytest.fixture
def objects():
    story = make_story()
    # An original to align with, export as XLIFF and draft from.
    OriginalVersion.objects.create(story=story, number=1, headline="Schlagzeile", body="Absatz.")
    first = story.record_revision(note="First")
    story.headline = "A second headline"
    second = story.save_edit(by=None, base_version=story.lock_version)
    alert = SourceAlert.objects.create(story=story, kind="canceled", message="Canceled.")
    correction = story.corrections.create(text="A date was wrong.")
    return {
        "story": story,
        "source": story.source,
        "revision": first,
        "second": second,
        "alert": alert,
        "correction": correction,
    }


def test_every_story_url_is_classified():
    found = {name for name in url_names() if CHECKED.match(name)}

    unclassified = found - set(URLS)
    assert not unclassified, f"Classify these URLs in {__name__}.URLS: {sorted(unclassified)}"
    assert set(URLS) <= found, "URLS names a URL that no longer exists"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(URLS))
def test_who_may_open_each_story_url(client, objects, name, role):
    arguments, statuses = URLS[name]
    login_as(client, role)
    url = reverse(name, args=arguments(objects))
    if name == "admin:articles_story_revision_compare":
        url += f"?a={objects['revision'].pk}&b={objects['second'].pk}"

    response = client.get(url)

    assert response.status_code == statuses[role], f"{role} GET {url}"
    if role == "anonymous":
        assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES[:-1])
@pytest.mark.parametrize("transition", sorted(TRANSITIONS))
def test_who_may_take_each_workflow_step_through_the_admin(client, transition, role):
    story = ready_for(transition, someone_else=make_user("Translator"))
    login_as(client, role)
    url = reverse("admin:articles_story_transition", args=[story.pk, transition])
    before = story.events.count()

    response = client.post(url, {"note": "A note for the timeline."})

    moved = story.events.count() > before
    if role == "Moderator":
        assert response.status_code == 403
    else:
        assert response.status_code == 302
    assert moved is (role == "Superuser" or role in MATRIX[transition]), role


@pytest.mark.parametrize("role", ROLES)
def test_who_may_save_a_story_through_the_change_form(client, role):
    story = make_story(headline="Before")
    login_as(client, role)
    url = reverse("admin:articles_story_change", args=[story.pk])

    client.post(
        url,
        {
            "headline": "After",
            "standfirst": story.standfirst,
            "body": story.body,
            "slug": story.slug,
            "source": story.source.pk,
            "guid": story.guid,
            "original_url": story.original_url,
            "original_language": story.original_language,
            "tags": "",
            "base_version": story.lock_version,
            "lead_picture-TOTAL_FORMS": "0",
            "lead_picture-INITIAL_FORMS": "0",
        },
    )

    story.refresh_from_db()
    may_change = role in {*EDITORS, "Superuser"}
    assert (story.headline == "After") is may_change, role


def test_a_moderator_cannot_see_drafts_anywhere(client):
    story = make_story(headline="Draft for editors only")
    make_source()
    client.force_login(make_user("Moderator"))

    pages = [
        client.get(reverse("articles:preview", args=[story.pk])),
        client.get(reverse("admin:articles_story_changelist")),
        client.get(story.get_absolute_url()),
    ]

    assert [p.status_code for p in pages] == [403, 403, 404]
    assert all("Draft for editors only" not in p.content.decode() for p in pages)
