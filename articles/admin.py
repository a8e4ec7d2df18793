from django.contrib import admin
from django.db import models
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .models import Revision, Source, Story, StoryEvent

# Editors paste addresses without a scheme; the outlets all serve https.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "language", "credit_line", "is_active"]
    list_filter = ["is_active", "language"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS


class RevisionInline(admin.TabularInline):
    model = Revision
    fields = ["created_at", "created_by", "note", "headline"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = _("Revisions")

    def has_add_permission(self, request, obj=None):
        return False


class StoryEventInline(admin.TabularInline):
    model = StoryEvent
    fields = ["at", "action", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("Timeline")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = [
        "headline",
        "source",
        "status",
        "translation_status",
        "published_at",
        "is_public",
    ]
    list_filter = ["status", "translation_status", "source", "tags"]
    list_select_related = ["source"]
    search_fields = ["headline", "guid", "source__name"]
    autocomplete_fields = ["source", "translator", "reviewer"]
    readonly_fields = ["original_text", "status", "published_at", "created_at", "modified_at"]
    date_hierarchy = "published_at"
    inlines = [RevisionInline, StoryEventInline]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    fieldsets = [
        (_("Original"), {"classes": ["side"], "fields": ["original_text"]}),
        (_("Translation"), {"classes": ["side"], "fields": ["headline", "standfirst", "body"]}),
        (
            _("Status"),
            {"fields": ["status", "translation_status", "published_at", "tags"]},
        ),
        (
            _("Origin and people"),
            {
                "classes": ["collapse"],
                "fields": [
                    "source",
                    "guid",
                    "original_url",
                    "original_language",
                    "embargoed_until",
                    "slug",
                    "translator",
                    "reviewer",
                    ("created_at", "modified_at"),
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    @admin.display(boolean=True, description=_("Public"))
    def is_public(self, story):
        return story.is_public()

    @admin.display(description=_("Original as received"))
    def original_text(self, story):
        original = story.original if story.pk else None
        return render_to_string(
            "admin/articles/story/original.html", {"story": story, "original": original}
        )
