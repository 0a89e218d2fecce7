"""Organisation keys: one name per organisation, however the requester spelled it.

Repeat visits are found by comparing keys, not names. :func:`organisation_key`

1. folds accents and case (``"Ålands Landskapsregering"`` → ``"alands landskapsregering"``),
2. reads ``&`` as ``and``, drops ``.`` and apostrophes (``"S.A."`` → ``"sa"``) and turns all
   other punctuation into spaces,
3. drops a leading ``the`` and the legal forms that lead a name in the Nordics (``Oy``, ``Ab``,
   ``As``), and every legal form at the end (``Ltd``, ``Oy``, ``Ab``, ``GmbH``, ``& Co. KG``,
   ``Inc``, ``S.A.``, …),
4. keeps the stripped words if nothing else would remain (``"Oy Ab"`` stays ``"oy ab"``).

So ``"The Beijing Municipal Commission of Commerce"`` and ``"Beijing municipal commission of
commerce"`` match, as do ``"Fazer Oy"``, ``"Oy Karl Fazer Ab"`` → ``"karl fazer"`` (not
``"fazer"``: different words, different key). The key is idempotent: keys of keys are the
same keys, so stored keys and names can be mixed.
"""

from __future__ import annotations

import re
import unicodedata

LEADING_WORDS = frozenset({"the", "oy", "oyj", "ab", "abp", "as"})
LEGAL_FORMS = frozenset(
    {
        "ab", "abp", "ag", "aps", "as", "asa", "bv", "co", "corp", "corporation", "gmbh",
        "inc", "incorporated", "kft", "kg", "kk", "limited", "llc", "llp", "ltd", "nv", "oy",
        "oyj", "plc", "pte", "pty", "rf", "ry", "sa", "sarl", "sas", "spa", "srl", "sro",
    }
)  # fmt: skip
_DROPPED = re.compile(r"[.'’]")
_SEPARATORS = re.compile(r"[^\w]+|_")


def organisation_key(name: str) -> str:
    """The comparison key of an organisation name (see the module docstring)."""
    words = _words(name)
    start, end = 0, len(words)
    while start < end and words[start] in LEADING_WORDS:
        start += 1
    while end > start and (words[end - 1] in LEGAL_FORMS or words[end - 1] == "and"):
        end -= 1
    return " ".join(words[start:end] or words)


def _words(name: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = _DROPPED.sub("", plain.replace("&", " and "))
    return _SEPARATORS.sub(" ", plain).split()
