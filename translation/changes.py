"""What changed in the original since it was translated, paragraph by paragraph.

The translation renders the version it was made from (``Story.translated_from``), block
for block, so a changed or removed block of that version names the translated block that
must catch up; a block new in the newest version has no translation yet.
"""

from dataclasses import dataclass, field
from itertools import zip_longest

from django.utils.translation import gettext_lazy as _

from articles.body import Block, parse_body
from articles.diff import Budget, align, as_html, diff_paragraphs
from articles.statuses import Origin


@dataclass
class OriginalChanges:
    before: object
    after: object
    rows: list = field(default_factory=list)

    @property
    def changed_blocks(self):
        """The places (block numbers, "headline", "standfirst") whose original changed."""
        return {row["old"] for row in self.rows if row["old"] is not None}


LABELS = {
    "changed": _("Changed"),
    "added": _("New"),
    "removed": _("Removed"),
    # Past the diff's cap the old paragraph is struck out whole and the new one inserted.
    "replaced": _("Changed: too long to compare word by word, shown whole"),
}


def _row(kind, old, new, before_text, after_text, translation, budget):
    paragraphs = diff_paragraphs(before_text, after_text, budget=budget)
    replaced = any(paragraph.kind == "replaced" for paragraph in paragraphs)
    return {
        "kind": kind,
        "label": LABELS["replaced" if replaced else kind],
        "old": old,
        "new": new,
        "diff": as_html(paragraphs),
        "translation": translation,
    }


def compare_blocks(before_blocks, after_blocks, translation_blocks, *, budget):
    """The changed, added and removed blocks, each with the translation of its old place."""
    old_texts = [str(block) for block in before_blocks]
    new_texts = [str(block) for block in after_blocks]
    rows = []
    for op, i1, i2, j1, j2 in align(old_texts, new_texts):
        if op == "equal":
            continue
        for i, j in zip_longest(range(i1, i2), range(j1, j2)):
            translation = None
            if i is not None and i < len(translation_blocks):
                translation = translation_blocks[i]
            if i is not None and j is not None:
                if old_texts[i] != new_texts[j]:  # Paired in order when too many to align.
                    rows.append(
                        _row(
                            "changed", i + 1, j + 1, old_texts[i], new_texts[j], translation, budget
                        )
                    )
            elif i is not None:
                rows.append(_row("removed", i + 1, None, old_texts[i], "", translation, budget))
            else:
                rows.append(_row("added", None, j + 1, "", new_texts[j], None, budget))
    return rows


def original_changes(story, newest):
    """How the original changed since the translation was made, or None if it did not."""
    before = story.translated_from
    if (
        story.translation_status != story.TranslationStatus.NEEDS_UPDATE
        or before is None
        or newest is None
        or before.pk == newest.pk
    ):
        return None
    headline, standfirst, body = story.editable_text
    budget = Budget()
    rows = []
    for where, label, old, new, translation in [
        ("headline", _("Headline"), before.headline, newest.headline, headline),
        ("standfirst", _("Standfirst"), before.standfirst, newest.standfirst, standfirst),
    ]:
        if old != new:
            row = _row("changed", where, where, old, new, Block(translation), budget)
            row["label"] = label
            rows.append(row)
    rows += compare_blocks(before.blocks, newest.blocks, parse_body(body), budget=budget)
    return OriginalChanges(before, newest, rows)


def archive_changes(story):
    """What the archive's newest file changes from the one before, while the desk has not
    taken its text yet (a proposed revision, ingest/archive.py), or None."""
    if story.translation_status != story.TranslationStatus.NEEDS_UPDATE:
        return None
    imports = list(story.revisions.filter(origin=Origin.ARCHIVE).order_by("-pk")[:2])
    if len(imports) < 2 or not imports[0].proposed:
        return None
    after, before = imports
    headline, standfirst, body = story.editable_text
    budget = Budget()
    rows = []
    for where, label, translation in [
        ("headline", _("Headline"), headline),
        ("standfirst", _("Standfirst"), standfirst),
    ]:
        old, new = getattr(before, where), getattr(after, where)
        if old != new:
            row = _row("changed", where, where, old, new, Block(translation), budget)
            row["label"] = label
            rows.append(row)
    rows += compare_blocks(
        parse_body(before.body), parse_body(after.body), parse_body(body), budget=budget
    )
    return OriginalChanges(before, after, rows)
