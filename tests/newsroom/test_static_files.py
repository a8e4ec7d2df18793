"""Static files in production: hashed names from collectstatic, cached for a year by browsers."""

import json
import re

import httpx
import pytest

pytestmark = pytest.mark.django_db

HTTPS = {"Host": "news.example.org", "X-Forwarded-Proto": "https"}


def test_collectstatic_writes_a_hashed_and_compressed_copy_of_the_stylesheet(collected_static):
    manifest = json.loads((collected_static / "staticfiles.json").read_text())

    hashed = manifest["paths"]["css/site.css"]
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hashed)
    assert (collected_static / hashed).exists()
    assert (collected_static / f"{hashed}.gz").exists()


def test_pages_link_the_hashed_stylesheet_which_is_cached_for_a_year(
    production_server, collected_static
):
    manifest = json.loads((collected_static / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]

    page = httpx.get(production_server + "/", headers=HTTPS).text
    response = httpx.get(f"{production_server}/static/{hashed}", headers=HTTPS)

    assert f'href="/static/{hashed}"' in page
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "text/css" in response.headers["Content-Type"]


def test_the_unhashed_name_is_cached_only_briefly(production_server):
    response = httpx.get(f"{production_server}/static/css/site.css", headers=HTTPS)

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "max-age=60, public"
