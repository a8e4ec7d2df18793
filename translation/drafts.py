"""Create a machine draft of an untranslated story, paragraph by paragraph."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from articles.body import Block, format_body
from newsroom import text as xml_text

from .machine import Backend, MachineTranslationError, get_backend


def create_machine_draft(story, *, by, backend: Backend | None = None, target: str = ""):
    """Translate the story's newest original with ``backend`` and keep it as a machine draft.

    The engine is asked before anything is written; if it fails, or the story changed
    meanwhile, the story stays exactly as it was and the error says why.
    """
    backend = backend or get_backend()
    target = target or settings.NEWSROOM_MT_TARGET_LANGUAGE
    story.check_machine_draft(by=by)
    original = story.original
    if original is None:
        raise MachineTranslationError(
            _("The original text is not known, so there is nothing to translate.")
        )
    base_version = story.lock_version
    source = story.original_language or original.language or story.source.language
    blocks = original.blocks
    texts = [
        xml_text.strip(part)
        for part in [original.headline, original.standfirst, *(block.text for block in blocks)]
    ]
    # Engines refuse or bill empty strings; an empty standfirst stays empty.
    wanted = [i for i, text in enumerate(texts) if text.strip()]
    answers = backend.translate([texts[i] for i in wanted], source=source, target=target)
    translated = [""] * len(texts)
    for i, answer in zip(wanted, answers, strict=True):
        translated[i] = answer.strip()
    # An engine's answer is outside text like an import's: stripped, and the timeline says so.
    labels = [_("headline"), _("standfirst"), *[_("body")] * len(blocks)]
    translated, stripped = xml_text.strip_fields(zip(labels, translated, strict=True))
    body = format_body(
        [
            Block(text, block.is_subheading)
            for text, block in zip(translated[2:], blocks, strict=True)
        ]
    )
    story.fill_machine_draft(
        (translated[0], translated[1], body),
        by=by,
        engine=str(backend.label),
        base_version=base_version,
        stripped=stripped,
    )
    return story
