from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PicturesConfig(AppConfig):
    name = "pictures"
    verbose_name = _("Pictures")

    def ready(self):
        from articles.timeline import register_action

        from . import receivers

        receivers.connect()
        register_action("pictures.picture.changed", _("Lead picture changed, live at once"))
        register_action("pictures.picture.removed", _("Lead picture removed, at once"))
