import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def log_in(client, username, password):
    return client.post(reverse("admin:login"), {"username": username, "password": password})


@pytest.fixture
def editor():
    return make_user("Reviewer", username="rita")


def test_the_admin_login_locks_after_five_wrong_passwords_with_a_message(client, editor):
    for _ in range(4):
        assert log_in(client, "rita", "wrong").status_code == 200

    fifth = log_in(client, "rita", "wrong")
    right_one_now = log_in(client, "rita", PASSWORD)

    assert fifth.status_code == 429
    assert right_one_now.status_code == 429
    assert "Too many failed logins" in right_one_now.content.decode()
    assert "_auth_user_id" not in client.session


def test_axes_reset_unlocks_the_account(client, editor):
    for _ in range(5):
        log_in(client, "rita", "wrong")

    call_command("axes_reset", verbosity=0)

    assert log_in(client, "rita", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_right_password_clears_earlier_failures(client, editor):
    for _ in range(4):
        log_in(client, "rita", "wrong")
    log_in(client, "rita", PASSWORD)
    client.logout()

    for _ in range(4):
        assert log_in(client, "rita", "wrong").status_code == 200
