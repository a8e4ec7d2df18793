"""One address, one author: how comments compare email addresses."""


def normalise_email(email: str | None) -> str:
    """The form every comparison uses (trust, proofs, rate limits, erasure): trimmed, lower
    case, as a comment stores it."""
    return (email or "").strip().lower()
