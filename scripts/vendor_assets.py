#!/usr/bin/env python3
"""Copy the pinned front-end packages from node_modules into the repository.

Run after `npm ci` when package.json changes. The copies are committed, with their licences, so
that running or testing the product never needs Node or the network.
"""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
STATIC = ROOT / "src" / "citydiplomacy" / "static" / "vendor"
E2E = ROOT / "tests" / "e2e" / "vendor"

HDS_COMPONENTS = [
    "breadcrumb",
    "button",
    "card",
    "checkbox",
    "container",
    "error-summary",
    "fieldset",
    "koros",
    "link",
    "notification",
    "pagination",
    "radio-button",
    "search-input",
    "selection-group",
    "status-label",
    "table",
    "tag",
    "text-input",
]
HDS_ICONS = [
    "angle-down",
    "angle-up",
    "arrow-right",
    "globe",
    "user",
    "signout",
    "search",
    "alert-circle",
    "check-circle",
    "info-circle",
    "error",
    "calendar",
    "download",
    "map",
    "clock",
    "menu-hamburger",
    "copy",
    "trash",
    "link",
    "angle-left",
    "angle-right",
]

COPIES = [
    ("hds-core/LICENSE", STATIC / "hds-core/LICENSE"),
    ("htmx.org/dist/htmx.min.js", STATIC / "htmx/htmx.min.js"),
    ("htmx.org/LICENSE", STATIC / "htmx/LICENSE"),
    ("echarts/dist/echarts.min.js", STATIC / "echarts/echarts.min.js"),
    ("echarts/LICENSE", STATIC / "echarts/LICENSE"),
    ("leaflet/dist/leaflet.js", STATIC / "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", STATIC / "leaflet/leaflet.css"),
    ("leaflet/dist/images/layers.png", STATIC / "leaflet/images/layers.png"),
    ("leaflet/dist/images/layers-2x.png", STATIC / "leaflet/images/layers-2x.png"),
    ("leaflet/dist/images/marker-icon.png", STATIC / "leaflet/images/marker-icon.png"),
    ("leaflet/dist/images/marker-icon-2x.png", STATIC / "leaflet/images/marker-icon-2x.png"),
    ("leaflet/dist/images/marker-shadow.png", STATIC / "leaflet/images/marker-shadow.png"),
    ("leaflet/LICENSE", STATIC / "leaflet/LICENSE"),
    (
        "leaflet.markercluster/dist/leaflet.markercluster.js",
        STATIC / "leaflet.markercluster/leaflet.markercluster.js",
    ),
    (
        "leaflet.markercluster/dist/MarkerCluster.css",
        STATIC / "leaflet.markercluster/MarkerCluster.css",
    ),
    (
        "leaflet.markercluster/dist/MarkerCluster.Default.css",
        STATIC / "leaflet.markercluster/MarkerCluster.Default.css",
    ),
    ("leaflet.markercluster/MIT-LICENCE.txt", STATIC / "leaflet.markercluster/LICENSE"),
    ("axe-core/axe.min.js", E2E / "axe-core/axe.min.js"),
    ("axe-core/LICENSE", E2E / "axe-core/LICENSE"),
]


def bundle_hds() -> None:
    """One stylesheet: HDS base, the components used and their icons (one request per page)."""
    lib = NODE / "hds-core/lib"
    parts = [lib / "base.min.css", lib / "utils/helpers.min.css"]
    parts += [lib / f"components/{name}/{name}.min.css" for name in HDS_COMPONENTS]
    parts += [lib / "icons/icon.min.css"]
    parts += [lib / f"icons/{name}.min.css" for name in HDS_ICONS]
    bundle = "\n".join(part.read_text(encoding="utf-8") for part in parts)
    # Source-map comments point at files that are not vendored.
    bundle = "\n".join(
        line for line in bundle.splitlines() if not line.startswith("/*# sourceMappingURL")
    )
    (STATIC / "hds-core/hds.min.css").write_text(bundle + "\n", encoding="utf-8")


def _without_source_map(text: str) -> str:
    return "\n".join(
        line for line in text.splitlines() if not line.startswith("//# sourceMappingURL")
    )


def copy(source: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.endswith(".js") and "sourceMappingURL" in (NODE / source).read_text("utf-8")[-300:]:
        # The maps are not vendored; the manifest storage would fail on the dangling reference.
        text = _without_source_map((NODE / source).read_text(encoding="utf-8"))
        target.write_text(text + "\n", encoding="utf-8")
    else:
        shutil.copyfile(NODE / source, target)


def main() -> None:
    for source, target in COPIES:
        copy(source, target)
        print(f"{source} -> {target.relative_to(ROOT)}")
    bundle_hds()
    print("bundled src/citydiplomacy/static/vendor/hds-core/hds.min.css")


if __name__ == "__main__":
    main()
