"""Deadlines written in a decision's text, e.g. "vuoden 2017 loppuun mennessä" → 2017-12-31.

Pure Python (no Django). ``find_deadlines(text, language)`` returns ``Deadline(excerpt,
due_date)`` pairs in text order; a person confirms each before it becomes a tracked follow-up,
so a phrase that only *mentions* a time is an acceptable false alarm, while a missed deadline
is not. Phrases that name only a period are read as its last day:

* a year ("vuoden 2017 aikana", "före utgången av 2017", "by the end of 2017") → 31 December;
* a season ("syksyllä 2018", "under hösten 2018", "in autumn 2018") → the end of its last
  month: spring 31 May, summer 31 August, autumn 30 November; "kevätkaudella" / "syyskaudella"
  (the council's terms) → 30 June / 31 December. Winter is left out: "talvella 2018" may mean
  either end of the year;
* a month ("kesäkuun 2018 loppuun mennessä", "senast i juni 2018", "by June 2018") → its last
  day;
* a date ("31.12.2017 mennessä", "senast den 31 december 2017", "by 31 December 2017") → itself.

Dates that do not exist (31.2.2017) and years outside 1900–2199 are ignored.
"""

import calendar
import re
from datetime import date
from typing import NamedTuple

EXCERPT_LIMIT = 300  # characters of context kept around a deadline


class Deadline(NamedTuple):
    excerpt: str  # the sentence that sets the deadline (shortened to EXCERPT_LIMIT)
    due_date: date


YEAR = r"(?P<year>(?:19|20|21)\d\d)(?!\d)"
DAY = r"(?P<day>[0-3]?\d)"
NUMERIC_DATE = rf"{DAY}\.\s?(?P<month>[01]?\d)\.\s?{YEAR}"

FI_MONTHS = ["tammi", "helmi", "maalis", "huhti", "touko", "kesä"]
FI_MONTHS += ["heinä", "elo", "syys", "loka", "marras", "joulu"]
SV_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti"]
SV_MONTHS += ["september", "oktober", "november", "december"]
EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august"]
EN_MONTHS += ["september", "october", "november", "december"]


def _names(names: list[str]) -> str:
    return "(?P<month_name>" + "|".join(names) + ")"


# Season → (month, day) it ends on; "by <season>" ends the month before the season starts.
SEASON_END = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30)}
SEASON_BEFORE = {"spring": (2, 28), "summer": (5, 31), "autumn": (8, 31)}
TERM_END = {"spring_term": (6, 30), "autumn_term": (12, 31)}
# Word beginnings, most specific first (kevätkaudella before kevät).
SEASON_PREFIXES = [
    ("kevätkau", "spring_term"),
    ("syyskau", "autumn_term"),
    ("kevä", "spring"),
    ("kesä", "summer"),
    ("syks", "autumn"),
    ("vår", "spring"),
    ("sommar", "summer"),
    ("höst", "autumn"),
    ("spring", "spring"),
    ("summer", "summer"),
    ("autumn", "autumn"),
    ("fall", "autumn"),
]
FI_SEASON_AT = r"(?P<season>keväällä|kesällä|syksyllä|kevätkaudella|syyskaudella)"
FI_SEASON_OF = r"(?P<season>kevään|kesän|syksyn|kevätkauden|syyskauden)"

