"""The front line: a user's own line or control-area file, drawn on the map, and each place's distance to it.

Read from GeoJSON (LineString, MultiLineString, Polygon, MultiPolygon; features or bare geometries) or
KML (``<LineString>``, ``<Polygon>``), as exported from a front-line map or drawn in QGIS. Never fetched:
geomap only reads the file it is given. Lines give a distance to the front; polygons are control areas,
and give both the distance to their edge and which side a place is on.

>>> import json, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "front.geojson"
>>> _ = path.write_text(json.dumps({"type": "LineString", "coordinates": [[37.9, 48.4], [38.1, 48.8]]}))
>>> front = load_frontline(path)
>>> info = front.position(48.59419, 37.99886)  # Bakhmut
>>> round(info["distance_to_front_km"], 1), info["side"]
(0.1, None)
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import shapely
from pyproj import Geod
from shapely.geometry import LineString, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, unary_union

from geomap.anchors import AFTER_DISTANCE
from geomap.borders import band_along
from geomap.distances import Distance
from geomap.errors import InputError
from geomap.places import Place

WGS84 = Geod(ellps="WGS84")
MAX_FRONTLINE_BYTES = 50 * 1024 * 1024


# After a distance: "from the front", "of the front line", "behind the front lines".
FRONT_AFTER = re.compile(AFTER_DISTANCE + r"(?:from|of|behind|off)\s+the\s+(?:front\s*lines?\b|front\b)", re.IGNORECASE)


def with_front(text: str, distances: list[Distance]) -> list[Distance]:
    """``distances`` with ``front`` set where the text measures one from the front line.

    >>> from geomap.distances import find_distances
    >>> text = "Sudzha, 8 km from the front line, and Kursk, 90 km from Sudzha."
    >>> [d.front for d in with_front(text, find_distances(text))]
    [True, False]
    """
    return [replace(d, front=True) if FRONT_AFTER.match(text[d.end : d.end + 60]) else d for d in distances]


@dataclass(frozen=True)
class Frontline:
    """Lines (the front) and polygons (areas under the control the file describes), in lon/lat."""

    lines: shapely.Geometry | None
    areas: shapely.Geometry | None
    name: str = "front line"

    def position(self, lat: float, lon: float) -> dict:
        """Distance (km, geodesic) from (lat, lon) to the nearest line or area edge, and the side of the areas."""
        here = Point(lon, lat)
        nearest = min((nearest_points(here, g)[1] for g in self._edges), key=lambda p: _km(here, p))
        out = {"distance_to_front_km": round(_km(here, nearest), 3), "side": None}
        if self.areas is not None:
            out["side"] = "inside" if self.areas.covers(here) else "outside"
        return out

    def band(self, inner: float, outer: float, anchor: Place) -> BaseGeometry:
        """The land between ``inner`` and ``outer`` metres from the front, on ``anchor``'s side of the control
        areas where the file has them: "Sudzha, 8 km from the front line" drawn along the user's line."""
        band = band_along(self._edge_lines, outer)
        if inner > 0:
            band = band.difference(band_along(self._edge_lines, inner))
        if self.areas is not None:
            inside = self.areas.covers(Point(anchor.lon, anchor.lat))
            band = band.intersection(self.areas) if inside else band.difference(self.areas)
        return band

    @cached_property
    def _edge_lines(self) -> BaseGeometry:
        """The edges as one geometry, for the bands drawn along them (made once)."""
        return shapely.union_all(self._edges)

    @cached_property
    def _edges(self) -> list:
        """The lines and the areas' boundaries: what a distance to the front is measured to (made once)."""
        return [g for g in (self.lines, self.areas.boundary if self.areas is not None else None) if g is not None]

    @cached_property
    def digest(self) -> str:
        """A digest of the line and areas (not of the file they came from): what a batch run notes with its
        rows, so that a run with another front maps its articles again."""
        wkb = [shapely.to_wkb(g, hex=True) for g in (self.lines, self.areas) if g is not None]
        return hashlib.sha1("\n".join(wkb).encode()).hexdigest()

    def to_geojson(self) -> dict:
        features = [
            {"type": "Feature", "geometry": mapping(g), "properties": {"role": "frontline", "part": part}}
            for part, g in (("line", self.lines), ("area", self.areas))
            if g is not None
        ]
        return {"type": "FeatureCollection", "features": features}


