"""Uploading wire files in Chromium: the upload's page waits for the worker, then reloads
itself (no script: the CSP allows none) until the report is in."""

import threading

import pytest
from django.db import connection
from playwright.sync_api import expect

from ingest.uploads import run_batch
from tests.conftest import SAMPLES_DIR, make_user

pytestmark = pytest.mark.browser

SAMPLE = SAMPLES_DIR / "ninjs" / "ninjs-3.0-dpa-text.json"


@pytest.fixture
def publisher(transactional_db, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "imports"},
        },
    }
    return make_user("Publisher", username="pat")


def work(batch_id):
    """The worker's part, in a thread of its own: the test's thread runs Playwright's loop."""
    try:
        run_batch(batch_id)
    finally:
        connection.close()


def test_a_publisher_uploads_a_file_and_the_page_turns_into_the_report(publisher, page):
    page.goto("/admin/login/?next=/admin/ingest/feedstate/upload/")
    page.fill("#id_username", "pat")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/ingest/feedstate/upload/")

    page.set_input_files("input[name=files]", SAMPLE)
    page.get_by_role("button", name="Import").click()
    page.wait_for_url("**/admin/ingest/feedstate/upload/*/")
    expect(page.locator(".ingest-progress")).to_have_text("Waiting for the worker to start.")

    worker = threading.Thread(target=work, args=(int(page.url.split("/")[-2]),))
    worker.start()
    worker.join()

    report = page.locator(".ingest-report")
    expect(report).to_contain_text("created ninjs-3.0-dpa-text.json", timeout=10_000)
    expect(page.locator(".ingest-progress")).to_have_text("1 of 1 done")
