"""The map's configuration, from the environment (read here so the settings module stays as it is).

KRING_MAP_TILES         tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png; empty: no map
                        (the list is the whole feature then). ``{s}`` for subdomains is allowed.
KRING_MAP_ATTRIBUTION   the tile server's required credit (HTML), default OpenStreetMap's.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

DEFAULT_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap-bijdragers</a>'


@dataclass(frozen=True)
class MapConfig:
    tiles: str
    attribution: str
    csp_source: str  # the origin to allow in img-src ("" for tiles on Kring's own server)


def map_config() -> MapConfig | None:
    """The map configuration, or None when no tile server is configured. Refuses a bad template."""
    tiles = os.environ.get("KRING_MAP_TILES", "").strip()
    if not tiles:
        return None
    for part in ("{z}", "{x}", "{y}"):
        if part not in tiles:
            raise ImproperlyConfigured(f"KRING_MAP_TILES must contain {{z}}, {{x}} and {{y}}; {part} is missing.")
    if tiles.startswith("/") and not tiles.startswith("//"):
        csp_source = ""
    else:
        parts = urlsplit(tiles)
        if parts.scheme not in ("https", "http") or not parts.netloc:
            raise ImproperlyConfigured("KRING_MAP_TILES must be an https:// URL (or a path on this server).")
        host = re.sub(r"\{s\}", "*", parts.netloc)
        if "{" in host:
            raise ImproperlyConfigured("KRING_MAP_TILES: only {s} may stand in the host name.")
        csp_source = f"{parts.scheme}://{host}"
    attribution = os.environ.get("KRING_MAP_ATTRIBUTION", "").strip() or DEFAULT_ATTRIBUTION
    return MapConfig(tiles=tiles, attribution=attribution, csp_source=csp_source)
