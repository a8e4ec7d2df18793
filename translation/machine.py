"""Machine translation: one small interface, chosen by ``NEWSROOM_MT_BACKEND``.

``none`` (the default) translates nothing; ``demo`` is deterministic, for tests and the
demo, since no installable package ships a German→English model; ``deepl`` and
``libretranslate`` are real services (backends/). A backend takes a list of texts and
returns their translations in the same order, or raises MachineTranslationError with a
reason written for the editor.
"""

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from articles.workflow import WorkflowError

BACKENDS = {
    "none": "translation.machine.NoBackend",
    "demo": "translation.machine.DemoBackend",
    "deepl": "translation.backends.deepl.DeepLBackend",
    "libretranslate": "translation.backends.libretranslate.LibreTranslateBackend",
}


class MachineTranslationError(WorkflowError):
    """The engine could not translate; the story is left as it was."""


class Backend:
    name = ""
    label = ""
    available = True

    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        raise NotImplementedError


class NoBackend(Backend):
    name = "none"
    label = _("No engine")
    available = False

    def translate(self, texts, *, source, target):
        raise MachineTranslationError(
            _("No machine translation engine is configured (NEWSROOM_MT_BACKEND).")
        )


class DemoBackend(Backend):
    """Marks each text instead of translating it: the same input, the same draft, offline."""

    name = "demo"
    label = "Demo engine"

    def translate(self, texts, *, source, target):
        return [f"[{source}→{target}] {text}" for text in texts]


def get_backend(name=None) -> Backend:
    name = name or settings.NEWSROOM_MT_BACKEND
    try:
        path = BACKENDS[name]
    except KeyError:
        raise MachineTranslationError(
            _("Unknown machine translation engine “%(name)s”; choose one of %(names)s.")
            % {"name": name, "names": ", ".join(BACKENDS)}
        ) from None
    return import_string(path)()
