from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    name = "translation"
    verbose_name = _("Translation desk")

    def ready(self):
        # The workflow runs the desk's checks without importing this app (see add_guard).
        from articles.workflow import add_guard

        from .alignment import check_paragraph_count
        from .checks import check_glossary_errors, count_glossary_errors

        add_guard("submit", check_paragraph_count)
        add_guard("approve", check_glossary_errors)
        add_guard("publish_archived", count_glossary_errors)
