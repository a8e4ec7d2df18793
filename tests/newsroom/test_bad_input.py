"""Hostile input on every public address: never a 500, never the attacker's HTML echoed back.

Each public URL is sent overlong values, NUL bytes, invalid UTF-8 (percent-encoded bytes
that decode to nothing), SQL and HTML injection strings, in each query parameter it reads,
in its path arguments and, for the forms, in each field. The list of URLs comes from the
URL resolver: a new URL fails ``test_every_url_is_swept_or_classified`` until it is added
to PUBLIC (swept here) or to BEHIND_LOGIN (staff only, each checked elsewhere).
"""

import re
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from comments.abuse import issue_token
from comments.confirmation import token_for
from tests.articles.test_url_permissions import url_names
from tests.comments.conftest import make_comment
from tests.conftest import make_published_story

pytestmark = pytest.mark.django_db

# Each payload is sent percent-encoded as UTF-8, except bytes, which go as they are: b"\xff"
# is the byte 0xFF, invalid as UTF-8 wherever it lands.
PAYLOADS = {
    "overlong": "A" * 5000,
    "overlong-digits": "9" * 5000,
    "huge-number": "99999999999999999999999999",
    "negative": "-1",
    "float": "1e308",
    "nul": "x\x00y",
    "only-nul": "\x00",
    "invalid-utf8": b"\xff\xfe\xc3(",
    "overlong-utf8": b"\xc0\xaf\xe0\x80\xaf",
    "sql-quote": "' OR '1'='1' --",
    "sql-statement": "1; DROP TABLE articles_story; --",
    "sql-union": "1 UNION SELECT username, password FROM auth_user",
    "html-script": "<script>alert('xss')</script>",
    "html-attribute": '"><img src=x onerror=alert(1)>',
    "template": "{{ settings.SECRET_KEY }}{% debug %}",
    "control-chars": "\x01\x02\x1b[31m\r\n\t",
    "path-traversal": "../../../../etc/passwd",
    "unicode": "\u202etxt.exe \U0001f600 \ufeff",
}
# Whatever page answers, none of these may come back as markup.
HTML_PAYLOADS = [PAYLOADS["html-script"], PAYLOADS["html-attribute"]]


@dataclass
class Target:
    """How to reach one URL: its arguments, the query parameters and form fields it reads."""

    args: object = lambda o: []  # fixtures -> the URL's path arguments
    params: list = field(default_factory=list)
    # Index of the path argument replaced by each payload, when the URL has one.
    path_arg: int | None = None
    form: object = None  # fixtures -> the valid fields of a POST
    staff: bool = False


def comment_fields(o):
    return {
        "name": "Reader",
        "email": "reader@mail.example",
        "url": "https://reader.example/",
        "body": "A thoughtful comment.",
        "parent": str(o["comment"].pk),
        "company": "",
        "remember": "on",
        "token": o["token"],
    }


PAGE = ["page"]
PUBLIC = {
    "articles:home": Target(params=PAGE),
    "articles:detail": Target(args=lambda o: [o["story"].slug], path_arg=0),
    "articles:tag": Target(args=lambda o: ["ukraine"], params=PAGE, path_arg=0),
    "articles:tag-feed": Target(args=lambda o: ["ukraine"], path_arg=0),
    "articles:tag-feed-atom": Target(args=lambda o: ["ukraine"], path_arg=0),
    "articles:source": Target(args=lambda o: [o["story"].source.slug], params=PAGE, path_arg=0),
    "articles:source-feed": Target(args=lambda o: [o["story"].source.slug], path_arg=0),
    "articles:source-feed-atom": Target(args=lambda o: [o["story"].source.slug], path_arg=0),
    "articles:search": Target(params=["q", "page"]),
    "articles:feed": Target(),
    "articles:feed-atom": Target(),
    "articles:sitemap": Target(params=["p"]),
    "articles:sitemap-section": Target(args=lambda o: ["stories"], params=["p"], path_arg=0),
    "articles:news-sitemap": Target(params=["p"]),
    "articles:robots": Target(),
    "articles:preview": Target(args=lambda o: [o["story"].pk], path_arg=0, staff=True),
    "comments:post": Target(args=lambda o: [o["story"].pk], path_arg=0, form=comment_fields),
    "comments:confirm": Target(
        args=lambda o: [token_for(o["comment"])], path_arg=0, form=lambda o: {"confirm": "yes"}
    ),
    "admin:login": Target(
        params=["next"],
        form=lambda o: {"username": "nobody", "password": "wrong-password", "next": "/admin/"},
    ),
}
# Only staff get past the admin's login to these; tests/articles/test_url_permissions.py
# and the admin tests check who may open them.
BEHIND_LOGIN = re.compile(r"^(admin:(?!login$)|accounts:)")
# Answered by middleware before URL resolution (newsroom/health.py).
OUTSIDE_RESOLVER = {"/healthz": Target(params=["verbose"])}


