"""IPTC ninjs JSON, versions 1.x, 2.x and 3.x, told apart by their keys.

No reliable version field exists in the wild: 1.x has ``headline`` and ``body_html``;
2.x has lists (``headlines[]``, ``bodies[]``, ``descriptions[]``) with lower-case keys;
3.x has the lists with camelCase keys (``versionCreated``, ``pubStatus``,
``embargoedUntil``). Only ``uri`` is required by the standard; Newsroom also needs a
headline.
"""

import json

from django.utils.translation import gettext as _

from ingest.errors import RefusedFile
from ingest.formats.fields import parse_time, parse_version, require_headline, squash, tag_names
from ingest.formats.fields import text_blocks as plain_blocks
from ingest.formats.html import html_blocks
from ingest.records import StoryRecord

CAMEL_CASE_KEYS = {
    "versionCreated",
    "firstCreated",
    "pubStatus",
    "embargoedUntil",
    "contentCreated",
}
LIST_KEYS = {"headlines", "bodies", "descriptions"}
CANONICAL_LINK_RELS = {"canonical", "irel:canonical", "alternate", "self"}


def parse_ninjs(data: bytes) -> list[StoryRecord]:
    """Read one ninjs item, or raise RefusedFile saying why the file is not one."""
    item = load_json(data)
    if not isinstance(item, dict) or not isinstance(item.get("uri"), str) or not item["uri"]:
        raise RefusedFile(_("The JSON is not a ninjs item: it has no “uri”."))
    version = ninjs_version(item)
    get = _camel if version == 3 else _lower
    headline = require_headline(_headline(item) if version > 1 else item.get("headline"))
    return [
        StoryRecord(
            guid=item["uri"].strip(),
            headline=headline,
            standfirst=_standfirst(item, version),
            blocks=_body(item, version, headline=headline),
            credit=squash(_str(get(item, "copyrightholder"))) or None,
            byline=squash(_str(item.get("by") or item.get("byline"))),
            language=squash(_str(item.get("language"))),
            original_url=_url(item),
            tags=tag_names(_tags(item)),
            version=parse_version(item.get("version")),
            first_created=parse_time(_str(get(item, "firstcreated")), field="first created time"),
            version_created=parse_time(
                _str(get(item, "versioncreated")), field="version created time"
            ),
            embargoed_until=parse_time(
                _str(get(item, "embargoeduntil") or item.get("embargoed")), field="embargo time"
            ),
            pub_status=squash(_str(get(item, "pubstatus"))).lower() or "usable",
            copyright_holder=squash(_str(get(item, "copyrightholder"))),
            copyright=squash(_str(get(item, "copyrightnotice"))),
            usage_terms=squash(_str(get(item, "usageterms"))),
        )
    ]


def load_json(data: bytes):
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RefusedFile(_("The JSON is not valid UTF-8.")) from None
    except RecursionError:
        raise RefusedFile(_("The JSON is nested too deeply to be a story.")) from None
    except ValueError as exc:
        raise RefusedFile(_("The JSON is malformed: %(error)s") % {"error": exc}) from None


def ninjs_version(item: dict) -> int:
    """1, 2 or 3, from the keys the item uses."""
    if CAMEL_CASE_KEYS & item.keys():
        return 3
    if LIST_KEYS & item.keys():
        return 2
    return 1


def _lower(item: dict, key: str):
    return item.get(key)


def _camel(item: dict, key: str):
    """3.x spells ``versioncreated`` as ``versionCreated``: match the key without case."""
    for name, value in item.items():
        if name.lower() == key:
            return value
    return None


def _str(value) -> str:
    return value if isinstance(value, str) else ""


def _entries(item: dict, key: str) -> list[dict]:
    value = item.get(key)
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def _pick(entries: list[dict], roles: tuple[str, ...]) -> dict | None:
    for role in roles:
        for entry in entries:
            if squash(_str(entry.get("role"))).lower() == role:
                return entry
    return entries[0] if entries else None


def _headline(item: dict) -> str:
    entry = _pick(_entries(item, "headlines"), ("main", "headline", ""))
    return _str(entry.get("value")) if entry else ""


def _content_type(entry: dict) -> str:
    return _str(entry.get("contenttype") or entry.get("contentType")).lower()


def _standfirst(item: dict, version: int) -> str:
    if version == 1:
        text = _str(item.get("description_text"))
        return text or " ".join(b.text for b in html_blocks(_str(item.get("description_html"))))
    entry = _pick(_entries(item, "descriptions"), ("summary", "abstract", "text", "teaser"))
    if entry is None:
        return ""
    value = _str(entry.get("value"))
    if "html" in _content_type(entry):
        return " ".join(block.text for block in html_blocks(value))
    return squash(value)


def _body(item: dict, version: int, *, headline: str):
    if version == 1:
        markup = _str(item.get("body_html") or item.get("body_xhtml"))
        if markup:
            return html_blocks(markup, headline=headline)
        return plain_blocks(_str(item.get("body_text")))
    bodies = _entries(item, "bodies")
    marked_up = [entry for entry in bodies if "html" in _content_type(entry)]
    if marked_up:
        return html_blocks(_str(marked_up[0].get("value")), headline=headline)
    entry = _pick(bodies, ("main", "text", "plain"))
    return plain_blocks(_str(entry.get("value"))) if entry else []


def _url(item: dict) -> str:
    """A canonical link if the item has one; else the uri when it is a web address."""
    for link in _entries(item, "links"):
        if squash(_str(link.get("rel"))).lower() in CANONICAL_LINK_RELS:
            href = squash(_str(link.get("href")))
            if href.startswith(("http://", "https://")):
                return href
    uri = squash(item["uri"])
    return uri if uri.startswith(("http://", "https://")) else ""


def _tags(item: dict) -> list[str]:
    """Subject names (1.x ``subject``, later ``subjects``) and keywords."""
    subjects = _entries(item, "subjects") + _entries(item, "subject")
    names = [_str(subject.get("name")) for subject in subjects]
    keywords = item.get("keywords")
    return names + (
        [k for k in keywords if isinstance(k, str)] if isinstance(keywords, list) else []
    )
