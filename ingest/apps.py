from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "ingest"
    verbose_name = "Ingest"

    def ready(self):
        from articles.timeline import register_action

        from .wire import ACTION_LABELS

        for action, label in ACTION_LABELS.items():
            register_action(action, label)
