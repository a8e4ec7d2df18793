"""The admin's upload page: wire files in through the browser, reported on like the command."""

from collections import Counter

from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ingest.forms import UploadForm
from ingest.importer import OUTCOMES, import_upload

UPLOAD_PERMISSION = "articles.add_story"


def upload(request: HttpRequest, *, admin_site: AdminSite) -> HttpResponse:
    """GET shows the form; POST imports each file and reports a line per story, as the command."""
    if not request.user.has_perm(UPLOAD_PERMISSION):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    results = []
    if request.method == "POST" and form.is_valid():
        options = {
            "source": form.cleaned_data["source"],
            "format": form.cleaned_data["format"] or None,
            "by": request.user,
        }
        for uploaded in form.cleaned_data["files"]:
            results.extend(import_upload(uploaded, **options))
    counts = Counter(result.outcome for result in results)
    context = {
        **admin_site.each_context(request),
        "title": _("Upload wire files"),
        "form": form,
        "results": results,
        "summary": ", ".join(f"{counts[outcome]} {outcome}" for outcome in OUTCOMES),
    }
    return TemplateResponse(request, "admin/ingest/upload.html", context)
