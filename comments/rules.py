"""The moderation rules: the status a new comment gets, and the reason a moderator reads.

Every outcome carries a reason ("held: 3 links", "spam: blocklisted word 'casino'"), so no
comment waits in the queue, or lands in spam, without an explanation.
"""

import re
from dataclasses import dataclass

import regex
from django.conf import settings
from django.utils.translation import gettext as _

from .addresses import normalise_email

# What the body renderer turns into a link, near enough: a scheme or a www. prefix.
LINK = re.compile(r"\bhttps?://|\bwww\.", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str
    # Held only because the author has not proved they read the address (confirmation.py).
    needs_proof: bool = False


class RuleTooSlow(Exception):
    """A moderator's regular expression ran past its time on a comment (catastrophic
    backtracking, most likely): the comment is held rather than a worker hung."""

    def __init__(self, label):
        super().__init__(label)
        self.label = label


class WordList:
    """Words or phrases one a line, matched anywhere ignoring case; /…/ is a regular expression.

    Expressions run on the ``regex`` engine with a timeout, since a moderator's pattern
    may backtrack for ever on one crafted comment.
    """

    def __init__(self, entries):
        self.entries = entries

    @classmethod
    def parse(cls, text):
        entries = []
        for line in (line.strip() for line in text.splitlines()):
            if not line:
                continue
            if len(line) > 2 and line.startswith("/") and line.endswith("/"):
                try:
                    pattern = regex.compile(line[1:-1], regex.IGNORECASE | regex.VERSION0)
                except regex.error as error:
                    raise ValueError(
                        _("“%(line)s” is not a valid regular expression: %(error)s.")
                        % {"line": line, "error": error}
                    ) from None
            else:
                pattern = regex.compile(regex.escape(line), regex.IGNORECASE)
            entries.append((line, pattern))
        return cls(entries)

    def first_match(self, texts):
        timeout = settings.NEWSROOM_COMMENTS_RULE_TIMEOUT
        for label, pattern in self.entries:
            try:
                if any(pattern.search(text, timeout=timeout) for text in texts):
                    return label
            except TimeoutError:
                raise RuleTooSlow(label) from None
        return None


def count_links(text):
    return len(LINK.findall(text))


def assess(comment, rules, *, proven_email=""):
    """The verdict of `rules` on an unsaved comment: spam first, then holds, then trust.

    Trust is earned by an address's approved comments, but only counts when the browser
    proved it reads that address (`proven_email`, lower case): typing it proves nothing.
    """
    Status = comment.Status
    texts = [
        comment.name,
        comment.email,
        comment.url,
        comment.body,
        comment.ip_address or "",
        comment.user_agent,
    ]
    try:
        spam = WordList.parse(rules.spam_words).first_match(texts)
        held = None if spam else WordList.parse(rules.moderation_words).first_match(texts)
    except RuleTooSlow as slow:
        return Verdict(
            Status.PENDING,
            _("held: the rule '%(rule)s' took too long on this comment; check the rule")
            % {"rule": slow.label},
        )
    if spam:
        return Verdict(Status.SPAM, _("spam: blocklisted word '%(word)s'") % {"word": spam})
    links = count_links(comment.body)
    if rules.hold_at_links and links >= rules.hold_at_links:
        return Verdict(Status.PENDING, _("held: %(count)d links") % {"count": links})
    if held:
        return Verdict(Status.PENDING, _("held: moderation word '%(word)s'") % {"word": held})
    if rules.hold_all:
        return Verdict(Status.PENDING, _("held: every comment is held"))
    if not rules.trust_after:
        return Verdict(Status.APPROVED, _("approved: passed every rule"))
    approved = type(comment).objects.by_email(comment.email).approved().count()
    if approved < rules.trust_after:
        return Verdict(
            Status.PENDING,
            _("held: %(count)d of %(needed)d approved comments from this email")
            % {"count": approved, "needed": rules.trust_after},
        )
    if normalise_email(comment.email) != proven_email:
        return Verdict(
            Status.PENDING,
            _("held: trusted email not yet confirmed in this browser"),
            needs_proof=True,
        )
    return Verdict(
        Status.APPROVED,
        _("approved: trusted email, %(count)d approved comments") % {"count": approved},
    )
