"""Which language a story is written in, when its file does not say: detected offline.

py3langid ships its model inside the package, so detection needs no network and no
download. The model loads on first use, not at import.
"""

import py3langid
from django.conf import settings


def detect_language(text: str) -> str:
    """The ISO 639-1 code py3langid finds most likely for ``text``; empty for no text."""
    if not text.strip():
        return ""
    language, _score = py3langid.classify(text)
    return language


def primary_subtag(tag: str) -> str:
    """ "pt-BR" is Portuguese and "nb-NO" Norwegian Bokmål: compare languages, not regions."""
    return tag.replace("_", "-").split("-")[0].strip().lower()


def is_site_language(tag: str) -> bool:
    return bool(tag) and primary_subtag(tag) == primary_subtag(settings.LANGUAGE_CODE)
