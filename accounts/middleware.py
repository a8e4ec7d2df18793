"""Per-request rules for staff: the session deadline, and two-factor when it is required."""

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from .sessions import staff_session_expired


class StaffSessionMiddleware:
    """Log a staff member out once their session's deadline has passed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff and staff_session_expired(request):
            logout(request)
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """With NEWSROOM_STAFF_REQUIRE_2FA, staff must pass two-factor before the admin, or a
    staff preview of a draft, opens."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.NEWSROOM_STAFF_REQUIRE_2FA and self._needs_second_factor(request):
            return redirect("accounts:two-factor")
        return self.get_response(request)

    def _needs_second_factor(self, request):
        user = request.user
        if not (user.is_authenticated and user.is_staff) or user.is_verified():
            return False
        staff_only = (reverse("admin:index"), reverse("articles:preview", args=[0])[: -len("0/")])
        if not request.path_info.startswith(staff_only):
            return False
        allowed = {
            reverse("accounts:two-factor"),
            reverse("admin:login"),
            reverse("admin:logout"),
            reverse("admin:jsi18n"),
        }
        return request.path_info not in allowed
