from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Reader comments")

    def ready(self):
        from articles import page_cache

        from . import public_pages, readers

        # A reader who asked to be remembered gets the form filled in: a page of their own.
        page_cache.personal_cookie(readers.REMEMBER_COOKIE)
        public_pages.connect()
