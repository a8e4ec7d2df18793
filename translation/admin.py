"""The glossary in the admin: reviewers and publishers keep it, translators look things up."""

from django.contrib import admin

from newsroom.forms import XMLSafeModelForm

from .models import GlossaryTerm


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    form = XMLSafeModelForm
    list_display = [
        "rendering",
        "term",
        "source_language",
        "forbidden_list",
        "severity",
        "is_active",
    ]
    list_filter = ["severity", "is_active", "source_language"]
    search_fields = ["rendering", "term", "forbidden", "reason"]
    fieldsets = [
        (None, {"fields": ["rendering", "forbidden", "severity", "reason"]}),
        (None, {"fields": ["term", "source_language", "exceptions", "is_active"]}),
    ]

    @admin.display(description=GlossaryTerm._meta.get_field("forbidden").verbose_name)
    def forbidden_list(self, term):
        return ", ".join(term.forbidden_variants) or "—"
