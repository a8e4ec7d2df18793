"""The public content generation: what every cached public page is filed under.

Anything that changes what readers see calls ``public_content_changed()``. The generation
then moves on, and pages cached under the old one are never read again (they expire by
themselves): no list of URLs to purge, so no page can be forgotten. It moves once at the
call, so the same transaction (and every test) reads its own change, and once more when
the transaction commits, so a page rendered from the old rows in between is dropped too.

Time changes what readers see as well: a scheduled story goes public at its publish time
without any write. ``next_change(now)`` is that time, and page_cache.py serves nothing
cached before it once it has passed.

The generation lives in Django's cache, so every worker must share one cache (Redis in
production); with the local-memory default each process would only see its own changes,
which is why the settings turn the page cache off with it. For the same reason a process
that lost Redis for a while moves the generation on when it reaches Redis again: a change
it made meanwhile moved only its own copy, and pages kept in Redis from before the outage
must not come back.
"""

import secrets
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.utils import timezone

GENERATION_KEY = "newsroom:public:generation"
NEXT_CHANGE_KEY = "newsroom:public:next:{generation}"
# Any change moves the generation and so the key; this only bounds how long a value
# computed in a cache outage's local fallback can linger.
NEXT_CHANGE_SECONDS = 300

# Announced after a change readers will see has committed, for code that keeps copies of
# public pages elsewhere (a CDN purge). Sent with no arguments.
public_content_committed = Signal()


def public_content_changed():
    """Retire every cached public page, now and again once the current transaction commits."""
    _new_generation()
    transaction.on_commit(_committed)


def generation():
    """The current generation: a short random token, made on first use."""
    global _last_seen
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, secrets.token_hex(6), timeout=None)
        current = cache.get(GENERATION_KEY) or secrets.token_hex(6)
    _last_seen = current
    return current


# The generation this process read last: only a guess, checked at every read below.
_last_seen = None


def generation_and(key):
    """The current generation and the value cached under ``key(generation)``.

    One round trip (MGET reads both at the same instant) when the generation is still the
    one this process read last, as it is between two changes; two after a change.
    """
    guess = _last_seen
    if guess is not None:
        values = cache.get_many([GENERATION_KEY, key(guess)])
        if values.get(GENERATION_KEY) == guess:
            return guess, values.get(key(guess))
    current = generation()
    return current, cache.get(key(current))


def next_change(now=None, *, generation_token=None):
    """When the next scheduled story goes public (an aware datetime), or None."""
    from .models import Story

    now = now or timezone.now()
    key = NEXT_CHANGE_KEY.format(generation=generation_token or generation())
    # None: not cached; 0: nothing scheduled; else a POSIX timestamp.
    stamp = cache.get(key)
    if stamp is None or (stamp and stamp <= now.timestamp()):
        moment = Story.objects.scheduled(now).order_by("published_at")
        moment = moment.values_list("published_at", flat=True).first()
        stamp = moment.timestamp() if moment else 0
        cache.set(key, stamp, timeout=NEXT_CHANGE_SECONDS)
    return datetime.fromtimestamp(stamp, tz=UTC) if stamp else None


def _new_generation():
    cache.set(GENERATION_KEY, secrets.token_hex(6), timeout=None)


def _committed():
    _new_generation()
    public_content_committed.send(sender=None)


# Receivers: the model changes that show on public pages, whoever makes them (a transition,
# an edit in the admin, a shell). Each only retires the generation.


def is_or_was_public(story):
    # A scheduled story counts: scheduling it moves the next change time.
    return story.status in {story.Status.PUBLISHED, story.Status.WITHDRAWN}


def story_saved(sender, instance, **kwargs):
    """A published, scheduled or withdrawn story changed: its page, the lists, the feeds."""
    if is_or_was_public(instance):
        public_content_changed()


def story_tags_changed(sender, instance, action, **kwargs):
    """Tags added to or removed from a story readers can see (not a tag's own stories)."""
    from .models import Story

    if action.startswith("post_") and isinstance(instance, Story) and is_or_was_public(instance):
        public_content_changed()


def shown_on_pages_changed(sender, **kwargs):
    """A source's name or credit line, a tag's name: shown beside every story they touch."""
    public_content_changed()


def cache_recovered(sender, **kwargs):
    _new_generation()


def connect():
    """Called once from ArticlesConfig.ready()."""
    from taggit.models import Tag

    from newsroom.cache import cache_recovered as recovered

    from .models import Correction, Source, Story

    for signal in (post_save, post_delete):
        signal.connect(story_saved, sender=Story, dispatch_uid="public_cache.story")
        for model in (Source, Tag, Correction):
            signal.connect(
                shown_on_pages_changed, sender=model, dispatch_uid=f"public_cache.{model.__name__}"
            )
    m2m_changed.connect(
        story_tags_changed, sender=Story.tags.through, dispatch_uid="public_cache.tags"
    )
    recovered.connect(cache_recovered, dispatch_uid="public_cache.recovered")
