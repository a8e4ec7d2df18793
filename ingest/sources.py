"""Which Source a credit line names, creating the outlet the first time it is credited."""

from django.utils.translation import gettext as _

from articles.models import Source
from ingest.errors import RefusedFile


def credited_source(credit: str | None) -> Source:
    """The source named by ``credit`` ("STERN " is Stern), or a new one with that name.

    A new source has no language: nobody has said what its originals are written in.
    """
    if not credit:
        raise RefusedFile(
            _("The story has no credit line (“Source: …”) and no source was chosen for it.")
        )
    return Source.objects.named(credit).first() or Source.objects.create(name=credit)
