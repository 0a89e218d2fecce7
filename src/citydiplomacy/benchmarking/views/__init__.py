"""Benchmarking pages. Views parse input and call services; reads of analyses go through
``visible_to``, and every write needs a coordinator."""

from .data import home, import_confirm, import_upload, indicator, indicators, vintages
from .indices import (
    index_create,
    index_detail,
    index_edit,
    index_run,
    index_uncertainty,
    indices,
)
from .peers import clusters, peer_set, peers
from .rankings import (
    ranking_create,
    ranking_detail,
    ranking_edit,
    ranking_entry,
    ranking_import,
    ranking_target,
    rankings,
)

__all__ = [
    "clusters",
    "home",
    "import_confirm",
    "import_upload",
    "index_create",
    "index_detail",
    "index_edit",
    "index_run",
    "index_uncertainty",
    "indicator",
    "indicators",
    "indices",
    "peer_set",
    "peers",
    "ranking_create",
    "ranking_detail",
    "ranking_edit",
    "ranking_entry",
    "ranking_import",
    "ranking_target",
    "rankings",
    "vintages",
]
