"""The editors' daily tool: the story list as a queue, the story as original beside translation.

The admin changes text only through ``Story.save_edit`` and statuses only through the
transition methods; the pages and actions around them live in admin_views.py and
admin_actions.py, the list's filters in admin_filters.py.
"""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit import admin as taggit_admin  # noqa: F401  (registers the admin replaced below)
from taggit.models import Tag

from newsroom.forms import XMLSafeModelForm
from translation.alignment import aligned_rows, paragraph_counts
from translation.changes import archive_changes, original_changes
from translation.checks import check_story

from . import details as story_details
from . import timeline
from .admin_actions import StoryActions
from .admin_desk import StoryDeskViews
from .admin_filters import (
    LanguageFilter,
    NeedsUpdateFilter,
    QueueFilter,
    TagFilter,
    TranslatorFilter,
    status_counts,
)
from .admin_list import StoryChangeList, StoryListPaginator
from .admin_views import StoryAdminViews
from .forms import StoryForm
from .models import Source, Story
from .statuses import Origin

# Editors paste addresses without a scheme; the outlets all serve https.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}
PUBLIC_ADDRESS = {Story.Status.PUBLISHED, Story.Status.WITHDRAWN}
STATUS_LABELS = {**dict(Story.TranslationStatus.choices), **dict(Story.Status.choices)}


class ReadableAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget, which re-renders a form sent back with a value that is
    no id ("abc", from a tampered request) as empty instead of failing with a 500."""

    def optgroups(self, name, value, attr=None):
        pk = self.field.remote_field.model._meta.pk
        readable = []
        for choice in value:
            try:
                pk.to_python(choice)
            except ValidationError:
                continue
            readable.append(choice)
        return super().optgroups(name, readable, attr)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = XMLSafeModelForm
    list_display = ["name", "kind", "slug", "language", "credit_line", "licence_days", "is_active"]
    list_filter = ["kind", "is_active", "language"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS


@admin.register(Story)
class StoryAdmin(StoryActions, StoryDeskViews, StoryAdminViews, admin.ModelAdmin):
    form = StoryForm
    actions = [*StoryActions.actions, "export_xliff", "export_translation_report"]
    list_display = [
        "headline",
        "source",
        "status",
        "translation_status",
        "translator",
        "publication",
        "is_public",
    ]
    list_filter = [
        QueueFilter,
        "status",
        "translation_status",
        NeedsUpdateFilter,
        "source",
        ("original_language", LanguageFilter),
        ("tags", TagFilter),
        ("translator", TranslatorFilter),
    ]
    list_select_related = ["source", "translator"]
    # At 100,000 stories every count is a pass over an index: the list counts its own
    # result only, and fetches a page by its keys (admin_list.py).
    show_full_result_count = False
    paginator = StoryListPaginator
    # Each answered by an index: trigram indexes on UPPER(headline) and UPPER(guid), and
    # source__name_contains (admin_filters.py) on the story's source column.
    search_fields = ["headline", "guid", "source__name_contains"]
    autocomplete_fields = ["source"]
    # The workflow owns these: transitions and actions set them, never the form.
    readonly_fields = [
        "status",
        "translation_status",
        "published_at",
        "translator",
        "reviewer",
        "translation_method",
        "machine_engine",
        "time_by_status",
        "created_at",
        "modified_at",
    ]
    date_hierarchy = "published_at"
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    fieldsets = [
        (
            _("Translation"),
            {
                "fields": [
                    "headline",
                    "standfirst",
                    "body",
                    "omission_note",
                    "revision_note",
                    "base_version",
                ]
            },
        ),
        (
            _("Status"),
            {
                "fields": [
                    ("status", "translation_status"),
                    "published_at",
                    ("translator", "reviewer"),
                    ("translation_method", "machine_engine"),
                    "time_by_status",
                    "tags",
                ]
            },
        ),
        (
            _("Origin"),
            {
                "classes": ["collapse"],
                "fields": [
                    "source",
                    "guid",
                    "original_url",
                    "original_language",
                    "embargoed_until",
                    "slug",
                    ("created_at", "modified_at"),
                ],
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status in PUBLIC_ADDRESS:
            # Readers and search engines know the address; it must keep working.
            return [*self.readonly_fields, "slug"]
        return self.readonly_fields

    def get_changelist(self, request, **kwargs):
        return StoryChangeList

    def get_queryset(self, request):
        # The changelist skips list_select_related for a queryset that already has one.
        return super().get_queryset(request).select_related(*self.list_select_related)

    def action_checkbox(self, story):
        """Django's checkbox, the same HTML without rendering a widget's templates for each
        row, which took nearly half the time of the list's rows."""
        label = format_html(gettext("Select this object for an action - {}"), str(story))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(story.pk),
            label,
        )

    @admin.display(boolean=True, description=_("Public"))
    def is_public(self, story):
        return story.is_public()

    @admin.display(description=_("Scheduled for / public since"), ordering="published_at")
    def publication(self, story):
        if story.published_at is None or story.status != Story.Status.PUBLISHED:
            return "—"
        when = date_format(timezone.localtime(story.published_at), "DATETIME_FORMAT")
        if story.is_scheduled():
            return _("Scheduled for %(time)s") % {"time": when}
        return when

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_view_or_change_permission(request):
            extra_context["status_counts"] = status_counts()
            extra_context["can_review"] = request.user.has_perm("articles.review_story")
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            self._note_editing(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(self._story_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            Story.objects.create_story(
                obj, by=request.user, origin=Origin.ADMIN, note=_("Created in the admin.")
            )
            return
        status = obj.status
        revision = obj.save_edit(
            by=request.user,
            base_version=form.cleaned_data["base_version"],
            note=form.cleaned_data["revision_note"],
            details=form.details(),
        )
        if revision is not None and revision.pending:
            messages.info(
                request,
                _(
                    "Your edit waits as a pending update; readers see the published text "
                    "until the update is reviewed and a publisher publishes it."
                ),
            )
        elif obj.status != status:
            messages.warning(
                request, _("The approved text changed, so the story went back to review.")
            )
        self.report_terminology(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ReadableAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_related(self, request, form, formsets, change):
        if change:
            # The tags went through Story.save_edit with the other details: past review
            # they wait in the pending update, so the form must not set them here.
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            return
        super().save_related(request, form, formsets, change)

    def _note_editing(self, request, object_id):
        """Warn about another editor who has the story open, then say that this one does."""
        story = self.get_object(request, unquote(object_id))
        if story is None or not self.has_change_permission(request, story):
            return
        other = story.edited_by_other(request.user)
        if other:
            messages.warning(
                request,
                _(
                    "Being edited by %(user)s since %(time)s: if you both save, the second "
                    "save is refused and nothing is overwritten."
                )
                % {
                    "user": other.get_username(),
                    "time": date_format(timezone.localtime(story.editing_since), "TIME_FORMAT"),
                },
            )
        story.mark_editing(request.user)

    def _story_context(self, request, story):
        events = list(story.events.select_related("actor"))
        for event in events:
            event.label = timeline.label(event.action)
            event.from_label = STATUS_LABELS.get(event.from_status, event.from_status)
            event.to_label = STATUS_LABELS.get(event.to_status, event.to_status)
        can_change = self.has_change_permission(request, story)
        transitions = story.transition_choices(request.user) if can_change else []
        original = story.original
        changes = original_changes(story, original)
        findings = check_story(story)
        return {
            "original_changes": changes,
            "archive_changes": archive_changes(story) if can_change else None,
            "can_look_again": request.user.has_perm("articles.review_story"),
            "corrections_to_look_at": list(
                story.corrections.filter(second_look_at__isnull=True).select_related("created_by")
            ),
            "story": story,
            "original_version": original,
            "aligned_rows": aligned_rows(
                original,
                story.editable_text,
                findings=findings,
                changed=changes.changed_blocks if changes else frozenset(),
            ),
            "paragraph_counts": paragraph_counts(story),
            "findings": findings,
            "desk": self._desk_links(request, story, can_change),
            "transitions": [
                (t, reverse("admin:articles_story_transition", args=[story.pk, t.name]), refusal)
                for t, refusal in transitions
            ],
            "update_details": (
                story_details.describe(*story.detail_versions())
                if story.pending_revision_id
                else []
            ),
            "notes": [event for event in events if event.note],
            "timeline": events,
            "revisions_url": reverse("admin:articles_story_revisions", args=[story.pk]),
            "review_compare_url": self._review_compare_url(story),
        }

    def _desk_links(self, request, story, can_change):
        links = {"xliff": self._url("xliff", story) if story.original else ""}
        if can_change:
            links["xliff_import"] = self._url("xliff_import", story) if story.original else ""
            untranslated = story.translation_status == Story.TranslationStatus.UNTRANSLATED
            if untranslated and story.original:
                links["machine_draft"] = self._url("machine_draft", story)
        return links

    def _review_compare_url(self, story):
        """Compare the last reviewed text with the newest, when anything changed since."""
        reviewed = story.revisions.filter(reviewed_at__isnull=False).first()
        newest = story.revisions.first()
        if reviewed is None or newest.pk == reviewed.pk:
            return ""
        url = reverse("admin:articles_story_revision_compare", args=[story.pk])
        return f"{url}?a={reviewed.pk}&b={newest.pk}"


# taggit's own admin merges tags in a view that checks no permission (any staff member
# could post to it, create tags and get a 500), and edits tagged stories inline, past the
# one door for a story's details. Tags are kept here by name and address only; a story's
# tags change on the story.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = XMLSafeModelForm
    list_display = ["name", "slug"]
    ordering = ["name"]
    search_fields = ["name"]
