"""Public pages and their staff preview. Every list starts from Story.objects.published()."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .models import Source, Story, public_tags
from .page_cache import ARTICLE, LIST, public_page
from .search import MAX_QUERY_LENGTH


def paginate(request, queryset):
    paginator = Paginator(queryset, settings.NEWSROOM_PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


@public_page(LIST)
def home(request):
    page = paginate(request, Story.objects.published().latest_first().for_listing())
    return render(request, "articles/home.html", {"page": page})


def staff_preview(view):
    """Serve ``preview=True`` only to staff who may view stories; never cached, never indexed.

    Anonymous visitors go to the admin login and come back; anyone else is refused before
    any story is looked up, so a refusal says nothing about which stories exist.
    """

    @wraps(view)
    def wrapped(request, *args, preview=False, **kwargs):
        if not preview:
            return view(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not (request.user.is_staff and request.user.has_perm("articles.view_story")):
            raise PermissionDenied
        response = view(request, *args, preview=True, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


@public_page(ARTICLE)
@staff_preview
def story_detail(request, preview=False, **lookup):
    """A story's page. As a preview, staff see any story as its page will be once it is live."""
    stories = Story.objects.for_preview() if preview else Story.objects.published().for_page()
    try:
        story = stories.get(**lookup)
    except Story.DoesNotExist:
        return withdrawn_notice(request, **lookup)
    if preview:
        # The publisher sees the text that publishing the update puts live.
        story = story.previewed()
    return render(request, "articles/story_detail.html", {"story": story, "preview": preview})


def withdrawn_notice(request, **lookup):
    """410 Gone with the reason for a story taken down; any other miss is a plain 404."""
    reasons = Story.objects.withdrawn().filter(**lookup).values_list("withdrawal_reason", flat=True)
    reason = reasons.first()
    if reason is None:
        raise Http404("No public story at this address.")
    return render(request, "articles/story_withdrawn.html", {"reason": reason}, status=410)


@public_page(LIST)
def tag_archive(request, slug):
    tag = get_object_or_404(public_tags(), slug=slug)
    stories = Story.objects.published().for_tag(tag.slug).latest_first().for_listing()
    return render(
        request, "articles/tag_archive.html", {"tag": tag, "page": paginate(request, stories)}
    )


@public_page(LIST)
def source_archive(request, slug):
    """The stories of one outlet, under its name, homepage and language."""
    source = get_object_or_404(Source.objects.with_public_stories(), slug=slug)
    stories = Story.objects.published().for_source(source).latest_first().for_listing()
    return render(
        request,
        "articles/source_archive.html",
        {"source": source, "page": paginate(request, stories)},
    )


@public_page(LIST)
def search(request):
    """Full-text search of public stories, best match first. Never indexed by robots."""
    # PostgreSQL refuses NUL in a string; whitespace runs count as one space.
    query = " ".join(request.GET.get("q", "").replace("\x00", " ").split())
    error = page = None
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Search for at most %(limit)d characters.") % {"limit": MAX_QUERY_LENGTH}
    elif query:
        found = Story.objects.published().search(query).for_listing()
        page = paginate(request, found)
        # Still one query for the page: its stories, excerpted, by their keys.
        page.object_list = found.filter(pk__in=page.object_list.values("pk")).with_excerpts(query)
    response = render(
        request, "articles/search.html", {"query": query, "page": page, "error": error}
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def robots_txt(request):
    """What crawlers may read, and where the sitemaps are."""
    return render(request, "articles/robots.txt", content_type="text/plain; charset=utf-8")
