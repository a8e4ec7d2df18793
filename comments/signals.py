"""Announcements for code that must not be imported here (the audit log)."""

from django.dispatch import Signal

# Sent after comments change by a moderator's hand: action ("approved", "spam", "removed",
# "erased", "anonymised"), by (the user), and pks (ids moved) or count (when erased).
comments_moderated = Signal()
