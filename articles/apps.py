from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        from . import public_cache, tags

        public_cache.connect()
        tags.connect()
