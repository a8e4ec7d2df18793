"""Arbitrary Unicode through the real forms and importers never breaks a page, feed or sitemap.

Controls, non-characters, escaped lone surrogates, combining marks, bidi overrides, CJK and
text that slugifies to nothing go into headlines, tags, source names and comment fields by
the doors people and wires use; then every public page, feed and sitemap is rendered and
every XML document parsed strictly. Each example runs in its own savepoint.
"""

import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st
from taggit.models import Tag

from articles.models import Source, Story
from ingest.importer import import_data
from newsroom import text
from tests.articles.test_admin_workflow import change_url, form_data
from tests.comments.conftest import post_comment
from tests.conftest import make_story, make_user
from tests.documents import fetch_every_xml_document

pytestmark = pytest.mark.django_db

AWKWARD = [
    "\x00",
    "\x07",
    "\x0b",
    "\x1f",
    "\x7f",
    "\x85",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "\u0301",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "Ö",
    "ß",
    "東",
    "京",
    "!",
    "#",
    "-",
    "_",
    " ",
    "\n",
    "\t",
]
messy = st.text(
    alphabet=st.one_of(st.sampled_from(AWKWARD), st.characters(codec="utf-8")),
    min_size=1,
    max_size=24,
)


def wire_item(n, *, headline, tag, source):
    """A ninjs item as a wire sends it: JSON escapes carry even lone surrogates."""
    return json.dumps(
        {
            "uri": f"urn:messy:{n}",
            "version": "1",
            "versionCreated": "2026-09-03T09:15:00Z",
            "pubStatus": "usable",
            "language": "en",
            "copyrightHolder": source,
            "headlines": [{"role": "main", "value": headline}],
            "subjects": [{"name": tag}],
            "bodies": [{"role": "main", "contentType": "text/plain", "value": f"{headline} body."}],
        }
    ).encode()


def as_posted(value):
    """What Django reads from a form that sent ``value``'s bytes: a lone surrogate's bytes
    are not UTF-8, and arrive as U+FFFD (no client can put the code point itself in a form)."""
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def rendered_without_fault(client, url):
    response = client.get(url)
    assert response.status_code in {200, 404}, f"{url} answered {response.status_code}"
    if response.status_code == 200:
        assert text.first_invalid(response.content.decode()) is None, url
    return response


_examples = iter(range(10**9))


@given(headline=messy, tag=messy, source=messy, comment=messy)
@example(headline="Pasted\x0bfrom Word", tag="Österreich", source="新华社", comment="\u202eevil")
@example(headline="\ufffe", tag="!!!", source="\x0b", comment="\ud800")
def test_messy_text_never_breaks_a_public_page_or_feed(client, headline, tag, source, comment):
    n = next(_examples)
    cache.clear()
    translator = make_user("Translator")
    with transaction.atomic():
        # A translator types it into the story form: saved, or refused in the form.
        story = make_story(tags=["Ukraine"])
        client.force_login(translator)
        edit = client.post(
            change_url(story),
            form_data(story, story.lock_version, headline=as_posted(headline), tags=as_posted(tag)),
        )
        assert edit.status_code in {200, 302}
        client.logout()
        # A wire sends it: imported (stripped) or refused with a reason, never a failure.
        (result,) = import_data(
            wire_item(n, headline=headline, tag=tag, source=source), path=Path("messy.json")
        )
        assert result.outcome in {"created", "refused"}, result.detail
        assert not result.detail.startswith(("Saving failed", "Reading failed")), result.detail
        public = [s.pk for s in [story, result.story] if s is not None]
        Story.objects.filter(pk__in=public).update(
            status=Story.Status.PUBLISHED, published_at=timezone.now() - timezone.timedelta(hours=1)
        )
        # A reader writes it in the comment form: kept, or refused with the text kept.
        posted = post_comment(client, story, name=as_posted(comment), body=as_posted(comment))
        assert posted.status_code in {302, 400}

        for each in Story.objects.filter(pk__in=public):
            rendered_without_fault(client, each.get_absolute_url())
        for archive in Tag.objects.all():
            rendered_without_fault(client, reverse("articles:tag", args=[archive.slug]))
        for archive in Source.objects.all():
            rendered_without_fault(client, reverse("articles:source", args=[archive.slug]))
        rendered_without_fault(client, reverse("articles:home"))
        rendered_without_fault(client, reverse("articles:search") + "?q=" + text.strip(headline))
        fetch_every_xml_document(client)
        transaction.set_rollback(True)
