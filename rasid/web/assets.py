"""The front-end packages (npm, pinned in package.json) that the app serves itself, from node_modules.

Only the files listed here are served, by name: nothing from a request reaches a file path.
"""

from __future__ import annotations

import os
from pathlib import Path

#: URL name under /vendor/ -> path inside node_modules.
FILES: dict[str, str] = {
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "images/layers.png": "leaflet/dist/images/layers.png",
    "images/layers-2x.png": "leaflet/dist/images/layers-2x.png",
    "images/marker-icon.png": "leaflet/dist/images/marker-icon.png",
    "images/marker-icon-2x.png": "leaflet/dist/images/marker-icon-2x.png",
    "images/marker-shadow.png": "leaflet/dist/images/marker-shadow.png",
    "leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "MarkerCluster.Default.css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-50m.json": "world-atlas/countries-50m.json",
}
MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".json": "application/json"}


class AssetsMissing(RuntimeError):
    """The npm packages are not installed: the message says how to install them."""


def candidates() -> list[Path]:
    """Where node_modules may be: $RASID_WEB_ASSETS, the project folder (source or editable install), cwd."""
    out = []
    env = os.environ.get("RASID_WEB_ASSETS")
    if env:
        out.append(Path(env))
    out.append(Path(__file__).resolve().parents[2] / "node_modules")
    out.append(Path.cwd() / "node_modules")
    return out


def locate() -> dict[str, Path]:
    """URL name -> file, or AssetsMissing naming what is missing and the command that installs it."""
    tried = candidates()
    for root in tried:
        files = {name: root / rel for name, rel in FILES.items()}
        if all(p.is_file() for p in files.values()):
            return files
    root = tried[0] if os.environ.get("RASID_WEB_ASSETS") else tried[-2]
    missing = [rel for rel in FILES.values() if not (root / rel).is_file()]
    raise AssetsMissing(
        f"the web app's front-end packages are missing ({len(missing)} file(s), e.g. {missing[0]}, under "
        f"{root}); install them with `npm ci` in the project folder (package.json pins them), "
        "or point RASID_WEB_ASSETS at a node_modules folder that has them")
