"""A NumPy sketch of each title that rules out most pairs before the exact comparison.

Each title gets a 128-bit mask (each trigram sets one hashed bit) and its
number of trigram windows ``n``. Any bit set in one mask but not the other comes from a
trigram in only one title, so ``popcount(a ^ b) <= |A △ B|``, and Jaccard ``>= t`` implies
``|A △ B| <= (1 - t) / (1 + t) * (|A| + |B|) <= (1 - t) / (1 + t) * (n_a + n_b)``. Pairs that
fail this test cannot be similar; it is never wrong in that direction, and it rejects almost
all unrelated titles, so the exact comparison runs only for the few that remain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .titles import TABLE_SIZE, TRANSLATION


@dataclass(frozen=True)
class TitleSketches:
    """Per title: a 128-bit trigram mask (``low``, ``high`` uint64) and its window count."""

    low: np.ndarray
    high: np.ndarray
    windows: np.ndarray

    def __len__(self) -> int:
        return int(self.windows.size)

    def take(self, rows: np.ndarray) -> TitleSketches:
        """The sketches of ``rows``, in that order."""
        return TitleSketches(self.low[rows], self.high[rows], self.windows[rows])


def may_be_similar(a: TitleSketches, b: TitleSketches, threshold: float) -> np.ndarray:
    """Elementwise over two sketch lists of one length (or one of length 1): False where the
    titles cannot be ``threshold`` similar (the test of the module docstring).
    """
    differing = np.bitwise_count(a.low ^ b.low)
    differing += np.bitwise_count(a.high ^ b.high)
    # The small allowance keeps rounding from ever rejecting a pair exactly at the bound.
    bound = (1 - threshold) / (1 + threshold) * (a.windows + b.windows) + 1e-9
    return differing <= bound


class PairFilter:
    """:func:`may_be_similar` for many pairs of positions into one sketch list, faster.

    Each title's share of the bound is precomputed (as float32, with a margin far above its
    rounding error, so the test stays conservative), and the high word is only compared for
    the pairs whose low words alone do not already exceed the bound.
    """

    def __init__(self, sketches: TitleSketches, threshold: float):
        self.low, self.high = sketches.low, sketches.high
        share = (1 - threshold) / (1 + threshold) * sketches.windows + 1e-3
        self.share = share.astype(np.float32)

    def __call__(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The positions ``k`` where pair ``(a[k], b[k])`` passes the test."""
        bound = self.share[a] + self.share[b]
        differing = np.bitwise_count(self.low[a] ^ self.low[b])
        close = np.flatnonzero(differing <= bound)
        a, b = a[close], b[close]
        differing = differing[close] + np.bitwise_count(self.high[a] ^ self.high[b])
        return close[differing <= bound[close]]

    def against(self, a: int, lo: int, hi: int) -> np.ndarray:
        """The positions ``b`` in ``lo … hi - 1`` where pair ``(a, b)`` passes the test (slices
        instead of index arrays: for a title with very many candidates)."""
        bound = self.share[lo:hi] + self.share[a]
        differing = np.bitwise_count(self.low[lo:hi] ^ self.low[a])
        close = np.flatnonzero(differing <= bound)
        differing = differing[close] + np.bitwise_count(self.high[lo + close] ^ self.high[a])
        return lo + close[differing <= bound[close]]


def sketch_titles(titles: Sequence[str], chunk_size: int = 16_384) -> TitleSketches:
    """Sketch every title (vectorised, in chunks small enough for the CPU caches)."""
    parts = [
        _sketch_chunk(titles[lo : lo + chunk_size]) for lo in range(0, len(titles), chunk_size)
    ]
    if not parts:
        empty = np.zeros(0, dtype=np.uint64)
        return TitleSketches(empty, empty, np.zeros(0, dtype=np.int64))
    low, high, windows = (np.concatenate(column) for column in zip(*parts, strict=True))
    return TitleSketches(low, high, windows)


# The sketch may hash trigrams any way it likes as long as equal trigrams get equal bits, so it
# works on one byte per character: separators are 0, every other character a non-zero byte
# (characters beyond the table share one). Then a trigram is three bytes, mixed and permuted.
def _byte(character: str) -> int:
    if character == " ":
        return 0
    return ord(character) % 255 + 1 if ord(character) < TABLE_SIZE else 1


_BYTES = np.array([_byte(c) for c in TRANSLATION] + [_byte(chr(TABLE_SIZE))], np.uint8)
#: The same for Latin-1 text, as a ``bytes.translate`` table.
_LATIN1_BYTES = _BYTES[:256].tobytes()
_NO_BIT = 128  # where windows that are no trigram put their bit (dropped before packing)
#: The bit of each mixed window: a fixed random permutation, halved to 0 … 127.
_BIT_OF = np.random.default_rng(20180816).permutation(256).astype(np.uint8) >> np.uint8(1)


def _sketch_chunk(titles: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # All titles of the chunk in one row, each followed by a separator: no padding to waste.
    # The windows of a title are those whose last character lies in it or on its separator.
    first, second, third = _windows(titles)
    has_second = second != 0
    valid = has_second | (third != 0)
    first = first * has_second  # after a separator, the window starts with blanks
    mixed = first * np.uint8(0x9D)
    mixed += second * np.uint8(0x3B)
    mixed += third * np.uint8(0xC5)
    bits = _BIT_OF.take(mixed)
    np.putmask(bits, ~valid, _NO_BIT)
    # Set one flag per (title, bit) and pack each title's 128 flags into two uint64 words.
    n = len(titles)
    lengths = np.fromiter(map(len, titles), dtype=np.int32, count=n) + 1
    flag_positions = np.repeat(np.arange(n, dtype=np.int32) * (_NO_BIT + 1), lengths)
    flag_positions += bits
    flags = np.zeros((n, _NO_BIT + 1), dtype=bool)
    flags.reshape(-1)[flag_positions] = True
    words = np.packbits(flags[:, :_NO_BIT], axis=1, bitorder="little").view(np.uint64)
    title_starts = np.cumsum(lengths) - lengths
    windows = np.add.reduceat(valid.view(np.uint8), title_starts, dtype=np.int32)
    return words[:, 0].copy(), words[:, 1].copy(), windows.astype(np.int64)


def _windows(titles: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three characters (as bytes) of every window of the joined titles."""
    joined = "\0".join(titles) + "\0"
    # Two leading blanks and the separators give every word its "  word " padding.
    try:  # Finnish, Swedish and English titles: one byte per character, bytes.translate
        translated = joined.encode("latin-1").translate(_LATIN1_BYTES)
        padded = np.zeros(len(translated) + 2, dtype=np.uint8)
        padded[2:] = np.frombuffer(translated, dtype=np.uint8)
    except UnicodeEncodeError:
        code_points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), np.uint32)
        padded = np.zeros(code_points.size + 2, dtype=np.uint8)
        padded[2:] = _BYTES.take(code_points, mode="clip")
    return padded[:-2], padded[1:-1], padded[2:]
