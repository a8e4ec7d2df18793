"""The site's own URLs, and /ceiling/: the article's HTML from memory, no query, no template."""

import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.urls import include, path


@cache
def article_html():
    return Path(os.environ["BENCH_CEILING_HTML"]).read_bytes()


def ceiling(request):
    return HttpResponse(article_html())


urlpatterns = [path("ceiling/", ceiling), path("", include("newsroom.urls"))]
