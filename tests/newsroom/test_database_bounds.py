"""Web requests' bounds on the database (newsroom/postgresql/, settings.py): the server's
statement and lock timeouts, the client's own wait, and none of them for commands."""

import subprocess
import sys

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections

from newsroom.postgresql.base import deadline
from tests.newsroom.server import PROJECT_DIR, database_url

pytestmark = pytest.mark.django_db

SHOW_BOUNDS = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT current_setting('statement_timeout'), current_setting('lock_timeout')")
    print(*cursor.fetchone(), connection.connection.reply_timeout)
"""


def bounds_seen(*command):
    env = {
        "NEWSROOM_DEVELOPMENT": "1",
        "NEWSROOM_ENV_FILE": "",
        "DATABASE_URL": database_url(connection.settings_dict),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, *command],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.split()[-3:]


def test_gunicorns_processes_bound_statements_lock_waits_and_the_wait_for_an_answer():
    seen = bounds_seen("-c", "import newsroom.wsgi\n" + SHOW_BOUNDS)

    assert seen == ["5s", "3s", "6.0"]


def test_commands_are_never_bounded():
    seen = bounds_seen("manage.py", "shell", "--no-imports", "-c", SHOW_BOUNDS)

    assert seen == ["0", "0", "None"]


@pytest.fixture
def own_connection():
    """A second connection to the test database, which a test may break."""
    database = connections.create_connection(DEFAULT_DB_ALIAS)
    # Its own settings, not the test connection's, which it would share.
    database.settings_dict = {
        **database.settings_dict,
        "OPTIONS": dict(database.settings_dict["OPTIONS"]),
    }
    yield database
    pid = database.pid_on_server
    database.close()
    with connection.cursor() as cursor:  # the server may still be sleeping for it
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


def connect(database):
    with database.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        database.pid_on_server = cursor.fetchone()[0]


def test_the_client_gives_up_on_an_answer_after_the_reply_timeout_and_closes(own_connection):
    own_connection.settings_dict["OPTIONS"]["reply_timeout"] = 0.2
    connect(own_connection)

    with own_connection.cursor() as cursor, pytest.raises(OperationalError, match=r"within 0\.2 s"):
        cursor.execute("SELECT pg_sleep(60)")

    assert own_connection.connection.closed


def test_a_deadline_bounds_every_wait_in_its_block(own_connection):
    connect(own_connection)

    with (
        deadline(0.2),
        own_connection.cursor() as cursor,
        pytest.raises(OperationalError, match="did not answer"),
    ):
        cursor.execute("SELECT pg_sleep(60)")

    assert own_connection.connection.closed
    own_connection.close()
    with deadline(0), pytest.raises(OperationalError, match="No time left"):
        own_connection.ensure_connection()
