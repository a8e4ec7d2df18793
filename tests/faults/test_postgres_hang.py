"""PostgreSQL hung (stopped, not refusing): 503s within seconds, /healthz "down", then back.

A hung server enforces no statement_timeout and its kernel still acknowledges every packet,
so only the client's own bounds (newsroom/postgresql/) end the wait. The throwaway
embedded PostgreSQL listens on 127.0.0.1, as a production server is reached, and a real
gunicorn with production settings holds a persistent connection to it when every one of
its processes is frozen with SIGSTOP. One worker, so each request's path is known: the
first after the freeze finds the connection it kept, the next has to connect.
"""

import time

import httpx

from newsroom.embedded_db import ensure_database
from tests.newsroom.server import gunicorn, manage, production_env

from .test_postgres_restart import HTTPS, postgres  # noqa: F401 (the fixture)

HEALTH_TIMEOUT = 3  # NEWSROOM_HEALTH_TIMEOUT's default
STATEMENT_TIMEOUT = 2  # so the client waits 3 s for any answer
CONNECT_TIMEOUT = 4
# Room for the request itself. These are bounds on a worker that would otherwise wait
# until gunicorn killed it (GUNICORN_TIMEOUT, 30 s), not measures; and a page that waited
# for its kept connection, then connected again, would take 3 + 4 s, past its bound.
SLACK = 2
HEALTH_BOUND = HEALTH_TIMEOUT + SLACK
PAGE_BOUND = max(STATEMENT_TIMEOUT + 1, CONNECT_TIMEOUT) + SLACK
RECOVERY_LIMIT_SECONDS = 10


def recovered(base, reader):
    resumed = time.monotonic()
    while time.monotonic() - resumed < RECOVERY_LIMIT_SECONDS:
        health = httpx.get(base + "/healthz", timeout=HEALTH_BOUND)
        if health.status_code == 200:
            return health.json(), reader.get("/", timeout=PAGE_BOUND).status_code
        time.sleep(0.2)
    return health.json(), None


def timed(request):
    start = time.monotonic()
    response = request()
    return response, time.monotonic() - start


def test_a_hung_postgres_gives_503s_and_down_within_seconds_then_recovers(
    postgres,  # noqa: F811 (the fixture)
    collected_static,
):
    ensure_database(postgres.socket_dir, "newsroom_fault")
    port = postgres.listen_on_loopback()
    env = production_env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/newsroom_fault",
        STATIC_ROOT=str(collected_static),
        CONN_MAX_AGE="60",
        NEWSROOM_WEB_STATEMENT_TIMEOUT=str(STATEMENT_TIMEOUT),
        DATABASE_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT),
    )
    manage("migrate", "--noinput", env=env)

    with (
        gunicorn(env, workers=1) as base,
        # A session cookie: the page needs the database, never the page cache.
        httpx.Client(base_url=base, headers=HTTPS, cookies={"sessionid": "reader"}) as reader,
    ):
        warm = reader.get("/").status_code
        with postgres.hung():
            health_hung, health_seconds = timed(
                lambda: httpx.get(base + "/healthz", timeout=HEALTH_BOUND)
            )
        after_health = recovered(base, reader)
        with postgres.hung():
            kept, kept_seconds = timed(lambda: reader.get("/", timeout=PAGE_BOUND))
            fresh, fresh_seconds = timed(lambda: reader.get("/", timeout=PAGE_BOUND))
        after_pages = recovered(base, reader)

    ok = {"status": "ok", "database": "ok", "cache": "ok"}
    assert warm == 200
    assert health_hung.status_code == 503
    assert health_hung.json() == {"status": "down", "database": "down", "cache": "ok"}
    assert after_health == (ok, 200)
    assert kept.status_code == 503, "the kept connection's silence is the 503 page"
    assert fresh.status_code == 503, "so is a new connection's"
    assert "Back in a moment" in kept.text
    assert after_pages == (ok, 200)
    print(
        f"\nHung PostgreSQL: /healthz said down after {health_seconds:.2f}s; a page on the "
        f"kept connection was a 503 after {kept_seconds:.2f}s, on a new one {fresh_seconds:.2f}s."
    )
