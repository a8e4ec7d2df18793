"""What the in-process benches share: Django set up on the database they are given."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from django.test.utils import setup_test_environment  # noqa: E402

# The test client's host ("testserver") and an outbox instead of mail.
setup_test_environment()


def staff_client():
    """A test client logged in as a superuser, the widest admin there is."""
    from django.contrib.auth.models import User
    from django.test import Client

    user, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return client, user
