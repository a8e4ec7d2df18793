"""A real Chromium (Debian's /usr/bin/chromium) driven by Playwright; no browser download."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium"))
# Without these, Chromium running as root on a closed network stalls or refuses to start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture
def page(django_db_serialized_rollback, transactional_db, live_server, tmp_path):
    """A browser tab on the live server. Create a test's data before asking for it:
    Playwright's sync API runs an event loop here, and Django refuses ORM calls under one.
    Each test starts with what migrations made (the role groups): a transactional test
    empties the tables when it ends, so without the rollback only the first would have them."""
    if not CHROMIUM.exists():
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
            pytest.fail(f"No Chromium at {CHROMIUM}, and NEWSROOM_REQUIRE_BROWSER is set.")
        pytest.skip(f"No Chromium at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=tmp_path / "chromium-profile",
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            base_url=live_server.url,
        )
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()
