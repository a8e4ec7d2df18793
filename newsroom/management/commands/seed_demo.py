"""Demo data for a first look: sources, a user for each role, the sample story published."""

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

from articles.models import Source
from ingest.importer import import_file

SAMPLE_STORIES = settings.BASE_DIR / "samples" / "scrape"

SOURCES = [
    {"slug": "stern", "name": "Stern", "homepage": "https://www.stern.de/", "language": "de"},
    {"slug": "dpa", "name": "dpa", "homepage": "https://www.dpa.com/", "language": "de"},
    {"slug": "ntb", "name": "NTB", "homepage": "https://www.ntb.no/", "language": "nb"},
    {"slug": "tt", "name": "TT", "homepage": "https://tt.se/", "language": "sv"},
]

# username, role group (None: superuser)
USERS = [
    ("admin", None),
    ("translator", "Translator"),
    ("reviewer", "Reviewer"),
    ("publisher", "Publisher"),
    ("moderator", "Moderator"),
]

# The scrape carries no tags; the demo gives the sample some so the tag archive has content.
SAMPLE_TAGS = {"stern-putin-kursk.txt": ["Russia", "Ukraine", "Vladimir Putin", "Kursk"]}


def demo_password(username):
    return f"{username}-newsroom-demo"


class Command(BaseCommand):
    help = "Create demo sources, users for each role and the sample stories. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="seed even with DEBUG off (the demo users have published passwords)",
        )

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates users with published passwords; it runs only with "
                "DEBUG=true (or --force on a throwaway database)."
            )
        for fields in SOURCES:
            slug = fields["slug"]
            Source.objects.update_or_create(slug=slug, defaults=fields)
        for username, role in USERS:
            self.seed_user(username, role)
        results = [self.seed_story(path) for path in sorted(SAMPLE_STORIES.glob("*.txt"))]

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(SOURCES)} sources, {len(USERS)} users; samples "
                + ", ".join(f"{r.path.name} {r.outcome}" for r in results)
                + "."
            )
        )
        self.stdout.write(
            "\n  Site:  http://127.0.0.1:8000/\n  Admin: http://127.0.0.1:8000/admin/"
        )
        self.stdout.write("  Logins (username / password):")
        for username, role in USERS:
            self.stdout.write(
                f"    {username:<11} {demo_password(username):<28} {role or 'Superuser'}"
            )
        self.stdout.write("")

    def seed_user(self, username, role):
        user, _ = User.objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = role is None
        user.email = f"{username}@newsroom.invalid"
        user.set_password(demo_password(username))
        user.save()
        if role:
            user.groups.set([Group.objects.get(name=role)])

    def seed_story(self, path):
        result = import_file(path, publish=True)
        if result.outcome == "refused":
            raise CommandError(f"The sample {path} was refused: {result.detail}")
        story = result.story
        tags = SAMPLE_TAGS.get(path.name)
        if story and tags and not story.tags.exists():
            story.tags.add(*tags)
        return result
