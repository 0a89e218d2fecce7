"""The follow-up report's "Benchmarking" section: the home city's latest rank in each composite
index (with its 5–95 % uncertainty interval) and in the tracked rankings against its targets.

Registered into ``citydiplomacy.reports.registry`` when imported (from
``BenchmarkingConfig.ready``). Indices and rankings are read through ``visible_to(context.user)``;
the data is built as plain, already translated values, so HTML, PDF and DOCX say the same.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citydiplomacy.reports import registry

from .models import CompositeIndex, ExternalRanking, IndexResult, RunStatus, UncertaintyRun
from .services import rankings, results, store


@dataclass
class IndexLine:
    name: str
    year: int
    rank: int | None
    total: int
    interval: str  # "3–6", or "" without an uncertainty analysis


@dataclass
class RankingLine:
    name: str
    publisher: str
    latest: str  # "7 (2023)"
    change: str
    target: str  # "6 (2023)"
    status: str  # met / not met / ""
    is_example: bool


@dataclass
class BenchmarkingData:
    home: str
    indices: list[IndexLine] = field(default_factory=list)
    rankings: list[RankingLine] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _index_lines(user, home_code) -> tuple[list[IndexLine], list[str]]:
    done = UncertaintyRun.objects.filter(status=RunStatus.DONE).only(
        "pk", "result_id", "rank_stats", "created_at"
    )
    latest = (
        IndexResult.objects.only(
            "pk", "index_id", "created_at", "year", "home_rank", "unit_count", "vintage"
        )
        .order_by("-created_at", "-pk")
        .prefetch_related(Prefetch("uncertainty_runs", queryset=done, to_attr="done_runs"))
    )
    items = CompositeIndex.objects.visible_to(user).prefetch_related(
        Prefetch("results", queryset=latest, to_attr="runs")
    )
    lines, notices = [], set()
    for index in items:
        if not index.runs:
            continue
        result = index.runs[0]
        stats = results.home_interval(result.done_runs[0] if result.done_runs else None, home_code)
        interval = (
            f"{stats['q5']:.0f}–{stats['q95']:.0f}" if stats and stats["q5"] is not None else ""
        )
        lines.append(
            IndexLine(index.name, result.year, result.home_rank, result.unit_count, interval)
        )
        notices |= set(store.notices(result.vintage))
    return lines, sorted(notices)


def _ranking_line(standing) -> RankingLine:
    if standing.change is None or standing.change == 0:
        change = "–" if standing.change is None else _("no change")
    elif standing.change > 0:
        change = _("up %(n)s") % {"n": standing.change}
    else:
        change = _("down %(n)s") % {"n": -standing.change}
    status = {True: _("met"), False: _("not met")}.get(standing.met, "")
    return RankingLine(
        standing.ranking.name,
        standing.ranking.publisher,
        f"{standing.rank} ({standing.year})" if standing.rank else "–",
        change,
        f"{standing.target} ({standing.target_year})" if standing.target else "–",
        status,
        standing.ranking.is_example,
    )


class BenchmarkingSection(registry.Section):
    key = "benchmarking"
    order = 80
    title = gettext_lazy("Benchmarking")
    template_name = "benchmarking/report/benchmarking.html"

    @property
    def headers(self):
        return [_("Ranking"), _("Latest rank"), _("Change"), _("Target"), _("Status")]

    def build(self, context) -> BenchmarkingData:
        home = store.home_city()
        data = BenchmarkingData(home.display_name if home else "")
        data.indices, data.notices = _index_lines(context.user, home.code if home else None)
        visible = ExternalRanking.objects.visible_to(context.user)
        data.rankings = [
            _ranking_line(rankings.standing(r)) for r in rankings.rankings_with_home(visible, home)
        ]
        return data

    def write_docx(self, document, data: BenchmarkingData) -> None:
        from citydiplomacy.reports.render_docx import add_paragraph, add_table

        if not data.indices and not data.rankings:
            add_paragraph(document, _("No benchmarking results yet."), muted=True)
            return
        for line in data.indices:
            add_paragraph(document, index_sentence(data.home, line))
        if data.rankings:
            rows = [
                [_ranking_name(r), r.latest, r.change, r.target, r.status] for r in data.rankings
            ]
            add_table(document, self.headers, rows)
        for notice in data.notices:
            add_paragraph(document, notice, muted=True)


def _ranking_name(line: RankingLine) -> str:
    return f"{line.name} ({line.publisher})" + (
        f" – {_('example data')}" if line.is_example else ""
    )


def index_sentence(home: str, line: IndexLine) -> str:
    """E.g. "City attractiveness 2016: Helsinki is 6th of 11 (5–95 % interval 3–6)"."""
    text = _("%(index)s %(year)s: %(city)s ranks %(rank)s of %(total)s") % {
        "index": line.name,
        "year": line.year,
        "city": home,
        "rank": line.rank or "–",
        "total": line.total,
    }
    if line.interval:
        text += " " + _("(5–95 %% interval %(interval)s)") % {"interval": line.interval}
    return text + "."


registry.register(BenchmarkingSection())
