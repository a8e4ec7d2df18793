"""Hostile input in the admin: every list filter, search and autocomplete of the newsroom's
admin pages, and every field of the story form, answer without a 500."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

from comments.models import Comment
from tests.articles.test_admin_workflow import change_url, form_data
from tests.comments.conftest import make_comment
from tests.conftest import make_published_story
from tests.newsroom.test_bad_input import PAYLOADS
from tests.newsroom.test_xml_chars import OUR_APPS

pytestmark = pytest.mark.django_db

SWEPT = ["nul", "only-nul", "overlong", "huge-number", "negative", "sql-quote", "invalid-utf8"]


@pytest.fixture
def chief(client):
    user = User.objects.create_superuser("chief", password="a-long-test-password")
    client.force_login(user)
    client.raise_request_exception = False
    return user


def encoded(payload):
    if isinstance(payload, bytes):
        return "".join(f"%{byte:02X}" for byte in payload)
    return "".join(f"%{byte:02X}" for byte in payload.encode())


def changelist_parameters(model_admin, user):
    """The search and every filter's parameters, as the changelist reads them."""
    request = RequestFactory().get("/")
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    names = {"q", "p", "o", "e"}
    for spec in changelist.filter_specs:
        names.update(spec.expected_parameters())
    return sorted(names)


def test_every_admin_filter_and_search_answers_hostile_input_without_a_500(client, chief):
    make_comment(make_published_story(tags=["Ukraine"]), status=Comment.Status.PENDING)
    failures = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for name in changelist_parameters(model_admin, chief):
            for payload in SWEPT:
                response = client.get(f"{url}?{name}={encoded(PAYLOADS[payload])}")
                if response.status_code >= 500:
                    failures.append(f"{url}?{name}=<{payload}> -> {response.status_code}")

    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("payload", SWEPT)
def test_the_autocomplete_answers_hostile_terms_without_a_500(client, chief, payload):
    query = "app_label=articles&model_name=story&field_name=source"

    response = client.get(
        f"{reverse('admin:autocomplete')}?{query}&term={encoded(PAYLOADS[payload])}"
    )

    assert response.status_code < 500


@pytest.mark.parametrize("payload", ["overlong", "huge-number", "negative", "sql-quote", "nul"])
def test_every_field_of_the_story_form_answers_hostile_input_without_a_500(client, chief, payload):
    story = make_published_story()
    failures = []
    for name in form_data(story, story.lock_version):
        if name.startswith("lead_picture-"):
            continue
        data = form_data(story, story.lock_version)
        data[name] = PAYLOADS[payload]
        response = client.post(change_url(story), data)
        if response.status_code >= 500:
            failures.append(f"{name}=<{payload}> -> {response.status_code}")

    assert not failures, "\n".join(failures)


def test_a_nul_in_any_address_is_refused_with_400(client):
    response = client.get(reverse("articles:search"), {"q": "a\x00b"})

    assert response.status_code == 400
    assert "NUL" in response.content.decode()
