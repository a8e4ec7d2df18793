"""axe-core on the public pages in Chromium, and the page at phone width and in print.

axe.min.js comes from the axe-core npm package (`make axe` puts it under var/node); the
test injects it into each page. Without it the test skips, unless NEWSROOM_REQUIRE_BROWSER
is set (CI), where it fails.
"""

import json
import os
from pathlib import Path

import pytest
from django.core.cache import cache

from articles.models import OriginalVersion
from tests.conftest import make_published_story, make_source

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "var/node/node_modules/axe-core/axe.min.js"
BLOCKING = {"serious", "critical"}
# Everything axe checks for WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus its best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        reason = f"No {AXE.relative_to(AXE.parents[3])}: run `make axe` (needs npm)."
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
            pytest.fail(f"{reason} NEWSROOM_REQUIRE_BROWSER is set.")
        pytest.skip(reason)
    return AXE.read_text()


@pytest.fixture
def story(transactional_db, settings):
    settings.NEWSROOM_COMMENTS_MIN_SECONDS = 0
    cache.clear()
    make_published_story(headline="Markets steady after the weekend", tags=["Economy"])
    story = make_published_story(
        source=make_source(name="Stern", slug="stern", homepage="https://www.stern.de/"),
        headline="Putin sees Ukrainian offensive in Kursk failed",
        standfirst="The shock in Moscow was deep when Ukrainian troops crossed the border.",
        body="Kursk was quiet for weeks.\n\n## Putin speaks again\n\nThe offensive has failed.",
        original_url="https://www.stern.de/politik/putin-kursk.html",
        tags=["Kursk", "Vladimir Putin"],
    )
    story.translated_from = OriginalVersion.objects.create(
        story=story, number=1, headline="Putin sieht Offensive in Kursk gescheitert", language="de"
    )
    story.save()
    return story


def violations(page, axe_source, context="document"):
    # Evaluated through the DevTools protocol: the page's CSP forbids inline scripts, rightly.
    page.evaluate(axe_source)
    options = json.dumps({"runOnly": {"type": "tag", "values": AXE_TAGS}})
    results = page.evaluate(f"axe.run({context}, {options})")
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(found):
    return "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in found
    )


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "story",
        "/tags/kursk/",
        "/sources/stern/",
        "/search/?q=putin",
        "/search/?q=",
        "/news/no-such-story/",
    ],
)
def test_public_pages_have_no_serious_accessibility_violations(story, page, axe_source, url):
    page.goto(story.get_absolute_url() if url == "story" else url)

    found = violations(page, axe_source)

    assert not found, f"axe on {url}:\n{describe(found)}"


def test_the_comment_form_with_errors_has_no_serious_accessibility_violations(
    story, page, axe_source
):
    page.goto(story.get_absolute_url())
    assert not violations(page, axe_source, "document.querySelector('#respond')")

    # The server's answer to a form with mistakes, as a reader without JavaScript sees it.
    page.eval_on_selector(".comment-form", "form => form.noValidate = true")
    page.get_by_role("button", name="Post Comment").click()
    assert page.locator(".errorlist").count() > 0, "the form came back with its errors"

    found = violations(page, axe_source)
    assert not found, f"axe on the comment form with errors:\n{describe(found)}"


@pytest.mark.parametrize("url", ["/", "story", "/tags/kursk/", "/search/?q=putin"])
def test_pages_fit_a_phone_screen_without_scrolling_sideways(story, page, url):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(story.get_absolute_url() if url == "story" else url)

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    assert overflow <= 0, f"{url} is {overflow}px wider than a 375px screen"


def test_printing_an_article_drops_navigation_and_comments(story, page):
    page.goto(story.get_absolute_url())
    page.emulate_media(media="print")

    for selector in [".site-search", ".latest-posts", ".comments", ".site-footer"]:
        assert page.locator(selector).is_hidden(), f"{selector} is printed"
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator(".credit").is_visible(), "the credit is printed with the story"


def test_focus_is_visible_on_every_link_and_control(story, page):
    page.goto(story.get_absolute_url())

    for _ in range(8):
        page.keyboard.press("Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        tag = page.evaluate("document.activeElement.outerHTML.slice(0, 60)")
        assert outline != "none", f"no focus outline on {tag}"
