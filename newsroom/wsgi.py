"""WSGI entry point for gunicorn: ``gunicorn newsroom.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# Read by settings.py, which bounds the database waits of web requests, never of commands.
os.environ["NEWSROOM_WEB_PROCESS"] = "true"

application = get_wsgi_application()
