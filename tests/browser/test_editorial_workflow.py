import pytest
from playwright.sync_api import expect

from articles.models import Story
from tests.conftest import make_source, make_story, make_user

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


@pytest.fixture
def desk(transactional_db):
    translator = make_user("Translator", username="tina")
    make_user("Reviewer", username="rita")
    make_user("Publisher", username="paul")
    story = make_story(
        source=make_source(name="Stern"),
        headline="Putin sees Ukrainian offensive in Kursk failed",
        body="Machine draft paragraph.",
        translation_status=Story.TranslationStatus.IN_TRANSLATION,
        translator=translator,
    )
    return story


def log_in(page, username, story):
    page.context.clear_cookies()
    page.goto(f"/admin/login/?next=/admin/articles/story/{story.pk}/change/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"**/admin/articles/story/{story.pk}/change/")


def take_step(page, label, note=""):
    page.get_by_role("link", name=label, exact=True).click()
    if note:
        page.fill("textarea[name=note]", note)
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_url("**/change/")


def test_a_story_goes_from_translator_to_reviewer_to_publisher_to_readers(desk, page):
    story = desk

    log_in(page, "tina", story)
    page.fill(
        "textarea[name=body]", "Around a month after the start of the offensive, Putin spoke."
    )
    with page.expect_navigation():
        page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_have_count(1)
    take_step(page, "Mark translated")
    take_step(page, "Submit for review")
    assert page.get_by_role("link", name="Publish or schedule").count() == 0

    log_in(page, "rita", story)
    take_step(page, "Request changes", note="Spell the city Kyiv, not Kiev.")
    assert "Spell the city Kyiv, not Kiev." in page.content()
    take_step(page, "Approve")

    log_in(page, "paul", story)
    take_step(page, "Publish or schedule")
    expect(page.locator(".messagelist")).to_contain_text("Published.")

    page.context.clear_cookies()
    page.goto(story.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == story.headline
    assert "Around a month after the start of the offensive" in page.content()
    assert page.get_by_text("Source: Stern").count() == 1


@pytest.fixture
def live_desk(desk):
    """The desk's story, published (set up before the browser starts: no ORM beside it)."""
    Story.objects.filter(pk=desk.pk).update(
        status=Story.Status.PUBLISHED,
        translation_status=Story.TranslationStatus.REVIEWED,
        published_at=desk.created_at,
    )
    return desk


def test_a_live_update_passes_review_before_readers_see_it(live_desk, page):
    story = live_desk

    log_in(page, "tina", story)
    page.fill("input[name=headline]", "Putin says the Kursk offensive failed")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("waits as a pending update")
    take_step(page, "Submit for review")

    log_in(page, "paul", story)
    assert page.get_by_role("link", name="Publish the pending update").count() == 0
    expect(page.locator(".story-transitions .refused")).to_contain_text(
        "Only a reviewed update goes live: this one is in review."
    )

    log_in(page, "rita", story)
    expect(page.locator(".story-pending")).to_contain_text("Pending update: in review")
    take_step(page, "Approve")

    page.context.clear_cookies()
    page.goto(story.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == story.headline

    log_in(page, "paul", story)
    take_step(page, "Publish the pending update")
    expect(page.locator(".messagelist")).to_contain_text("The update is published.")

    page.context.clear_cookies()
    page.goto(story.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Putin says the Kursk offensive failed"
    )
