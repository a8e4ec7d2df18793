"""The admin's upload form: several wire files at once, optionally credited to one source."""

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Source
from ingest.formats import FORMAT_NAMES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented recipe for an ``<input type=file multiple>``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_("ninjs, NITF, NewsML-G2, RSS or Atom files, or plain-text scrapes."),
    )
    source = forms.ModelChoiceField(
        Source.objects.all(),
        label=_("Source"),
        required=False,
        help_text=_("Credit every story to this source. Empty: the source each file names."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Detect from the content")), *FORMAT_NAMES.items()],
    )