def _km(a: Point, b: Point) -> float:
    return WGS84.inv(a.x, a.y, b.x, b.y)[2] / 1000.0


def load_frontline(path: str | Path) -> Frontline:
    """The front line in ``path`` (.geojson/.json or .kml); a one-line :class:`InputError` when it is unusable."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read the front line: {e.strerror or e}") from None
    if len(data) > MAX_FRONTLINE_BYTES:
        raise InputError(f"{path}: larger than {MAX_FRONTLINE_BYTES // 2**20} MB; not a front-line file")
    if path.suffix.lower() == ".kml" or data.lstrip()[:5] in (b"<?xml", b"<kml "):
        geoms = _kml_geometries(data, path)
    else:
        geoms = _geojson_geometries(data, path)
    lines = [g for g in geoms if g.geom_type in ("LineString", "MultiLineString")]
    areas = [g for g in geoms if g.geom_type in ("Polygon", "MultiPolygon")]
    if not lines and not areas:
        raise InputError(f"{path}: holds no line or polygon to use as a front line")
    bad = [g for g in geoms if not _in_range(g)]
    if bad:
        raise InputError(f"{path}: coordinates outside longitude ±180 / latitude ±90 (is it in lon, lat order?)")
    return Frontline(
        lines=unary_union(lines) if lines else None,
        areas=shapely.make_valid(unary_union(areas)) if areas else None,
        name=path.stem,
    )


def _in_range(g) -> bool:
    minx, miny, maxx, maxy = g.bounds
    return all(math.isfinite(v) for v in g.bounds) and -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def _geojson_geometries(data: bytes, path: Path) -> list:
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        raise InputError(f"{path}: not GeoJSON or KML") from None
    raw = []
    if isinstance(obj, dict) and obj.get("type") == "FeatureCollection":
        raw = [f.get("geometry") for f in obj.get("features") or [] if isinstance(f, dict)]
    elif isinstance(obj, dict) and obj.get("type") == "Feature":
        raw = [obj.get("geometry")]
    elif isinstance(obj, dict):
        raw = [obj]
    out = []
    for g in raw:
        if not isinstance(g, dict):
            continue
        try:
            out.append(shape(g))
        except (ValueError, TypeError, KeyError, AttributeError, shapely.errors.GEOSException):
            raise InputError(f"{path}: a geometry is malformed") from None
    return out


def _kml_geometries(data: bytes, path: Path) -> list:
    try:
        root = ET.fromstring(data)  # expat resolves no external entities and limits entity expansion
    except ET.ParseError:
        raise InputError(f"{path}: not well-formed KML") from None
    out = []
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "LineString":
            out.append(LineString(_kml_coords(el, path)))
        elif tag == "Polygon":
            rings = [r for r in el.iter() if r.tag.rsplit("}", 1)[-1] == "LinearRing"]
            if rings:
                out.append(Polygon(_kml_coords(rings[0], path), [_kml_coords(r, path) for r in rings[1:]]))
    return out


def _kml_coords(el, path: Path) -> list[tuple[float, float]]:
    text = next((c.text or "" for c in el.iter() if c.tag.rsplit("}", 1)[-1] == "coordinates"), "")
    try:
        points = [tuple(float(v) for v in item.split(",")[:2]) for item in re.split(r"\s+", text.strip()) if item]
    except ValueError:
        raise InputError(f"{path}: KML coordinates are malformed") from None
    if len(points) < 2:
        raise InputError(f"{path}: a KML line or ring has fewer than two points")
    return points
