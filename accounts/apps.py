from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from django.contrib import admin

        from . import sessions  # noqa: F401 (connects the login receiver)
        from .forms import StaffAuthenticationForm

        # The admin's own login page, with the two-factor code for those who enrolled.
        admin.site.login_form = StaffAuthenticationForm
