"""The word diff stays bounded: paragraph by paragraph, word by word only under a cap."""

from django.utils.html import format_html

from articles.diff import MAX_WORD_PAIRS, Budget, diff_paragraphs, diff_words


def words(count, *, offset=0):
    return " ".join(f"w{(i + offset) % 500}" for i in range(count))


def long_paragraph(count=10_000):
    return words(count)


def test_one_changed_word_in_a_10000_word_paragraph_is_found_in_a_few_token_pairs():
    before = long_paragraph()
    after = before.replace("w250 ", "changed ", 1)
    budget = Budget()

    (paragraph,) = diff_paragraphs(before, after, budget=budget)

    assert paragraph.kind == "changed"
    assert "<del>w250</del><ins>changed</ins>" in paragraph.html
    assert Budget().left - budget.left == 1, "only the changed word is compared"


def test_a_10000_word_paragraph_changed_at_both_ends_is_shown_replaced_whole():
    before = long_paragraph()
    after = f"New start {before} new end."
    budget = Budget()

    (paragraph,) = diff_paragraphs(before, after, budget=budget)

    assert paragraph.kind == "replaced"
    assert paragraph.html == format_html("<del>{}</del><ins>{}</ins>", before, after)
    assert budget.left == Budget().left, "no word-by-word comparison was attempted"


def test_a_300_paragraph_story_compares_only_its_edited_paragraphs_word_by_word():
    before = [words(60, offset=n) + f" paragraph {n}." for n in range(300)]
    after = list(before)
    after[10] = after[10].replace("paragraph 10", "section 10")
    after[150] = after[150].replace("w200", "w999", 1)
    del after[200]
    after.insert(250, "A new paragraph.")
    budget = Budget()

    paragraphs = diff_paragraphs("\n\n".join(before), "\n\n".join(after), budget=budget)

    kinds = [p.kind for p in paragraphs]
    assert [(n, kind) for n, kind in enumerate(kinds) if kind != "equal"] == [
        (10, "changed"),
        (150, "changed"),
        (200, "removed"),
        (251, "added"),  # Counted in the comparison, where the removed one still shows.
    ]
    assert all(
        "<del>" not in p.html and "<ins>" not in p.html for p in paragraphs if p.kind == "equal"
    )
    assert "<del>paragraph</del><ins>section</ins> 10." in paragraphs[10].html
    assert Budget().left - budget.left <= 2 * 10, "a few tokens of two paragraphs, no more"


def test_paragraphs_past_the_budget_are_shown_replaced_whole():
    before = "\n\n".join(f"Paragraph {n} reads this way." for n in range(5))
    after = before.replace("this way", "that way")
    budget = Budget(pairs=2)

    paragraphs = diff_paragraphs(before, after, budget=budget)

    assert [p.kind for p in paragraphs] == [
        "changed",
        "changed",
        "replaced",
        "replaced",
        "replaced",
    ]
    assert budget.left == 0


def test_too_many_changed_paragraphs_to_align_are_paired_in_order():
    before = [f"Paragraph {n}." for n in range(600)]
    after = ["A new first paragraph.", *before[1:-1], "A new last paragraph."]

    paragraphs = diff_paragraphs("\n\n".join(before), "\n\n".join(after))

    kinds = [p.kind for p in paragraphs]
    assert len(kinds) == 600
    assert kinds[0] == kinds[-1] == "changed"
    assert set(kinds[1:-1]) == {"equal"}


def test_a_paragraph_over_the_cap_for_one_paragraph_is_replaced_though_the_budget_is_left():
    size = int(MAX_WORD_PAIRS**0.5)  # Tokens on each side: words and the spaces between.
    before, after = words(size), words(size, offset=1)

    (paragraph,) = diff_paragraphs(before, after)

    assert paragraph.kind == "replaced"


def test_the_diff_keeps_the_blank_line_between_paragraphs():
    html = diff_words("First.\n\nSecond one.", "First.\n\nSecond two.")

    assert html == "First.\n\nSecond <del>one</del><ins>two</ins>."
