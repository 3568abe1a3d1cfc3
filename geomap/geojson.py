"""The exchange format: an RFC 7946 FeatureCollection of places and distance shapes.

Places are Points (or the area's Polygon/MultiPolygon for countries, regions and seas) with
``role: "place"``, ``name``, ``mentions``, ``lat``, ``lon``; distances are their drawn shape with
``role: "distance"``, ``text``, ``meters``, ``anchor``. Coordinates are (longitude, latitude), WGS 84.

>>> from geomap.article import parse
>>> fc = article_to_geojson(parse("Shelling hit Bakhmut, about 3 km from the front."))
>>> [f["properties"]["role"] for f in fc["features"]]
['place', 'distance']
>>> fc["features"][1]["properties"]["anchor"], fc["features"][1]["geometry"]["type"]
('Bakhmut', 'Polygon')
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np
import orjson
import shapely

from geomap.borders import border_band
from geomap.distances import BEARINGS, Distance
from geomap.gazetteer import ATTRIBUTION
from geomap.geometry import distance_band, polygonal, shape_for
from geomap.places import Place
from geomap.relations import Phrase, corridor, relation_of

if TYPE_CHECKING:
    from geomap.article import Article
    from geomap.frontline import Frontline

# 1 cm: a 1 m circle's 128 vertices are 5 cm apart and must stay distinct, so its ring stays valid
COORD_DECIMALS = 7


def place_feature(p: Place, front: Frontline | None = None) -> dict:
    point = point_geometry(p)
    lon, lat = point["coordinates"]
    geometry = _area_geometry(p.id) if p.geometry is not None else point
    feature = {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "role": "place",
            "name": p.name,
            "mentions": list(p.forms),
            "lat": lat,
            "lon": lon,
            "kind": p.kind,
            "country": p.country,
            "gazetteer_id": p.id,
            "population": p.population,
            "place_role": p.role,
            "confidence": p.confidence,
            "alternatives": [
                {
                    "id": a.id,
                    "name": a.name,
                    "country": a.country,
                    "lat": _grid(a.lat),
                    "lon": _grid(a.lon),
                    "score": a.score,
                }
                for a in p.alternatives
            ],
            "evidence": list(p.evidence),
            "sentences": list(dict.fromkeys(m.sentence for m in p.mentions)),
            "spans": [[m.start, m.end] for m in p.mentions],
        },
    }
    if front is not None:  # distance_to_front_km; side of the control areas: inside, outside (or null)
        feature["properties"] |= front.position(p.lat, p.lon)
    return feature


# Real articles state a few dozen distances; past this many (a repeated or generated text), the rest are
# listed at their anchor's point so that output stays proportionate to what can be read.
MAX_DRAWN_DISTANCES = 1000


def distance_geometry(d: Distance, anchor: Place | None, front: Frontline | None = None) -> tuple[str, dict | None]:
    """The shape's name and GeoJSON geometry; a vague or unanchored distance, or a length or width, is a point
    or nothing. A distance from the front line is a band along the user's ``front``, if given."""
    if anchor is None:
        return "none", None
    if d.vague or d.meters is None:
        return "vague", point_geometry(anchor)
    if d.extent:  # "a 1,200-km-long front line": the size of a thing, which no ring around a place shows
        return d.extent, point_geometry(anchor)
    bearing = BEARINGS.get(d.direction)
    try:
        inner, outer = distance_band(d.min_meters or 0.0, d.meters, d.qualifier)
        if d.front and front is not None:
            band = front.band(inner, outer, anchor)
            if not band.is_empty:
                return "front band", geojson_geometry(polygonal(band))
        if d.border:
            if anchor.kind == "region" and anchor.geometry is not None:  # "35 km into the Kursk region": in it
                inside = _border_shape(d.border, inner, outer).intersection(anchor.geometry)
                if not inside.is_empty:
                    return "border band", geojson_geometry(polygonal(inside))
            return "border band", _border_geometry(d.border, inner, outer)
        name, geom = shape_for(anchor.lat, anchor.lon, d.min_meters or 0.0, d.meters, d.qualifier, bearing)
        return name, geojson_geometry(geom)
    except ValueError:  # "more than 20,000 km from Kyiv": no point on Earth is that far
        return "none", None


