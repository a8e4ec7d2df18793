"""Settings for more than one server, read from the environment like the rest."""

from tests.newsroom.test_settings import run_manage


def setting(expression, **env):
    """The value of a Python expression on the settings, in a fresh process with ``env``."""
    script = f"from django.conf import settings; print({expression})"
    result = run_manage("shell", "--verbosity=0", "-c", script, DEBUG="true", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_database_replica_url_adds_a_replica_alias_that_tests_mirror():
    replica = "settings.DATABASES['replica']"
    url = "postgres://reader@replica.internal:5432/newsroom"

    value = setting(
        f"{replica}['HOST'], {replica}['TEST']['MIRROR'], {replica}['CONN_HEALTH_CHECKS']",
        DATABASE_REPLICA_URL=url,
    )

    assert value == "replica.internal default True"


def test_without_database_replica_url_there_is_only_the_primary():
    assert setting("sorted(settings.DATABASES)") == "['default']"


def test_sessions_can_be_read_from_the_cache():
    engine = "django.contrib.sessions.backends.cached_db"

    assert setting("settings.SESSION_ENGINE", SESSION_ENGINE=engine) == engine
