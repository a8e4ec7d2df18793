"""What the story list can be narrowed to: an editor's own queue, and stories behind their original.

The queue is per person, so it is a filter on the request's user rather than a saved
search: a translator's work is what is assigned to them and still unfinished; a
reviewer's is what waits in review and, under four eyes, was translated by someone else.

The other filters are Django's, made to list their choices without reading every story:
at 100,000 stories a DISTINCT over the table costs more than the rest of the page.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections, router
from django.db.models import Count, Exists, Lookup, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from .models import Correction, Revision, Source, Story

S = Story.Status
FINISHED = [S.PUBLISHED, S.WITHDRAWN, S.SPIKED]


class QueueFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        choices = [("mine", _("Assigned to me"))]
        if request.user.has_perm("articles.review_story"):
            choices.append(("review", _("Awaiting my review")))
        choices.append(("updates", _("Live updates in review")))
        if request.user.has_perm("articles.review_story"):
            choices.append(("corrections", _("Corrections awaiting a second look")))
        return choices

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(translator=request.user).exclude(status__in=FINISHED)
        if self.value() == "review":
            return awaiting_review(queryset, request.user)
        if self.value() == "corrections":
            waiting = Correction.objects.filter(story=OuterRef("pk"), second_look_at__isnull=True)
            return queryset.filter(Exists(waiting))
        if self.value() == "updates":
            return queryset.filter(status=S.PUBLISHED, pending_revision__update_status=S.IN_REVIEW)
        return queryset


def awaiting_review(queryset, user):
    """Stories and live updates in review that this user may approve: under four eyes,
    none whose words they wrote since the last approval; nothing for a non-reviewer."""
    if not user.has_perm("articles.review_story"):
        return queryset.none()
    queryset = queryset.filter(
        Q(status=S.IN_REVIEW) | Q(status=S.PUBLISHED, pending_revision__update_status=S.IN_REVIEW)
    )
    if settings.NEWSROOM_FOUR_EYES:
        written = Revision.objects.filter(story=OuterRef("pk"), created_by=user)
        queryset = queryset.exclude(Exists(written.since_last_approval()))
    return queryset


class NeedsUpdateFilter(admin.SimpleListFilter):
    title = _("needs update")
    parameter_name = "needs_update"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        needs_update = Story.TranslationStatus.NEEDS_UPDATE
        if self.value() == "yes":
            return queryset.filter(translation_status=needs_update)
        if self.value() == "no":
            return queryset.exclude(translation_status=needs_update)
        return queryset


def status_counts():
    """How many stories stand in each editorial status, in workflow order, in one query."""
    # COUNT(*), not COUNT(id): the status index alone answers it, without reading the stories.
    counts = dict(Story.objects.order_by().values_list("status").annotate(n=Count("*")))
    rows = [
        {
            "value": status.value,
            "label": status.label,
            "count": counts.get(status.value, 0),
            "query": f"status__exact={status.value}",
        }
        for status in S
    ]
    # Live stories whose update waits in review: reviewers' work as much as a first review.
    updates = Revision.objects.filter(pending=True, update_status=S.IN_REVIEW).count()
    rows.insert(
        2,
        {
            "value": "update_in_review",
            "label": _("Updates in review"),
            "count": updates,
            "query": "queue=updates",
        },
    )
    return rows


class TagFilter(admin.RelatedFieldListFilter):
    """The tags the newest stories use most, not the whole vocabulary of thousands.

    Any tag still filters the list (``?tags__id__exact=``); the chosen one is listed even
    when it is not among them.
    """

    limit = 20
    newest_stories = 500

    def field_choices(self, field, request, model_admin):
        newest = Story.objects.order_by("-pk").values("pk")[: self.newest_stories]
        used = Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(Story),
            taggit_taggeditem_items__object_id__in=newest,
        )
        top = used.annotate(n=Count("*")).order_by("-n", "name").values("pk")[: self.limit]
        chosen = [value for value in self.lookup_val or [] if str(value).isdigit()]
        tags = Tag.objects.filter(Q(pk__in=top) | Q(pk__in=chosen)).order_by("name")
        return [(tag.pk, str(tag)) for tag in tags]


class TranslatorFilter(admin.RelatedOnlyFieldListFilter):
    """The users who translated a story, found by one index probe each, not a DISTINCT
    over every story."""

    def field_choices(self, field, request, model_admin):
        stories = model_admin.get_queryset(request).filter(**{self.field_path: OuterRef("pk")})
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False, limit_choices_to=Q(Exists(stories)), ordering=ordering
        )


class LanguageFilter(admin.AllValuesFieldListFilter):
    """Every original language, found by walking the language index one value at a time."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_choices = distinct_values(Story, field.column)


def distinct_values(model, column):
    """The distinct non-null values of an indexed column, in order: a loose index scan,
    one index probe per value, where SELECT DISTINCT reads the whole index."""
    connection = connections[router.db_for_read(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(column)
    sql = f"""
        WITH RECURSIVE found(value) AS (
            (SELECT {column} FROM {table} WHERE {column} IS NOT NULL ORDER BY 1 LIMIT 1)
            UNION ALL
            SELECT (SELECT {column} FROM {table} WHERE {column} > found.value ORDER BY 1 LIMIT 1)
            FROM found WHERE found.value IS NOT NULL
        )
        SELECT value FROM found WHERE value IS NOT NULL
    """
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


class SourceNameContains(Lookup):
    """``source__name_contains``: stories whose source's name contains the text, any case.

    The admin's search ORs this with the headline and the GUID. ``source__name__icontains``
    would join the sources, and a join in an OR keeps PostgreSQL from the trigram indexes:
    it reads every story. Here the few matching sources are found first, in an ARRAY(...)
    run once, which leaves a condition on the story's own column that an index answers.
    """

    lookup_name = "name_contains"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        sources = Source.objects.filter(name__icontains=self.rhs).order_by().values("pk")
        rhs, rhs_params = compiler.compile(
            ArraySubquery(sources).resolve_expression(compiler.query)
        )
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


Story._meta.get_field("source").register_lookup(SourceNameContains)
