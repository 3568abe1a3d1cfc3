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
import re
from dataclasses import dataclass, replace

from pyproj import Geod

from geomap.distances import BEARINGS, Distance
from geomap.gazetteer import SETTLEMENT_KINDS, Gazetteer
from geomap.geometry import SECTOR_HALF_WIDTH, distance_band
from geomap.places import Place, entry_fields

WGS84 = Geod(ellps="WGS84")
# How far the text and the gazetteer may disagree and still describe the same place: reporters round,
# measure by road, or from a town's edge.
DISTANCE_SLACK = 0.35
BEARING_SLACK = 45.0
# what a relation may move to a namesake: settlements and landmarks, never areas
TARGET_KINDS = SETTLEMENT_KINDS | {"other"}


def relation_of(d: Distance, anchor: Place | None, target: Place | None) -> dict | None:
    """The relation a directional distance states, and how the resolved target fits it; None if it is none."""
    if not d.direction or anchor is None or d.meters is None or d.vague or d.extent:
        return None
    bearing = BEARINGS[d.direction]
    lon, lat, _ = WGS84.fwd(anchor.lon, anchor.lat, bearing, d.meters)
    out = {
        "bearing": bearing,
        "estimated_target": [round(lon, 6), round(lat, 6)],
        "uncertainty_km": round(_uncertainty_m(d, anchor, lat, lon) / 1000.0, 2),
    }
    if target is not None and target.kind in TARGET_KINDS and target.id != anchor.id:
        km, towards = _distance_and_bearing(anchor, target.lat, target.lon)
        out |= {
            "target_distance_km": round(km, 2),
            "target_bearing": round(towards, 1),
            "agrees": _fits(d, km, towards),
        }
    return out


def _uncertainty_m(d: Distance, anchor: Place, lat: float, lon: float) -> float:
    """How far from the estimated position the target may be and still lie in the drawn sector: the
    farthest corner of the sector (its distance band, 22.5 degrees either side of the bearing)."""
    inner, outer = distance_band(d.min_meters or 0.0, d.meters, d.qualifier)
    bearing = BEARINGS[d.direction]
    corners = [(r, bearing + side) for r in (inner, outer) for side in (-SECTOR_HALF_WIDTH, SECTOR_HALF_WIDTH)]
    lons, lats, _ = WGS84.fwd([anchor.lon] * 4, [anchor.lat] * 4, [b for _, b in corners], [r for r, _ in corners])
    _, _, metres = WGS84.inv([lon] * 4, [lat] * 4, lons, lats)
    return max(metres)


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
        if not d.direction or anchor is None or target is None or target.id in moved or d.meters is None or d.extent:
            continue
        if target.kind not in TARGET_KINDS or target.id == anchor.id:
            continue
        if _fits(d, *_distance_and_bearing(anchor, target.lat, target.lon)):
            continue
        namesakes = [
            e
            for form in target.forms
            for e in gz.lookup(form)
            if e.kind in TARGET_KINDS and e.id != target.id and e.id not in by_id
        ]
        fitting = [e for e in namesakes if _fits(d, *_distance_and_bearing(anchor, e.lat, e.lon))]
        if not fitting:
            continue  # the text and the gazetteer disagree; relation_of reports it, nothing is changed
        best = min(fitting, key=lambda e: _misfit(d, anchor, e.lat, e.lon))
        moved[target.id] = replace(
            target,
            **entry_fields(best),
            # the earlier evidence spoke for the namesake that was dropped
            evidence=(f"fits '{d.text} {d.direction} of {anchor.name}' (the text's relation)",),
        )
    return [moved.get(p.id, p) for p in places]


# "between Klishchiivka and Kurdiumivka"; "near", "outside", "on the (northern) outskirts of", "toward",
# "along" or "across" a place.
BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)
AND = re.compile(r"^\s+and\s+(?:the\s+)?$", re.IGNORECASE)
NEAR = re.compile(
    r"\b(near|outside|toward|towards|along|across"
    r"|(?:(?:on|in)\s+)?the\s+(?:(?P<side>(?:north|south)?(?:east|west)?(?:ern)?)\s+)?outskirts\s+of"
    r"|(?:on\s+the\s+)?(?P<bank>left|right|east(?:ern)?|west(?:ern)?)\s+bank\s+of)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
SIDES = {"northern": "N", "southern": "S", "eastern": "E", "western": "W", "northeastern": "NE",
         "northwestern": "NW", "southeastern": "SE", "southwestern": "SW"}  # fmt: skip
CORRIDOR_MIN_HALF_WIDTH_M = 1_000.0


@dataclass(frozen=True)
class Phrase:
    """A relative position the text states without a distance: its span, kind and the places it names."""

    start: int
    end: int
    text: str
    kind: str  # between, near, outside, toward, along, across, outskirts, bank
    places: tuple[str, ...]  # place ids, in the order of the text
    side: str = ""  # "northwestern outskirts" -> NW; "left bank" -> left


def find_phrases(text: str, places: list[Place]) -> list[Phrase]:
    """ "between X and Y"; "near / outside / on the (northwestern) outskirts of / toward / along / across X";
    "on the left bank of X"."""
    refs = sorted(((m.start, m.end, p) for p in places for m in p.mentions), key=lambda t: t[0])
    out = []
    for i, (start, end, place) in enumerate(refs):
        before = text[max(0, start - 60) : start]
        near = NEAR.search(before)
        if near:
            word = near.group(1).lower()
            kind = "outskirts" if "outskirts" in word else "bank" if "bank" in word else word
            kind = "toward" if kind.startswith("toward") else kind
            side = SIDES.get((near.group("side") or "").lower(), "") or (near.group("bank") or "").lower()
            at = start - len(before) + near.start()
            out.append(Phrase(at, end, text[at:end], kind, (place.id,), side))
        between = BETWEEN.search(before)
        if between and i + 1 < len(refs):
            nxt_start, nxt_end, nxt = refs[i + 1]
            if AND.match(text[end:nxt_start]) and nxt.id != place.id:
                at = start - len(before) + between.start()
                out.append(Phrase(at, nxt_end, text[at:nxt_end], "between", (place.id, nxt.id)))
    return out


def corridor(a: Place, b: Place):
    """The strip between two places: their geodesic, widened by a fifth of its length (at least 1 km a side).

    >>> import geomap
    >>> article = geomap.parse("Fighting raged between Klishchiivka and Kurdiumivka.")
    >>> strip = corridor(article.place("Klishchiivka"), article.place("Kurdiumivka"))
    >>> strip.is_valid, strip.geom_type
    (True, 'Polygon')
    """
    from shapely.geometry import Polygon

    at_a, back, metres = WGS84.inv(a.lon, a.lat, b.lon, b.lat)
    at_b = back + 180.0  # the line's own azimuth where it reaches b
    half = max(CORRIDOR_MIN_HALF_WIDTH_M, metres / 10.0)
    corners = [
        WGS84.fwd(a.lon, a.lat, at_a - 90, half)[:2],
        WGS84.fwd(b.lon, b.lat, at_b - 90, half)[:2],
        WGS84.fwd(b.lon, b.lat, at_b + 90, half)[:2],
        WGS84.fwd(a.lon, a.lat, at_a + 90, half)[:2],
    ]
    return Polygon(corners)
