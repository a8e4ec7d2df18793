"""The admin's upload page: wire files in through the browser, imported by the worker.

Whoever may upload sees every upload, not only their own: a desk shares its work, and
anyone on it may resume an upload a colleague started.
"""

from collections import Counter

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ingest.errors import UploadError
from ingest.forms import UploadForm
from ingest.importer import summary_line
from ingest.models import ImportBatch
from ingest.tasks import queue_resume, queue_upload

UPLOAD_PERMISSION = "articles.add_story"
RECENT_UPLOADS = 10


def upload(request: HttpRequest, *, admin_site: AdminSite) -> HttpResponse:
    """GET shows the form and the recent uploads; POST stores and queues the files, then
    shows the upload's own page, where the worker's progress and report appear."""
    _check_permission(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = queue_upload(
            form.cleaned_data["files"],
            source=form.cleaned_data["source"],
            format=form.cleaned_data["format"] or None,
            by=request.user,
        )
        return redirect(batch)
    context = {
        **admin_site.each_context(request),
        "title": _("Upload wire files"),
        "form": form,
        "batches": ImportBatch.objects.recent()[:RECENT_UPLOADS],
    }
    return TemplateResponse(request, "admin/ingest/upload.html", context)


def upload_batch(request: HttpRequest, pk: int, *, admin_site: AdminSite) -> HttpResponse:
    """How far the worker is ("k of N done"); once it is done or stopped, the report."""
    _check_permission(request)
    batch = get_object_or_404(ImportBatch.objects.select_related("created_by", "source"), pk=pk)
    stopped = batch.is_stopped(timezone.now())
    finished = stopped or batch.status == ImportBatch.Status.DONE
    lines = list(batch.report()) if finished else []
    context = {
        **admin_site.each_context(request),
        "title": str(batch),
        "batch": batch,
        "stopped": stopped,
        "finished": finished,
        "lines": lines,
        "summary": summary_line(Counter(line.outcome for line in lines)),
    }
    return TemplateResponse(request, "admin/ingest/upload_batch.html", context)


@require_POST
def resume_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a stopped upload again; it continues after the last story it reported."""
    _check_permission(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        queue_resume(batch)
    except UploadError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The upload is queued again; it resumes where it stopped."))
    return redirect(batch)


def _check_permission(request: HttpRequest) -> None:
    if not request.user.has_perm(UPLOAD_PERMISSION):
        raise PermissionDenied(
            _(
                "Uploading wire files, and seeing uploads, needs permission to add stories, "
                "which publishers have. Ask an administrator to give it to you."
            )
        )
