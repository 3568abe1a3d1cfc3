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
import json
import secrets
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry import mapping

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
    point = {"type": "Point", "coordinates": [p.lon, p.lat]}
    geometry = _area_geometry(p.id) if p.geometry is not None else point
    feature = {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "role": "place",
            "name": p.name,
            "mentions": list(p.forms),
            "lat": p.lat,
            "lon": p.lon,
            "kind": p.kind,
            "country": p.country,
            "gazetteer_id": p.id,
            "population": p.population,
            "place_role": p.role,
            "confidence": p.confidence,
            "alternatives": [
                {"id": a.id, "name": a.name, "country": a.country, "lat": a.lat, "lon": a.lon, "score": a.score}
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


def distance_geometry(d: Distance, anchor: Place | None) -> tuple[str, dict | None]:
    """The shape's name and GeoJSON geometry; a vague or unanchored distance is a point or nothing."""
    if anchor is None:
        return "none", None
    if d.vague or d.meters is None:
        return "vague", {"type": "Point", "coordinates": [anchor.lon, anchor.lat]}
    bearing = BEARINGS.get(d.direction)
    try:
        if d.border:
            return "border band", geojson_geometry(border_shape(d))
        name, geom = shape_for(anchor.lat, anchor.lon, d.min_meters or 0.0, d.meters, d.qualifier, bearing)
        return name, geojson_geometry(geom)
    except ValueError:  # "more than 20,000 km from Kyiv": no point on Earth is that far
        return "none", None


def border_shape(d: Distance):
    """The band a distance from a border allows, on the anchor's side: "within 30 km" is all of it up to
    30 km, "about 8 km" the strip between 7.2 and 8.8 km (as :func:`~geomap.geometry.distance_band` reads it)."""
    inner, outer = distance_band(d.min_meters or 0.0, d.meters, d.qualifier)
    band = border_band(d.border, outer)
    return band.difference(border_band(d.border, inner)) if inner > 0 else band


def geojson_geometry(geom) -> dict:
    """A polygon as written: snapped to the output's coordinate grid first, so that rounding cannot
    make it invalid (a ring near a pole collapsing onto itself), then wound as RFC 7946 asks."""
    snapped = polygonal(shapely.set_precision(geom, 10.0**-COORD_DECIMALS))
    return mapping(shapely.transform(snapped, lambda xy: np.round(xy, COORD_DECIMALS)))


@functools.lru_cache(maxsize=256)
def _area_geometry(ident: str) -> dict:
    """A gazetteer area as GeoJSON, made once per process: countries recur in article after article.

    The build stores areas valid and snapped to a 1e-4° grid, which the output's grid contains: they need
    winding, not the snapping of :func:`geojson_geometry` (a tenth of a second for a few large regions).
    """
    from geomap.gazetteer import Gazetteer

    return mapping(polygonal(Gazetteer.default().area(ident)))


def distance_feature(
    d: Distance, anchor: Place | None, sentence: str, drawn: bool = True, target: Place | None = None
) -> dict:
    if drawn or anchor is None:
        shape, geometry = distance_geometry(d, anchor)
    else:
        shape, geometry = "not drawn", {"type": "Point", "coordinates": [anchor.lon, anchor.lat]}
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "role": "distance",
            "text": d.text,
            "meters": d.meters,
            "min_meters": d.min_meters,
            "max_meters": d.max_meters,
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
        features.append(distance_feature(d, anchor, sentence, drawn=i < MAX_DRAWN_DISTANCES, target=target))
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
        geometry, shape = {"type": "Point", "coordinates": [named[0].lon, named[0].lat]}, "point"
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
    """Serialise with no NaN (RFC 7946 forbids it); polygon coordinates are rounded where they are made.

    Gazetteer areas (countries, regions) recur in article after article and are most of the text: each is
    encoded once per process and spliced in, not encoded again for every article.
    """
    areas = {}
    features = []
    for f in fc.get("features", []):
        props, geom = f.get("properties") or {}, f.get("geometry")
        ident = props.get("gazetteer_id")
        if props.get("role") == "place" and geom and geom["type"] != "Point" and geom is _area_geometry(ident):
            token = f"{AREA_TOKEN}{ident}"
            areas[json.dumps(token)] = ident
            f = {**f, "geometry": token}
        features.append(f)
    text = json.dumps(_round({**fc, "features": features}), ensure_ascii=False, allow_nan=False)
    for quoted, ident in areas.items():
        text = text.replace(quoted, _area_json(ident))
    return text


# Stands for an area's geometry while the rest of a collection is encoded; the NUL and the per-process
# nonce keep any text an article could hold from looking like it.
AREA_TOKEN = f"\x00geomap-area-{secrets.token_hex(8)}:"


@functools.lru_cache(maxsize=256)
def _area_json(ident: str) -> str:
    return json.dumps(_area_geometry(ident), ensure_ascii=False, allow_nan=False)


def _round(obj):
    if isinstance(obj, float):
        return round(obj, COORD_DECIMALS)
    if isinstance(obj, dict):
        return {k: v if k == "coordinates" and obj.get("type") != "Point" else _round(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_round(v) for v in obj]
    return obj
