"""A story's words: the fields readers read, which only the one door changes (editing.py)."""

TEXT_FIELDS = ("headline", "standfirst", "body")
WORD_FIELDS = (*TEXT_FIELDS, "omission_note")
