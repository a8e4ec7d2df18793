"""Demo data for a first look: a desk, not a finished site.

Sources, a user for each role, the Stern sample taken through the desk by those users
(the translator fixes "Kiev", the reviewer approves, the publisher publishes: a real
timeline), and wire stories waiting in each queue: untranslated, in review, approved and
waiting for a publisher, and one whose original changed since it was translated. Every
step goes through the same model methods the admin uses, and a second run changes nothing.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

from articles.fields import text_of
from articles.models import Source, Story
from articles.statuses import Origin
from ingest.importer import import_data
from translation.drafts import create_machine_draft
from translation.machine import DemoBackend

SAMPLES = settings.BASE_DIR / "samples"
STERN = SAMPLES / "scrape" / "stern-putin-kursk.txt"
# Wire stories and the queue each is left in.
UNTRANSLATED = SAMPLES / "ninjs" / "ninjs-3.0-dpa-text.json"
IN_REVIEW = SAMPLES / "ninjs" / "ninjs-2.1-ntb-text.json"
APPROVED = SAMPLES / "ninjs" / "ninjs-1.4-simple-text.json"
NEEDS_UPDATE = SAMPLES / "newsml-g2" / "tt-newsmlg2-sample.xml"
# The second version TT sends of that story, made here: samples/ stay as they came.
TEXT_ITEM = 'guid="http://tt.se/media/text/210919-janguillou-879f202b"'
TT_VERSION_2 = [
    (f'{TEXT_ITEM} version="1"', f'{TEXT_ITEM} version="2"'),
    ("<p>Jan Guillou arbetar", "<p>Författaren Jan Guillou arbetar"),
]

SOURCES = [
    {"slug": "stern", "name": "Stern", "homepage": "https://www.stern.de/", "language": "de"},
    {
        "slug": "dpa",
        "name": "dpa",
        "homepage": "https://www.dpa.com/",
        "language": "de",
        "kind": Source.Kind.AGENCY,
    },
    {
        "slug": "ntb",
        "name": "NTB",
        "homepage": "https://www.ntb.no/",
        "language": "nb",
        "kind": Source.Kind.AGENCY,
    },
    {
        # The ninjs 1.4 sample is an AP story ("GROSSETO, Italy (AP)") with no credit field.
        "slug": "ap",
        "name": "AP",
        "homepage": "https://apnews.com/",
        "language": "en",
        "kind": Source.Kind.AGENCY,
    },
    {
        "slug": "tt",
        "name": "TT",
        "homepage": "https://tt.se/",
        "language": "sv",
        "kind": Source.Kind.AGENCY,
    },
]

# username, role group (None: superuser), full name shown to readers
USERS = [
    ("admin", None, ""),
    ("translator", "Translator", "Tessa Translator"),
    ("reviewer", "Reviewer", "Rafael Reviewer"),
    ("publisher", "Publisher", "Petra Publisher"),
    ("moderator", "Moderator", ""),
]

STERN_TAGS = ["Russia", "Ukraine", "Vladimir Putin", "Kursk"]


def demo_password(username):
    return f"{username}-newsroom-demo"


class Command(BaseCommand):
    help = "Create demo sources, users for each role and a desk of stories. Safe to run again."

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
            Source.objects.update_or_create(slug=fields["slug"], defaults=fields)
        self.people = {
            username: self.seed_user(username, role, name) for username, role, name in USERS
        }

        stern = self.through_the_desk(self.imported(STERN))
        queue = {
            "untranslated": self.left_untranslated(self.imported(UNTRANSLATED)),
            "in review": self.left_in_review(self.imported(IN_REVIEW)),
            "approved": self.left_approved(
                self.imported(APPROVED, source=Source.objects.get(slug="ap"))
            ),
            "needs update": self.left_needing_update(self.imported(NEEDS_UPDATE)),
        }

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(SOURCES)} sources, {len(USERS)} users; "
                f"“{stern}” {stern.get_status_display().lower()}; waiting on the desk: "
                + ", ".join(f"{queue_name} “{story}”" for queue_name, story in queue.items())
                + "."
            )
        )
        self.stdout.write(
            "\n  Site:  http://127.0.0.1:8000/\n  Admin: http://127.0.0.1:8000/admin/"
        )
        self.stdout.write("  Logins (username / password):")
        for username, role, _name in USERS:
            self.stdout.write(
                f"    {username:<11} {demo_password(username):<28} {role or 'Superuser'}"
            )
        self.stdout.write("")

    def seed_user(self, username, role, name):
        user, _ = User.objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = role is None
        user.email = f"{username}@newsroom.invalid"
        user.first_name, _space, user.last_name = name.partition(" ")
        user.set_password(demo_password(username))
        user.save()
        if role:
            user.groups.set([Group.objects.get(name=role)])
        return user

    def imported(self, path: Path, data: bytes | None = None, source=None) -> Story:
        """The story in a sample (a NewsML-G2 message also holds a package and a picture)."""
        results = import_data(data or path.read_bytes(), path=Path(path.name), source=source)
        refused = [r for r in results if r.outcome == "refused"]
        if refused:
            raise CommandError(f"The sample {path.name} was refused: {refused[0].detail}")
        return next(r.story for r in results if r.story is not None)

    # Each step below runs only from the state the one before left, so a second run of
    # seed_demo finds every story past it and changes nothing.

    def through_the_desk(self, story):
        """Translator fixes the house style and tags, reviewer approves, publisher publishes."""
        translator, reviewer = self.people["translator"], self.people["reviewer"]
        if story.status == Story.Status.NEW:
            story.assign(translator, by=self.people["publisher"])
            fixed = {
                name: text.replace("Kiev", "Kyiv").replace("Donbass", "Donbas")
                for name, text in text_of(story).items()
            }
            story.change_words(
                fixed,
                details={"tags": STERN_TAGS},
                by=translator,
                origin=Origin.ADMIN,
                note="House style: Kyiv, Donbas; tags for the archive.",
            )
            story.submit(by=translator, note="Ready; the spellings follow the glossary now.")
        if story.status == Story.Status.IN_REVIEW:
            story.approve(by=reviewer, note="Checked against the Stern page.")
        if story.status == Story.Status.APPROVED:
            story.publish(by=self.people["publisher"])
        return story

    def left_untranslated(self, story):
        if story.translator_id is None:
            story.assign(self.people["translator"], by=self.people["publisher"])
        return story

    def machine_translated(self, story):
        """Drafted by the offline demo engine and marked translated by the translator."""
        translator = self.people["translator"]
        if story.translation_status == Story.TranslationStatus.UNTRANSLATED:
            create_machine_draft(story, by=translator, backend=DemoBackend())
        if story.translation_status == Story.TranslationStatus.MACHINE_DRAFT:
            story.mark_translated(by=translator)
        return story

    def left_in_review(self, story):
        translator = self.people["translator"]
        self.machine_translated(story)
        if story.status == Story.Status.NEW:
            story.submit(by=translator, note="Post-edited the machine draft.")
        return story

    def left_approved(self, story):
        if story.status == Story.Status.NEW:
            story.submit(by=self.people["translator"])
        if story.status == Story.Status.IN_REVIEW:
            story.approve(by=self.people["reviewer"])
        return story

    def left_needing_update(self, story):
        self.machine_translated(story)
        if story.translation_status == Story.TranslationStatus.TRANSLATED:
            data = NEEDS_UPDATE.read_text(encoding="utf-8")
            for old, new in TT_VERSION_2:
                data = data.replace(old, new)
            story = self.imported(NEEDS_UPDATE, data.encode())
        return story
