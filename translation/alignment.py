"""The original beside its translation, block by block, and the paragraph-count rule.

Blocks pair up by position: the desk translates paragraph for paragraph, so the n-th
block of the translation renders the n-th block of the original. A translation with
more or fewer blocks than its original has lost its alignment (a paragraph dropped or
merged), and cannot go to review until a translator says why it is meant to be so.
"""

from itertools import zip_longest

from django.utils.translation import gettext_lazy as _

from articles.body import Block, parse_body
from articles.workflow import WorkflowError


def paragraph_counts(story):
    """(original blocks, translation blocks), or None when the original is unknown."""
    original = story.original
    if original is None:
        return None
    return len(original.blocks), len(parse_body(story.editable_text[2]))


def check_paragraph_count(story, *, by, at):
    """The submit guard: the paragraphs match the original's, or the omission is explained."""
    counts = paragraph_counts(story)
    if counts is None or counts[0] == counts[1] or story.omission_note.strip():
        return
    raise WorkflowError(
        _(
            "The original has %(original)d paragraphs and the translation %(translation)d. "
            "Translate what is missing, or say in “Intended omission” why it is left out."
        )
        % {"original": counts[0], "translation": counts[1]}
    )


def flag(source, target):
    """Why a translated block needs a look, or "" when it reads as a translation."""
    if source is None:
        return _("Not in the original.")
    if target is None or not target.text:
        return _("Missing: this paragraph of the original has no translation.")
    if source.is_subheading != target.is_subheading:
        return _("A subheading in one text is a paragraph in the other.")
    if source.text == target.text and len(source.text.split()) > 2:
        return _("Left untranslated: it reads as the original does.")
    return ""


def aligned_rows(original, text, *, findings=(), changed=frozenset()):
    """Original and translation side by side: headline, standfirst, then block by block.

    Each row carries the glossary ``findings`` for its place and whether the original
    paragraph the translation was made from has ``changed`` (block numbers) since.
    """
    if original is None:
        return []
    headline, standfirst, body = text
    rows = [
        {"original": Block(original.headline), "translation": Block(headline), "kind": "headline"},
        {
            "original": Block(original.standfirst),
            "translation": Block(standfirst),
            "kind": "standfirst",
        },
    ]
    for number, (source, target) in enumerate(
        zip_longest(original.blocks, parse_body(body)), start=1
    ):
        rows.append(
            {
                "original": source,
                "translation": target,
                "number": number,
                "flag": flag(source, target),
            }
        )
    for row in rows:
        where = row.get("number", row.get("kind"))
        row["findings"] = [finding for finding in findings if finding.where == where]
        row["changed"] = where in changed
    return rows
