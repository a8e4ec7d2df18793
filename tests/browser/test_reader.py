import pytest

from tests.conftest import make_published_story, make_source

pytestmark = pytest.mark.browser


@pytest.fixture
def kursk_story(transactional_db):
    return make_published_story(
        source=make_source(name="Stern"),
        headline="Putin sees Ukrainian offensive in Kursk failed",
        original_url="https://www.stern.de/politik/putin-kursk.html",
        tags=["Kursk"],
    )


def test_a_reader_goes_from_the_home_page_to_a_credited_story_and_its_tag(kursk_story, page):
    page.goto("/")
    page.get_by_role("link", name="Putin sees Ukrainian offensive in Kursk failed").click()

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Putin sees Ukrainian offensive in Kursk failed"
    )
    credit = page.get_by_role("link", name="Source: Stern")
    assert credit.get_attribute("href") == "https://www.stern.de/politik/putin-kursk.html"

    page.get_by_role("link", name="Kursk", exact=True).click()

    assert page.url.endswith("/tags/kursk/")
    assert page.get_by_role("heading", level=1).inner_text() == "Stories tagged “Kursk”"


def test_the_skip_link_is_the_first_stop_for_keyboard_users(page):
    page.goto("/")
    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    assert page.get_by_role("link", name="Skip to content").is_visible()


def test_pages_break_no_rule_of_their_content_security_policy(kursk_story, page):
    refusals = []
    page.on(
        "console",
        lambda message: (
            refusals.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    for url in ["/", kursk_story.get_absolute_url(), "/tags/kursk/", "/search/?q=Kursk"]:
        page.goto(url)
    page.goto("/admin/login/")

    assert refusals == []
