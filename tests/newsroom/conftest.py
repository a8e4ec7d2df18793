"""Production-mode fixtures: collected static files and a gunicorn on the test database."""

import pytest
from django.db import connection

from .server import database_url, gunicorn, manage, production_env


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """collectstatic into a temporary STATIC_ROOT, as a deployment runs it."""
    root = tmp_path_factory.mktemp("static")
    manage("collectstatic", "--noinput", "--verbosity", "0", env=production_env(STATIC_ROOT=root))
    return root


@pytest.fixture(scope="module")
def production_server(django_db_setup, django_db_blocker, collected_static):
    """gunicorn with production settings, reading the test database (empty but migrated)."""
    with django_db_blocker.unblock():
        url = database_url(connection.settings_dict)
    env = production_env(STATIC_ROOT=str(collected_static), DATABASE_URL=url)
    with gunicorn(env) as base:
        yield base
