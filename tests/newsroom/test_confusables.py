"""The reduced confusable skeleton: lookalikes meet, different names stay apart."""

import pytest

from newsroom.confusables import skeleton


@pytest.mark.parametrize(
    ("lookalike", "original"),
    [
        pytest.param("\u0440\u0430\u0443\u0440\u0430l", "paypal", id="cyrillic-letters"),
        pytest.param("\u039a\u03bf\u03c7", "Kox", id="greek-letters"),
        pytest.param("\u0131ris", "iris", id="dotless-i"),
        pytest.param("Ren\u00e9e", "renee", id="accents-dropped"),
        pytest.param("\U0001d41a\U0001d41d\U0001d426\U0001d422\U0001d427", "admin", id="math-bold"),
        pytest.param("c0rnrnunity", "community", id="zero-and-r-n"),
        pytest.param("vvilI", "Will", id="v-v-and-capital-i"),
        pytest.param("Mary-Ann_O.Brien", "mary ann obrien", id="separators"),
        # Beyond any short hand-made list: Unicode's whole table.
        pytest.param("\u13aa\u13a0\u13b7\u13a5\u0578", "admin", id="cherokee-and-armenian"),
        pytest.param("r\u0585\u0578\u0561", "ronw", id="armenian-letters"),
    ],
)
def test_lookalikes_share_a_skeleton(lookalike, original):
    assert skeleton(lookalike) == skeleton(original)


@pytest.mark.parametrize(
    ("one", "other"),
    [("anna", "hanna"), ("田中", "田口"), ("mark", "marc"), ("Zoë", "Zoey")],
)
def test_different_names_keep_different_skeletons(one, other):
    assert skeleton(one) != skeleton(other)
