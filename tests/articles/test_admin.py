import pytest
from django.contrib.auth.models import Group, User
from django.urls import NoReverseMatch, reverse
from taggit.models import Tag

from articles.models import OriginalVersion
from tests.conftest import make_published_story, make_story, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("chief", password="a-long-test-password"))
    return client


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"status__exact": "published"},
        {"translation_status__exact": "translated"},
        {"q": "Kursk"},
    ],
    ids=["all", "status", "translation-status", "search"],
)
def test_story_list_renders_with_filters(superuser_client, query):
    story = make_published_story(headline="Fighting in Kursk", tags=["Ukraine"])
    make_story(headline="A draft")

    response = superuser_client.get(reverse("admin:articles_story_changelist"), query)

    assert response.status_code == 200
    assert "Fighting in Kursk" in response.content.decode()
    assert story.source.name in response.content.decode()


def test_story_list_filters_by_tag_and_source(superuser_client):
    story = make_published_story(headline="Fighting in Kursk", tags=["Ukraine"])
    make_published_story(headline="Weather report", tags=["Weather"])
    url = reverse("admin:articles_story_changelist")

    by_tag = superuser_client.get(url, {"tags__id__exact": story.tags.get().pk})
    by_source = superuser_client.get(url, {"source__id__exact": story.source.pk})

    for response in [by_tag, by_source]:
        assert list(response.context["cl"].result_list) == [story]


def test_change_form_shows_the_original_beside_the_translation(superuser_client):
    story = make_story(headline="Putin sees offensive failed", original_language="de")
    OriginalVersion.objects.create(
        story=story,
        number=1,
        headline="Putin sieht Offensive gescheitert",
        body="Erster Absatz.\n\n## Zwischentitel",
        language="de",
    )

    html = superuser_client.get(reverse("admin:articles_story_change", args=[story.pk])).content
    html = html.decode()

    assert '<fieldset class="module story-aligned">' in html
    assert '<td class="original-text" lang="de">' in html
    assert "Putin sieht Offensive gescheitert" in html
    assert "<h3>Zwischentitel</h3>" in html
    assert 'value="Putin sees offensive failed"' in html


def test_change_form_says_when_the_original_is_unknown(superuser_client):
    story = make_story()

    html = superuser_client.get(reverse("admin:articles_story_change", args=[story.pk])).content

    assert "The original text is not known" in html.decode()


def test_editorial_status_cannot_be_set_from_the_change_form(superuser_client):
    story = make_story()
    url = reverse("admin:articles_story_change", args=[story.pk])

    form = superuser_client.get(url).context["adminform"].form

    assert "status" not in form.fields
    assert "published_at" not in form.fields


@pytest.mark.parametrize(
    ("role", "can_publish", "can_change_story"),
    [
        ("Translator", False, True),
        ("Reviewer", False, True),
        ("Publisher", True, True),
        ("Moderator", False, False),
    ],
)
def test_roles_come_with_their_permissions(role, can_publish, can_change_story):
    user = make_user(role)

    assert Group.objects.filter(name=role).exists()
    assert user.has_perm("articles.publish_story") is can_publish
    assert user.has_perm("articles.change_story") is can_change_story


def test_a_moderator_cannot_open_the_story_admin(client):
    client.force_login(make_user("Moderator"))

    assert client.get(reverse("admin:articles_story_changelist")).status_code == 403


def story_admin_urls(story, revision):
    """Every URL of the story admin, with the arguments it takes."""
    names = {
        "changelist": [],
        "add": [],
        "change": [story.pk],
        "delete": [story.pk],
        "history": [story.pk],
        "transition": [story.pk, "approve"],
        "revisions": [story.pk],
        "revision_compare": [story.pk],
        "revision_restore": [story.pk, revision.pk],
    }
    return {
        name: reverse(f"admin:articles_story_{name}", args=args) for name, args in names.items()
    }


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_moderator_is_refused_every_story_admin_url(client, method):
    story = make_story()
    story.headline = "Edited"
    revision = story.save_edit(by=make_user("Translator"), base_version=story.lock_version)
    client.force_login(make_user("Moderator"))

    for name, url in story_admin_urls(story, revision).items():
        if name == "revision_compare":
            url = f"{url}?a={revision.pk}&b={revision.pk}"
        response = getattr(client, method)(url)
        assert response.status_code == 403, (
            f"{method.upper()} {name} answered {response.status_code}"
        )
    story.refresh_from_db()
    assert story.headline == "Edited"
    assert story.editing_by is None, "a moderator's visit marks nobody as editing"


def test_someone_who_is_not_staff_is_sent_to_log_in(client):
    story = make_story()
    client.force_login(make_user(None))

    response = client.get(reverse("admin:articles_story_transition", args=[story.pk, "submit"]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_no_staff_member_can_merge_tags_past_the_story_door(client):
    client.force_login(make_user("Moderator"))

    response = client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "Sneaky"})

    assert response.status_code < 500
    assert not Tag.objects.filter(name="Sneaky").exists()
    with pytest.raises(NoReverseMatch):
        reverse("admin:taggit_tag_merge_tags")


def test_the_tag_admin_offers_no_merge_action(superuser_client):
    response = superuser_client.get(reverse("admin:taggit_tag_changelist"))

    assert response.status_code == 200
    assert "render_tag_form" not in response.content.decode()
