"""Relations: where the text puts one place relative to another ("Andriivka, about 13 km south of Bakhmut").

A stated distance with a compass direction, an anchor and a target is a relation. It gives the target's
estimated position (and the sector drawn around it), says whether the gazetteer agrees with the text,
and picks among a target's namesakes the one the text describes. Reporters get distances wrong: a
mismatch is reported, never "fixed"; but a village the gazetteer holds only over 100 km from where the text
puts it is another one, and is drawn where the text says. A bare direction after a village ("Hryhorivka (south
of Siversk)") picks among its namesakes too (see :func:`choose_by_directions`).

>>> import geomap
>>> article = geomap.parse("Ukrainian troops took Andriivka, about 13 kilometers south of Bakhmut.")
>>> r = relation_of(article.distances[0], article.place("Bakhmut"), article.place("Andriivka"))
>>> (r["bearing"], r["agrees"], round(r["target_distance_km"]), round(r["target_bearing"]))
(180.0, True, 11, 194)
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from pyproj import Geod

from geomap.directions import find_bare_directions
from geomap.distances import BEARINGS, DIRECTIONS, Distance, compass_word
from geomap.gazetteer import ADMIN1_PREFIX, SETTLEMENT_KINDS, Entry, Gazetteer, haversine_km
from geomap.geometry import SECTOR_HALF_WIDTH, distance_band
from geomap.mentions import own_generic_kind
from geomap.places import Place, entry_fields, site_id

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


def lies_as_said(d: Distance, anchor: Place, target: Place) -> bool:
    """Whether ``target`` lies where the directional distance ``d`` from ``anchor`` puts it, within what
    reporters' rounding allows.

    >>> import geomap
    >>> article = geomap.parse("Ukrainian troops took Andriivka, about 13 kilometers south of Bakhmut.")
    >>> lies_as_said(article.distances[0], article.place("Bakhmut"), article.place("Andriivka"))
    True
    """
    return _fits(d, *_distance_and_bearing(anchor, target.lat, target.lon))


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
        region = _a_region_named_bare(target)
        if (target.kind not in TARGET_KINDS and not region) or target.id == anchor.id:
            continue
        if not region and _fits(d, *_distance_and_bearing(anchor, target.lat, target.lon)):
            continue
        fitting = [e for e in namesakes(gz, target, by_id) if _fits(d, *_distance_and_bearing(anchor, e.lat, e.lon))]
        if not fitting:
            # the text and the gazetteer disagree, and relation_of reports it; but a village the gazetteer holds
            # far off is another one, and the one the text means is where it says; so is a town of another
            # country than the town it is measured from ("New Hope, about 25 miles southeast of Negril" is no New
            # Hope in Minnesota; but an area's point is no place to measure from)
            another = _small(target) or (target.country != anchor.country and anchor.kind in TARGET_KINDS)
            if not region and another and (site := _placed_as_said(d, anchor, target)) is not None:
                moved[target.id] = site
            continue
        best = min(fitting, key=lambda e: _misfit(d, anchor, e.lat, e.lon))
        moved[target.id] = replace(
            target,
            **entry_fields(best),
            # the earlier evidence spoke for the namesake that was dropped
            evidence=(f"fits '{d.text} {d.direction} of {anchor.name}' (the text's relation)",),
        )
    return [moved.get(p.id, p) for p in places]


def _placed_as_said(d: Distance, anchor: Place, target: Place) -> Place | None:
    """The village ``target`` as a site where the directional distance ``d`` from ``anchor`` puts it, if the
    gazetteer's lies more than :data:`ANOTHER_VILLAGE_KM` from there: "the village of Novooleksandrivka, about
    15 km east of Pokrovsk" is none of the Novooleksandrivkas 200 km off, which is all the gazetteer holds."""
    lon, lat = relation_of(d, anchor, None)["estimated_target"]
    km = haversine_km(lat, lon, target.lat, target.lon)
    if km <= stated_slack_km(d):
        return None
    why = (
        f"placed {d.text} {compass_word(d.direction)} of {anchor.name}, as the text says: the gazetteer's "
        f"{target.name} lies {km:.0f} km from there, and it holds none that fits"
    )
    return _another_village(target, anchor, lat, lon, why)


def stated_slack_km(d: Distance) -> float:
    """How far from where a stated distance puts it a place may lie and still be what the distance locates:
    :data:`ANOTHER_VILLAGE_KM`, or more for a long distance, which is itself that uncertain (its compass word
    alone spans 40 km each way at 100 km: "Uri and Kupwara, about 100 km north of Srinagar" lie 75-90 km off to
    the north-west)."""
    return max(ANOTHER_VILLAGE_KM, STATED_DISTANCE_SLACK * d.meters / 1000)


def _another_village(target: Place, anchor: Place, lat: float, lon: float, why: str) -> Place:
    """``target`` as the village the text means, which the gazetteer lacks: a site at (``lat``, ``lon``), by
    ``anchor``, named as the text spells it (the gazetteer's name is another place's), ``why`` its evidence."""
    written = target.mentions[0].text
    return replace(
        target,
        id=site_id(anchor.id, written),
        name=written,
        kind="site",
        country=anchor.country,
        lat=lat,
        lon=lon,
        population=0,
        confidence=min(target.confidence, BESIDE_CONFIDENCE),
        evidence=(why,),
    )


