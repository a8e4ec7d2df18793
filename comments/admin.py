"""Moderation in the admin: the queue, bulk and one-click actions, the rules, closed stories."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.forms import XMLSafeModelForm

from .models import ClosedDiscussion, Comment, CommentRules
from .querysets import QUEUE_ORDER

Status = Comment.Status
# The one-click buttons of a row: which status each sets, and its label.
ROW_ACTIONS = [
    (Status.APPROVED, _("Approve")),
    (Status.SPAM, _("Spam")),
    (Status.REMOVED, _("Remove")),
]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = XMLSafeModelForm
    # The buttons next to the comment they act on: at 1280 px, beside both sidebars, a last
    # column would scroll out of sight.
    list_display = ["snippet", "row", "author", "story_headline", "status", "reason", "created_at"]
    list_display_links = ["snippet"]
    list_filter = ["status", ("story", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["story"]
    search_fields = ["name", "email", "body", "story__headline"]
    fields = [
        "story",
        "parent",
        "status",
        "reason",
        "name",
        "email",
        "url",
        "body",
        "created_at",
        "ip_address",
        "user_agent",
        "moderated_by",
        "moderated_at",
    ]
    readonly_fields = [field for field in fields if field != "status"]
    actions = ["approve", "mark_spam", "remove", "close_discussion", "erase", "anonymise"]

    def get_ordering(self, request):
        return QUEUE_ORDER

    def has_add_permission(self, request):
        return False  # Comments come from readers.

    def has_close_permission(self, request):
        return request.user.has_perm("comments.add_closeddiscussion")

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderate(obj.status, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    def get_urls(self):
        moderate = self.admin_site.admin_view(self.moderate_view)
        return [
            path("<int:pk>/moderate/<str:status>/", moderate, name="comments_comment_moderate"),
            *super().get_urls(),
        ]

    def moderate_view(self, request, pk, status):
        """One click on a row: POST sets the status and returns to the queue as it was."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        if status not in Status.values:
            raise Http404("No such status.")
        comment = get_object_or_404(Comment, pk=pk)
        comment.moderate(status, by=request.user)
        self.message_user(
            request,
            _("The comment by %(name)s is now %(status)s.")
            % {"name": comment.name, "status": comment.get_status_display().lower()},
            messages.SUCCESS,
        )
        back = request.META.get("HTTP_REFERER", "")
        if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            return redirect(back)
        return redirect("admin:comments_comment_changelist")

    @admin.display(description=_("story"), ordering="story__headline")
    def story_headline(self, comment):
        return comment.story.headline

    @admin.display(description=_("name"), ordering="name")
    def author(self, comment):
        # Isolated, so a name written right to left cannot turn the columns round it.
        return format_html("<bdi>{}</bdi>", comment.name)

    @admin.display(description=_("moderate"))
    def row(self, comment):
        # Buttons of the changelist's own form (which carries the CSRF token): no nested forms.
        buttons = [
            (reverse("admin:comments_comment_moderate", args=[comment.pk, status]), label)
            for status, label in ROW_ACTIONS
            if status != comment.status
        ]
        return format_html_join(
            " ",
            '<button type="submit" class="button" formaction="{}" formnovalidate>{}</button>',
            buttons,
        )

    def _moderate(self, request, queryset, status):
        count = queryset.moderate(status, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d comment is now %(status)s.",
                "%(count)d comments are now %(status)s.",
                count,
            )
            % {"count": count, "status": Status(status).label.lower()},
            messages.SUCCESS,
        )

    @admin.action(description=_("Approve selected comments"), permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, Status.APPROVED)

    @admin.action(description=_("Mark selected comments as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Status.SPAM)

    @admin.action(description=_("Remove selected comments"), permissions=["change"])
    def remove(self, request, queryset):
        self._moderate(request, queryset, Status.REMOVED)

    @admin.action(
        description=_("Close comments on the stories of the selected comments"),
        permissions=["close"],
    )
    def close_discussion(self, request, queryset):
        stories = set(queryset.values_list("story", flat=True))
        for story_id in stories:
            ClosedDiscussion.objects.get_or_create(
                story_id=story_id, defaults={"closed_by": request.user}
            )
        self.message_user(
            request,
            ngettext(
                "Comments closed on %(count)d story.",
                "Comments closed on %(count)d stories.",
                len(stories),
            )
            % {"count": len(stories)},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Erase every comment by the selected authors' emails"), permissions=["delete"]
    )
    def erase(self, request, queryset):
        self._for_each_author(request, queryset, "erase", _("Erased"))

    @admin.action(
        description=_("Anonymise every comment by the selected authors' emails"),
        permissions=["delete"],
    )
    def anonymise(self, request, queryset):
        self._for_each_author(request, queryset, "anonymise", _("Anonymised"))

    def _for_each_author(self, request, queryset, method, verb):
        emails = set(queryset.exclude(email="").values_list("email", flat=True))
        # Every comment of each address, not only the selected ones: that is the request.
        comments = Comment.objects.filter(email__in=emails)
        count = getattr(comments, method)(by=request.user) if emails else 0
        self.message_user(
            request,
            ngettext(
                "%(verb)s %(count)d comment of the selected authors.",
                "%(verb)s %(count)d comments of the selected authors.",
                count,
            )
            % {"verb": verb, "count": count},
            messages.SUCCESS,
        )


@admin.register(CommentRules)
class CommentRulesAdmin(admin.ModelAdmin):
    form = XMLSafeModelForm
    fieldsets = [
        (
            _("Holding for moderation"),
            {"fields": ["hold_all", "trust_after", "hold_at_links", "moderation_words"]},
        ),
        (_("Spam"), {"fields": ["spam_words"]}),
        (_("Limits"), {"fields": ["max_length", "close_after_days"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not CommentRules.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row of settings: the list would only ever link to it.
        if CommentRules.objects.exists():
            return redirect("admin:comments_commentrules_change", 1)
        return redirect("admin:comments_commentrules_add")


@admin.register(ClosedDiscussion)
class ClosedDiscussionAdmin(admin.ModelAdmin):
    form = XMLSafeModelForm
    list_display = ["story", "closed_at", "closed_by"]
    list_select_related = ["story", "closed_by"]
    search_fields = ["story__headline"]
    raw_id_fields = ["story"]
    fields = ["story", "closed_at", "closed_by"]
    readonly_fields = ["closed_at", "closed_by"]

    def save_model(self, request, obj, form, change):
        obj.closed_by = obj.closed_by or request.user
        super().save_model(request, obj, form, change)
