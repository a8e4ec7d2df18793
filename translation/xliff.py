"""XLIFF 1.2 for translators outside the building: one ``<file>`` per story, one unit per block.

XLIFF 1.2 rather than 2.x because it is what most CAT tools and Weblate read; written on
lxml (already a dependency) because translate-toolkit, the maintained XLIFF library, is
GPL-3.0. A file names its story and the original version it was made from, so an import
for another story, or from an original that has since changed, is refused as a whole.
Units are matched by id (``headline``, ``standfirst``, ``p1``, ``p2``…); a unit without a
target leaves that part of the translation as it was. Each unit also carries, in
Newsroom's own namespace, the target it was exported with: an import that changes a unit
someone edited in Newsroom since the export is refused, naming the units, so a file
translated from an old export never overwrites a colleague's correction.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from lxml import etree

from articles.body import Block, format_body, parse_body
from articles.fields import TEXT_FIELDS
from articles.models import Story
from articles.statuses import Origin
from articles.workflow import WorkflowError
from ingest.errors import RefusedFile
from ingest.formats.safe_xml import parse_xml
from newsroom import text as xml_text

NS = "urn:oasis:names:tc:xliff:document:1.2"
# Newsroom's extension: <nr:exported> in a unit holds the target as it was exported.
NR = "urn:newsroom:xliff"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ORIGINAL = re.compile(r"^newsroom:story:(\d+):version:(\d+)$")
UNIT_START = re.compile(r"<(?:\w+:)?trans-unit\b[^>]*\bid=[\"']([^\"']*)")


class XliffError(WorkflowError):
    """The file cannot be imported; nothing was changed."""


def _q(name):
    return f"{{{NS}}}{name}"


def _unit(body, unit_id, source, target, *, source_lang, target_lang, restype=None):
    unit = etree.SubElement(body, _q("trans-unit"), id=unit_id, resname=unit_id)
    if restype:
        unit.set("restype", restype)
    # The original is kept as the source sent it; XML carries it less what XML cannot.
    etree.SubElement(unit, _q("source"), {XML_LANG: source_lang}).text = xml_text.strip(source)
    target = xml_text.strip(target)
    if target:
        element = etree.SubElement(unit, _q("target"), {XML_LANG: target_lang}, state="translated")
        element.text = target
    etree.SubElement(unit, f"{{{NR}}}exported").text = target


def unit_texts(story) -> dict:
    """The story's translation by unit id, as an export writes the targets."""
    headline, standfirst, text = story.editable_text
    if story.translation_status == story.TranslationStatus.UNTRANSLATED:
        # The original's headline stands in until translated; it is no translation.
        headline = standfirst = ""
    units = {"headline": headline, "standfirst": standfirst}
    units.update({f"p{n}": block.text for n, block in enumerate(parse_body(text), start=1)})
    return {unit: " ".join(value.split()) for unit, value in units.items()}


def export_stories(stories, *, target_lang="en") -> bytes:
    """One XLIFF 1.2 document with a ``<file>`` for each story."""
    root = etree.Element(_q("xliff"), version="1.2", nsmap={None: NS, "nr": NR})
    for story in stories:
        original = story.original
        if original is None:
            raise XliffError(
                _("“%(story)s” has no original text to translate from.") % {"story": story}
            )
        source_lang = story.original_language or original.language or "und"
        file = etree.SubElement(
            root,
            _q("file"),
            {
                "original": f"newsroom:story:{story.pk}:version:{original.number}",
                "datatype": "plaintext",
                "source-language": source_lang,
                "target-language": target_lang,
                "product-name": "Newsroom",
            },
        )
        header = etree.SubElement(file, _q("header"))
        etree.SubElement(header, _q("note")).text = str(
            _("“%(story)s” from %(source)s, original version %(number)d. Keep the unit ids.")
            % {"story": story, "source": story.source, "number": original.number}
        )
        body = etree.SubElement(file, _q("body"))
        targets = unit_texts(story)
        langs = {"source_lang": source_lang, "target_lang": target_lang}
        _unit(body, "headline", original.headline, targets["headline"], **langs)
        if original.standfirst:
            _unit(body, "standfirst", original.standfirst, targets["standfirst"], **langs)
        for number, block in enumerate(original.blocks, start=1):
            restype = "x-subheading" if block.is_subheading else "x-paragraph"
            target = targets.get(f"p{number}", "")
            _unit(body, f"p{number}", block.text, target, restype=restype, **langs)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@dataclass
class StoryFile:
    """One ``<file>`` of an XLIFF document: the story it is for, and its translated units."""

    story_id: int
    version: int
    targets: dict
    # The target of each unit as it was exported, where the file still carries it.
    exported: dict

    def changed_targets(self) -> dict:
        """The units the file changes: a target, and not the one it was exported with. A
        unit left as exported is no change, so Newsroom's text stays, edits made there
        since the export included."""
        return {
            unit: target
            for unit, target in self.targets.items()
            if target and self.exported.get(unit) != target
        }


