from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"

    def ready(self):
        from articles.public_cache import public_content_committed

        from .db_routers import replica_catching_up

        # After a change readers see, public pages come from the primary until the replica
        # has it too, so the page cache never keeps a page rendered from before it.
        public_content_committed.connect(replica_catching_up, dispatch_uid="newsroom.replica")
