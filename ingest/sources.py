"""Which Source a credit line names, creating the outlet the first time it is credited."""

from django.utils.translation import gettext as _

from articles.models import Source
from ingest.errors import RefusedFile


def credited_source(credit: str | None, *, kind: str = Source.Kind.OUTLET) -> Source:
    """The source named by ``credit`` ("STERN " is Stern), or a new one with that name.

    A new source has no language: nobody has said what its originals are written in. Its
    ``kind`` is the importer's guess from the file (a wire item without a public URL comes
    from an agency); an editor can change it.
    """
    if not credit:
        raise RefusedFile(
            _("The story has no credit line (“Source: …”) and no source was chosen for it.")
        )
    return Source.objects.named(credit).first() or Source.objects.create(name=credit, kind=kind)
