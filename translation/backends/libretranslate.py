"""LibreTranslate over its HTTP API (POST /translate), at NEWSROOM_MT_LIBRETRANSLATE_URL."""

import httpx
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from translation.machine import Backend, MachineTranslationError


class LibreTranslateBackend(Backend):
    name = "libretranslate"
    label = "LibreTranslate"

    def __init__(self, url=None, api_key=None):
        self.url = (url or settings.NEWSROOM_MT_LIBRETRANSLATE_URL).rstrip("/")
        self.api_key = (
            api_key if api_key is not None else settings.NEWSROOM_MT_LIBRETRANSLATE_API_KEY
        )

    def translate(self, texts, *, source, target):
        if not self.url:
            raise MachineTranslationError(
                _("LibreTranslate needs an address: set NEWSROOM_MT_LIBRETRANSLATE_URL.")
            )
        payload = {
            "q": texts,
            "source": source.split("-")[0].lower(),
            "target": target.split("-")[0].lower(),
            "format": "text",
        }
        if self.api_key:
            payload["api_key"] = self.api_key
        try:
            response = httpx.post(
                f"{self.url}/translate", json=payload, timeout=settings.NEWSROOM_MT_TIMEOUT
            )
        except httpx.TimeoutException:
            raise MachineTranslationError(_("LibreTranslate did not answer in time.")) from None
        except httpx.HTTPError as exc:
            raise MachineTranslationError(
                _("LibreTranslate could not be reached (%(error)s).") % {"error": exc}
            ) from None
        return self._read(response, expected=len(texts))

    def _read(self, response, *, expected):
        try:
            data = response.json()
        except ValueError:
            data = {}
        error = data.get("error", "") if isinstance(data, dict) else ""
        if response.status_code == 403:
            raise MachineTranslationError(
                _("LibreTranslate refused the API key: %(error)s") % {"error": error}
            )
        if response.status_code == 429:
            raise MachineTranslationError(
                _("LibreTranslate's limit is reached: %(error)s") % {"error": error}
            )
        if response.status_code != 200:
            raise MachineTranslationError(
                _("LibreTranslate could not translate (HTTP %(status)d): %(error)s")
                % {"status": response.status_code, "error": error}
            )
        translated = data.get("translatedText") if isinstance(data, dict) else None
        if not isinstance(translated, list) or len(translated) != expected:
            raise MachineTranslationError(
                _("LibreTranslate answered with something other than the translations.")
            )
        return translated
