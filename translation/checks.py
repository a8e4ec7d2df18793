"""Terminology checks: the house glossary applied to a story's translation, block by block.

A forbidden variant is not a violation inside a quotation (a quote stays as it was said)
or inside one of the term's allowed phrases ("chicken Kiev", "Kievan Rus"). Warnings are
shown to translator and reviewer; errors also refuse approval, through the workflow hook
registered in TranslationConfig.ready().
"""

import re
from dataclasses import dataclass
from itertools import zip_longest

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.body import parse_body
from articles.workflow import WorkflowError

from .models import GlossaryTerm

# Double quotation marks as English, German and French typesetting write them. Single
# quotes are left out: an apostrophe cannot be told from a closing single quote.
QUOTATIONS = re.compile(r"“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"|«[^»]*»|»[^«]*«")


@dataclass(frozen=True)
class Finding:
    term: GlossaryTerm
    found: str
    # "headline", "standfirst", or the block's number in the body, from 1.
    where: str | int
    kind: str = "forbidden"

    @property
    def is_error(self):
        # A missing rendering may be a paragraph out of step, so it only warns.
        return self.kind == "forbidden" and self.term.severity == GlossaryTerm.Severity.ERROR

    @property
    def place(self):
        if isinstance(self.where, int):
            return _("paragraph %(number)d") % {"number": self.where}
        return {"headline": _("the headline"), "standfirst": _("the standfirst")}[self.where]

    @property
    def message(self):
        if self.kind == "missing":
            text = _("The original has “%(term)s” in %(place)s; the house writes “%(rendering)s”.")
        else:
            text = _("“%(found)s” in %(place)s: write “%(rendering)s”.")
        return text % {
            "found": self.found,
            "term": self.term.term,
            "place": self.place,
            "rendering": self.term.rendering,
        }

    def __str__(self):
        return f"{self.message} {self.term.reason}"


def forbidden_in(text, term):
    """The forbidden variants of ``term`` in ``text``, as written there, in order."""
    if not term.forbidden_variants:
        return []
    exempt = [m.span() for m in QUOTATIONS.finditer(text)]
    if term.allowed_phrases:
        exempt += [m.span() for m in term.pattern(term.allowed_phrases).finditer(text)]
    return [
        match.group()
        for match in term.pattern(term.forbidden_variants).finditer(text)
        if not any(start <= match.start() and match.end() <= end for start, end in exempt)
    ]


def check_text(pieces, terms, original=None, language=""):
    """Findings for ``pieces``: pairs of (where, text) as Finding.where names them.

    ``original`` maps the same places to the original's text, for the required renderings.
    """
    original = original or {}
    findings = []
    for where, text in pieces:
        for term in terms:
            findings += [Finding(term, found, where) for found in forbidden_in(text, term)]
            source = original.get(where, "")
            if (
                term.term
                and source
                and term.applies_to(language)
                and term.pattern([term.term]).search(source)
                and not term.pattern([term.rendering]).search(text)
            ):
                findings.append(Finding(term, term.term, where, kind="missing"))
    return findings


def check_story(story, terms=None):
    """The glossary's findings on the text an editor works on (a pending update included)."""
    terms = list(GlossaryTerm.objects.active()) if terms is None else terms
    if not terms:
        return []
    headline, standfirst, body = story.editable_text
    pieces = [("headline", headline), ("standfirst", standfirst)]
    pieces += [(number, block.text) for number, block in enumerate(parse_body(body), start=1)]
    version = story.original
    original = {}
    if version is not None and story.translation_status != story.TranslationStatus.UNTRANSLATED:
        original = {"headline": version.headline, "standfirst": version.standfirst}
        for number, (source, target) in enumerate(
            zip_longest(version.blocks, parse_body(body)), start=1
        ):
            if source and target:
                original[number] = source.text
    language = story.original_language or (version.language if version else "")
    return check_text(pieces, terms, original=original, language=language)


def count_glossary_errors(story, *, by, at):
    """The archive's publish guard: its import line counts what held the story back."""
    errors = [finding for finding in check_story(story) if finding.is_error]
    if errors:
        raise WorkflowError(
            ngettext("%(count)d glossary error", "%(count)d glossary errors", len(errors))
            % {"count": len(errors)}
        )


def check_glossary_errors(story, *, by, at):
    """The approve guard: a story whose text breaks an error-level rule is not approved."""
    errors = [finding for finding in check_story(story) if finding.is_error]
    if errors:
        raise WorkflowError(
            _("The text breaks the house glossary: %(errors)s")
            % {"errors": " ".join(str(error.message) for error in errors)}
        )