@functools.lru_cache(maxsize=64)
def _border_shape(border: tuple[str, str], inner: float, outer: float):
    """The strip along a border between ``inner`` and ``outer`` metres from it, on the first country's side,
    as a shapely geometry (see :func:`_border_geometry`)."""
    band = border_band(border, outer)
    return band.difference(border_band(border, inner)) if inner > 0 else band


@functools.lru_cache(maxsize=64)
def _border_geometry(border: tuple[str, str], inner: float, outer: float) -> dict:
    """The strip along a border between ``inner`` and ``outer`` metres from it, on the first country's side,
    as written (see :func:`~geomap.geometry.distance_band` for the radii a distance allows: "within 30 km"
    is all of the band up to 30 km, "about 8 km" the strip between 7.2 and 8.8 km).

    Made once per process: "within 30 km of the Russian border" recurs in article after article, and the
    strip's difference and rounding cost 2.5 ms each time (the bands themselves are cached in
    :func:`~geomap.borders.border_band`).
    """
    return geojson_geometry(_border_shape(border, inner, outer))


def geojson_geometry(geom) -> dict:
    """A polygon as written: its coordinates rounded to the output's grid, then wound as RFC 7946 asks.

    Where rounding would make it invalid (a ring near a pole collapsing onto itself), it is snapped to the
    grid with GEOS's noding first; that costs more than all the rest, and a shape that needs it is rare.
    """
    rounded = shapely.orient_polygons(shapely.transform(geom, _to_grid))
    if not shapely.is_valid(rounded):
        rounded = shapely.transform(polygonal(shapely.set_precision(geom, 10.0**-COORD_DECIMALS)), _to_grid)
    return polygon_geometry(rounded)


def polygon_geometry(geom) -> dict:
    """A Polygon or MultiPolygon as a GeoJSON geometry: shapely's ``mapping``, with the coordinates read
    ring by ring as arrays (``mapping`` reads them point by point, a third of the cost of an output).

    >>> polygon_geometry(shapely.box(0, 0, 1, 1))["coordinates"][0][:2]
    [[1.0, 0.0], [1.0, 1.0]]
    """

    def rings(poly) -> list:
        return [shapely.get_coordinates(r).tolist() for r in (poly.exterior, *poly.interiors)]

    if geom.geom_type == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [rings(g) for g in geom.geoms]}
    return {"type": "Polygon", "coordinates": rings(geom)}


def point_geometry(p: Place) -> dict:
    """A place's point, on the output's grid."""
    return {"type": "Point", "coordinates": [_grid(p.lon), _grid(p.lat)]}


def _grid(x: float | None) -> float | None:
    """A coordinate or measure rounded to the output's grid (a user's gazetteer may give 15 decimals)."""
    return None if x is None else round(x, COORD_DECIMALS)


def _to_grid(xy: np.ndarray) -> np.ndarray:
    return np.round(xy, COORD_DECIMALS)


@functools.lru_cache(maxsize=256)
def _area_geometry(ident: str) -> dict:
    """A gazetteer area as GeoJSON, made once per process: countries recur in article after article.

    The build stores areas as valid polygons snapped to a 1e-4° grid, which the output's grid contains: they
    need winding, neither the snapping of :func:`geojson_geometry` (a tenth of a second for a few large
    regions) nor the repair of :func:`~geomap.geometry.polygonal` (half the cost of Russia's first use in a
    process, for a validity check the build has made).
    """
    from geomap.gazetteer import Gazetteer

    return polygon_geometry(shapely.orient_polygons(Gazetteer.default().area(ident)))


