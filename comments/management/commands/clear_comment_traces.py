"""Clear the IP addresses and user agents kept past the retention period. Run it daily."""

from django.conf import settings
from django.core.management.base import BaseCommand

from comments.models import Comment


class Command(BaseCommand):
    help = "Clear IP addresses and user agents kept past NEWSROOM_COMMENTS_KEEP_TRACES_DAYS."

    def handle(self, **options):
        days = settings.NEWSROOM_COMMENTS_KEEP_TRACES_DAYS
        count = Comment.objects.with_expired_traces(days).clear_traces()
        self.stdout.write(
            f"Cleared the IP address and user agent of {count} comment(s) older than {days} days."
        )
