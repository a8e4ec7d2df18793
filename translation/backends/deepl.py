"""DeepL through its official client; the key comes from NEWSROOM_MT_DEEPL_AUTH_KEY."""

import deepl
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from translation.machine import Backend, MachineTranslationError


def deepl_language(tag, *, target=False):
    """DeepL's code for a BCP 47 tag: DE for de-AT; EN-GB, EN-US and PT-BR kept as targets."""
    primary, _sep, region = tag.upper().partition("-")
    if target and primary in {"EN", "PT"}:
        return f"{primary}-{region or ('GB' if primary == 'EN' else 'PT')}"
    return primary


class DeepLBackend(Backend):
    name = "deepl"
    label = "DeepL"

    def __init__(self, auth_key=None, server_url=None):
        self.auth_key = auth_key or settings.NEWSROOM_MT_DEEPL_AUTH_KEY
        self.server_url = server_url or settings.NEWSROOM_MT_DEEPL_SERVER_URL or None
        # The client's retry and timeout settings are module-wide, as its README documents.
        deepl.http_client.min_connection_timeout = settings.NEWSROOM_MT_TIMEOUT
        deepl.http_client.max_network_retries = settings.NEWSROOM_MT_RETRIES

    def translate(self, texts, *, source, target):
        if not self.auth_key:
            raise MachineTranslationError(
                _("DeepL needs an API key: set NEWSROOM_MT_DEEPL_AUTH_KEY.")
            )
        translator = deepl.Translator(
            self.auth_key, server_url=self.server_url, send_platform_info=False
        )
        try:
            results = translator.translate_text(
                texts,
                source_lang=deepl_language(source),
                target_lang=deepl_language(target, target=True),
                preserve_formatting=True,
            )
        except deepl.AuthorizationException:
            raise MachineTranslationError(
                _("DeepL refused the API key; check NEWSROOM_MT_DEEPL_AUTH_KEY.")
            ) from None
        except deepl.QuotaExceededException:
            raise MachineTranslationError(
                _("DeepL's quota for this billing period is used up.")
            ) from None
        except deepl.TooManyRequestsException:
            raise MachineTranslationError(_("DeepL is busy; try again in a minute.")) from None
        except deepl.ConnectionException as exc:
            raise MachineTranslationError(
                _("DeepL could not be reached or did not answer in time (%(error)s).")
                % {"error": exc}
            ) from None
        except deepl.DeepLException as exc:
            raise MachineTranslationError(
                _("DeepL could not translate: %(error)s") % {"error": exc}
            ) from None
        finally:
            translator.close()
        return [result.text for result in results]
