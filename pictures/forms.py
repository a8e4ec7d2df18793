"""The lead picture's form: the file is checked before anything reads it as an image."""

from django import forms

from newsroom.forms import XMLSafeTextMixin

from .models import LeadPicture
from .validators import ACCEPT, inspect_picture


class PictureField(forms.FileField):
    """A file upload that must be a picture within the limits (validators.py).

    Not forms.ImageField: that one opens the file with every format Pillow knows and turns a
    decompression bomb into "not an image"; this says what is wrong before the model reads
    the picture's size.
    """

    def to_python(self, data):
        file = super().to_python(data)
        if file is not None:
            inspect_picture(file)
        return file

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs.setdefault("accept", ACCEPT)
        return attrs


class LeadPictureForm(XMLSafeTextMixin, forms.ModelForm):
    class Meta:
        model = LeadPicture
        fields = ["image", "alt_text", "caption", "credit"]
        field_classes = {"image": PictureField}
