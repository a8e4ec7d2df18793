"""A real gunicorn running Newsroom with production settings, for tests that need one."""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

PROJECT_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(settings_dict):
    """The URL of a Django connection's database, for a server in another process."""
    user, name = settings_dict["USER"], settings_dict["NAME"]
    host = settings_dict["HOST"] or settings_dict["OPTIONS"].get("host", "")
    port = settings_dict["PORT"] or "5432"
    if not host or host.startswith("/"):
        return f"postgres://{user}@/{name}?host={host or '/var/run/postgresql'}"
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def production_env(**overrides):
    """The environment of a production deployment: DEBUG off and no .env relaxations."""
    # Production, whatever the test run's own mode: no development switch, no .env.
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "NEWSROOM_DEVELOPMENT"}}
    env["NEWSROOM_ENV_FILE"] = ""
    env.update(
        DJANGO_ENV="production",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="news.example.org,127.0.0.1",
        SECURE_SSL_REDIRECT="true",
        SESSION_COOKIE_SECURE="true",
        CSRF_COOKIE_SECURE="true",
        SECURE_HSTS_SECONDS="31536000",
        AXES_ENABLED="true",
    )
    env.update(overrides)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


@contextlib.contextmanager
def gunicorn(env, *, workers=2, ready_path="/healthz"):
    """Start gunicorn with the repository's gunicorn.conf.py; yield its base URL; stop it."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    env.setdefault("GUNICORN_ACCESSLOG", "")
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in finally)
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "gunicorn.conf.py"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"gunicorn exited:\n{log.read()[-4000:]}")
            try:
                httpx.get(base + ready_path, timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not answer within 30 seconds.") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