FI_PATTERNS = [
    # vuoden 2017 loppuun mennessä / aikana / lopussa / loppupuolella / lopulla
    rf"\bvuoden {YEAR} (?:loppuun(?: mennessä)?|lopussa|lopulla|loppupuolella|aikana)",
    rf"\bvuosien (?:19|20|21)\d\d\s?[–-]\s?{YEAR} aikana",
    rf"\bvuoteen {YEAR} mennessä",
    rf"\b{FI_SEASON_AT} {YEAR}",
    rf"\b{FI_SEASON_OF} {YEAR} (?:aikana|loppuun(?: mennessä)?|lopussa)",
    rf"\bvuoden {YEAR} (?:{FI_SEASON_AT}|{FI_SEASON_OF.replace('season', 'season_of')} aikana)",
    rf"\b(?P<by_season>kevääseen|kesään|syksyyn) {YEAR} mennessä",
    rf"\b{_names(FI_MONTHS)}kuu(?:ssa|n aikana|n loppuun(?: mennessä)?|hun mennessä) {YEAR}",
    rf"\b{_names(FI_MONTHS)}kuun {YEAR} (?:aikana|loppuun(?: mennessä)?|lopussa)",
    rf"\b(?:viimeistään|ennen) {NUMERIC_DATE}",
    rf"\b{NUMERIC_DATE} (?:mennessä|asti|saakka)",
    rf"\b(?:viimeistään |ennen ){DAY}\. {_names(FI_MONTHS)}kuuta {YEAR}",
    rf"\b{DAY}\. {_names(FI_MONTHS)}kuuta {YEAR} (?:mennessä|asti|saakka)",
]
SV_PATTERNS = [
    rf"\b(?:före|innan|till|vid|i) (?:utgången|slutet) av (?:år )?{YEAR}",
    rf"\b(?:under|senast) (?:år )?{YEAR}\b(?![.,]\d)",
    rf"\bfram till (?:år )?{YEAR}",
    rf"\b(?:under )?(?P<season>vår|sommar|höst)en {YEAR}",
    rf"\b(?:senast i|under|i|före utgången av|(?:i|till) slutet av) {_names(SV_MONTHS)} {YEAR}",
    rf"\b(?:senast|före|innan|till och med|till) (?:den )?{NUMERIC_DATE}",
    rf"\b(?:senast|före|innan|till och med) (?:den )?{DAY} {_names(SV_MONTHS)} {YEAR}",
]
EN_PATTERNS = [
    rf"\b(?:by|before|until) (?:the )?end of (?:the year )?{YEAR}",
    rf"\b(?:by|during|within) {YEAR}\b(?![.,]\d)",
    rf"\b(?:in|during) (?:the )?(?P<season>spring|summer|autumn|fall) (?:of )?{YEAR}",
    rf"\bby (?:the )?(?P<by_season>spring|summer|autumn|fall) (?:of )?{YEAR}",
    rf"\b(?:by|in|during|before) (?:the end of )?{_names(EN_MONTHS)} {YEAR}",
    rf"\b(?:by|before|until|no later than) {NUMERIC_DATE}",
    rf"\b(?:by|before|until|no later than) {DAY} {_names(EN_MONTHS)} {YEAR}",
    rf"\b(?:by|before|until|no later than) {_names(EN_MONTHS)} {DAY},? {YEAR}",
]
PATTERNS = {
    "fi": [re.compile(p, re.IGNORECASE) for p in FI_PATTERNS],
    "sv": [re.compile(p, re.IGNORECASE) for p in SV_PATTERNS],
    "en": [re.compile(p, re.IGNORECASE) for p in EN_PATTERNS],
}
MONTH_NUMBERS = {
    name: number
    for names in (FI_MONTHS, SV_MONTHS, EN_MONTHS)
    for number, name in enumerate(names, start=1)
}
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=[A-ZÅÄÖ0-9\"”»-])|\n\s*\n|\n(?=- |\d+\. )")


def find_deadlines(text: str, language: str) -> list[Deadline]:
    """The deadlines ``text`` sets, in order; ``language`` is "fi", "sv" or "en" (anything
    else: all three). Never raises on any input text."""
    if not text:
        return []
    patterns = PATTERNS.get(language) or [p for group in PATTERNS.values() for p in group]
    matches = _non_overlapping(m for pattern in patterns for m in pattern.finditer(text))
    found: list[Deadline] = []
    for match in matches:
        due = _due_date(match)
        if due is None:
            continue
        deadline = Deadline(_excerpt(text, match.start(), match.end()), due)
        if deadline not in found:
            found.append(deadline)
    return found


def _non_overlapping(matches) -> list[re.Match]:
    """Leftmost, then longest matches that do not overlap an earlier one."""
    ordered = sorted(matches, key=lambda m: (m.start(), -(m.end() - m.start())))
    kept, end = [], -1
    for match in ordered:
        if match.start() >= end:
            kept.append(match)
            end = match.end()
    return kept


def _due_date(match: re.Match) -> date | None:
    groups = {k: v for k, v in match.groupdict().items() if v}
    year = int(groups["year"])
    try:
        if "day" in groups:
            month = int(groups["month"]) if "month" in groups else _month(groups["month_name"])
            return date(year, month, int(groups["day"]))
        if "month_name" in groups:
            return _month_end(year, _month(groups["month_name"]))
        season = groups.get("season") or groups.get("season_of")
        if season:
            return _season_end(year, season, SEASON_END)
        if "by_season" in groups:
            return _season_end(year, groups["by_season"], SEASON_BEFORE)
        return date(year, 12, 31)
    except ValueError:  # 31.2.2017, month 13: not a date
        return None


def _month(name: str) -> int:
    return MONTH_NUMBERS[name.casefold()]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _season_end(year: int, word: str, table: dict) -> date:
    word = word.casefold()
    season = next(name for prefix, name in SEASON_PREFIXES if word.startswith(prefix))
    month, day = TERM_END.get(season) or table[season]
    if (month, day) == (2, 28):
        return _month_end(year, 2)  # a leap year's February ends on the 29th
    return date(year, month, day)


def _excerpt(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, whitespace collapsed, at most EXCERPT_LIMIT."""
    # The boundary's look-ahead must see the deadline's first character.
    boundaries = _SENTENCE_END.finditer(text, 0, min(len(text), start + 1))
    sentence_start = max((m.end() for m in boundaries if m.end() <= start), default=0)
    following = _SENTENCE_END.search(text, end)
    sentence_end = following.start() if following else len(text)
    sentence = text[sentence_start:sentence_end]
    match_start = start - sentence_start
    match_end = end - sentence_start
    if len(sentence) > EXCERPT_LIMIT:
        room = max(0, (EXCERPT_LIMIT - (match_end - match_start)) // 2)
        left, right = max(0, match_start - room), min(len(sentence), match_end + room)
        sentence = (
            ("…" if left else "") + sentence[left:right] + ("…" if right < len(sentence) else "")
        )
    return " ".join(sentence.split())
