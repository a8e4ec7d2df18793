"""A story's words: the fields readers read, which only the one door changes (editing.py)."""

TEXT_FIELDS = ("headline", "standfirst", "body")
WORD_FIELDS = (*TEXT_FIELDS, "omission_note")
# What readers see beside the words; past review they change through the same door.
DETAIL_FIELDS = ("source", "original_url", "guid", "slug", "tags", "embargoed_until")