def encode(payload):
    return quote(payload, safe="")


@pytest.fixture
def objects():
    story = make_published_story(tags=["Ukraine"])
    return {
        "story": story,
        "comment": make_comment(story),
        "token": issue_token(story, story.published_at),
    }


@pytest.fixture
def browser(objects):
    # A 500 answers as a response rather than an exception, so the sweep reports all of them.
    return Client(raise_request_exception=False)


def requests_for(name, target, objects, payload):
    """(method, path, body) for every place ``target`` reads input, filled with ``payload``."""
    args = target.args(objects)
    path = reverse(name, args=args) if ":" in name else name
    value = encode(payload)
    for param in target.params:
        yield "GET", f"{path}?{param}={value}", None
    if target.path_arg is not None:
        marker = "0" if isinstance(args[target.path_arg], int) else "placeholder"
        marked = list(args)
        marked[target.path_arg] = marker
        yield "GET", reverse(name, args=marked).replace(marker, value, 1), None
    if target.form is not None:
        valid = target.form(objects)
        for key in valid:
            body = {k: encode(v) for k, v in valid.items()} | {key: value}
            yield "POST", path, "&".join(f"{k}={v}" for k, v in body.items())
    if not target.params and target.path_arg is None and target.form is None:
        yield "GET", f"{path}?{encode('unexpected')}={value}", None


def send(client, method, path, body):
    if method == "GET":
        return client.get(path)
    return client.post(path, body, content_type="application/x-www-form-urlencoded")


def test_every_url_is_swept_or_classified():
    names = set(url_names())

    unclassified = {n for n in names if n not in PUBLIC and not BEHIND_LOGIN.match(n)}
    assert not unclassified, f"Add these URLs to {__name__}.PUBLIC: {sorted(unclassified)}"
    assert set(PUBLIC) <= names, "PUBLIC names a URL that no longer exists"


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
@pytest.mark.parametrize("name", sorted(PUBLIC) + sorted(OUTSIDE_RESOLVER))
def test_no_public_url_fails_or_echoes_markup_on_hostile_input(browser, objects, name, payload):
    target = PUBLIC.get(name) or OUTSIDE_RESOLVER[name]
    if target.staff:
        browser.force_login(User.objects.create_superuser("chief", password="a-long-password"))

    failures = []
    for method, path, body in requests_for(name, target, objects, PAYLOADS[payload]):
        response = send(browser, method, path, body)
        content = b"".join(response) if response.streaming else response.content
        if response.status_code >= 500:
            failures.append(
                f"{method} {path[:120]} {body and body[:200]} -> {response.status_code}"
            )
        for markup in HTML_PAYLOADS:
            if markup.encode() in content:
                failures.append(f"{method} {path[:120]} echoes {markup}")

    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "body",
    [
        '--boundary\r\nContent-Disposition: form-data; name="body"\r\n\r\nunterminated',
        "--boundary\r\nContent-Disposition: form-data; name=\x00\r\n\r\nx\r\n--boundary--",
        "",
    ],
    ids=["unterminated", "nul-in-header", "empty"],
)
def test_a_malformed_multipart_comment_is_refused_not_a_crash(browser, objects, body):
    url = reverse("comments:post", args=[objects["story"].pk])

    response = browser.post(url, body, content_type="multipart/form-data; boundary=boundary")

    assert response.status_code == 400


def test_a_comment_post_larger_than_the_upload_limit_is_refused(browser, objects, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    url = reverse("comments:post", args=[objects["story"].pk])
    fields = comment_fields(objects) | {"body": "A" * 20_000}

    response = browser.post(url, fields)

    assert response.status_code == 400


def test_a_search_for_markup_shows_it_as_text(client, objects):
    response = client.get(reverse("articles:search"), {"q": PAYLOADS["html-script"]})

    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in response.content.decode()


@pytest.mark.parametrize("payload", ["invalid-utf8", "nul", "overlong", "html-script"])
def test_hostile_input_is_no_500_with_the_page_cache_on_either(browser, objects, settings, payload):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 3600
    failures = []
    for name, target in [*PUBLIC.items(), *OUTSIDE_RESOLVER.items()]:
        if target.staff:
            continue
        for method, path, body in requests_for(name, target, objects, PAYLOADS[payload]):
            # Twice: the second answer comes from the cache where the first was stored.
            for _ in range(2):
                response = send(browser, method, path, body)
                if response.status_code >= 500:
                    failures.append(f"{method} {path[:120]} -> {response.status_code}")

    assert not failures, "\n".join(failures)


def test_an_admin_username_longer_than_any_account_is_a_form_error(browser):
    response = browser.post(
        reverse("admin:login"), {"username": "a" * 300, "password": "wrong-password"}
    )

    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters" in response.content.decode()
