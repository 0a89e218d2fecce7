"""Which plan items a decision is probably about: scores and the reasons for them.

Pure Python (no Django), so the scoring can be tested and tuned on its own. A person confirms
or rejects every suggestion; the score only orders them, and the reasons say why each was
made. Signals:

* **same case**: the decision's diary number is the candidate's own, or that of a decision
  already confirmed for it (a case is usually decided in several steps);
* **text**: the share of the candidate's title words that the decision's title and text
  contain (an asymmetric Jaccard: a decision is long, an objective's title short), on folded,
  lightly stemmed Finnish/Swedish/English words; two words match when they share a long
  enough beginning, which absorbs most inflection ("osaajien" ~ "osaajat", "houkuttelu" ~
  "houkuttelua");
* **classification 04** (international affairs): the decision concerns the international
  activity plan as a whole, and makes text matches with its items more likely to be real;
* **period**: the decision was made during the plan's period or the year before it (when the
  plan was being prepared).

Reasons are plain dicts (``{"code": "same_case", "diary_number": …}``), turned into sentences
in the reader's language where they are shown.
"""

import re
import unicodedata
from dataclasses import dataclass, field

INTERNATIONAL_AFFAIRS = "04"
THRESHOLD = 0.35  # below this a suggestion is noise
LIMIT = 15  # suggestions kept per decision
MIN_PREFIX = 5  # characters two inflected forms must share
PREFIX_SHARE = 0.6  # …and at least this share of the shorter word
WEIGHTS = {"text": 0.5, "title": 0.2, "same_case": 0.35, "classification": 0.05, "period": 0.1}
PLAN_CLASSIFICATION_WEIGHT = 0.15  # a 04 decision is about the international plan itself
RELATED_SHARE = 0.5  # text share from which classification and period count for an item

# Words that carry no topic: function words, and what every city decision says.
_STOPWORD_TEXT = """
    ja tai sekä on ovat oli että ei se ne joka jotka jonka mukaan myös kanssa ml eli kuin sen
    tämä nämä asia asian päätös päätti esitys ehdotus ehdotuksen
    och eller samt är att inte som den det detta dessa med för till från enligt även beslut
    förslag ärende
    the and or of to in for with on by from that this is are was
    kaupunki kaupungin kaupunkia stad staden city helsinki helsingin helsingissä helsingfors
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class DecisionFacts:
    """What is compared: the decision's identifiers and its text in its own language."""

    title: str
    text: str
    diary_number: str = ""
    classification_code: str = ""
    year: int | None = None


@dataclass(frozen=True)
class Candidate:
    """A plan item the decision may be linked to; ``key`` identifies it to the caller."""

    key: tuple
    kind: str  # "plan", "objective" or "measure"
    title: str
    diary_numbers: frozenset = frozenset()
    years: tuple[int, int] | None = None  # the plan's first and last year


@dataclass
class Suggestion:
    key: tuple
    score: float
    reasons: list[dict] = field(default_factory=list)


def fold(word: str) -> str:
    """Lower case without accents or diacritics ("Päätös" → "paatos")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[tuple[str, str]]:
    """(folded, as written) for every topical word of ``text``; compounds split at hyphens."""
    found = []
    for token in _WORD.findall(text or ""):
        for part in token.split("-"):
            folded = fold(part)
            if len(folded) >= 3 and folded not in STOPWORDS:
                found.append((folded, part))
    return found


class WordIndex:
    """The words of a long text, indexed by their beginnings for inflection-tolerant lookup."""

    def __init__(self, text: str):
        self.exact: set[str] = set()
        self.prefixes: dict[str, int] = {}  # beginning → length of the shortest word with it
        for folded, _written in words(text):
            self.exact.add(folded)
            for end in range(MIN_PREFIX, len(folded) + 1):
                prefix = folded[:end]
                self.prefixes[prefix] = min(self.prefixes.get(prefix, len(folded)), len(folded))

    def contains(self, word: str) -> bool:
        if word in self.exact:
            return True
        for end in range(len(word), MIN_PREFIX - 1, -1):
            shortest = self.prefixes.get(word[:end])
            if shortest is not None:
                return end >= PREFIX_SHARE * min(len(word), shortest)
        return False


def coverage(title: str, index: WordIndex) -> tuple[float, list[str]]:
    """Share of ``title``'s distinct words found in ``index``, and those words as written.

    A title of one or two words is discounted: matching "Digitalisaatio" alone says little.
    """
    distinct = dict(words(title))
    if not distinct:
        return 0.0, []
    matched = [written for folded, written in distinct.items() if index.contains(folded)]
    share = len(matched) / len(distinct)
    return share * min(1.0, len(distinct) / 3), matched


def suggest(
    decision: DecisionFacts,
    candidates: list[Candidate],
    *,
    threshold: float = THRESHOLD,
    limit: int = LIMIT,
) -> list[Suggestion]:
    """Candidates scoring at least ``threshold``, best first (at most ``limit``)."""
    body = WordIndex(f"{decision.title}\n{decision.text}")
    title = WordIndex(decision.title)
    international = decision.classification_code.startswith(INTERNATIONAL_AFFAIRS)
    suggestions = []
    for candidate in candidates:
        suggestion = _score(decision, candidate, body, title, international)
        if suggestion.score >= threshold:
            suggestions.append(suggestion)
    suggestions.sort(key=lambda s: (-s.score, str(s.key)))
    return suggestions[:limit]


def _score(decision, candidate, body, title, international) -> Suggestion:
    score, reasons = 0.0, []
    same_case = bool(decision.diary_number) and decision.diary_number in candidate.diary_numbers
    if same_case:
        score += WEIGHTS["same_case"]
        reasons.append({"code": "same_case", "diary_number": decision.diary_number})
    text_share, matched = coverage(candidate.title, body)
    title_share, _ = coverage(candidate.title, title)
    if matched:
        score += text_share * WEIGHTS["text"] + title_share * WEIGHTS["title"]
        reasons.append(
            {"code": "similar_text", "similarity": round(text_share, 2), "words": matched[:8]}
        )
    # Classification and period only back up a real match; alone they would suggest everything.
    related = same_case or text_share >= RELATED_SHARE
    if international and (candidate.kind == "plan" or related):
        plan_level = candidate.kind == "plan"
        score += PLAN_CLASSIFICATION_WEIGHT if plan_level else WEIGHTS["classification"]
        reasons.append(
            {"code": "classification", "classification_code": decision.classification_code}
        )
    if related and _in_period(decision.year, candidate.years):
        score += WEIGHTS["period"]
        start, end = candidate.years
        reasons.append({"code": "period", "year": decision.year, "start": start, "end": end})
    return Suggestion(candidate.key, round(min(score, 1.0), 3), reasons)


def _in_period(year: int | None, years: tuple[int, int] | None) -> bool:
    """During the plan's period, or the year before (while it was being prepared)."""
    if year is None or years is None:
        return False
    return years[0] - 1 <= year <= years[1]
