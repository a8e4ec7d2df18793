"""The one way ingest says no: a file it will not import, and why, in words for the editor."""


class RefusedFile(Exception):
    """A file refused as a whole; the message says why and is shown to whoever imported it."""


class UploadError(Exception):
    """An upload that cannot do what was asked now (resume one still running); says why."""
