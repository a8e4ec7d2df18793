import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from tests.conftest import SAMPLES_DIR, make_published_story, make_source

pytestmark = pytest.mark.django_db

BUDGET = 50 * 1024  # bytes: the article page, its stylesheets and scripts, no images


def test_article_page_with_its_styles_weighs_under_50_kb(client):
    # The sample Stern report, whole, as the body: a long article with subheadings.
    body = (SAMPLES_DIR / "scrape" / "stern-putin-kursk.txt").read_text(encoding="utf-8")
    for n in range(5):
        make_published_story(
            headline=f"Another story with a longer headline, number {n}",
            published_at=timezone.now() - timezone.timedelta(hours=n + 2),
        )
    story = make_published_story(
        source=make_source(name="Stern"),
        headline="Russian-Ukrainian war: Putin sees Ukrainian offensive in Kursk failed",
        standfirst="The shock in Moscow over the invasion of Ukrainian troops was deep.",
        body=body,
        tags=["Ukraine", "Kursk", "Vladimir Putin"],
    )

    html = client.get(story.get_absolute_url()).content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    sizes = {name.decode(): Path(finders.find(name.decode())).stat().st_size for name in assets}

    total = len(html) + sum(sizes.values())
    assert total < BUDGET, f"{total} bytes: page {len(html)}, assets {sizes}"
    assert "css/site.css" in sizes
