"""Borders: "8 km from the border", "within 30 km of the Russian border", "the border with Belarus".

A distance measured from a border belongs to a line, not a point: it is drawn as the band along the
border between two countries, on the anchor's side. Which border: the countries the text names (an
adjective, "the border with X", "the Russia-Ukraine border"), completed by the anchor's country and,
where the text names only one or none, a neighbour its sentence names ("Israeli troops ... within 1 km of
the border"), else the neighbour whose border runs nearest the anchor. A distance "into" a country or
region ("10 km into Russia", "35 km deep into the Kursk region") is measured from the border it crossed
(see :func:`border_crossed`); around a region, the band is drawn inside that region.

>>> import geomap
>>> article = geomap.parse("Ukrainian troops entered Sudzha, about 8 km from the border.")
>>> [(d.anchor, d.border) for d in article.distances]
[('Sudzha', ('RU', 'UA'))]
>>> band = border_band(("RU", "UA"), 8_000)
>>> band.is_valid, round(band.bounds[1]), round(band.bounds[3])
(True, 45, 52)
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import replace

import shapely
from pyproj import CRS, Transformer
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from geomap.anchors import AFTER_DISTANCE
from geomap.demonyms import country_of
from geomap.distances import Distance
from geomap.gazetteer import Gazetteer, haversine_km
from geomap.geometry import distance_band
from geomap.places import Place, entry_fields
from geomap.relations import DISTANCE_SLACK, TARGET_KINDS, namesakes

# After a distance: "from the border", "of the Russian border", "from the Russia-Ukraine border",
# "from the border with Belarus", "north of the state border", "inside the Russian border", "across the border",
# "a 10-km buffer zone along the border"; "north of the Blue Line", the UN's line between Lebanon and Israel, which
# follows their border.
BORDER_AFTER = re.compile(
    AFTER_DISTANCE + r"(?:(?:buffer|security|demilitari[sz]ed|exclusion|sanitary)\s+)?(?:zone|strip|belt)?\s*"
    r"(?P<prep>from|of|off|inside|beyond|across|past|behind|along)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west)(?:ern)?\s+)?"
    r"(?:(?P<first>[A-Z][a-z]+)(?:\s?[-–]\s?(?P<second>[A-Z][a-z]+))?\s+)?(?:(?:state|region|oblast|province)\s+)?"
    r"(?:border|frontier|(?P<blue>Blue\s+Line))\b(?:\s+with\s+(?:the\s+)?(?P<with>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?))?",
)
# The same in Ukrainian and Russian reports: "за 5 км від кордону", "в 6 км от украинской границы", "за 10 км від
# державного кордону з Росією"
CYRILLIC_BORDER_AFTER = re.compile(
    r"[\s,]*(?:від|од|от)\s+(?:(?P<adjective>[а-яіїєґё]+)\s+)?(?:державного\s+|государственной\s+)?"
    r"(?:кордону|границы|границі)(?:\s+(?:з|с)\s+(?P<with>[А-ЯІЇЄҐЁ][а-яіїєґё'’]+))?",
    re.IGNORECASE,
)
# Stems of the Ukrainian and Russian adjectives and names of the countries at Ukraine's borders
CYRILLIC_COUNTRY_STEMS = {
    "україн": "UA", "украин": "UA", "росі": "RU", "россі": "RU", "росси": "RU", "білорус": "BY", "белорус": "BY",
    "польськ": "PL", "польщ": "PL", "польш": "PL", "молдов": "MD", "молдав": "MD", "румун": "RO", "угорщ": "HU",
    "угорськ": "HU", "венгр": "HU", "словаччин": "SK", "словацьк": "SK", "словак": "SK",
}  # fmt: skip
# After a distance: "into Russia", "deep into the Kursk region", "inside Belarus": how far past a border.
INTO_AFTER = re.compile(AFTER_DISTANCE + r"(?:(?:deep|further)\s+)?(?:into|inside)\s")
# Where the text says which country a distance "into" another is measured from: "Ukrainian forces", "from Ukraine"
CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+")
# How far back from such a distance its sentence is read for that country.
ACTOR_WINDOW = 300
# ... but not past the sentence's start
SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")
# Simplified country outlines do not share their edges exactly: a border is where one country's
# boundary runs within this many degrees of the other country.
BORDER_TOLERANCE_DEG = 0.05
# How much farther from a border than the text says a town's point may lie and still be the town meant: the
# point is its centre, and the border is drawn from outlines simplified to about a kilometre.
BORDER_SLACK_KM = 10.0


def with_borders(text: str, distances: list[Distance], places: list[Place]) -> list[Distance]:
    """``distances`` with ``border`` set where the text measures one from a border."""
    by_id = {p.id: p for p in places}
    out = []
    for d in distances:
        anchor = by_id.get(d.anchor_id)
        named = border_named(text, d.end, places, anchor, guessed=d.anchor_rule == "focus")
        codes = named or border_crossed(text, d, places, anchor)
        if codes:
            d = replace(d, border=codes)
        elif anchor is not None and _of_its_border(text, d.end, anchor):
            # "Mezhova, about 10 km from the Donetsk border": measured from a region's outline, which is no
            # state border to draw a band along; no mark beats a ring around the region's point
            d = replace(d, anchor="", anchor_id="", anchor_rule="")
        out.append(d)
    return out


def _of_its_border(text: str, end: int, anchor: Place) -> bool:
    """Whether the distance ending at ``end`` is measured from the border of ``anchor``, a region named before
    the word: "10 km from the Donetsk border"."""
    m = BORDER_AFTER.match(text[end : end + 120])
    return anchor.kind == "region" and m is not None and m.group("first") in (anchor.name, *anchor.forms)


def choose_by_borders(text: str, places: list[Place], distances: list[Distance], gz: Gazetteer) -> list[Place]:
    """Places with the anchor of a distance from a border moved to the namesake that lies that far from that
    border, where the chosen one lies far from it and another does not: "Volchansk, 5 km from the border with
    Russia" is Vovchansk in Ukraine, not the Volchansk in the Urals, 660 km from Russia's nearest border.
    A guessed anchor (the article's focus) is no place the text put by the border, and moves nothing.

    >>> import geomap
    >>> article = geomap.parse("Russian troops shelled Volchansk, 5 km from the border with Russia.")
    >>> [(p.name, p.country) for p in article.places if p.kind == "town"]
    [('Vovchansk', 'UA')]
    """
    by_id = {p.id: p for p in places}
    moved: dict[str, Place] = {}
    for d in distances:
        anchor = by_id.get(d.anchor_id)
        if anchor is None or anchor.id in moved or anchor.kind not in TARGET_KINDS or d.anchor_rule == "focus":
            continue
        if d.meters is None or d.vague or d.extent or _border_misfit(text, d, places, anchor) in (None, 0.0):
            continue
        others = namesakes(gz, anchor, by_id, also=[a.id for a in anchor.alternatives])  # the candidates that lost
        fitting = [e for e in others if _border_misfit(text, d, places, replace(anchor, **entry_fields(e))) == 0.0]
        if fitting:
            best = max(fitting, key=lambda e: e.population)
            why = f"fits '{d.text} from the border' (the text's distance; {anchor.name}, {anchor.country} does not)"
            moved[anchor.id] = replace(anchor, **entry_fields(best), evidence=(why,))
    return [moved.get(p.id, p) for p in places]


def _border_misfit(text: str, d: Distance, places: list[Place], anchor: Place) -> float | None:
    """How many km farther from (or nearer to) the border the text measures ``d`` from ``anchor`` lies than the
    text allows, with its slack; 0.0 where it fits, None where the text names no border one can draw."""
    codes = border_named(text, d.end, places, anchor)
    line = border_line(*codes) if codes else None
    if line is None:
        return None
    near, _ = nearest_points(line, Point(anchor.lon, anchor.lat))
    km = haversine_km(anchor.lat, anchor.lon, near.y, near.x)
    inner, outer = distance_band(d.min_meters or 0.0, d.meters, d.qualifier)
    low = inner / 1000 * (1 - DISTANCE_SLACK) - BORDER_SLACK_KM
    high = outer / 1000 * (1 + DISTANCE_SLACK) + BORDER_SLACK_KM
    return max(low - km, km - high, 0.0)


def border_crossed(text: str, d: Distance, places: list[Place], anchor: Place | None) -> tuple[str, ...]:
    """The border a distance "into" a country or region is measured from ("Ukrainian forces pushed 10 km into
    Russia", "35 km deep into the Kursk region"), the area's side first; () for any other distance.

    The other side is the country the text says the move came from: one it names by adjective or by name
    before the distance ("Ukrainian forces"), else the article's other countries, else, for a region, the
    country across its nearest border; a region must lie on that border ("3 km inside the Kherson region"
    crossed none). A country's representative point says nothing of which border.

    >>> import geomap
    >>> article = geomap.parse("Ukrainian forces advanced up to 35 km into the Kursk region.")
    >>> [(d.anchor, d.border) for d in article.distances]
    [('Kursk', ('RU', 'UA'))]
    """
    if anchor is None or anchor.kind not in ("country", "region") or not INTO_AFTER.match(text[d.end : d.end + 60]):
        return ()
    if d.anchor_rule != "of-phrase":
        return ()  # "less than a mile inside its territory": the area entered is not the one the rules fell back on
    home = anchor.country
    named = [country_of(m.group()) for m in CAPITALISED_WORD.finditer(text, max(0, d.start - ACTOR_WINDOW), d.start)]
    article = [p.country for p in sorted(places, key=lambda p: -len(p.mentions)) if p.kind == "country"]
    for code in dict.fromkeys([*reversed([c for c in named if c]), *article]):
        if _on_the_border(anchor, code):
            return home, code
    # the nearest neighbour last, and only if need be: finding it takes milliseconds
    if anchor.kind == "region" and (code := _nearest_neighbour(home, anchor)) and _on_the_border(anchor, code):
        return home, code
    return ()


def _on_the_border(area: Place, code: str) -> bool:
    """Whether ``area`` (a country, or a region of one) lies on its country's border with ``code``: a region is
    entered across a border it lies on ("3 km inside the Kherson region" crossed none)."""
    line = border_line(area.country, code) if code != area.country else None
    return line is not None and (area.geometry is None or area.geometry.distance(line) <= BORDER_TOLERANCE_DEG)


def border_named(
    text: str, end: int, places: list[Place], anchor: Place | None, guessed: bool = False
) -> tuple[str, ...]:
    """The two countries of the border a distance ending at ``end`` is measured from, the anchor's side
    first; () when the text after the distance names no border or no border can be made of it. A ``guessed``
    anchor (the article's focus, not a place its sentence names) does not choose the side of a border named
    by its own country."""
    m = BORDER_AFTER.match(text[end : end + 120])
    if m is None:
        return _cyrillic_border(text, end, places, anchor)
    words = [w for w in (m.group("first"), m.group("second"), m.group("with")) if w]
    if m.group("blue"):
        # the UN's Blue Line is Lebanon's border with Israel, whichever country the anchor lies nearest: "a launch
        # site less than 5 km north of the Blue Line" in the Bekaa had made its border with Syria
        home = anchor.country if anchor is not None and anchor.country in ("LB", "IL") else "LB"
        return _border_of(home, ["IL" if home == "LB" else "LB"], anchor)
    found = [_country(w, places) for w in words]
    if None in found:
        return ()  # "from the Kharkiv border": a word that names no country, so no state border to draw
    home = anchor.country if anchor is not None else ""
    if not words and home:
        found = _neighbour_of_the_sentence(text, end, places, home)
    if m.group("prep") == "inside" and found:
        home = found[0]  # "25 km inside the Russian border": on the side it names, wherever the anchor is
    elif guessed and found == [home] and anchor is not None and m.group("first"):
        # "Moldova said a drone crashed near Etulia, 3 miles from the Ukrainian border", in a story about Odesa:
        # outside Ukraine, on the side of a neighbour the text names, else the one whose border runs nearest
        named = [p.country for p in _countries_named_before(places, end) if p.country != home]
        home = next((c for c in named if border_line(c, found[0]) is not None), None) or (
            _nearest_neighbour(found[0], anchor) or ""
        )
    return _border_of(home, found, anchor)


def _neighbour_of_the_sentence(text: str, end: int, places: list[Place], home: str) -> list[str]:
    """For a bare "the border": the country its sentence names before ``end``, by name or adjective, nearest
    first, that borders ``home``; [] if none. "Israeli troops remain at five positions inside Lebanon, within
    about 1 km of the border" is Lebanon's border with Israel, though Beirut lies nearer Syria's."""
    start = max(0, end - ACTOR_WINDOW)
    start = max((m.end() for m in SENTENCE_END.finditer(text, start, end)), default=start)
    # a country the article names, where its name starts; else an adjective ("Israeli")
    named = {m.start: p.country for p in places if p.kind == "country" for m in p.mentions if start <= m.start < end}
    codes = [named.get(w.start()) or country_of(w.group()) for w in CAPITALISED_WORD.finditer(text, start, end)]
    near_first = [code for code in reversed(codes) if code and code != home]
    return next(([code] for code in near_first if border_line(home, code) is not None), [])


def _countries_named_before(places: list[Place], end: int) -> list[Place]:
    """The article's countries, the one named last before ``end`` first ("Moldova said a drone crashed near
    Etulia, 3 miles from the Ukrainian border", after a paragraph about Russia)."""
    last = {p.id: max((m.start for m in p.mentions if m.start < end), default=-1) for p in places}
    return sorted((p for p in places if p.kind == "country"), key=lambda p: -last[p.id])


def _border_of(home: str, named: list[str], anchor: Place | None) -> tuple[str, ...]:
    """The border between ``home`` (the side a band is drawn on) and the country ``named``, or, with none
    named, the neighbour whose border runs nearest the anchor; () when these make no border."""
    codes = [c for c in dict.fromkeys((home, *named)) if c]
    if len(codes) == 1 and anchor is not None and (neighbour := _nearest_neighbour(codes[0], anchor)):
        codes.append(neighbour)
    if len(codes) != 2 or border_line(codes[0], codes[1]) is None:
        return ()
    return codes[0], codes[1]


def _cyrillic_border(text: str, end: int, places: list[Place], anchor: Place | None) -> tuple[str, ...]:
    """:func:`border_named` for Ukrainian and Russian: "за 6 км від українського кордону" (the anchor's side
    first, the other the country named, else the neighbour whose border runs nearest)."""
    m = CYRILLIC_BORDER_AFTER.match(text, end)
    if m is None or anchor is None:
        return ()
    words = [w.lower() for w in (m.group("adjective"), m.group("with")) if w]
    named = [next((cc for stem, cc in CYRILLIC_COUNTRY_STEMS.items() if w.startswith(stem)), None) for w in words]
    if None in named:
        return ()  # "від адміністративного кордону": no state border
    return _border_of(anchor.country, named, anchor)


def _country(word: str, places: list[Place]) -> str | None:
    """The ISO code a word names: a country adjective ("Russian") or a country the article names."""
    by_adjective = country_of(word)
    if by_adjective:
        return by_adjective
    for p in places:
        if p.kind == "country" and word in (p.name, *p.forms):
            return p.country
    found = [e for e in Gazetteer.default().lookup(word) if e.kind == "country"]
    return found[0].country if found else None


def _country_area(code: str) -> BaseGeometry | None:
    gz = Gazetteer.default()
    entry = gz.country(code)
    return gz.area(entry.id) if entry else None


@functools.lru_cache(maxsize=64)
def border_line(a: str, b: str) -> BaseGeometry | None:
    """The border between countries ``a`` and ``b`` (ISO codes) as lines in lon/lat, or None if they do
    not touch."""
    area_a, area_b = _country_area(a), _country_area(b)
    if area_a is None or area_b is None:
        return None
    # only where the two outlines' boxes overlap: Russia's whole coastline need not be buffered for Ukraine
    aw, as_, ae, an = area_a.bounds
    bw, bs, be, bn = area_b.bounds
    t = BORDER_TOLERANCE_DEG
    window = (max(aw, bw) - t, max(as_, bs) - t, min(ae, be) + t, min(an, bn) + t)
    if window[0] > window[2] or window[1] > window[3]:
        return None
    near_b = shapely.clip_by_rect(area_b, *window).buffer(t)
    line = shapely.clip_by_rect(area_a.boundary, *window).intersection(near_b)
    return None if line.is_empty or line.length < t else line


def _nearest_neighbour(code: str, anchor: Place) -> str | None:
    """The country across the nearest border from the anchor."""
    gz = Gazetteer.default()
    here = Point(anchor.lon, anchor.lat)
    span = 5.0  # degrees around the anchor to look for neighbours; a border farther off is no "the border"
    nearby = gz.areas_within(anchor.lon - span, anchor.lat - span, anchor.lon + span, anchor.lat + span)
    ranked = []
    for ident, geom in nearby.items():
        # a country's own area, not a region's, nor a union's (the Soviet Union is of kind country too)
        country = gz.country(gz.get(ident).country)
        if country is not None and country.id == ident and country.country != code:
            ranked.append((geom.distance(here), country.country))
    return next((cc for _, cc in sorted(ranked) if border_line(code, cc) is not None), None)


@functools.lru_cache(maxsize=128)
def border_band(codes: tuple[str, str], meters: float) -> BaseGeometry:
    """The land within ``meters`` of the border of ``codes``, on the first country's side.

    The border is cut into pieces of at most ``BAND_CELL_DEG`` degrees, and each is buffered in an azimuthal
    equidistant projection centred on its own cell, where distances are true to well under 1 %: one
    projection for the whole US-Canada border would be out by tens of percent at its ends.
    """
    line = border_line(*codes)
    if line is None:
        raise ValueError(f"no border between {codes[0]} and {codes[1]}")
    band = band_along(line, meters)
    side = _country_area(codes[0])
    if side is None:
        return band
    return band.intersection(shapely.make_valid(shapely.clip_by_rect(side, *band.bounds)))


def band_along(line: BaseGeometry, meters: float) -> BaseGeometry:
    """Everything within ``meters`` of a line in lon/lat, true to its width anywhere (see :func:`border_band`)."""
    west, south, east, north = line.bounds
    pieces = []
    for x in _steps(west, east):
        for y in _steps(south, north):
            piece = shapely.clip_by_rect(line, x, y, x + BAND_CELL_DEG, y + BAND_CELL_DEG)
            if not piece.is_empty:
                pieces.append(_buffer_m(piece, meters, y + BAND_CELL_DEG / 2, x + BAND_CELL_DEG / 2))
    return shapely.union_all(pieces)


# Cells a border is cut into before buffering: small enough that a local projection keeps distances true.
BAND_CELL_DEG = 4.0


def _steps(low: float, high: float) -> list[float]:
    start = BAND_CELL_DEG * math.floor(low / BAND_CELL_DEG)
    return [start + i * BAND_CELL_DEG for i in range(math.ceil((high - start) / BAND_CELL_DEG) or 1)]


@functools.lru_cache(maxsize=256)
def _projection(lat: float, lon: float) -> tuple[Callable, Callable]:
    """The transforms into and out of an azimuthal equidistant projection centred at lat, lon. Cached: the
    centres are those of a 4-degree grid, and making a transformer costs milliseconds (pyproj's
    transformers are thread-safe since 3.1)."""
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    to_local = Transformer.from_crs("EPSG:4326", local, always_xy=True).transform
    return to_local, Transformer.from_crs(local, "EPSG:4326", always_xy=True).transform


def _buffer_m(geom: BaseGeometry, meters: float, lat: float, lon: float) -> BaseGeometry:
    """``geom`` (lon/lat) buffered by ``meters`` in an azimuthal equidistant projection centred at lat, lon."""
    to_local, to_lonlat = _projection(lat, lon)
    flat = shapely.transform(geom, lambda x, y: to_local(x, y), interleaved=False)
    return shapely.transform(flat.buffer(meters, quad_segs=8), lambda x, y: to_lonlat(x, y), interleaved=False)
