"""Withdraw the stories whose source's licence period has ended (deploy/newsroom-licences.timer)."""

from django.core.management.base import BaseCommand

from articles.models import Story, WorkflowError


class Command(BaseCommand):
    help = "Withdraw, with the reason, every published story whose source's licence has ended."

    def handle(self, **options):
        withdrawn = 0
        for story in Story.objects.licence_ended().select_related("source").order_by("pk"):
            try:
                story.withdraw_for_licence()
            except WorkflowError as refusal:  # Changed meanwhile: someone acted first.
                self.stdout.write(f"skipped {story.pk} “{story}”: {refusal}")
                continue
            withdrawn += 1
            self.stdout.write(f"withdrawn {story.pk} “{story}”: {story.withdrawal_reason}")
        self.stdout.write(f"{withdrawn} withdrawn")
