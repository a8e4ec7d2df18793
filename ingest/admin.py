"""Ingest in the admin: each feed's last poll, and the pages to upload wire files.

Both belong to whoever may add stories (the Publisher group), so they are shown by that
permission rather than by permissions on FeedState, which no group is given.
"""

from functools import partial

from django.contrib import admin, messages
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ingest.models import FeedState
from ingest.polling import pollable_sources
from ingest.tasks import enqueue_polls
from ingest.views import UPLOAD_PERMISSION, resume_upload, upload, upload_batch


@admin.register(FeedState)
class FeedStateAdmin(admin.ModelAdmin):
    list_display = ["source", "feed_url", "is_active", "polled_at", "outcome", "summary"]
    list_filter = ["outcome", "source__is_active"]
    list_select_related = ["source"]
    search_fields = ["source__name", "source__feed_url"]
    readonly_fields = [
        "source",
        "feed_url",
        "polled_at",
        "outcome",
        "message",
        "last_success_at",
        "etag",
        "last_modified",
    ]
    fields = readonly_fields
    actions = ["poll_now"]

    def get_urls(self):
        site = self.admin_site
        return [
            path(
                "upload/",
                site.admin_view(partial(upload, admin_site=site)),
                name="ingest_upload",
            ),
            path(
                "upload/<int:pk>/",
                site.admin_view(partial(upload_batch, admin_site=site)),
                name="ingest_upload_batch",
            ),
            path(
                "upload/<int:pk>/resume/",
                site.admin_view(resume_upload),
                name="ingest_upload_resume",
            ),
            *super().get_urls(),
        ]

    def has_module_permission(self, request):
        return super().has_module_permission(request) or request.user.has_perm(UPLOAD_PERMISSION)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or request.user.has_perm(UPLOAD_PERMISSION)

    def has_add_permission(self, request):
        return False  # A feed's state is written by polling; its URL is edited on the source.

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Poll these feeds now"), permissions=["poll"])
    def poll_now(self, request, queryset):
        queued = enqueue_polls(pollable_sources().filter(feed_state__in=queryset))
        message = ngettext(
            "%(count)d feed queued for polling; its outcome shows here once polled.",
            "%(count)d feeds queued for polling; their outcomes show here once polled.",
            len(queued),
        )
        self.message_user(request, message % {"count": len(queued)}, messages.SUCCESS)

    def has_poll_permission(self, request):
        return request.user.has_perm(UPLOAD_PERMISSION)

    @admin.display(description=_("feed URL"), ordering="source__feed_url")
    def feed_url(self, state):
        return state.source.feed_url

    @admin.display(description=_("active"), boolean=True, ordering="source__is_active")
    def is_active(self, state):
        return state.source.is_active

    @admin.display(description=_("message"))
    def summary(self, state):
        first_line = state.message.split("\n", 1)[0]
        return first_line[:120]
