"""Relations: where the text puts one place relative to another ("Andriivka, about 13 km south of Bakhmut").

A stated distance with a compass direction, an anchor and a target is a relation. It gives the target's
estimated position (and the sector drawn around it), says whether the gazetteer agrees with the text,
and picks among a target's namesakes the one the text describes. Reporters get distances wrong: a
mismatch is reported, never "fixed".

>>> import geomap
>>> article = geomap.parse("Ukrainian troops took Andriivka, about 13 kilometers south of Bakhmut.")
>>> r = relation_of(article.distances[0], article.place("Bakhmut"), article.place("Andriivka"))
>>> (r["bearing"], r["agrees"], round(r["target_distance_km"]), round(r["target_bearing"]))
(180.0, True, 11, 194)
"""

from __future__ import annotations

import math
from dataclasses import replace

from pyproj import Geod

from geomap.distances import BEARINGS, Distance
from geomap.gazetteer import Gazetteer
from geomap.geometry import distance_band
from geomap.places import Place

WGS84 = Geod(ellps="WGS84")
# How far the text and the gazetteer may disagree and still describe the same place: reporters round,
# measure by road, or from a town's edge.
DISTANCE_SLACK = 0.35
BEARING_SLACK = 45.0
SETTLEMENT_KINDS = ("city", "town", "village", "other")


def relation_of(d: Distance, anchor: Place | None, target: Place | None) -> dict | None:
    """The relation a directional distance states, and how the resolved target fits it; None if it is none."""
    if not d.direction or anchor is None or d.meters is None or d.vague:
        return None
    bearing = BEARINGS[d.direction]
    lon, lat, _ = WGS84.fwd(anchor.lon, anchor.lat, bearing, d.meters)
    out = {"bearing": bearing, "estimated_target": [round(lon, 6), round(lat, 6)]}
    if target is not None and target.kind in SETTLEMENT_KINDS and target.id != anchor.id:
        km, towards = _distance_and_bearing(anchor, target.lat, target.lon)
        out |= {
            "target_distance_km": round(km, 2),
            "target_bearing": round(towards, 1),
            "agrees": _fits(d, km, towards),
        }
    return out


def _distance_and_bearing(anchor: Place, lat: float, lon: float) -> tuple[float, float]:
    azimuth, _, metres = WGS84.inv(anchor.lon, anchor.lat, lon, lat)
    return metres / 1000.0, azimuth % 360.0


def _fits(d: Distance, km: float, towards: float) -> bool:
    inner, outer = distance_band(d.min_meters or 0.0, d.meters, d.qualifier)
    near_enough = inner * (1 - DISTANCE_SLACK) <= km * 1000 <= outer * (1 + DISTANCE_SLACK)
    return near_enough and _angle(towards, BEARINGS[d.direction]) <= BEARING_SLACK


def _angle(a: float, b: float) -> float:
    return abs((a - b + 180.0) % 360.0 - 180.0)


def _misfit(d: Distance, anchor: Place, lat: float, lon: float) -> float:
    km, towards = _distance_and_bearing(anchor, lat, lon)
    return abs(math.log(max(km, 0.01) * 1000 / d.meters)) + _angle(towards, BEARINGS[d.direction]) / 90.0


def choose_by_relations(places: list[Place], distances: list[Distance], gz: Gazetteer) -> list[Place]:
    """Places with each relation's target moved to the namesake the text describes, where the chosen one
    does not fit and another does ("Andriivka, 13 km south of Bakhmut": not the Andriivka in Kharkiv oblast).
    """
    by_name = {p.name: p for p in places}
    by_id = {p.id: p for p in places}
    moved: dict[str, Place] = {}
    for d in distances:
        anchor, target = by_id.get(d.anchor_id), by_name.get(d.target)
        if not d.direction or anchor is None or target is None or target.id in moved or d.meters is None:
            continue
        if target.kind not in SETTLEMENT_KINDS or target.id == anchor.id:
            continue
        if _fits(d, *_distance_and_bearing(anchor, target.lat, target.lon)):
            continue
        namesakes = [
            e
            for form in target.forms
            for e in gz.lookup(form)
            if e.kind in SETTLEMENT_KINDS and e.id != target.id and e.id not in by_id
        ]
        fitting = [e for e in namesakes if _fits(d, *_distance_and_bearing(anchor, e.lat, e.lon))]
        if not fitting:
            continue  # the text and the gazetteer disagree; relation_of reports it, nothing is changed
        best = min(fitting, key=lambda e: _misfit(d, anchor, e.lat, e.lon))
        moved[target.id] = replace(
            target,
            id=best.id,
            name=best.name,
            kind=best.kind,
            country=best.country,
            lat=best.lat,
            lon=best.lon,
            population=best.population,
            evidence=(*target.evidence, f"fits '{d.text} {d.direction} of {anchor.name}' (the text's relation)"),
        )
    return [moved.get(p.id, p) for p in places]