def read_xliff(data: bytes) -> list[StoryFile]:
    _refuse_characters(data)
    try:
        root = parse_xml(data)
    except RefusedFile as exc:
        raise XliffError(str(exc)) from None
    if root.tag != _q("xliff") or root.get("version") != "1.2":
        raise XliffError(_("This is not an XLIFF 1.2 file exported by Newsroom."))
    files = []
    for file in root.iter(_q("file")):
        match = ORIGINAL.match(file.get("original", ""))
        if not match:
            raise XliffError(
                _("A file in it does not name a Newsroom story (original=“%(original)s”).")
                % {"original": file.get("original", "")}
            )
        targets, exported = {}, {}
        for unit in file.iter(_q("trans-unit")):
            target = unit.find(_q("target"))
            text = " ".join("".join(target.itertext()).split()) if target is not None else ""
            targets[unit.get("id", "")] = text
            kept = unit.find(f"{{{NR}}}exported")
            if kept is not None:
                exported[unit.get("id", "")] = " ".join((kept.text or "").split())
        files.append(StoryFile(int(match[1]), int(match[2]), targets, exported))
    if not files:
        raise XliffError(_("The file holds no story."))
    return files


def _refuse_characters(data: bytes) -> None:
    """Refuse a file with a character XML cannot carry, naming its unit and where it is.

    The XML parser would refuse it too, but in its own words; a CAT tool's stray control
    character should be found in one look.
    """
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # Another encoding, or no text at all: the parser says what is wrong.
    match = xml_text.first_invalid(decoded)
    if match is None:
        return
    units = UNIT_START.findall(decoded, 0, match.start())
    field = _("Unit “%(id)s”") % {"id": units[-1]} if units else _("The file")
    raise XliffError(xml_text.refusal(decoded, field=str(field)))


def _refuse_stale_units(story, story_file):
    """Refuse a file whose changed units were edited in Newsroom since it was exported."""
    now = unit_texts(story)
    stale = [
        unit
        for unit in story_file.changed_targets()
        if unit in story_file.exported and now.get(unit, "") != story_file.exported[unit]
    ]
    if stale:
        shown = "; ".join(f"{unit}: “{now.get(unit, '')}”" for unit in stale)
        raise XliffError(
            _(
                "“%(story)s” changed in Newsroom since this file was exported, in units the "
                "file changes too: %(units)s. Nothing was imported: export the story again "
                "and carry your changes over, so that nobody's correction is lost."
            )
            % {"story": story, "units": shown}
        )


def translated_text(story, story_file):
    """The story's (headline, standfirst, body) with the file's targets put in."""
    original = story.original
    if original is None or original.number != story_file.version:
        raise XliffError(
            _(
                "The file for “%(story)s” was made from version %(file)s of the original, "
                "but the newest is %(newest)s: export the story again and translate that."
            )
            % {
                "story": story,
                "file": story_file.version,
                "newest": original.number if original else "—",
            }
        )
    blocks = original.blocks
    expected = {"headline", "standfirst", *(f"p{n}" for n in range(1, len(blocks) + 1))}
    unknown = sorted(set(story_file.targets) - expected)
    if unknown:
        raise XliffError(
            _("The file for “%(story)s” has units this story does not: %(units)s.")
            % {"story": story, "units": ", ".join(unknown)}
        )
    _refuse_stale_units(story, story_file)
    headline, standfirst, body = story.editable_text
    current = parse_body(body)
    targets = story_file.changed_targets()
    new_blocks = []
    for number, block in enumerate(blocks, start=1):
        text = targets.get(f"p{number}") or (
            current[number - 1].text if number <= len(current) else ""
        )
        if text:
            new_blocks.append(Block(text, block.is_subheading))
    new_blocks += current[len(blocks) :]
    new_body = body if parse_body(body) == new_blocks else format_body(new_blocks)
    new_headline = targets.get("headline") or headline
    limit = Story._meta.get_field("headline").max_length
    if len(new_headline) > limit:
        raise XliffError(
            _(
                "The headline in the file for “%(story)s” is %(length)d characters long; a "
                "headline may have %(limit)d. Shorten unit “headline” and import it again."
            )
            % {"story": story, "length": len(new_headline), "limit": limit}
        )
    return (new_headline, targets.get("standfirst") or standfirst, new_body)


@transaction.atomic
def import_xliff(data: bytes, *, by, story=None, filename=""):
    """Put the translations in ``data`` into their stories, each save kept as a revision.

    With ``story``, the file must be for that story alone. All or nothing: one refused
    file in a batch leaves every story as it was. Returns the stories and their revisions
    (None where nothing changed).
    """
    if not by.has_perm("articles.change_story"):
        raise XliffError(_("You do not have permission to edit stories."))
    files = read_xliff(data)
    if story is not None and any(f.story_id != story.pk for f in files):
        raise XliffError(_("This file is for another story, not “%(story)s”.") % {"story": story})
    stories = Story.objects.select_related("source").in_bulk([f.story_id for f in files])
    changes = []
    for story_file in files:
        found = stories.get(story_file.story_id)
        if found is None:
            raise XliffError(
                _("The file is for story #%(id)d, which does not exist.")
                % {"id": story_file.story_id}
            )
        changes.append((found, translated_text(found, story_file)))
    note = _("Imported from XLIFF %(file)s.") % {"file": filename or ""}
    results = []
    for found, text in changes:
        revision = found.change_words(
            dict(zip(TEXT_FIELDS, text, strict=True)),
            by=by,
            origin=Origin.XLIFF,
            note=note.strip(),
            base_version=found.lock_version,
        )
        results.append((found, revision))
    return results
