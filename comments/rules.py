"""The moderation rules: the status a new comment gets, and the reason a moderator reads.

Every outcome carries a reason ("held: 3 links", "spam: blocklisted word 'casino'"), so no
comment waits in the queue, or lands in spam, without an explanation.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

# What the body renderer turns into a link, near enough: a scheme or a www. prefix.
LINK = re.compile(r"\bhttps?://|\bwww\.", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str


class WordList:
    """Words or phrases one a line, matched anywhere ignoring case; /…/ is a regular expression."""

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
                    pattern = re.compile(line[1:-1], re.IGNORECASE)
                except re.error as error:
                    raise ValueError(
                        _("“%(line)s” is not a valid regular expression: %(error)s.")
                        % {"line": line, "error": error}
                    ) from None
            else:
                pattern = re.compile(re.escape(line), re.IGNORECASE)
            entries.append((line, pattern))
        return cls(entries)

    def first_match(self, texts):
        for label, pattern in self.entries:
            if any(pattern.search(text) for text in texts):
                return label
        return None


def count_links(text):
    return len(LINK.findall(text))


def assess(comment, rules):
    """The verdict of `rules` on an unsaved comment: spam first, then holds, then trust."""
    Status = comment.Status
    texts = [
        comment.name,
        comment.email,
        comment.url,
        comment.body,
        comment.ip_address or "",
        comment.user_agent,
    ]
    if word := WordList.parse(rules.spam_words).first_match(texts):
        return Verdict(Status.SPAM, _("spam: blocklisted word '%(word)s'") % {"word": word})
    links = count_links(comment.body)
    if rules.hold_at_links and links >= rules.hold_at_links:
        return Verdict(Status.PENDING, _("held: %(count)d links") % {"count": links})
    if word := WordList.parse(rules.moderation_words).first_match(texts):
        return Verdict(Status.PENDING, _("held: moderation word '%(word)s'") % {"word": word})
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
    return Verdict(
        Status.APPROVED,
        _("approved: trusted email, %(count)d approved comments") % {"count": approved},
    )
