"""Fixtures and small factories shared by every test module."""

import itertools
import os
import signal
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from articles.models import Source, Story

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"

_sequence = itertools.count(1)

# Property tests run the same bounded examples on every machine: CI is never a lottery, and
# each example costs real requests against PostgreSQL.
hypothesis_settings.register_profile(
    "newsroom",
    derandomize=True,
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.load_profile("newsroom")


def make_source(**overrides):
    n = next(_sequence)
    overrides.setdefault("name", f"Outlet {n}")
    overrides.setdefault("language", "de")
    overrides.setdefault("homepage", f"https://outlet{n}.example/")
    return Source.objects.create(**overrides)


def make_story(**overrides):
    n = next(_sequence)
    if "source" not in overrides:
        overrides["source"] = make_source()
    overrides.setdefault("guid", f"urn:test:{n}")
    overrides.setdefault("headline", f"Story number {n}")
    overrides.setdefault("standfirst", "What happened, in one sentence.")
    overrides.setdefault("body", "First paragraph.\n\n## A subheading\n\nSecond paragraph.")
    overrides.setdefault("original_language", "de")
    overrides.setdefault("original_url", f"https://outlet.example/story/{n}")
    overrides.setdefault("translation_status", Story.TranslationStatus.TRANSLATED)
    tags = overrides.pop("tags", [])
    written_by = overrides.pop("written_by", None)
    story = Story.objects.create(**overrides)
    if tags:
        story.tags.add(*tags)
    if written_by:
        # The words as someone typed them: four eyes reads authorship from revisions.
        story.record_revision(by=written_by)
    return story


def make_published_story(**overrides):
    overrides.setdefault("status", Story.Status.PUBLISHED)
    overrides.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
    return make_story(**overrides)


def make_user(role=None, **overrides):
    n = next(_sequence)
    overrides.setdefault("username", f"{(role or 'user').lower()}{n}")
    overrides.setdefault("is_staff", role is not None)
    user = User.objects.create_user(password="a-long-test-password", **overrides)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher takes a third of a second per user, on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    # Most tests change rows directly between two requests, as no editor can; the page cache
    # and its invalidation are tested in tests/articles/test_caching.py.
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def samples_dir():
    return SAMPLES_DIR


@pytest.fixture
def published_story(db):
    return make_published_story(tags=["Ukraine"])


@pytest.fixture
def run_tasks(monkeypatch):
    """Run the due background tasks with the real ``db_worker --batch``, in the test's database.

    Returns the tasks it ran. A task that failed fails the test with its traceback, since
    the worker itself only records the failure, unless the test expects it (``failing=True``).
    """
    # Between tasks the worker closes connections, as a request does; in a test that would
    # end the transaction the test runs in.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run(*, failing=False):
        started = set(DBTaskResult.objects.exclude(status="READY").values_list("pk", flat=True))
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
        ran = list(DBTaskResult.objects.exclude(pk__in=started).exclude(status="READY"))
        failed = [result.traceback for result in ran if result.status == "FAILED"]
        assert failing or not failed, "\n".join(failed)
        return ran

    return run


def pytest_collection_modifyitems(config, items):
    # CI runs the suite twice, once per PostgreSQL; bulk tests need only the first run.
    if os.environ.get("NEWSROOM_SKIP_BULK"):
        skip = pytest.mark.skip(reason="bulk work runs in CI's first database pass only")
        for item in items:
            if item.get_closest_marker("bulk"):
                item.add_marker(skip)
