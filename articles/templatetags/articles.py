"""Tags of the public pages: latest posts, language names, canonical URLs, JSON-LD."""

import json
import re

from django import template
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from articles.models import Story
from articles.page_cache import public_fragment
from articles.search import MARK_END, MARK_START

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
SUBHEADING_MARK = re.compile(r"(^|\s)##\s*")


@register.inclusion_tag("articles/includes/latest_posts.html")
def latest_posts(exclude=None):
    """The newest public stories, leaving out the one on the page."""
    posts = public_fragment("latest-posts", newest_posts)
    if exclude:
        posts = [post for post in posts if post["pk"] != exclude.pk]
    return {"stories": posts[: settings.NEWSROOM_LATEST_POSTS]}


def newest_posts():
    """One more than the list shows, so that leaving out the page's own story still fills
    it; the same for every page until public content changes (page_cache.public_fragment)."""
    stories = Story.objects.published().latest_first().only("headline", "slug", "published_at")
    return [
        {"pk": story.pk, "headline": story.headline, "url": story.get_absolute_url()}
        for story in stories[: settings.NEWSROOM_LATEST_POSTS + 1]
    ]


@register.filter
def language_name(tag):
    """The name of a BCP 47 tag in the site's language ("de" → "German", "pt-BR" →
    "Brazilian Portuguese"), dropping subtags from the end until Django knows it
    ("zh-Hant-TW" → "Traditional Chinese"), else the tag itself."""
    subtags = (tag or "").lower().replace("_", "-").split("-")
    while subtags and subtags[0]:
        code = "-".join(subtags)
        if code in LANG_INFO:
            return get_language_info(code)["name_translated"]
        subtags.pop()
    return tag or ""


def primary_language(tag):
    return (tag or "").lower().replace("_", "-").split("-")[0]


@register.filter
def is_foreign(tag):
    """Whether text in ``tag`` is in another language than the site's."""
    return bool(tag) and primary_language(tag) != primary_language(settings.LANGUAGE_CODE)


@register.filter
def news_language(tag):
    """Google News wants ISO 639 codes, with zh-cn and zh-tw the only regions."""
    code = (tag or "").lower().replace("_", "-")
    return code if code in {"zh-cn", "zh-tw"} else primary_language(code)


@register.filter
def public_name(user):
    """A staff member's name for readers: the full name, else the username unless it is
    an email address. Never an email address."""
    if user is None:
        return ""
    name = user.get_full_name() or user.get_username()
    return "" if "@" in name else name


@register.filter(needs_autoescape=True)
def marked(text, autoescape=True):
    """A search snippet, escaped, with its hits in <mark> and no subheading markers."""
    escape = conditional_escape if autoescape else str
    text = SUBHEADING_MARK.sub(r"\1", text or "")
    html = str(escape(text)).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)


@register.simple_tag(takes_context=True)
def canonical_url(context, path=None):
    """The page's one address for search engines: its path, and ``?page=n`` past page 1.

    Tracking parameters and any other query string are left off.
    """
    request = context["request"]
    url = request.build_absolute_uri(path or request.path)
    page = context.get("page")
    if page is not None and getattr(page, "number", 1) > 1:
        url += f"?page={page.number}"
    return url


def isoformat(moment):
    return moment.isoformat() if moment else None


def json_ld(data):
    """``data`` as a JSON-LD <script> element, safe inside HTML. The page's only inline
    script: a Content-Security-Policy can allow it by type without a nonce."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )


@register.simple_tag(takes_context=True)
def story_json_ld(context, story):
    """schema.org NewsArticle for ``story``, crediting the original it was translated from."""
    request = context["request"]
    url = request.build_absolute_uri(story.get_absolute_url())
    source = story.source
    outlet = {"@type": "Organization", "name": source.name}
    if source.homepage:
        outlet["url"] = source.homepage
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": story.headline[:110],
        "description": story.standfirst,
        "datePublished": isoformat(story.published_at),
        "dateModified": isoformat(story.content_updated_at or story.published_at),
        "inLanguage": settings.LANGUAGE_CODE,
        "isAccessibleForFree": True,
        "author": outlet,
        "publisher": {
            "@type": "Organization",
            "name": settings.NEWSROOM_SITE_NAME,
            "url": request.build_absolute_uri(reverse("articles:home")),
        },
        "sourceOrganization": outlet,
        "keywords": [tag.name for tag in story.tags.all()],
    }
    version = story.translated_from if story.translated_from_id else None
    if story.original_url or version:
        original = {"@type": "NewsArticle"}
        if story.original_url:
            original.update({"@id": story.original_url, "url": story.original_url})
            data["isBasedOn"] = story.original_url
        language = story.original_language or source.language
        if language:
            original["inLanguage"] = language
        if version and version.headline:
            original["headline"] = version.headline
        if version and version.version_created_at:
            # Which version of the original this translates: the source's own time for it.
            original["version"] = str(version.number)
            original["dateModified"] = isoformat(version.version_created_at)
        if is_foreign(language):
            data["translationOfWork"] = original
    if settings.NEWSROOM_SHOW_TRANSLATOR and story.translator_id:
        name = public_name(story.translator)
        if name:
            data["translator"] = {"@type": "Person", "name": name}
    picture = getattr(story, "lead_picture", None)  # from the pictures app; None without one
    if picture is not None:
        data["image"] = picture.image_object(request.build_absolute_uri(picture.image.url))
    return json_ld(data)


@register.inclusion_tag("articles/includes/translation_note.html")
def translation_note(story):
    """ "Translated from German", with the translator and reviewer where the site names
    them (NEWSROOM_SHOW_TRANSLATOR), and the original headline in its language."""
    language = story.original_language or story.source.language
    if not is_foreign(language):
        return {}
    original = story.translated_from
    context = {
        "language": language,
        "language_name": language_name(language),
        "original_headline": original.headline if original else "",
        # The source's own time for the version translated: wire stories carry one,
        # archive stories (no known original) say nothing of the kind.
        "original_of": original.version_created_at if original else None,
    }
    if settings.NEWSROOM_SHOW_TRANSLATOR:
        context["translator"] = public_name(story.translator)
        context["reviewer"] = public_name(story.reviewer)
    if story.translation_method != story.TranslationMethod.HUMAN:
        # Readers are told a machine drafted the text and which person answers for it.
        context["machine_assisted"] = True
        context["reviewer"] = public_name(story.reviewer)
    return context
