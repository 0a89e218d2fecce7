"""Plain-language explanations of why a peer city is near the home city or far from it.

The peer selection stores numbers (each indicator's difference in standard deviations and its
share of the distance); the words are made here, in the reader's language, when shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

SIMILAR_SD = 0.25  # differences smaller than this (in standard deviations) read as "similar"
MUCH_SD = 1.0  # and at least this as "much higher/lower"


def _in_sentence(name: str) -> str:
    """``Population on 1 January`` -> ``population on 1 January`` (acronyms stay as they are)."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


def phrase(difference: float | None, indicator: str) -> str:
    """E.g. "similar population", "much higher total nights spent"."""
    indicator = _in_sentence(indicator)
    if difference is None:
        return _("no shared data on %(indicator)s") % {"indicator": indicator}
    size = abs(difference)
    if size < SIMILAR_SD:
        text = _("similar %(indicator)s")
    elif difference > 0:
        text = _("much higher %(indicator)s") if size >= MUCH_SD else _("higher %(indicator)s")
    else:
        text = _("much lower %(indicator)s") if size >= MUCH_SD else _("lower %(indicator)s")
    return text % {"indicator": indicator}


@dataclass(frozen=True)
class Reason:
    indicator: str
    words: str
    home_value: float | None
    peer_value: float | None
    share: float | None  # of the squared distance, 0..1
    similar: bool = False

    @property
    def share_percent(self) -> str:
        return "–" if self.share is None else f"{number_format(self.share * 100, 0)} %"


def reasons(contributions: list[dict], names: dict[str, str]) -> list[Reason]:
    """One reason per indicator, the nearest-making first."""
    items = [
        Reason(
            indicator=names.get(c["indicator"], c["indicator"]),
            words=phrase(c.get("difference"), names.get(c["indicator"], c["indicator"])),
            home_value=c.get("home_value"),
            peer_value=c.get("peer_value"),
            share=c.get("share"),
            similar=c.get("difference") is not None and abs(c["difference"]) < SIMILAR_SD,
        )
        for c in contributions
    ]
    return sorted(items, key=lambda r: (r.share is None, r.share or 0, r.indicator))


def summary(contributions: list[dict], names: dict[str, str]) -> str:
    """One or two sentences: what makes the peer near, and its largest difference."""
    shared = [r for r in reasons(contributions, names) if r.share is not None]
    if not shared:
        return _("No indicator is shared with the home city.")
    # The indicators that add least to the distance (below an equal share), at most two.
    near = [r for r in shared if r.share < 1 / len(shared)][:2] or shared[:1]
    if all(r.similar for r in near):
        text = _("Near mainly because of %(near)s.") % {"near": _pair([r.words for r in near])}
    else:
        text = _("Closest on %(near)s.") % {"near": _pair([r.indicator for r in near])}
    far = max(shared, key=lambda r: r.share)
    if far not in near and far.share > 0:
        text += " " + _("Largest difference: %(far)s (%(share)s of the distance).") % {
            "far": far.words,
            "share": far.share_percent,
        }
    return text


def _pair(items: list[str]) -> str:
    if len(items) == 2:
        return _("%(first)s and %(second)s") % {"first": items[0], "second": items[1]}
    return items[0]
