"""A story's words: the fields readers read, which only the one door changes (editing.py)."""

TEXT_FIELDS = ("headline", "standfirst", "body")
WORD_FIELDS = (*TEXT_FIELDS, "omission_note")


def text_of(thing) -> dict:
    """The text of a story, a revision or an import's record, by field name."""
    return {name: getattr(thing, name) for name in TEXT_FIELDS}


# What readers see beside the words; past review they change through the same door.
DETAIL_FIELDS = ("source", "original_url", "guid", "slug", "tags", "embargoed_until")
