"""Public pages from the cache, with headers a CDN and a browser can act on.

``@public_page(LIST)`` or ``@public_page(ARTICLE)`` on a view: an anonymous reader's
request is answered from the cache when the same page was rendered under the current
public content generation (public_cache.py) and before the next scheduled publish time;
else the view runs and its answer is kept. Every shared answer carries an ETag and a
Last-Modified, so a conditional request costs a 304 and no body.

A request is personal, and never cached or marked public, when it is not GET or HEAD or
carries a cookie that changes the page: the session (staff; a reader's own comments
awaiting moderation) or one a module registered with ``personal_cookie()``. Other cookies
(analytics, a CSRF cookie from the admin) change nothing on a public page and are ignored.
Public pages hold nothing per reader; in particular no CSRF token (see comments/origin.py).
"""

import hashlib
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from newsroom.middleware import clean

from . import public_cache

PAGE_KEY = "newsroom:page:{generation}:{digest}"
FRAGMENT_KEY = "newsroom:fragment:{generation}:{name}"
# Headers the cache may not replay: they belong to one request, or are set again anyway.
NOT_REPLAYED = {"set-cookie", "vary", "cache-control", "etag", "last-modified", "expires"}
CACHED_STATUSES = {200, 410}
_personal_cookies = set()


@dataclass(frozen=True)
class Policy:
    """How long a browser or CDN may keep a page, and serve it stale while it refetches."""

    max_age: int
    stale_while_revalidate: int


# Lists change with every publish: short, and stale for a while rather than slow.
LIST = Policy(max_age=60, stale_while_revalidate=300)
# An article changes rarely after it is published (updates and corrections).
ARTICLE = Policy(max_age=300, stale_while_revalidate=600)


def personal_cookie(name):
    """A cookie whose presence makes public pages personal (called from an AppConfig.ready)."""
    _personal_cookies.add(name)


def is_personal(request):
    if request.method not in {"GET", "HEAD"}:
        return True
    cookies = {settings.SESSION_COOKIE_NAME, *_personal_cookies}
    return any(name in request.COOKIES for name in cookies)


def public_page(policy):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if is_personal(request) or not settings.NEWSROOM_PAGE_CACHE_SECONDS:
                return private(view(request, *args, **kwargs))
            now = timezone.now()
            page_digest = digest(request)
            generation, page = public_cache.generation_and(
                lambda token: PAGE_KEY.format(generation=token, digest=page_digest)
            )
            if is_degraded(cache):
                # The shared cache is away: a page kept now would be this process's alone,
                # and its generation would not move with another process's change.
                return private(view(request, *args, **kwargs))
            if page is None or (page.expires_at and page.expires_at <= now.timestamp()):
                response = view(request, *args, **kwargs)
                if not storable(response):
                    return private(response)
                until = public_cache.next_change(now, generation_token=generation)
                page = CachedPage.of(response, now=now, until=until)
                key = PAGE_KEY.format(generation=generation, digest=page_digest)
                cache.set(key, page, timeout=page.timeout(now))
            return page.respond(request, policy, now=now)

        return wrapped

    return decorator


def public_fragment(name, compute):
    """``compute()``, for a piece many public pages show alike (the latest posts), kept
    like a page: under the current generation and never past the next scheduled publish
    time; computed every time when the page cache is off or the shared cache is away."""
    if not settings.NEWSROOM_PAGE_CACHE_SECONDS:
        return compute()
    now = timezone.now()
    generation, kept = public_cache.generation_and(
        lambda token: FRAGMENT_KEY.format(generation=token, name=name)
    )
    if is_degraded(cache):
        return compute()
    if kept is not None:
        expires_at, value = kept
        if not expires_at or expires_at > now.timestamp():
            return value
    value = compute()
    until = public_cache.next_change(now, generation_token=generation)
    expires_at = until.timestamp() if until else None
    cache.set(
        FRAGMENT_KEY.format(generation=generation, name=name),
        (expires_at, value),
        timeout=keep_seconds(expires_at, now),
    )
    return value


def keep_seconds(expires_at, now):
    """How long the cache keeps a page or a piece: the setting, or less when a scheduled
    story goes public sooner."""
    seconds = settings.NEWSROOM_PAGE_CACHE_SECONDS
    if expires_at:
        seconds = min(seconds, max(1, int(expires_at - now.timestamp()) + 1))
    return seconds


def digest(request):
    """Scheme, host, path and query: one entry per address a reader can ask for."""
    return hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]


def storable(response):
    if response.status_code not in CACHED_STATUSES or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-cache", "no-store"))


def is_degraded(cache):
    return getattr(cache, "is_degraded", bool)()


def private(response):
    """Never stored by a shared cache, and checked with the server before each reuse."""
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)
    return response


@dataclass(frozen=True)
class CachedPage:
    status: int
    content: bytes
    headers: tuple
    etag: str
    rendered_at: float
    # When the next scheduled story goes public: the page is stale from then on.
    expires_at: float | None

    @classmethod
    def of(cls, response, *, now, until):
        if hasattr(response, "render"):
            response.render()
        clean(response)  # Once, here: every hit then replays a clean copy unscanned.
        content = response.content
        headers = tuple(
            (name, value) for name, value in response.items() if name.lower() not in NOT_REPLAYED
        )
        etag = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
        return cls(
            status=response.status_code,
            content=content,
            headers=headers,
            etag=etag,
            rendered_at=now.timestamp(),
            expires_at=until.timestamp() if until else None,
        )

    def timeout(self, now):
        return keep_seconds(self.expires_at, now)

    def respond(self, request, policy, *, now):
        response = HttpResponse(self.content, status=self.status)
        response.xml_safe = True
        for name, value in self.headers:
            response[name] = value
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(int(self.rendered_at))
        max_age, stale = policy.max_age, policy.stale_while_revalidate
        if self.expires_at:
            # A scheduled story goes public soon: nobody may keep this page past that time.
            left = max(0, int(self.expires_at - now.timestamp()))
            max_age, stale = min(max_age, left), (stale if left > max_age + stale else 0)
        control = {"public": True, "max_age": max_age}
        if stale:
            control["stale_while_revalidate"] = stale
        patch_cache_control(response, **control)
        # Caches must not hand this copy to a reader whose cookies make the page personal.
        patch_vary_headers(response, ["Cookie"])
        if self.status == 200:
            return get_conditional_response(
                request, etag=self.etag, last_modified=int(self.rendered_at), response=response
            )
        return response
