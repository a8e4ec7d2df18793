"""The audit log in the admin: superusers read it; nobody adds, edits or deletes."""

from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "username", "target_repr", "ip_address"]
    list_filter = ["action"]
    search_fields = ["username", "action", "target_repr", "note"]
    date_hierarchy = "at"
    fields = [
        "at",
        "action",
        "actor",
        "username",
        "target_type",
        "target_id",
        "target_repr",
        "ip_address",
        "note",
    ]
    readonly_fields = fields

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
