"""Answer a data-protection request: erase, or anonymise, every comment from one email address."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from articles.public_cache import public_content_changed
from comments.models import Comment


class Command(BaseCommand):
    help = "Erase (or with --anonymise, anonymise) every comment posted with an email address."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The commenter's email address, in any case.")
        parser.add_argument(
            "--anonymise",
            action="store_true",
            help="Keep the comments' text but drop name, email, website, IP and user agent.",
        )

    @transaction.atomic
    def handle(self, email, anonymise, **options):
        try:
            validate_email(email.strip())
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address.") from None
        comments = Comment.objects.by_email(email)
        if anonymise:
            count = comments.anonymise(by=None)
            self.stdout.write(f"Anonymised {count} comment(s) posted with that address.")
        else:
            count = comments.erase(by=None)
            self.stdout.write(f"Erased {count} comment(s) posted with that address.")
        if count:
            public_content_changed()
