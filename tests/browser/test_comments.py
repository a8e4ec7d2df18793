import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.conftest import make_published_story, make_user

pytestmark = pytest.mark.browser

COMMENT = "Translated well; the original was hard going."


@pytest.fixture
def commented_story(transactional_db, settings):
    # A browser fills the form faster than a person, so the too-fast check steps aside here.
    settings.NEWSROOM_COMMENTS_MIN_SECONDS = 0
    cache.clear()
    make_user("Moderator", username="moderator")
    return make_published_story(headline="Putin sees offensive failed")


def test_a_comment_goes_from_a_reader_through_a_moderator_to_the_next_reader(commented_story, page):
    story_url = commented_story.get_absolute_url()

    page.goto(story_url)
    trap = page.locator("input[name=company]").bounding_box()
    assert trap is None or trap["x"] < 0, "the honeypot must be out of sight"
    page.get_by_role("textbox", name="Comment", exact=True).fill(COMMENT)
    page.get_by_role("textbox", name="Name", exact=True).fill("Anna")
    page.get_by_role("textbox", name="Email", exact=True).fill("anna@mail.example")
    with page.expect_navigation():
        page.get_by_role("button", name="Post Comment").click()

    awaiting = page.locator(".comment--awaiting")
    expect(awaiting.get_by_text("Your comment is awaiting moderation.")).to_be_visible()
    expect(awaiting).to_contain_text(COMMENT)

    page.context.clear_cookies()
    page.goto("/admin/comments/comment/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill("a-long-test-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    row = page.get_by_role("row").filter(has_text="Anna")
    expect(row).to_contain_text("Putin sees offensive failed")
    expect(row).to_contain_text("held: 0 of 2 approved comments from this email")
    with page.expect_navigation():
        row.get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist .success")).to_have_text(
        "The comment by Anna is now approved."
    )

    page.context.clear_cookies()
    page.goto(story_url)
    comment = page.locator(".comment").filter(has_text=COMMENT)
    expect(comment.locator(".comment-author")).to_have_text("Anna")
    expect(page.get_by_role("heading", name="1 comment", exact=True)).to_be_visible()
    expect(page.get_by_text("awaiting moderation")).to_have_count(0)
    assert "anna@mail.example" not in page.content()
