"""Forms of the story admin: the edit form that refuses stale saves, and the workflow forms.

The edit form checks ``lock_version`` in ``clean()`` under a row lock. The admin saves
inside one transaction, so the lock holds until ``Story.save_edit`` writes, and a refused
save comes back as a form error with everything the editor typed still in the form.
"""

from types import SimpleNamespace

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from taggit.utils import edit_string_for_tags

from newsroom.forms import XMLSafeTextMixin

from . import details as story_details
from .editing import TEXT_FIELDS, EditConflict
from .fields import DETAIL_FIELDS
from .models import Story, WorkflowError

# Browsers send datetime-local as 2026-11-28T14:30; it is read in the current time zone.
DATETIME_LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def assume_https(field, **kwargs):
    """Editors paste addresses without a scheme; the outlets all serve https."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class StoryForm(XMLSafeTextMixin, forms.ModelForm):
    # The person editing, set by the admin (StoryAdmin.get_form): some changes are theirs
    # to make only with a permission.
    user = None

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    revision_note = forms.CharField(
        label=_("Note on this revision"),
        max_length=300,
        required=False,
        help_text=_("Optional: what you changed, for the revision history."),
    )

    class Meta:
        model = Story
        formfield_callback = assume_https
        fields = [
            "headline",
            "standfirst",
            "body",
            "omission_note",
            "tags",
            "source",
            "guid",
            "original_url",
            "original_language",
            "embargoed_until",
            "slug",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if "slug" in self.fields:
            # Story.save() derives a slug from the headline when none is given.
            self.fields["slug"].required = False
        story = self.instance
        if story.pk and not self.is_bound:
            # A published story is edited as its pending update, never as what readers see.
            self.initial.update(story.editable_words)
            if story.pending_revision_id:
                self.initial.update(_form_values(story.pending_revision.details))
            self.initial["base_version"] = story.lock_version

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        base_version = cleaned_data.get("base_version")
        if base_version is None:
            raise forms.ValidationError(
                _("The form lost track of the story's version; reload the story and try again.")
            )
        self._check_embargo(cleaned_data)
        try:
            # The row lock holds until the admin's transaction ends, after the save.
            self.instance.check_edit(base_version=base_version)
        except EditConflict as conflict:
            self.conflict = conflict
            raise forms.ValidationError([str(conflict), self._changed_meanwhile()]) from None
        except WorkflowError as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned_data

    def details(self):
        """The details the editor sent, for Story.save_edit (the one door)."""
        return {name: self.cleaned_data[name] for name in DETAIL_FIELDS if name in self.fields}

    def _check_embargo(self, cleaned_data):
        """Lifting an embargo is the publisher's call, with a note: said at the field."""
        if "embargoed_until" not in cleaned_data or self.user is None:
            return
        before = self.instance.editable_details if self.instance.pk else {}
        after = story_details.normalise({"embargoed_until": cleaned_data["embargoed_until"]})
        if story_details.lifts_embargo(before, after):
            try:
                self.instance.check_embargo_lift(
                    by=self.user, note=cleaned_data.get("revision_note", "")
                )
            except WorkflowError as refusal:
                self.add_error("embargoed_until", str(refusal))

    def conflict_fields(self):
        """The fields someone else changed, as they now read, for the editor to compare."""
        if self.conflict is None:
            return []
        current = zip(TEXT_FIELDS, self.conflict.current.editable_text, strict=True)
        return [
            (label, value)
            for name, value in current
            if (label := str(Story._meta.get_field(name).verbose_name)) in self.conflict.changed
        ]

    def _changed_meanwhile(self):
        if self.conflict.changed:
            return _("Changed meanwhile: %(fields)s.") % {
                "fields": ", ".join(self.conflict.changed)
            }
        return _("The text is as you found it; the story moved on and is now %(status)s.") % {
            "status": str(self.conflict.current.get_status_display()).lower()
        }


class TransitionForm(XMLSafeTextMixin, forms.Form):
    """The confirmation of one workflow step: a note, and a time for publishing."""

    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, transition, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        note = self.fields["note"]
        # The step's row in transitions.py says what its note is for.
        note.required = transition.note_required
        note.label = transition.note_field_label()
        note.help_text = transition.note_help
        if transition.asks_time:
            self.fields["at"] = forms.DateTimeField(
                label=_("Publish at (leave empty for now)"), required=False, widget=DATETIME_LOCAL
            )


class DismissAlertForm(XMLSafeTextMixin, forms.Form):
    note = forms.CharField(
        label=_("Why the story stays up"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kept on the story's timeline and in the audit log."),
    )


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(label=_("Publish at"), widget=DATETIME_LOCAL)

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at <= timezone.now():
            raise forms.ValidationError(
                _("Choose a time in the future; to publish now, use “Publish now”.")
            )
        return at


class AssignTranslatorForm(forms.Form):
    translator = forms.ModelChoiceField(
        label=_("Translator"),
        queryset=get_user_model()
        .objects.filter(groups__name="Translator", is_active=True)
        .distinct()
        .order_by("username"),
    )


def _form_values(details):
    """A revision's details as the change form's fields take them."""
    values = dict(details)
    if "tags" in values:
        values["tags"] = edit_string_for_tags([SimpleNamespace(name=n) for n in values["tags"]])
    if "embargoed_until" in values:
        values["embargoed_until"] = parse_datetime(values["embargoed_until"] or "")
    return values
