"""A story's revisions in the admin: listed, compared word by word, and restored."""

import pytest
from django.urls import reverse

from articles.diff import diff_words
from articles.models import Story
from tests.conftest import make_published_story, make_story, make_user

pytestmark = pytest.mark.django_db

S = Story.Status


def logged_in(client, role):
    user = make_user(role)
    client.force_login(user)
    return user


def edit(story, by, **text):
    story.headline, story.standfirst, story.body = story.editable_text
    for field, value in text.items():
        setattr(story, field, value)
    return story.save_edit(by=by, base_version=story.lock_version)


def revisions_url(story):
    return reverse("admin:articles_story_revisions", args=[story.pk])


def compare_url(story, a, b):
    url = reverse("admin:articles_story_revision_compare", args=[story.pk])
    return f"{url}?a={a.pk}&b={b.pk}"


def restore_url(story, revision):
    return reverse("admin:articles_story_revision_restore", args=[story.pk, revision.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_a_word_diff_marks_removed_and_added_words():
    html = diff_words("The army retreated quickly.", "The army advanced quickly.")

    assert html == "The army <del>retreated</del><ins>advanced</ins> quickly."


def test_a_word_diff_escapes_the_text():
    html = diff_words("<b>bold</b> claim", '<script>alert("x")</script> claim')

    assert "<script>" not in html
    assert "<b>" not in html
    assert html.startswith("&lt;<del>b</del><ins>script</ins>&gt;")
    assert "<ins>alert(&quot;x&quot;)</ins>" in html


def test_the_revisions_page_lists_each_save_with_its_badges(client):
    logged_in(client, "Translator")
    translator, reviewer = make_user("Translator", username="tess"), make_user("Reviewer")
    story = make_story(translator=translator)
    edit(story, translator, headline="Reviewed headline")
    story.submit(by=translator)
    story.approve(by=reviewer)
    story.publish(by=make_user("Publisher"))
    edit(story, translator, headline="Pending headline")

    response = client.get(revisions_url(story))

    assert response.status_code == 200
    assert [r.headline for r in response.context["revisions"]] == [
        "Pending headline",
        "Reviewed headline",
    ]
    html = response.content.decode()
    assert 'class="badge badge-pending"' in html
    assert 'class="badge badge-reviewed"' in html
    assert ">tess</td>" in html
    assert f'action="{reverse("admin:articles_story_revision_compare", args=[story.pk])}"' in html


def test_the_compare_view_shows_a_word_diff_per_field_with_the_text_escaped(client):
    logged_in(client, "Reviewer")
    translator = make_user("Translator")
    story = make_story(headline="Army retreats", body="Plain paragraph.")
    first = edit(story, translator, headline="Army retreats near Kursk")
    second = edit(story, translator, body="Plain paragraph with <script>alert(1)</script>.")

    response = client.get(compare_url(story, first, second))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Plain paragraph<ins> with &lt;script&gt;alert(1)&lt;/script&gt;</ins>." in html
    assert "<script>alert(1)" not in html
    assert [field["changed"] for field in response.context["fields"]] == [False, False, True]


def test_comparing_a_revision_of_another_story_is_not_found(client):
    logged_in(client, "Reviewer")
    translator = make_user("Translator")
    story, other = make_story(), make_story()
    mine = edit(story, translator, headline="Mine")
    theirs = edit(other, translator, headline="Theirs")

    assert client.get(compare_url(story, mine, theirs)).status_code == 404
    assert client.get(restore_url(story, theirs)).status_code == 404


def test_comparing_without_two_revisions_sends_the_editor_back_to_choose(client):
    logged_in(client, "Reviewer")
    story = make_story()

    url = reverse("admin:articles_story_revision_compare", args=[story.pk])
    response = client.get(url, follow=True)

    assert response.redirect_chain[-1][0] == revisions_url(story)
    assert "Choose two revisions to compare." in messages_of(response)


def test_the_change_form_links_to_the_changes_since_the_last_review(client):
    logged_in(client, "Reviewer")
    translator = make_user("Translator")
    story = make_story(translator=translator)
    reviewed = edit(story, translator, headline="Reviewed")
    story.submit(by=translator)
    story.approve(by=make_user("Reviewer"))
    newest = edit(story, translator, headline="Changed after review")

    html = client.get(reverse("admin:articles_story_change", args=[story.pk])).content.decode()

    assert "Compare with the last reviewed revision" in html
    assert compare_url(story, reviewed, newest).replace("&", "&amp;") in html


def test_restoring_asks_first_and_then_keeps_a_new_revision(client):
    translator = logged_in(client, "Translator")
    story = make_story(headline="First")
    first = edit(story, translator, headline="Original wording")
    edit(story, translator, headline="Worse wording")

    confirm = client.get(restore_url(story, first))
    response = client.post(restore_url(story, first), follow=True)

    assert confirm.status_code == 200
    assert "<del>Worse</del><ins>Original</ins> wording" in confirm.content.decode()
    story.refresh_from_db()
    assert story.headline == "Original wording"
    assert story.revisions.count() == 3, "the restore is itself a revision"
    assert story.revisions.first().note.startswith("Restored the text of")
    assert any("restored as a new revision" in m for m in messages_of(response))


def test_restoring_a_published_story_makes_a_pending_update(client):
    translator = logged_in(client, "Translator")
    story = make_published_story(headline="Live")
    story.record_revision()
    old = story.revisions.get()
    edit(story, translator, headline="Pending")

    client.post(restore_url(story, old))

    story.refresh_from_db()
    assert story.headline == "Live"
    assert story.pending_revision.headline == "Live"


def test_restoring_a_spiked_story_is_refused_with_the_reason(client):
    translator = logged_in(client, "Translator")
    story = make_story()
    first = edit(story, translator, headline="Before")
    edit(story, translator, headline="After")
    Story.objects.filter(pk=story.pk).update(status=S.SPIKED)

    response = client.post(restore_url(story, first), follow=True)

    assert "A spiked story cannot be edited." in messages_of(response)
    story.refresh_from_db()
    assert story.headline == "After"


def test_comparing_a_10000_word_paragraph_rewritten_throughout_shows_it_replaced(client):
    logged_in(client, "Reviewer")
    translator = make_user("Translator")
    paragraph = " ".join(f"word{n % 500}" for n in range(10_000))
    story = make_story(body="Short first paragraph.")
    first = edit(story, translator, body=f"Short first paragraph.\n\n{paragraph}")
    second = edit(story, translator, body=f"Short first paragraph.\n\nNew start {paragraph} end.")

    response = client.get(compare_url(story, first, second))

    assert response.status_code == 200
    body = response.context["fields"][2]["diff"]
    assert body == (
        f"Short first paragraph.\n\n<del>{paragraph}</del><ins>New start {paragraph} end.</ins>"
    )
    assert response.context["fields"][2]["replaced"]
    assert not response.context["fields"][0]["replaced"], "the headline was not touched"
    assert "A paragraph too long to compare word by word is shown whole" in response.text
