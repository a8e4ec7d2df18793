import os
import secrets
import subprocess
import sys

from django.conf import settings

# What a test of the settings sets itself: nothing of the shell's, the run's mode or a .env.
READ_BY_SETTINGS = {"DEBUG", "SECRET_KEY", "DJANGO_ENV", "ALLOWED_HOSTS", "NEWSROOM_DEVELOPMENT"}


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in READ_BY_SETTINGS and not k.startswith("SECURE_")
    }
    environment["NEWSROOM_ENV_FILE"] = ""
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="news.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the site's host names" in result.stderr


def test_production_refuses_a_wildcard_host():
    result = run_manage(
        "check", DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="*"
    )

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the site's host names" in result.stderr


def test_debug_is_refused_when_the_environment_says_production():
    result = run_manage("check", DJANGO_ENV="production", DEBUG="true")

    assert result.returncode != 0
    assert "DEBUG must be off when DJANGO_ENV is production" in result.stderr


def test_a_redis_cache_url_gets_the_fault_tolerant_backend():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        DEBUG="true",
        CACHE_URL="redis://127.0.0.1:6390/1",
    )

    assert result.stdout.strip().endswith("\nnewsroom.cache.ResilientRedisCache"), result.stderr


def test_development_ignores_production_variables_from_the_shell_and_a_dotenv(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("DJANGO_ENV=production\nDEBUG=false\nALLOWED_HOSTS=news.example.org\n")

    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)",
        NEWSROOM_DEVELOPMENT="1",
        NEWSROOM_ENV_FILE=str(dotenv),
        ALLOWED_HOSTS="evil.example",
        SECURE_SSL_REDIRECT="true",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == "True ['127.0.0.1', 'localhost']"


def test_development_still_honours_the_database_url(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        NEWSROOM_DEVELOPMENT="1",
        DATABASE_URL="postgres://someone@db.example/elsewhere",
    )

    assert result.stdout.split("\n")[-2] == "elsewhere"


def test_production_refuses_to_start_without_allowed_hosts_whatever_the_shell_holds(
    monkeypatch,
):
    monkeypatch.setenv("ALLOWED_HOSTS", "news.example.org")

    result = run_manage("check", DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name" in result.stderr
