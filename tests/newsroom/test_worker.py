"""The real ``manage.py db_worker`` in its own process, as newsroom-worker.service runs it."""

import os
import signal
import subprocess
import sys

import pytest
from django.db import connection

from comments.models import Comment
from tests.comments.conftest import post_comment
from tests.conftest import make_published_story, make_user
from tests.newsroom.server import PROJECT_DIR, database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def worker(*args):
    env = {**os.environ, "DATABASE_URL": database_url(connection.settings_dict), "DEBUG": "true"}
    env.pop("EMAIL_URL", None)  # the console backend: the mail shows on the worker's stdout
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", *args]
    return command, {"cwd": PROJECT_DIR, "env": env, "text": True}


def test_the_worker_process_sends_the_digest_a_held_comment_queued(client):
    story = make_published_story(headline="Putin sees offensive failed")
    make_user("Moderator", email="moderator@news.example")
    post_comment(client, story, name="Anna", body="Held for review.")
    assert Comment.objects.get().notified_at is None

    command, options = worker("--batch", "--no-startup-delay")
    result = subprocess.run(command, capture_output=True, timeout=120, check=False, **options)

    assert result.returncode == 0, result.stderr
    assert "Subject: 1 comment awaits moderation" in result.stdout
    assert "Anna on “Putin sees offensive failed”" in result.stdout
    assert Comment.objects.get().notified_at is not None


def test_the_worker_stops_cleanly_on_sigterm():
    command, options = worker("--interval", "0.2", "--no-startup-delay")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **options)
    try:
        assert "Starting worker" in process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        process.kill()
        process.stdout.close()
