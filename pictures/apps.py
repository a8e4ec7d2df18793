from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PicturesConfig(AppConfig):
    name = "pictures"
    verbose_name = _("Pictures")

    def ready(self):
        from . import receivers

        receivers.connect()
