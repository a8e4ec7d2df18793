import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Story
from tests.conftest import make_story, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def code_for(device):
    """What the authenticator app shows now, computed as the app does (RFC 6238)."""
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def log_in(client, username, password, otp_token=""):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "otp_token": otp_token},
    )


@pytest.fixture
def editor():
    return make_user("Reviewer", username="rita")


def enrol(client, user):
    client.force_login(user)
    page = client.get(reverse("accounts:two-factor"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("accounts:two-factor"), {"token": code_for(device)})
    return page, response, device


def test_staff_enrol_an_authenticator_by_typing_back_its_code(client, editor):
    page, response, device = enrol(client, editor)

    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    device.refresh_from_db()
    assert device.confirmed


def test_a_wrong_code_does_not_turn_two_factor_on(client, editor):
    client.force_login(editor)
    client.get(reverse("accounts:two-factor"))

    response = client.post(reverse("accounts:two-factor"), {"token": "000000"})

    assert "That code did not match" in response.content.decode()
    assert not TOTPDevice.objects.get(user=editor).confirmed


def test_after_enrolment_the_login_needs_the_code_as_well_as_the_password(client, editor):
    _page, _response, device = enrol(client, editor)
    client.logout()
    # A code is good once; the next login waits for the app's next one.
    device.refresh_from_db()
    device.last_t = -1
    device.save()

    without_code = log_in(client, "rita", PASSWORD)
    with_code = log_in(client, "rita", PASSWORD, code_for(device))

    assert "the current code from your authenticator app" in without_code.content.decode()
    assert with_code.status_code == 302
    assert client.get(reverse("admin:index")).wsgi_request.user.is_verified()


def test_staff_without_an_authenticator_log_in_with_the_password_alone(client, editor):
    response = log_in(client, "rita", PASSWORD)

    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_when_required_staff_are_sent_to_enrol_before_the_admin_opens(client, editor, settings):
    settings.NEWSROOM_STAFF_REQUIRE_2FA = True
    client.force_login(editor)

    before = client.get(reverse("admin:index"))
    device = TOTPDevice.objects.get_or_create(user=editor, confirmed=False)[0]
    client.post(reverse("accounts:two-factor"), {"token": code_for(device)})
    after = client.get(reverse("admin:index"))

    assert before.status_code == 302
    assert before["Location"] == reverse("accounts:two-factor")
    assert after.status_code == 200


def test_every_admin_page_links_the_staff_member_to_their_two_factor_page(client, editor):
    client.force_login(editor)

    for url in (reverse("admin:index"), reverse("admin:articles_story_changelist")):
        page = client.get(url).content.decode()
        assert f'<a href="{reverse("accounts:two-factor")}">Two-factor sign-in</a>' in page
        assert "Log out" in page, "Django's own links stay"


def test_when_required_a_draft_preview_needs_the_second_factor_too(client, editor, settings):
    settings.NEWSROOM_STAFF_REQUIRE_2FA = True
    draft = make_story(headline="An embargoed draft", status=Story.Status.IN_REVIEW)
    client.force_login(editor)

    response = client.get(reverse("articles:preview", args=[draft.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two-factor")


def test_a_right_password_without_its_code_reads_like_a_wrong_password(client, editor):
    _page, _response, device = enrol(client, editor)
    client.logout()

    wrong_password = log_in(client, "rita", "not-the-password", code_for(device))
    right_password_no_code = log_in(client, "rita", PASSWORD)

    errors = [
        r.context["form"].non_field_errors() for r in (wrong_password, right_password_no_code)
    ]
    assert errors[0] == errors[1]