def _a_region_named_bare(place: Place) -> bool:
    """Whether ``place`` is a first-level region the text names only as it would its town: "near Tillaberi, about
    100 km northwest of Niamey" locates the town, not the region, and a relation may move it there."""
    return place.id.startswith(ADMIN1_PREFIX) and all(own_generic_kind(f) != "region" for f in place.forms)


def namesakes(gz: Gazetteer, place: Place, taken: Collection[str], also: Iterable[str] = ()) -> list[Entry]:
    """The other settlements and landmarks a place may be: the entries of the ids ``also``, then those its written
    forms name; none a place of the article already (``taken``, by id). What a relation the text states, or a
    distance from a border, may move it to."""
    found = {i: gz.get(i) for i in also} | {e.id: e for form in place.forms for e in gz.lookup(form)}
    return [e for e in found.values() if e.kind in TARGET_KINDS and e.id != place.id and e.id not in taken]


# How far from the other place a village so placed may lie: "west of Kreminna" in a front-line summary is a
# village of its front, not one 200 km off. Past the second figure, the gazetteer's village is another one.
BARE_DIRECTION_KM = 60.0
ANOTHER_VILLAGE_KM = 100.0
# ... or, past that, farther than this many times the distance the text states
STATED_DISTANCE_SLACK = 1.5
BARE_DIRECTION_SLACK = 67.5  # degrees either side of the stated direction: "south" takes SSW to SSE and more
# The small places a bare direction may move: villages, and towns this small ("Bakhmut (north of Donetsk)", a
# town of 70,000, is 80 km off and right; a Novotroitske 340 km off is another one).
SMALL_TOWN = 20_000
# A village drawn at the place the text puts it beside, the gazetteer holding none there: as sure as a site.
BESIDE_CONFIDENCE = 0.3


def choose_by_directions(text: str, places: list[Place], gz: Gazetteer) -> list[Place]:
    """Villages placed where a bare direction puts them ("Hryhorivka (south of Siversk)", "Terny, west of
    Kreminna", "east of Pokrovsk near Lysivka"): where the chosen one lies far from that place or on another
    side of it, the nearest namesake that does lie there; failing one, and the chosen village lying over 100 km
    off, the village is drawn at that place as a site is (GeoNames cities500 leaves out most villages of under
    500 people: the gazetteer's village of that name is another one).
    Towns of 20,000 people or more are left alone: "Bakhmut (north of Donetsk)" is 80 km off and right.

    >>> import geomap
    >>> article = geomap.parse("Russian forces attacked near Bilohorivka and Hryhorivka (south of Siversk).")
    >>> hryhorivka = article.place("Hryhorivka")
    >>> hryhorivka.kind, hryhorivka.lat == article.place("Siversk").lat, hryhorivka.confidence <= 0.3
    ('site', True, True)
    """
    refs = sorted(((m.start, m.end, p) for p in places for m in p.mentions), key=lambda t: t[0])
    by_id = {p.id: p for p in places}
    moved: dict[str, Place] = {}
    for target, anchor, direction in _bare_directions(text, refs):
        if target.id in moved or not _small(target) or target.id == anchor.id:
            continue
        bearing = BEARINGS[DIRECTIONS[" ".join(direction.lower().split())]]
        if _lies(anchor, target.lat, target.lon, bearing):
            continue
        relation = f"{direction.lower()} of {anchor.name}"
        namesakes = [
            e
            for form in target.forms
            for e in gz.lookup(form)
            if _small(e) and e.id not in by_id and _lies(anchor, e.lat, e.lon, bearing)
        ]
        km = _distance_and_bearing(anchor, target.lat, target.lon)[0]
        if namesakes:
            best = min(namesakes, key=lambda e: _distance_and_bearing(anchor, e.lat, e.lon)[0])
            evidence = f"fits '{relation}' (the text's relation)"
            moved[target.id] = replace(target, **entry_fields(best), evidence=(evidence,))
        elif km > ANOTHER_VILLAGE_KM:
            why = (
                f"drawn at {anchor.name}, as '{relation}' says: the gazetteer's {target.name} lies {km:.0f} km away, "
                "and it holds none nearer"
            )
            moved[target.id] = _another_village(target, anchor, anchor.lat, anchor.lon, why)
    return [moved.get(p.id, p) for p in places]


def _bare_directions(text: str, refs: list[tuple[int, int, Place]]) -> list[tuple[Place, Place, str]]:
    """(village, place, direction) for each bare direction the text writes between two places of the article
    (see :mod:`geomap.directions`)."""
    by_start, by_end = {start: p for start, _, p in refs}, {end: p for _, end, p in refs}
    out = []
    for b in find_bare_directions(text):
        target, anchor = by_end.get(b.name[1]), by_start.get(b.anchor[0])
        if target is not None and anchor is not None:
            out.append((target, anchor, b.direction))
    return out


def _small(place) -> bool:
    """A village, or a town under 20,000 people (a Place or a gazetteer entry)."""
    return place.kind == "village" or (place.kind == "town" and place.population < SMALL_TOWN)


def _lies(anchor: Place, lat: float, lon: float, bearing: float) -> bool:
    """Whether a point lies near ``anchor`` and towards ``bearing`` from it, as a bare direction says."""
    km, towards = _distance_and_bearing(anchor, lat, lon)
    return km <= BARE_DIRECTION_KM and _angle(towards, bearing) <= BARE_DIRECTION_SLACK


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
