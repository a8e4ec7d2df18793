"""The house style's first glossary entries: the names the desk gets wrong most often.

AP, the Guardian and the BBC all moved to the Ukrainian transliterations in 2019.
"""

from django.db import migrations

TERMS = [
    {
        "rendering": "Kyiv",
        "term": "Kyjiw",
        "source_language": "de",
        "forbidden": "Kiev",
        "exceptions": "chicken Kiev\nKievan Rus",
        "reason": "Ukraine's capital in the Ukrainian transliteration (AP, Guardian, BBC 2019).",
        "severity": "error",
    },
    {
        "rendering": "Zelenskyy",
        "term": "Selenskyj",
        "source_language": "de",
        "forbidden": "Zelensky\nZelenskiy\nZelenski\nSelenskyj",
        "exceptions": "",
        "reason": "The spelling Ukraine's president uses in English, as AP does.",
        "severity": "error",
    },
    {
        "rendering": "Kharkiv",
        "term": "Charkiw",
        "source_language": "de",
        "forbidden": "Kharkov",
        "exceptions": "",
        "reason": "Ukrainian, not Russian, transliteration of Ukrainian places.",
        "severity": "warning",
    },
    {
        "rendering": "Odesa",
        "term": "Odessa",
        "source_language": "de",
        "forbidden": "Odessa",
        "exceptions": "Odessa, Texas",
        "reason": "Ukrainian transliteration, one s; the city in Texas keeps its name.",
        "severity": "warning",
    },
    {
        "rendering": "Donbas",
        "term": "Donbass",
        "source_language": "de",
        "forbidden": "Donbass",
        "exceptions": "",
        "reason": "Ukrainian transliteration of the region, as AP writes it.",
        "severity": "warning",
    },
]


def add_terms(apps, schema_editor):
    GlossaryTerm = apps.get_model("translation", "GlossaryTerm")
    for term in TERMS:
        GlossaryTerm.objects.update_or_create(
            rendering=term["rendering"], source_language=term["source_language"], defaults=term
        )


def remove_terms(apps, schema_editor):
    GlossaryTerm = apps.get_model("translation", "GlossaryTerm")
    for term in TERMS:
        GlossaryTerm.objects.filter(
            rendering=term["rendering"], source_language=term["source_language"]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("translation", "0001_glossary")]

    operations = [migrations.RunPython(add_terms, remove_terms)]
