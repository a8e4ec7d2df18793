import re

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.forms import XMLSafeTextMixin

from . import abuse, names
from .models import Comment

# Anything a browser would read as a tag. Plain "a < b" stays welcome.
HTML_TAG = re.compile(r"<\s*/?\s*[a-z!][^>]*>", re.IGNORECASE)


class CommentForm(XMLSafeTextMixin, forms.ModelForm):
    """The reader's form. Bound to one story, checked against the rules in force."""

    url = forms.URLField(label=_("Website"), max_length=200, required=False, assume_scheme="https")
    remember = forms.BooleanField(
        label=_("Save my name, email, and website in this browser for the next time I comment."),
        required=False,
    )
    # The honeypot: hidden from people by a stylesheet class, filled in by bots.
    company = forms.CharField(label=_("Leave this field empty"), required=False)
    token = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["name", "email", "url", "body", "parent"]
        labels = {"name": _("Name"), "email": _("Email"), "body": _("Comment")}
        widgets = {
            "parent": forms.HiddenInput,
            "body": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "parent": {"invalid_choice": _("The comment you replied to is not published here.")},
        }

    def __init__(self, *args, story, rules, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.story, self.rules, self.now = story, rules, now
        self.fields["email"].required = True
        self.fields["body"].validators.append(MaxLengthValidator(rules.max_length))
        self.fields["body"].widget.attrs["maxlength"] = rules.max_length
        self.fields["parent"].queryset = Comment.objects.for_story(story).approved()
        self.fields["token"].initial = abuse.issue_token(story, now)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["url"].widget.attrs["autocomplete"] = "url"
        self.fields["company"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_name(self):
        name = self.cleaned_data["name"]
        message = names.refusal(name, field=self.fields["name"].label)
        if message:
            raise forms.ValidationError(message, code="invisible_character")
        if names.passes_for_staff(name):
            raise forms.ValidationError(
                _("This name is too close to a member of staff's; please choose another."),
                code="staff_name",
            )
        return name

    def clean_body(self):
        body = self.cleaned_data["body"]
        if HTML_TAG.search(body):
            raise forms.ValidationError(
                _("HTML is not accepted. Write plain text; paste links as they are."), code="html"
            )
        return body

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        # One level deep: a reply to a reply joins the conversation of the first comment.
        return parent.parent if parent and parent.parent_id else parent

    def clean(self):
        if self.cleaned_data.get("company"):
            raise forms.ValidationError(
                _("Your comment looks automated and was not accepted."), code="honeypot"
            )
        try:
            abuse.check_token(self.cleaned_data.get("token"), self.story, self.now)
        except abuse.Refused as refusal:
            raise forms.ValidationError(refusal.message, code=refusal.code) from None
        return self.cleaned_data

    def renew_token(self):
        """Serve a fresh token with a form sent back for corrections, keeping what was typed."""
        self.data = self.data.copy()
        self.data[self.add_prefix("token")] = abuse.issue_token(self.story, timezone.now())

    def refusal_codes(self):
        return {error.code for error in self.non_field_errors().as_data()}
