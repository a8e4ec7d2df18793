"""Fetching a feed over HTTP without trusting it: bounded in time and size, public hosts only.

The feed URL is typed by an editor and the redirects by whoever runs the feed, so every
hop is checked: http or https only, and no private, loopback or link-local address
(the intranet and the cloud's metadata service) unless the host is listed in
``NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS``. A
conditional GET (ETag, Last-Modified) lets an unchanged feed answer 304 with no body.
"""

import ipaddress
import socket
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

MAX_REDIRECTS = 5


class FetchError(Exception):
    """The feed could not be fetched; the message says why, for the admin's poll status."""


@dataclass(frozen=True)
class Fetched:
    content: bytes
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False


def fetch_feed(url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
    """GET ``url`` conditionally, following a few checked redirects; FetchError on failure."""
    timeout = settings.NEWSROOM_POLL_TIMEOUT
    headers = {
        "User-Agent": settings.NEWSROOM_POLL_USER_AGENT,
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + timeout
    # trust_env off: a proxy from the environment would hide which address is reached.
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            check_url(url)
            try:
                with client.stream("GET", url, headers=headers) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    return _read(response, deadline=deadline)
            except httpx.TimeoutException:
                raise FetchError(
                    _("The feed did not answer within %(seconds)g seconds.") % {"seconds": timeout}
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(
                    _("The feed could not be reached: %(error)s") % {"error": exc}
                ) from None
    raise FetchError(_("The feed redirected more than %(n)d times.") % {"n": MAX_REDIRECTS})


def check_url(url: str) -> None:
    """Raise FetchError unless ``url`` is http(s) on a host whose addresses may be reached."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError(_("The feed URL must be an http or https address."))
    if parts.hostname in settings.NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        raise FetchError(
            _("The feed's host %(host)s is not known.") % {"host": parts.hostname}
        ) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise FetchError(
                _(
                    "The feed's host %(host)s is on a private, loopback or link-local "
                    "address (%(address)s); polling it is not allowed."
                )
                % {"host": parts.hostname, "address": address}
            )


def _read(response: httpx.Response, *, deadline: float) -> Fetched:
    if response.status_code == 304:
        return Fetched(b"", not_modified=True)
    if response.status_code != 200:
        raise FetchError(
            _("The feed answered HTTP %(status)d %(reason)s.")
            % {"status": response.status_code, "reason": response.reason_phrase}
        )
    limit = settings.NEWSROOM_IMPORT_MAX_BYTES
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(int(declared), limit)
    chunks, size = [], 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > limit:
            raise _too_large(size, limit)
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the whole feed took too long", request=response.request)
        chunks.append(chunk)
    return Fetched(
        _decoded(response, b"".join(chunks)),
        etag=response.headers.get("etag", ""),
        last_modified=response.headers.get("last-modified", ""),
    )


def _decoded(response: httpx.Response, raw: bytes) -> bytes:
    """Undo gzip or deflate ourselves, capped, so a small compressed bomb stays small."""
    encoding = response.headers.get("content-encoding", "identity").lower()
    if encoding in {"", "identity"}:
        return raw
    if encoding not in {"gzip", "deflate"}:
        raise FetchError(
            _("The feed is sent as %(encoding)s, which Newsroom cannot read.")
            % {"encoding": encoding}
        )
    limit = settings.NEWSROOM_IMPORT_MAX_BYTES
    decompressor = zlib.decompressobj(wbits=47 if encoding == "gzip" else 15)
    data = decompressor.decompress(raw, limit + 1)
    if len(data) > limit:
        raise _too_large(len(data), limit)
    return data


def _too_large(size: int, limit: int) -> FetchError:
    return FetchError(
        _("The feed is at least %(size)d bytes, over the import limit of %(limit)d bytes.")
        % {"size": size, "limit": limit}
    )
