"""Title similarity for duplicate detection.

**Normalisation** maps every character through one fixed table: letters lose their accents
and case (``"Pékin"`` → ``"pekin"``); digits, punctuation and spaces separate words, so
numbers are ignored — a year or an edition number in one title does not hide a duplicate
(the dates are compared separately). Characters beyond U+303F (CJK, …) are kept as they are.

**Similarity** is the Jaccard index of the two sets of word trigrams, as PostgreSQL's
``pg_trgm`` builds them: each word padded as ``"  word "``, so ``"smart"`` gives ``"  s"``,
``" sm"``, ``"sma"``, ``"mar"``, ``"art"``, ``"rt "``. Word order does not matter.

The NumPy sketch that rules most pairs out before this exact comparison is in
:mod:`.sketches`.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import chain

TABLE_SIZE = 0x3040  # Latin, Greek, Cyrillic, general punctuation, CJK punctuation


def _mapping(code_point: int) -> str:
    """The normalised form of one character: a lower-case letter or a space."""
    decomposed = unicodedata.normalize("NFKD", chr(code_point))
    letters = [c for c in decomposed if not unicodedata.combining(c)]
    if not letters or not letters[0].isalpha():
        return " "
    lower = letters[0].lower()
    return lower if len(lower) == 1 else letters[0]


#: The ``str.translate`` table; the sketches read characters through it too.
TRANSLATION = "".join(_mapping(cp) for cp in range(TABLE_SIZE))


def title_words(title: str) -> list[str]:
    """The normalised words of a title."""
    return [word for word in title.translate(TRANSLATION).split(" ") if word]


def normalise_title(title: str) -> str:
    """The normalised title, words joined by single spaces."""
    return " ".join(title_words(title))


def trigrams(title: str) -> frozenset[str]:
    """The set of padded word trigrams of a title."""
    return frozenset(chain.from_iterable(map(_word_trigrams, title_words(title))))


@lru_cache(maxsize=1 << 16)
def _word_trigrams(word: str) -> tuple[str, ...]:
    # Titles reuse a small vocabulary, so the trigrams of each word are worth remembering.
    padded = f"  {word} "
    return tuple(padded[i : i + 3] for i in range(len(word) + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|; 0 when both are empty (two blank titles are not alike)."""
    shared = len(a & b)
    union = len(a) + len(b) - shared
    return shared / union if union else 0.0


def similarity(a: str, b: str) -> float:
    """Similarity of two titles (0–1): Jaccard index of their word-trigram sets."""
    return jaccard(trigrams(a), trigrams(b))
