"""The translation desk in Chromium: original beside translation, a glossary error fixed."""

import pytest
from playwright.sync_api import expect

from articles.models import OriginalVersion, Story
from tests.browser.test_editorial_workflow import log_in
from tests.conftest import make_source, make_story, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def story(transactional_db):
    translator = make_user("Translator", username="tina")
    story = make_story(
        source=make_source(name="Stern"),
        headline="Putin sees offensive failed",
        body="Kiev sees the offensive as a success.",
        translation_status=Story.TranslationStatus.IN_TRANSLATION,
        translator=translator,
    )
    OriginalVersion.objects.create(
        story=story,
        number=1,
        headline="Putin sieht Offensive gescheitert",
        body="Kiew sieht die Offensive als Erfolg.\n\nPutin widerspricht.",
    )
    return story


def test_a_translator_sees_the_original_beside_the_translation_and_fixes_a_glossary_error(
    story, page
):
    log_in(page, "tina", story)

    aligned = page.locator(".story-aligned")
    expect(aligned.locator("tr.block")).to_have_count(2)
    expect(aligned.locator("tr.block").nth(0)).to_contain_text("Kiew sieht die Offensive")
    expect(aligned.locator(".finding-error")).to_contain_text(
        "“Kiev” in paragraph 1: write “Kyiv”."
    )
    expect(aligned.locator(".story-mismatch")).to_contain_text(
        "The original has 2 paragraphs, the translation 1."
    )

    page.fill(
        "textarea[name=body]",
        "Kyiv sees the offensive as a success.\n\nPutin disagrees.",
    )
    with page.expect_navigation():
        page.click("input[name=_continue]")

    expect(page.locator(".messagelist .success")).to_have_count(1)
    expect(aligned.locator(".finding-error")).to_have_count(0)
    expect(aligned.locator(".story-mismatch")).to_have_count(0)
    expect(aligned.locator("tr.block").nth(1)).to_contain_text("Putin disagrees.")
