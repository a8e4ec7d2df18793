"""Public pages. Every list starts from Story.objects.published(): one definition of public."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from .models import Story


def paginate(request, queryset):
    paginator = Paginator(queryset, settings.NEWSROOM_PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


def home(request):
    page = paginate(request, Story.objects.published().latest_first().for_listing())
    return render(request, "articles/home.html", {"page": page})


def story_detail(request, slug):
    story = get_object_or_404(Story.objects.published().for_page(), slug=slug)
    return render(request, "articles/story_detail.html", {"story": story})


def tag_archive(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    stories = Story.objects.published().for_tag(tag.slug).latest_first().for_listing()
    return render(
        request, "articles/tag_archive.html", {"tag": tag, "page": paginate(request, stories)}
    )
