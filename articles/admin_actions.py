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
from .transitions import TRANSITIONS

# The admin's name for the permission a step's row names.
ACTION_PERMISSIONS = {
    "articles.change_story": "change",
    "articles.review_story": "review",
    "articles.publish_story": "publish",
}


def bulk_action(transition):
    """The story list's action for a step whose row carries a ``bulk`` text."""

    def action(model_admin, request, queryset):
        model_admin._apply(
            request,
            queryset,
            lambda story: getattr(story, transition.name)(by=request.user),
            lambda n: transition.bulk.summary % {"count": n},
        )

    action.__name__ = f"{transition.name}_stories"
    permission = ACTION_PERMISSIONS[transition.permission]
    return admin.action(description=transition.bulk.description, permissions=[permission])(action)


class StoryActions:
    """Mixed into StoryAdmin: the actions, and the permissions that show them. A step's bulk
    action comes from its row in transitions.py; the two that ask a question are here."""

    actions = [
        "assign_translator",
        *(
            action
            for t in TRANSITIONS.values()
            if t.bulk
            # A step that asks for a time also has its "at a time" action beside it.
            for action in (
                [bulk_action(t), "schedule_stories"] if t.asks_time else [bulk_action(t)]
            )
        ),
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
