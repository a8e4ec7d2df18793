"""The lead picture on the story's change form, for whoever may change the story.

The inline joins the story admin from here, so the articles app knows nothing of pictures.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

import articles.admin  # noqa: F401  (registers the story admin the inline joins)
from articles.models import Story
from articles.public_cache import is_or_was_public
from articles.timeline import record_event

from .forms import LeadPictureForm
from .models import LeadPicture

THUMBNAIL_WIDTH = 240


class RecordedFormSet:
    """The picture formset of a story readers see (or will at a set time) puts its change
    on the story's timeline: it goes live at once, so the record is what review leaves."""

    user = None

    def save(self, commit=True):
        saved = super().save(commit)
        story = self.instance
        changed = self.new_objects or self.changed_objects or self.deleted_objects
        if changed and is_or_was_public(story):
            if self.deleted_objects:
                record_event(story, "pictures.picture.removed", actor=self.user)
            else:
                picture = [*self.new_objects, *(obj for obj, _fields in self.changed_objects)][0]
                record_event(
                    story, "pictures.picture.changed", actor=self.user, note=picture.credit
                )
        return saved


class LeadPictureInline(admin.StackedInline):
    model = LeadPicture
    form = LeadPictureForm
    extra = 1
    max_num = 1
    fields = ["current", "image", "alt_text", "caption", "credit"]
    readonly_fields = ["current"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (RecordedFormSet, formset), {"user": request.user})

    def has_view_permission(self, request, obj=None):
        return self._story_admin().has_view_permission(request, obj)

    def has_add_permission(self, request, obj):
        return self._may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_change(request, obj)

    @admin.display(description=_("Current picture"))
    def current(self, picture):
        if not picture.pk:
            return "—"
        width = min(THUMBNAIL_WIDTH, picture.width)
        size = {"width": picture.width, "height": picture.height}
        return format_html(
            '<img src="{}" width="{}" height="{}" alt=""><br>{}',
            picture.image.url,
            width,
            round(picture.height * width / picture.width),
            _("%(width)d by %(height)d pixels") % size,
        )

    def _may_change(self, request, story):
        """The story's editors; once the story is public, only publishers (models.py)."""
        story_admin = self._story_admin()
        if story is None:
            return story_admin.has_add_permission(request)
        return story_admin.has_change_permission(request, story) and LeadPicture.may_change(
            request.user, story
        )

    def _story_admin(self):
        return self.admin_site.get_model_admin(self.parent_model)


def attach_to_story_admin(site=admin.site):
    """Put the picture on the story's change form, after whatever inlines it already has."""
    story_admin = site.get_model_admin(Story)
    if LeadPictureInline not in story_admin.inlines:
        story_admin.inlines = [*story_admin.inlines, LeadPictureInline]


attach_to_story_admin()
