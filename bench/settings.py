"""The production settings plus one bare view, the framework ceiling bench/http.py compares to."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
