"""What every form that takes text from a person shares: the XML rule of newsroom/text.py."""

from django import forms
from django.forms.utils import pretty_name

from .text import XMLCharValidator


class XMLSafeTextMixin:
    """Refuse, in the field, text with a character XML cannot carry, naming where it is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                field.validators.append(XMLCharValidator(field.label or pretty_name(name)))


class XMLSafeModelForm(XMLSafeTextMixin, forms.ModelForm):
    """The admin's form for models that need no form of their own."""
