"""The story admin's own pages: a confirmation per workflow step, and the revision history.

Each view checks the ModelAdmin permission it needs before it looks the story up; the
workflow step then checks its own permission in the model method, as every caller does.
A step follows pretix's OrderApprove: GET confirms, POST runs it, reports and redirects.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from translation.checks import check_story

from .diff import Budget, as_html, diff_paragraphs
from .editing import TEXT_FIELDS
from .forms import DismissAlertForm, TransitionForm
from .models import Revision, WorkflowError
from .transitions import TRANSITIONS

# The confirmation pages of these steps show the glossary's findings to the reviewer.
REVIEW_STEPS = {"submit", "approve", "request_changes"}


def run_transition(story, name, *, by, note="", at=None):
    """Call the model method behind transition ``name`` with what its confirmation asked."""
    transition = TRANSITIONS[name]
    arguments = {"by": by, transition.note_argument: note}
    if transition.asks_time:
        arguments["at"] = at
    return getattr(story, name)(**arguments)


def done_message(story, name):
    if name == "publish" and story.is_scheduled():
        when = date_format(timezone.localtime(story.published_at), "DATETIME_FORMAT")
        done = _("Scheduled for %(time)s.") % {"time": when}
    else:
        done = TRANSITIONS[name].done
    return _("“%(story)s”: %(done)s") % {"story": story, "done": done}


class StoryAdminViews:
    """Mixed into StoryAdmin: the URLs and views beyond the standard change form."""

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/transition/<str:name>/",
                view(self.transition_view),
                name=f"{info}_transition",
            ),
            path(
                "<path:object_id>/alerts/<int:alert_id>/dismiss/",
                view(self.alert_dismiss_view),
                name=f"{info}_alert_dismiss",
            ),
            path(
                "<path:object_id>/corrections/<int:correction_id>/confirm/",
                view(self.correction_confirm_view),
                name=f"{info}_correction_confirm",
            ),
            path(
                "<path:object_id>/revisions/",
                view(self.revisions_view),
                name=f"{info}_revisions",
            ),
            path(
                "<path:object_id>/revisions/compare/",
                view(self.revision_compare_view),
                name=f"{info}_revision_compare",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/adopt/",
                view(self.revision_adopt_view),
                name=f"{info}_revision_adopt",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                view(self.revision_restore_view),
                name=f"{info}_revision_restore",
            ),
            *super().get_urls(),
        ]

    def transition_view(self, request, object_id, name):
        transition = TRANSITIONS.get(name)
        if transition is None:
            raise Http404(f"No workflow step called {name!r}.")
        story = self._get_story(request, object_id, change=True)
        # A link may bring the note along: "Withdraw" from a source's alert brings its reason.
        initial = {"note": request.GET.get("note", "")[:2000]}
        data = request.POST if request.method == "POST" else None
        form = TransitionForm(transition, data, initial=initial)
        if form.is_valid():
            try:
                run_transition(story, name, by=request.user, **form.cleaned_data)
            except WorkflowError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, done_message(story, name))
                if name == "submit":
                    self.report_terminology(request, story)
            return redirect(self._change_url(story))
        try:
            story.check_transition(name, by=request.user, note="-")
        except WorkflowError as exc:
            refusal = str(exc)
        else:
            refusal = ""
        return self._render(
            request,
            "transition.html",
            story,
            title=transition.label,
            transition=transition,
            form=form,
            refusal=refusal,
            findings=check_story(story) if name in REVIEW_STEPS else [],
        )

    def alert_dismiss_view(self, request, object_id, alert_id):
        """Keep a story up after its source canceled, withheld or changed it, saying why."""
        story = self._get_story(request, object_id, change=True)
        if not request.user.has_perm("articles.publish_story"):
            raise PermissionDenied
        alert = story.alerts.filter(pk=alert_id).first()
        if alert is None:
            raise Http404("No such alert on this story.")
        form = DismissAlertForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                story.dismiss_alert(alert, by=request.user, note=form.cleaned_data["note"])
            except WorkflowError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The alert is dismissed; the story stays up."))
            return redirect(self._change_url(story))
        return self._render(
            request,
            "alert_dismiss.html",
            story,
            title=_("Keep the story up"),
            alert=alert,
            form=form,
        )

    def revisions_view(self, request, object_id):
        story = self._get_story(request, object_id)
        revisions = list(story.revisions.select_related("created_by"))
        return self._render(
            request,
            "revisions.html",
            story,
            title=_("Revisions"),
            revisions=revisions,
            can_restore=self.has_change_permission(request, story),
        )

    def revision_compare_view(self, request, object_id):
        story = self._get_story(request, object_id)
        if not (request.GET.get("a") and request.GET.get("b")):
            messages.error(request, _("Choose two revisions to compare."))
            return redirect(self._url("revisions", story))
        older = self._get_revision(story, request.GET["a"])
        newer = self._get_revision(story, request.GET["b"])
        return self._render(
            request,
            "revision_compare.html",
            story,
            title=_("Compare revisions"),
            older=older,
            newer=newer,
            fields=compare(older.text, newer.text),
        )

    def correction_confirm_view(self, request, object_id, correction_id):
        """POST: the second look at a correction that went live at once."""
        story = self._get_story(request, object_id, change=True)
        return self._posted_step(
            request,
            story,
            lambda: story.confirm_correction(
                get_object_or_404(story.corrections, pk=correction_id), by=request.user
            ),
            done=_("The correction has had its second look."),
        )

    def revision_adopt_view(self, request, object_id, revision_id):
        """POST: take the text an archive import offered, as this editor's change."""
        story = self._get_story(request, object_id, change=True)
        return self._posted_step(
            request,
            story,
            lambda: story.adopt_proposal(self._get_revision(story, revision_id), by=request.user),
            done=_(
                "The archive's text is in the story now; compare it with the translation, "
                "then mark it translated."
            ),
        )

    def _posted_step(self, request, story, step, *, done):
        """A button's step on the change form: POST only; the model's refusal or ``done``
        is said on the story's change page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            step()
        except WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, done)
        return redirect(self._change_url(story))

    def revision_restore_view(self, request, object_id, revision_id):
        story = self._get_story(request, object_id, change=True)
        revision = self._get_revision(story, revision_id)
        if request.method == "POST":
            try:
                restored = story.restore(revision, by=request.user)
            except WorkflowError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, restored_message(story, restored))
            return redirect(self._change_url(story))
        return self._render(
            request,
            "revision_restore.html",
            story,
            title=_("Restore a revision"),
            revision=revision,
            fields=compare(story.editable_text, revision.text),
        )

    def _get_story(self, request, object_id, *, change=False):
        allowed = self.has_change_permission if change else self.has_view_permission
        if not allowed(request):
            raise PermissionDenied
        story = self.get_object(request, unquote(object_id))
        if story is None:
            raise Http404(f"No story with ID {object_id!r}.")
        if not allowed(request, story):
            raise PermissionDenied
        return story

    def _get_revision(self, story, revision_id):
        try:
            return story.revisions.select_related("created_by").get(pk=int(revision_id))
        except (ValueError, Revision.DoesNotExist):
            raise Http404("No such revision of this story.") from None

    def _url(self, name, story):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}",
            args=[story.pk],
            current_app=self.admin_site.name,
        )

    def _change_url(self, story):
        return self._url("change", story)

    def _render(self, request, template, story, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": story,
            "story": story,
            "subtitle": str(story),
            **context,
        }
        return TemplateResponse(request, f"admin/articles/story/{template}", context)


def compare(before, after):
    """One row per text field: its label, the word diff, whether it changed, and whether a
    paragraph was too long to compare word by word (shown whole, struck out and inserted)."""
    budget = Budget()
    rows = []
    for name, old, new in zip(TEXT_FIELDS, before, after, strict=True):
        paragraphs = diff_paragraphs(old, new, budget=budget)
        rows.append(
            {
                "label": Revision._meta.get_field(name).verbose_name,
                "diff": as_html(paragraphs),
                "changed": old != new,
                "replaced": any(paragraph.kind == "replaced" for paragraph in paragraphs),
            }
        )
    return rows


def restored_message(story, revision):
    if revision is None:
        return _("“%(story)s”: the text already reads as that revision; nothing changed.") % {
            "story": story
        }
    if revision.pending:
        return _(
            "“%(story)s”: the earlier text is restored as a pending update; readers see the "
            "published text until a publisher publishes it."
        ) % {"story": story}
    return _("“%(story)s”: the earlier text is restored as a new revision.") % {"story": story}
