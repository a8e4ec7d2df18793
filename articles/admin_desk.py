"""The translation desk in the story admin: machine drafts, XLIFF out and in, glossary notes.

The rules live in the translation app (translation.drafts, translation.xliff,
translation.checks); these views check the admin permission, call them, and report.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from translation.checks import check_story
from translation.report import time_in_statuses, translation_report
from translation.tasks import machine_draft_engine, request_machine_draft
from translation.xliff import XliffError, export_stories, import_xliff

from .models import WorkflowError
from .statuses import Status, TranslationStatus

XLIFF_TYPE = "application/x-xliff+xml"


class XliffUploadForm(forms.Form):
    file = forms.FileField(label=_("XLIFF 1.2 file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.NEWSROOM_IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large to be an XLIFF of stories."))
        return upload


def xliff_response(data, filename):
    response = HttpResponse(data, content_type=XLIFF_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class StoryDeskViews:
    """Mixed into StoryAdmin before StoryAdminViews, whose helpers it uses."""

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("xliff/import/", view(self.xliff_import_view), name=f"{info}_xliff_import_batch"),
            path(
                "<path:object_id>/machine-draft/",
                view(self.machine_draft_view),
                name=f"{info}_machine_draft",
            ),
            path("<path:object_id>/xliff/", view(self.xliff_export_view), name=f"{info}_xliff"),
            path(
                "<path:object_id>/xliff/import/",
                view(self.xliff_import_view),
                name=f"{info}_xliff_import",
            ),
            *super().get_urls(),
        ]

    def machine_draft_view(self, request, object_id):
        story = self._get_story(request, object_id, change=True)
        if request.method == "POST":
            try:
                backend = request_machine_draft(story, by=request.user)
            except WorkflowError as exc:
                messages.error(request, _("No machine draft: %(reason)s") % {"reason": exc})
            else:
                messages.success(
                    request,
                    _(
                        "“%(story)s”: machine draft asked of %(engine)s. It appears here when "
                        "the engine answers; the timeline says if it fails."
                    )
                    % {"story": story, "engine": backend.label},
                )
            return redirect(self._change_url(story))
        try:
            machine_draft_engine(story, by=request.user)
        except WorkflowError as exc:
            refusal = str(exc)
        else:
            refusal = ""
        return self._render(
            request,
            "machine_draft.html",
            story,
            title=_("Create machine draft"),
            refusal=refusal,
        )

    def xliff_export_view(self, request, object_id):
        story = self._get_story(request, object_id)
        try:
            data = export_stories([story])
        except XliffError as exc:
            messages.error(request, str(exc))
            return redirect(self._change_url(story))
        return xliff_response(data, f"story-{story.pk}-{slugify(story.headline)[:50]}.xlf")

    def xliff_import_view(self, request, object_id=None):
        story = self._get_story(request, object_id, change=True) if object_id else None
        if story is None and not self.has_change_permission(request):
            raise PermissionDenied
        form = XliffUploadForm(request.POST or None, request.FILES or None)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                results = import_xliff(
                    upload.read(), by=request.user, story=story, filename=upload.name
                )
            except WorkflowError as exc:
                form.add_error("file", str(exc))
            else:
                for found, revision in results:
                    done = _("translation imported") if revision else _("nothing changed")
                    messages.success(request, f"“{found}”: {done}.")
                if story is not None:
                    return redirect(self._change_url(story))
                return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        return self._render(
            request,
            "xliff_import.html",
            story,
            title=_("Import a translated XLIFF file"),
            form=form,
            subtitle=str(story or ""),
        )

    @admin.action(description=_("Export selected stories as XLIFF"), permissions=["view"])
    def export_xliff(self, request, queryset):
        try:
            data = export_stories(queryset.select_related("source").order_by("pk"))
        except XliffError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return None
        return xliff_response(data, "stories.xlf")

    @admin.action(description=_("Export the translation report as CSV"), permissions=["view"])
    def export_translation_report(self, request, queryset):
        stories = queryset.select_related("source", "translator", "reviewer").prefetch_related(
            "events"
        )
        response = HttpResponse(translation_report(stories.order_by("pk")), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="translation-report.csv"'
        return response

    @admin.display(description=_("Time in each status"))
    def time_by_status(self, story):
        if story is None or story.pk is None:
            return "—"
        labels = {**dict(TranslationStatus.choices), **dict(Status.choices)}
        spent = time_in_statuses(story)
        return format_html_join(
            ", ",
            "{}: {} h",
            (
                (labels.get(status, status), f"{seconds / 3600:.1f}")
                for status, seconds in spent.items()
            ),
        )

    def report_terminology(self, request, story):
        """Show the glossary's findings on the story's text as one message per finding."""
        findings = check_story(story)
        for finding in findings:
            level = messages.ERROR if finding.is_error else messages.WARNING
            messages.add_message(
                request, level, _("Terminology: %(finding)s") % {"finding": finding}
            )
        if any(finding.is_error for finding in findings):
            count = sum(finding.is_error for finding in findings)
            messages.warning(
                request,
                ngettext(
                    "%(count)d terminology error must be fixed before approval.",
                    "%(count)d terminology errors must be fixed before approval.",
                    count,
                )
                % {"count": count},
            )
