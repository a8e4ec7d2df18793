"""The word diff on long texts: the desk page and the diff alone, the bounded diff against the
quadratic one it replaced (issue #13, item 5).

    DEBUG=true .venv/bin/python -m newsroom.embedded_db --throwaway -- \
        .venv/bin/python bench/diff.py [--old-long]

Prints the median of 3 renders of a translated story's change page whose original changed
(the desk page, with the original's changes paragraph by paragraph), then the time of the
diff alone, new and old. The old diff on a 10,000-word paragraph takes minutes, so it runs
only with ``--old-long``; without it, the old diff's growth shows on shorter paragraphs.
Migrates the database it is given and writes a few stories, so run it on a throwaway one.
"""

import json
import statistics
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

# The project, not bench/, comes first: bench/http.py would hide the standard library's http.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

# Sets Django up, so it comes before any model.
from bench.common import staff_client  # noqa: E402

# isort: split

from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.html import format_html, format_html_join  # noqa: E402

from articles.diff import TOKENS, diff_words  # noqa: E402
from articles.models import OriginalVersion, Source, Story  # noqa: E402


def old_diff_words(before: str, after: str):
    """The diff before #13: SequenceMatcher over every word of both whole texts."""
    old, new = TOKENS.findall(before), TOKENS.findall(after)
    pieces = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(format_html("{}", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(format_html("<del>{}</del>", "".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(format_html("<ins>{}</ins>", "".join(new[j1:j2])))
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def words(count: int, offset: int = 0) -> str:
    return " ".join(f"Wort{(n + offset) % 500}" for n in range(count))


def cases(long_words: int = 10_000) -> dict[str, tuple[str, str]]:
    paragraph = words(long_words)
    story = [words(60, n) + f" Absatz {n}." for n in range(300)]
    edited = list(story)
    edited[10] = edited[10].replace("Absatz 10", "Abschnitt 10")
    edited[150] = edited[150].replace("Wort200", "Wort999", 1)
    del edited[200]
    edited.insert(250, "Ein neuer Absatz.")
    return {
        f"{long_words:,}-word paragraph, rewritten at both ends": (
            paragraph,
            f"Neuer Anfang. {paragraph} Neues Ende.",
        ),
        f"{long_words:,}-word paragraph, one word changed": (
            paragraph,
            paragraph.replace("Wort250 ", "Geändert ", 1),
        ),
        "300-paragraph story, four edits": ("\n\n".join(story), "\n\n".join(edited)),
    }


def timed(function, *args, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def desk_page(client, before: str, after: str) -> float:
    source, _ = Source.objects.get_or_create(
        name="Bench outlet", defaults={"language": "de", "homepage": "https://bench.example/"}
    )
    story = Story.objects.create(
        source=source,
        guid=f"urn:bench:diff:{Story.objects.count()}",
        headline="Bench",
        original_language="de",
        translation_status=Story.TranslationStatus.IN_TRANSLATION,
    )
    OriginalVersion.objects.create(story=story, number=1, headline="Bench", body=before)
    story.mark_translated(by=client.user)
    OriginalVersion.objects.create(story=story, number=2, headline="Bench", body=after)
    story.flag_original_changed(note="Bench.")
    url = reverse("admin:articles_story_change", args=[story.pk])
    assert client.get(url).status_code == 200
    return timed(client.get, url)


def main(old_long: bool) -> None:
    call_command("migrate", verbosity=0)
    client, user = staff_client()
    client.user = user
    results = {}
    print(f"{'case':48} {'desk page ms':>12} {'new diff ms':>12} {'old diff ms':>12}")
    for name, (before, after) in cases().items():
        page = desk_page(client, before, after)
        new = timed(diff_words, before, after)
        old = None
        if old_long or not name.startswith("10,000"):
            old = timed(old_diff_words, before, after, repeat=1)
        old_text = f"{old:12.0f}" if old is not None else f"{'(--old-long)':>12}"
        print(f"{name:48} {page:12.0f} {new:12.1f} {old_text}")
        results[name] = {"desk_page_ms": page, "new_diff_ms": new, "old_diff_ms": old}
    for long_words in (1_000, 2_000, 4_000):
        for name, (before, after) in cases(long_words).items():
            if name.startswith("300"):
                continue
            new = timed(diff_words, before, after)
            old = timed(old_diff_words, before, after, repeat=1)
            print(f"{name:48} {'':>12} {new:12.1f} {old:12.0f}")
            results[name] = {"new_diff_ms": new, "old_diff_ms": old}
    print(json.dumps(results))


if __name__ == "__main__":
    main(old_long="--old-long" in sys.argv)
