"""Every response of the production server carries the security headers."""

import httpx
import pytest

pytestmark = pytest.mark.django_db

# What the proxy in front says about a request that reached it over HTTPS.
HTTPS = {"Host": "news.example.org", "X-Forwarded-Proto": "https"}


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_public_and_admin_pages_carry_every_security_header(production_server, path):
    response = httpx.get(production_server + path, headers=HTTPS)

    assert response.status_code == 200
    headers = response.headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = headers["Permissions-Policy"]
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert f"{feature}=()" in policy
    csp = dict(
        directive.partition(" ")[::2]
        for directive in headers["Content-Security-Policy"].split("; ")
    )
    assert csp["default-src"] == csp["script-src"] == csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == csp["object-src"] == csp["base-uri"] == "'none'"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]


def test_a_plain_http_request_is_redirected_to_https(production_server):
    response = httpx.get(production_server + "/", headers={"Host": "news.example.org"})

    assert response.status_code == 301
    assert response.headers["Location"] == "https://news.example.org/"


def test_a_forged_host_is_refused(production_server):
    response = httpx.get(production_server + "/", headers={**HTTPS, "Host": "attacker.example"})

    assert response.status_code == 400


def test_admin_session_and_csrf_cookies_are_secure_and_http_only(production_server):
    response = httpx.get(production_server + "/admin/login/", headers=HTTPS)

    cookie = response.headers["Set-Cookie"]
    assert "csrftoken=" in cookie
    assert "Secure" in cookie
