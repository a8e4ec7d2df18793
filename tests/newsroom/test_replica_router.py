"""Public reads go to the replica, everything else to the primary (newsroom/db_routers.py).

The replica here is a second connection alias to the test database, as a replica would be
a second server with the same rows. The rows must be committed for the second connection
to see them, so these tests are transactional.
"""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import OperationalError, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Story
from comments.models import Comment
from newsroom.db_routers import (
    CATCHING_UP_KEY,
    PIN_COOKIE,
    REPLICA,
    ReplicaRouter,
    public_reads,
)
from tests.comments.conftest import comment_data
from tests.conftest import make_published_story, make_user

pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", REPLICA]
)


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup):
    """A ``replica`` alias for the test database, as DATABASE_REPLICA_URL would add.

    Module-scoped so that it exists before pytest-django checks the test's databases.
    """
    primary = connections["default"].settings_dict
    connections.settings[REPLICA] = {**primary, "TEST": {**primary["TEST"], "MIRROR": "default"}}
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


def queries_on_both(client, method, url, **kwargs):
    """The response, and the SQL each alias ran to answer it."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = getattr(client, method)(url, **kwargs)
    return response, [q["sql"] for q in primary], [q["sql"] for q in replica]


@pytest.mark.parametrize("page", ["home", "detail", "search", "feed"])
def test_an_anonymous_readers_page_is_read_from_the_replica(client, page):
    story = make_published_story(headline="Kursk offensive failed", tags=["Ukraine"])
    cache.delete(CATCHING_UP_KEY)  # The replica has replayed the publish.
    url = story.get_absolute_url() if page == "detail" else reverse(f"articles:{page}")

    response, primary, replica = queries_on_both(client, "get", url, data={"q": "Kursk"})

    assert response.status_code == 200
    assert "Kursk offensive failed" in response.content.decode()
    assert any("articles_story" in sql for sql in replica)
    assert primary == []


def test_a_staff_member_reads_the_public_site_from_the_primary(client):
    story = make_published_story()
    client.force_login(make_user("Publisher"))

    response, primary, replica = queries_on_both(client, "get", story.get_absolute_url())

    assert response.status_code == 200
    assert any("articles_story" in sql for sql in primary)
    assert replica == []


def test_the_admin_reads_from_the_primary_even_before_login(client):
    response, _primary, replica = queries_on_both(client, "get", reverse("admin:login"))

    assert response.status_code == 200
    assert replica == []


def test_a_reader_who_just_commented_sees_the_page_from_the_primary(client):
    story = make_published_story()
    url = reverse("comments:post", args=[story.pk])

    response, primary, replica = queries_on_both(client, "post", url, data=comment_data(story))
    comment = Comment.objects.get()
    page, _page_primary, page_replica = queries_on_both(client, "get", response["Location"])

    assert response.status_code == 302
    assert replica == []
    assert any("INSERT INTO" in sql and "comments_comment" in sql for sql in primary)
    assert response.cookies[PIN_COOKIE]["max-age"] == 10
    assert response.cookies[PIN_COOKIE]["httponly"]
    assert page.status_code == 200
    assert comment.body in page.content.decode()
    assert page_replica == []


def test_public_reads_go_to_the_replica_only_for_the_public_apps():
    router = ReplicaRouter()

    with public_reads():
        assert router.db_for_read(Story) == REPLICA
        assert router.db_for_read(Comment) == REPLICA
        assert router.db_for_read(User) == "default"
    assert router.db_for_read(Story) == "default"


def test_reads_inside_a_transaction_stay_on_the_primary():
    router = ReplicaRouter()

    with public_reads(), transaction.atomic():
        assert router.db_for_read(Story) == "default"


def test_writes_and_migrations_only_ever_touch_the_primary():
    router = ReplicaRouter()

    with public_reads():
        assert router.db_for_write(Story) == "default"
    assert router.allow_migrate("default", "articles") is True
    assert router.allow_migrate(REPLICA, "articles") is False


def test_a_story_read_from_the_replica_can_be_given_a_comment_saved_on_the_primary():
    story = make_published_story()
    with public_reads():
        from_replica = Story.objects.get(pk=story.pk)

    comment = Comment.objects.create(story=from_replica, name="Anna", body="Well reported.")

    assert from_replica._state.db == REPLICA
    assert comment._state.db == "default"


def test_without_a_replica_every_read_goes_to_the_primary(monkeypatch):
    # This module adds the alias; without it, the router has nowhere else to send reads.
    monkeypatch.delitem(connections.settings, REPLICA)

    with public_reads():
        assert ReplicaRouter().db_for_read(Story) == "default"


def test_pages_come_from_the_primary_while_the_replica_catches_up_with_a_change(client):
    story = make_published_story()
    cache.clear()

    story.add_correction(by=make_user("Publisher"), note="The date was wrong.")
    _, primary, replica = queries_on_both(client, "get", story.get_absolute_url())
    cache.delete(CATCHING_UP_KEY)  # As NEWSROOM_REPLICA_PIN_SECONDS later.
    _, later_primary, later_replica = queries_on_both(client, "get", story.get_absolute_url())

    assert any("articles_story" in sql for sql in primary)
    assert replica == []
    assert later_primary == []
    assert any("articles_story" in sql for sql in later_replica)


def test_healthz_reports_the_replica_and_a_lost_one_as_degraded(client, monkeypatch):
    healthy = client.get("/healthz").json()

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections[REPLICA], "cursor", refuse)
    response = client.get("/healthz")

    assert healthy == {"status": "ok", "database": "ok", "cache": "ok", "replica": "ok"}
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "ok",
        "replica": "down",
    }
