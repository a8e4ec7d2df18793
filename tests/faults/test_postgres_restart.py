"""PostgreSQL restarted under load: 503 pages meanwhile, never a 500, then back by itself.

A throwaway embedded PostgreSQL of its own, migrated, served by a real gunicorn with
production settings and persistent connections (CONN_MAX_AGE=60, CONN_HEALTH_CHECKS).
"""

import shutil
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pytest

from newsroom.embedded_db import database_url, ensure_database
from tests.newsroom.server import gunicorn, manage, production_env

from .services import PostgresServer

HTTPS = {"Host": "news.example.org", "X-Forwarded-Proto": "https"}
OUTAGE_SECONDS = 3
RECOVERY_LIMIT_SECONDS = 5


@pytest.fixture
def postgres():
    # Not under pytest's tmp_path: every pytest session that starts makes that tree private
    # to root again, and PostgreSQL runs as its own user, so a restart could not get in.
    directory = Path(tempfile.mkdtemp(prefix="newsroom-fault-pg-"))
    server = PostgresServer(directory)
    yield server
    server.cleanup()
    shutil.rmtree(directory, ignore_errors=True)


class Load:
    """Readers requesting the home page from four threads, every answer kept with its time.

    Each carries a session cookie, as a staff member or a commenting reader does: such a
    page is never answered from the page cache, so it needs the database.
    """

    def __init__(self, base, threads=4):
        self.base, self.results, self.stopping = base, [], threading.Event()
        self.threads = [threading.Thread(target=self.run) for _ in range(threads)]

    def run(self):
        with httpx.Client(
            base_url=self.base, headers=HTTPS, cookies={"sessionid": "reader"}, timeout=10
        ) as client:
            while not self.stopping.is_set():
                response = client.get("/")
                self.results.append((time.monotonic(), response.status_code, response))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join()


def test_a_postgres_restart_under_load_gives_503s_then_recovers_by_itself(
    postgres, collected_static
):
    ensure_database(postgres.socket_dir, "newsroom_fault")
    env = production_env(
        DATABASE_URL=database_url(postgres.socket_dir, "newsroom_fault"),
        STATIC_ROOT=str(collected_static),
        CONN_MAX_AGE="60",
    )
    manage("migrate", "--noinput", env=env)

    with gunicorn(env, workers=2) as base, Load(base) as load:
        time.sleep(1)
        postgres.stop()
        stopped = time.monotonic()
        time.sleep(OUTAGE_SECONDS)
        during = httpx.get(base + "/", headers=HTTPS, cookies={"sessionid": "reader"})
        anonymous_during = httpx.get(base + "/", headers=HTTPS)
        health_during = httpx.get(base + "/healthz")
        restarting = time.monotonic()
        postgres.start()
        started = time.monotonic()
        while time.monotonic() - started < RECOVERY_LIMIT_SECONDS + 2:
            time.sleep(0.2)
            if [s for t, s, _ in load.results if t > time.monotonic() - 1] and all(
                s == 200 for t, s, _ in load.results if t > time.monotonic() - 1
            ):
                break
        health_after = httpx.get(base + "/healthz")

    statuses = {status for _t, status, _r in load.results}
    outage = [(t, s, r) for t, s, r in load.results if stopped + 0.5 < t < restarting]
    after = [(t, s) for t, s, _r in load.results if t > restarting]
    recovered_at = next(
        t for t, s in after if s == 200 and all(s2 == 200 for t2, s2 in after if t2 >= t)
    )

    assert statuses <= {200, 503}, f"never a 500: {statuses}"
    assert outage
    assert {s for _t, s, _r in outage} == {503}
    assert during.status_code == 503
    assert during.headers["Retry-After"] == "10"
    assert "Back in a moment" in during.text
    # An anonymous reader may still get the home page from the page cache; never a 500.
    assert anonymous_during.status_code in {200, 503}
    assert health_during.status_code == 503
    assert health_during.json()["database"] == "down"
    assert recovered_at - started < RECOVERY_LIMIT_SECONDS, "recovered within seconds"
    assert health_after.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    print(
        f"\n{len(load.results)} requests; {len(outage)} answered 503 in the outage; "
        f"PostgreSQL took {started - restarting:.2f}s to start; every request answered 200 "
        f"again {recovered_at - restarting:.2f}s after the start began; "
        f"an anonymous home page during the outage: {anonymous_during.status_code}."
    )