def distance_feature(
    d: Distance,
    anchor: Place | None,
    sentence: str,
    drawn: bool = True,
    target: Place | None = None,
    front: Frontline | None = None,
) -> dict:
    if drawn or anchor is None:
        shape, geometry = distance_geometry(d, anchor, front)
    else:
        shape, geometry = "not drawn", point_geometry(anchor)
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "role": "distance",
            "text": d.text,
            "meters": _grid(d.meters),
            "min_meters": _grid(d.min_meters),
            "max_meters": _grid(d.max_meters),
            "qualifier": d.qualifier,
            "vague": d.vague,
            "direction": d.direction or None,
            "anchor": d.anchor or None,
            "anchor_id": d.anchor_id or None,
            "anchor_rule": d.anchor_rule or None,
            "target": d.target or None,
            "border": list(d.border) or None,
            "shape": shape,
            "sentence": sentence,
            "span": [d.start, d.end],
            "restated_at": [list(span) for span in d.restated] or None,
            "relation": relation_of(d, anchor, target),
        },
    }


def article_to_geojson(article: Article, front: Frontline | None = None) -> dict:
    """The article as a FeatureCollection; with a ``front`` line, each place gets its distance to it."""
    by_id = {p.id: p for p in article.places}
    features = [place_feature(p, front) for p in article.places]
    for i, d in enumerate(article.distances):
        sentence = article.document.sentence_text(d.start)
        target = article.place(d.target) if d.target else None
        anchor = by_id.get(d.anchor_id)
        features.append(
            distance_feature(d, anchor, sentence, drawn=i < MAX_DRAWN_DISTANCES, target=target, front=front)
        )
    features += [phrase_feature(article, ph) for ph in article.phrases]
    return {
        "type": "FeatureCollection",
        "features": features,
        "metadata": {**article.metadata, "generator": "geomap", "attribution": ATTRIBUTION},
    }


def phrase_feature(article: Article, ph: Phrase) -> dict:
    """A relative position without a distance: a corridor for "between X and Y", else the place's point."""
    by_id = {p.id: p for p in article.places}
    named = [by_id[i] for i in ph.places]
    if ph.kind == "between":
        geometry, shape = geojson_geometry(corridor(*named)), "corridor"
    else:
        geometry, shape = point_geometry(named[0]), "point"
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "role": "relation",
            "kind": ph.kind,
            "side": ph.side or None,
            "text": ph.text,
            "places": [p.name for p in named],
            "place_ids": list(ph.places),
            "shape": shape,
            "sentence": article.document.sentence_text(ph.start),
            "span": [ph.start, ph.end],
        },
    }


def dumps(fc: dict) -> str:
    """The collection as JSON text (see :func:`encode`)."""
    return encode(fc).decode("utf-8")


def encode(fc: dict) -> bytes:
    """The collection as compact UTF-8 JSON. Numbers are written as they are: every coordinate and measure
    is rounded where it is made (to :data:`COORD_DECIMALS`); NaN and infinity, which RFC 7946 forbids and
    no stage makes, would be written as null.

    Gazetteer areas (countries, regions) recur in article after article and are most of the text: each is
    encoded once per process and spliced in, not encoded again for every article. orjson, not the standard
    library's encoder, because a batch run spends a tenth of its time here.
    """
    features = []
    for f in fc.get("features", []):
        props, geom = f.get("properties") or {}, f.get("geometry")
        ident = props.get("gazetteer_id")
        if props.get("role") == "place" and geom and geom["type"] != "Point" and geom is _area_geometry(ident):
            f = {**f, "geometry": orjson.Fragment(_area_json(ident))}
        features.append(f)
    return orjson.dumps({**fc, "features": features})


@functools.lru_cache(maxsize=256)
def _area_json(ident: str) -> bytes:
    return orjson.dumps(_area_geometry(ident))
