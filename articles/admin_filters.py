"""What the story list can be narrowed to: an editor's own queue, and stories behind their original.

The queue is per person, so it is a filter on the request's user rather than a saved
search: a translator's work is what is assigned to them and still unfinished; a
reviewer's is what waits in review and, under four eyes, was translated by someone else.
"""

from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Story

S = Story.Status
FINISHED = [S.PUBLISHED, S.WITHDRAWN, S.SPIKED]


class QueueFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        choices = [("mine", _("Assigned to me"))]
        if request.user.has_perm("articles.review_story"):
            choices.append(("review", _("Awaiting my review")))
        return choices

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(translator=request.user).exclude(status__in=FINISHED)
        if self.value() == "review":
            return awaiting_review(queryset, request.user)
        return queryset


def awaiting_review(queryset, user):
    """Stories in review this user may approve; nothing for a user who cannot review."""
    if not user.has_perm("articles.review_story"):
        return queryset.none()
    queryset = queryset.filter(status=S.IN_REVIEW)
    if settings.NEWSROOM_FOUR_EYES:
        queryset = queryset.exclude(translator=user)
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
    counts = dict(Story.objects.order_by().values_list("status").annotate(n=Count("pk")))
    return [
        {"value": status.value, "label": status.label, "count": counts.get(status.value, 0)}
        for status in S
    ]
