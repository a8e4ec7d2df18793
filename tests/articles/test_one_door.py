"""One door for the words: the code itself is read to hold that nothing else writes them.

Story.change_words (articles/editing.py) changes a story's words; the factory
StoryQuerySet.create_story creates a story with them. This test parses every module of
the project and fails on any other assignment to a word field, any ``update(…)`` or
``create(…)`` naming one, any ``setattr`` or ``save(update_fields=…)`` that names one.
"""

import ast
from pathlib import Path

import pytest

from articles.fields import WORD_FIELDS

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "articles",
    "ingest",
    "comments",
    "translation",
    "pictures",
    "accounts",
    "audit",
    "newsroom",
]
WRITERS = {"update", "create", "get_or_create", "update_or_create", "bulk_create", "bulk_update"}

# Where the words may be written, and why. (module, function) — None: the whole module.
DOORS = {
    ("articles/editing.py", None): "the one door: change_words and the update it puts live",
    ("articles/querysets.py", "create_story"): "the one factory",
    ("ingest/wire.py", "_version"): "an OriginalVersion: the source's words, not the story's",
}


def python_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _names(node):
    """Word fields a target, keyword list or update_fields list names."""
    if isinstance(node, ast.Attribute) and node.attr in WORD_FIELDS:
        return [node.attr]
    if isinstance(node, ast.Tuple | ast.List):
        return [name for element in node.elts for name in _names(element)]
    if isinstance(node, ast.Constant) and node.value in WORD_FIELDS:
        return [node.value]
    return []


class WordWrites(ast.NodeVisitor):
    def __init__(self):
        self.function = None
        self.found = []

    def visit_FunctionDef(self, node):
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def _found(self, node, names, how):
        for name in names:
            self.found.append((self.function, node.lineno, f"{how} {name}"))

    def visit_Assign(self, node):
        for target in node.targets:
            self._found(node, _names(target), "assigns")
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        self._found(node, _names(node.target), "assigns")
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        self._found(node, _names(node.target), "assigns")
        self.generic_visit(node)

    def visit_Call(self, node):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in WRITERS:
            keywords = [k.arg for k in node.keywords if k.arg in WORD_FIELDS]
            self._found(node, keywords, f"{name}(…)")
        if name == "setattr" and len(node.args) >= 2:
            self._found(node, _names(node.args[1]), "setattr")
        if name == "save":
            for keyword in node.keywords:
                if keyword.arg == "update_fields":
                    self._found(node, _names(keyword.value), "save(update_fields=…)")
        self.generic_visit(node)


def word_writes(path):
    visitor = WordWrites()
    visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    module = str(path.relative_to(ROOT))
    return [
        (module, function, line, what)
        for function, line, what in visitor.found
        if (module, None) not in DOORS and (module, function) not in DOORS
    ]


def test_nothing_but_the_door_and_the_factory_writes_a_storys_words():
    outside = [write for path in python_files() for write in word_writes(path)]

    assert outside == [], "words written outside Story.change_words:\n" + "\n".join(
        f"{module}:{line} in {function}(): {what}" for module, function, line, what in outside
    )


@pytest.mark.parametrize(
    "code",
    [
        "story.headline = 'x'",
        "story.headline, story.body = text",
        "Story.objects.filter(pk=1).update(body='x')",
        "Story.objects.create(standfirst='x')",
        "setattr(story, 'omission_note', 'x')",
        "story.save(update_fields=['headline'])",
    ],
)
def test_the_scan_finds_each_way_of_writing_the_words(tmp_path, code):
    module = tmp_path / "sneaky.py"
    module.write_text(f"def sneak(story, text, Story):\n    {code}\n")
    visitor = WordWrites()
    visitor.visit(ast.parse(module.read_text()))

    assert visitor.found, code
