"""Title normalisation, trigram similarity and the sketch that rules pairs out."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citydiplomacy.register.radar import normalise_title, similarity, sketch_titles, trigrams
from citydiplomacy.register.radar.sketches import PairFilter, may_be_similar
from citydiplomacy.register.radar.titles import title_words


def test_normalisation_folds_case_accents_punctuation_and_numbers():
    assert normalise_title("  Pékin–Helsinki: Smart-City  2019! ") == "pekin helsinki smart city"
    assert normalise_title("ÅBO Akademi, Ærø; Straße") == "abo akademi ærø straße"


def test_trigrams_pad_each_word_like_pg_trgm():
    assert trigrams("Art") == {"  a", " ar", "art", "rt "}
    assert trigrams("a b") == {"  a", " a ", "  b", " b "}
    assert trigrams("") == frozenset()


def test_word_order_case_and_years_do_not_matter():
    assert similarity("Smart city delegation to Beijing", "Beijing: smart CITY delegation to") == 1
    assert (
        similarity("Smart city delegation to Beijing", "Smart City delegation to Beijing 2019") == 1
    )


def test_similarity_is_a_jaccard_index():
    # "ab" -> {"  a", " ab", "ab "}; "ac" -> {"  a", " ac", "ac "}: 1 shared of 5.
    assert similarity("ab", "ac") == pytest.approx(1 / 5)
    assert similarity("", "") == 0


def test_a_translation_is_not_similar():
    assert (
        similarity("Delegation to Beijing – smart city", "Delegaatio Pekingiin: smart city") < 0.8
    )


mostly_latin = st.text(alphabet=st.characters(codec="utf-8", max_codepoint=0x3100), max_size=40)


@settings(max_examples=300, deadline=None)
@given(mostly_latin)
def test_sketch_and_python_paths_normalise_alike(title):
    # The NumPy sketch reads code points through the same table as str.translate: the sketch
    # of a title equals the sketch of its normalised form, and it counts the same windows.
    sketches = sketch_titles([title, normalise_title(title)])
    assert sketches.low[0] == sketches.low[1] and sketches.high[0] == sketches.high[1]
    assert sketches.windows[0] == sum(len(word) + 1 for word in title_words(title))
    assert trigrams(title) == trigrams(normalise_title(title))


def edited(title: str, edits: list[tuple[int, str]]) -> str:
    for position, text in edits:
        cut = position % (len(title) + 1)
        title = title[:cut] + text + title[cut + 1 :]
    return title


@settings(max_examples=500, deadline=None)
@given(
    mostly_latin,
    st.lists(
        st.tuples(st.integers(0, 60), st.text(alphabet="abcxyz é.Å⼀一", max_size=3)), max_size=3
    ),
)
def test_the_sketch_never_rules_out_a_similar_pair(title, edits):
    other = edited(title, edits)
    score = similarity(title, other)
    sketches = sketch_titles([title, other])
    first, second = sketches.take(np.array([0])), sketches.take(np.array([1]))
    for threshold in (score, 0.5, 0.8, 0.95):
        if 0 < threshold <= score:
            assert may_be_similar(first, second, threshold)[0]
            pairs = PairFilter(sketches, threshold)(np.array([0]), np.array([1]))
            assert pairs.tolist() == [0]


def test_characters_that_normalise_beyond_the_table_hash_alike():
    # U+2F00 (Kangxi radical one) normalises to U+4E00, which lies beyond the lookup table.
    sketches = sketch_titles(["\u2f00 city", "\u4e00 city"])
    assert similarity("\u2f00 city", "\u4e00 city") == 1
    assert PairFilter(sketches, 1.0)(np.array([0]), np.array([1])).tolist() == [0]


def test_the_sketch_rules_out_unrelated_titles():
    sketches = sketch_titles(
        ["Eurocities annual meeting in Leipzig", "Climate forum on heat pumps"]
    )
    kept = PairFilter(sketches, 0.8)(np.array([0]), np.array([1]))
    assert kept.size == 0


latin1 = st.text(alphabet=st.characters(codec="latin-1"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(latin1, min_size=1, max_size=5))
def test_latin1_and_wider_text_give_the_same_sketches(titles):
    # A chunk of Latin-1 titles is read byte by byte; one wider character anywhere in the
    # chunk sends all of it through the code-point path. Both must sketch alike.
    narrow = sketch_titles(titles)
    wide = sketch_titles([*titles, "Peking \u5317\u4eac"])
    assert narrow.low.tolist() == wide.low[:-1].tolist()
    assert narrow.high.tolist() == wide.high[:-1].tolist()
    assert narrow.windows.tolist() == wide.windows[:-1].tolist()


def test_titles_are_sketched_alike_in_any_chunk():
    titles = [f"Study visit {i} to Tallinn and Tartu" for i in range(50)] + ["Åbo ✓"] * 3
    whole = sketch_titles(titles)
    chunked = sketch_titles(titles, chunk_size=7)
    assert whole.low.tolist() == chunked.low.tolist()
    assert whole.high.tolist() == chunked.high.tolist()
    assert whole.windows.tolist() == chunked.windows.tolist()
