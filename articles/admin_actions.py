"""Bulk actions on the story list. Each runs the story's own transition, one story at a time.

A story the transition refuses is skipped, not fatal: the editor sees one warning per
skipped story with the model's reason, then a single summary line for the rest.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .forms import AssignTranslatorForm, ScheduleForm
from .models import WorkflowError


class StoryActions:
    """Mixed into StoryAdmin: the actions, and the permissions that show them."""

    actions = [
        "assign_translator",
        "submit_stories",
        "approve_stories",
        "publish_stories",
        "schedule_stories",
        "spike_stories",
    ]

    def has_review_permission(self, request):
        return request.user.has_perm("articles.review_story")

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_story")

    @admin.action(description=_("Assign a translator to selected stories"), permissions=["change"])
    def assign_translator(self, request, queryset):
        form = AssignTranslatorForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._action_page(request, queryset, form, _("Assign a translator"))
        translator = form.cleaned_data["translator"]

        def assign(story):
            story.assign(translator, by=request.user)

        self._apply(
            request,
            queryset,
            assign,
            lambda n: (
                ngettext(
                    "%(count)d story assigned to %(user)s",
                    "%(count)d stories assigned to %(user)s",
                    n,
                )
                % {"count": n, "user": translator.get_username()}
            ),
        )

    @admin.action(description=_("Submit selected stories for review"), permissions=["change"])
    def submit_stories(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda story: story.submit(by=request.user),
            lambda n: (
                ngettext(
                    "%(count)d story submitted for review",
                    "%(count)d stories submitted for review",
                    n,
                )
                % {"count": n}
            ),
        )

    @admin.action(description=_("Approve selected stories"), permissions=["review"])
    def approve_stories(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda story: story.approve(by=request.user),
            lambda n: (
                ngettext("%(count)d story approved", "%(count)d stories approved", n) % {"count": n}
            ),
        )

    @admin.action(description=_("Publish selected stories now"), permissions=["publish"])
    def publish_stories(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda story: story.publish(by=request.user),
            lambda n: (
                ngettext("%(count)d story published", "%(count)d stories published", n)
                % {"count": n}
            ),
        )

    @admin.action(description=_("Schedule selected stories"), permissions=["publish"])
    def schedule_stories(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._action_page(request, queryset, form, _("Schedule stories"))
        at = form.cleaned_data["at"]
        when = date_format(timezone.localtime(at), "DATETIME_FORMAT")
        self._apply(
            request,
            queryset,
            lambda story: story.publish(by=request.user, at=at),
            lambda n: (
                ngettext(
                    "%(count)d story scheduled for %(time)s",
                    "%(count)d stories scheduled for %(time)s",
                    n,
                )
                % {"count": n, "time": when}
            ),
        )

    @admin.action(description=_("Spike selected stories"), permissions=["review"])
    def spike_stories(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda story: story.spike(by=request.user),
            lambda n: (
                ngettext("%(count)d story spiked", "%(count)d stories spiked", n) % {"count": n}
            ),
        )

    def _apply(self, request, queryset, step, summary):
        """Run ``step`` on each story; warn once per refusal, then sum up."""
        done = skipped = 0
        for story in queryset.select_related("source").order_by("pk"):
            try:
                step(story)
            except WorkflowError as exc:
                skipped += 1
                self.message_user(
                    request,
                    _("Skipped “%(story)s”: %(reason)s") % {"story": story, "reason": exc},
                    messages.WARNING,
                )
            else:
                done += 1
        line = summary(done)
        if skipped:
            line = ngettext("%(done)s; %(count)d skipped.", "%(done)s; %(count)d skipped.", skipped)
            line %= {"done": summary(done), "count": skipped}
        else:
            line = f"{line}."
        self.message_user(request, line, messages.SUCCESS if done else messages.WARNING)

    def _action_page(self, request, queryset, form, title):
        """The intermediate page an action asks its question on, as delete_selected does."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "form": form,
            "queryset": queryset,
            "action": request.POST.get("action"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/articles/story/action_form.html", context)
