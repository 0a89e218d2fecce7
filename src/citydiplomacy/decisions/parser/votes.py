"""Recorded votes, from the "Käsittely" text or the API's VotingResults.

Each vote is a dict::

    {"number": 1, "title": "<what was voted on>",
     "yes_proposal": "...", "no_proposal": "...",
     "yes": 62, "no": 1, "blank": 18, "absent": 4,
     "yes_voters": [...], "no_voters": [...], "blank_voters": [...], "absent_voters": [...],
     "result": "<sentence after the vote>" or None}

Counts the minutes leave out are 0; voter names are "First Last".
"""

import re

_VOTE_HEADING = re.compile(r"^(?:(\d+)\.?\s+)?(?:äänestys|omröstningen|omröstning)$", re.I)
_PROPOSAL = re.compile(r"\b(JAA|EI|JA|NEJ)-(?:ehdotus|förslag)\s*:\s*", re.IGNORECASE)
_COUNT = re.compile(
    r"^(Jaa-äänet|Ei-äänet|Tyhjiä|Tyhjät|Tyhjä|Poissa|Ja-röster|Nej-röster|Blanka|Blankt"
    r"|Frånvarande)\s*:\s*(\d+)\s*(.*)$",
    re.IGNORECASE,
)
_COUNT_KEYS = {
    "jaa-äänet": "yes",
    "ja-röster": "yes",
    "ei-äänet": "no",
    "nej-röster": "no",
    "tyhjä": "blank",
    "tyhjiä": "blank",
    "tyhjät": "blank",
    "blanka": "blank",
    "blankt": "blank",
    "poissa": "absent",
    "frånvarande": "absent",
}
_PROPOSAL_KEYS = {"jaa": "yes_proposal", "ja": "yes_proposal", "ei": "no_proposal"}
_API_GROUPS = (("Ayes", "yes"), ("Noes", "no"), ("Blank", "blank"), ("Absent", "absent"))
COUNT_NAMES = ("yes", "no", "blank", "absent")


def new_vote(number: int | None, title: str | None = None) -> dict:
    """An empty vote record with every key present."""
    vote = {"number": number, "title": title, "yes_proposal": None, "no_proposal": None}
    vote.update(dict.fromkeys(COUNT_NAMES))
    vote.update({f"{name}_voters": [] for name in COUNT_NAMES})
    vote["result"] = None
    return vote


def votes_from_blocks(blocks: list[str]) -> list[dict]:
    """Votes written out in the proceedings ("1 äänestys", "Jaa-äänet: 62", names ...)."""
    votes: list[dict] = []
    awaiting_names: str | None = None
    for block in blocks:
        if match := _VOTE_HEADING.match(block):
            number = int(match.group(1)) if match.group(1) else None
            votes.append(new_vote(number, block))
            awaiting_names = None
        elif votes:
            awaiting_names = _read_vote_block(votes[-1], block, awaiting_names)
    return [_with_zero_counts(vote) for vote in votes]


def _read_vote_block(vote: dict, block: str, awaiting_names: str | None) -> str | None:
    """Fill ``vote`` from one block; return the count whose voter names come next."""
    if _PROPOSAL.search(block):
        _read_proposals(vote, block)
        return None
    if match := _COUNT.match(block):
        key = _COUNT_KEYS[match.group(1).lower()]
        vote[key] = int(match.group(2))
        if names := match.group(3).strip():
            vote[f"{key}_voters"] = split_names(names)
            return None
        return key if vote[key] else None
    if awaiting_names:
        vote[f"{awaiting_names}_voters"] = split_names(block)
    elif not _has_counts(vote) and vote["yes_proposal"] is None:
        vote["title"] = block  # the question, printed before the proposals
    elif _has_counts(vote) and vote["result"] is None:
        vote["result"] = block
    return None


def _read_proposals(vote: dict, block: str) -> None:
    # "JAA-ehdotus: ... EI-ehdotus: ..." may share one block when a PDF joined them.
    matches = list(_PROPOSAL.finditer(block))
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(block)
        key = _PROPOSAL_KEYS.get(match.group(1).lower(), "no_proposal")
        vote[key] = block[match.end() : end].strip() or None


def _has_counts(vote: dict) -> bool:
    return any(vote[name] is not None for name in COUNT_NAMES)


def _with_zero_counts(vote: dict) -> dict:
    for name in COUNT_NAMES:
        vote[name] = vote[name] or 0
    return vote


def split_names(text: str) -> list[str]:
    """ "Maria Aarnilinna, Hilkka Ahde" -> ["Maria Aarnilinna", "Hilkka Ahde"]."""
    return [name.strip() for name in text.split(",") if name.strip()]


def votes_from_api(results: list) -> list[dict]:
    """Votes from the decision API's ``VotingResults`` list."""
    votes = []
    for number, result in enumerate(results or [], start=1):
        if not isinstance(result, dict):
            continue
        vote = new_vote(number)
        for api_key, name in _API_GROUPS:
            group = _group(result, api_key)
            vote[name] = _int(group.get("NumberOfVotes"))
            voters = [voter for voter in group.get("Voters") or [] if isinstance(voter, dict)]
            vote[f"{name}_voters"] = [_first_last(voter.get("Name")) for voter in voters]
        vote["yes_proposal"] = _text(_group(result, "Ayes").get("Content"))
        vote["no_proposal"] = _text(_group(result, "Noes").get("Content"))
        votes.append(vote)
    return votes


def _group(result: dict, key: str) -> dict:
    group = result.get(key)
    return group if isinstance(group, dict) else {}


def _first_last(name) -> str:
    # The API writes "Lastname, Firstname"; the minutes write "Firstname Lastname".
    last, _, first = str(name or "").partition(",")
    return f"{first.strip()} {last.strip()}".strip()


def _int(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _text(value) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None
