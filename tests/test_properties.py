"""Property-based tests (hypothesis): geometry that stays right everywhere, a distance parser that never
breaks, and GeoJSON that RFC 7946 accepts.

Distances are checked against geographiclib (Karney's reference implementation, as shipped with geopy),
independently of the pyproj code that draws the shapes.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path

from geographiclib.geodesic import Geodesic
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, Polygon, shape

import geomap
from geomap.distances import MAX_METERS, MIN_METERS, find_distances
from geomap.geojson import dumps, geojson_geometry
from geomap.geometry import geodesic_disc, geodesic_ring, shape_for

REFERENCE = Geodesic.WGS84
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

lats = st.floats(min_value=-90.0, max_value=90.0, allow_nan=False)
lons = st.floats(min_value=-180.0, max_value=180.0, allow_nan=False)
# 1 m to 5,000 km, spread evenly over the orders of magnitude
radii = st.floats(min_value=0.0, max_value=math.log10(5_000_000.0)).map(lambda e: 10.0**e)
azimuths = st.floats(min_value=0.0, max_value=360.0, allow_nan=False)


def _at(lat: float, lon: float, azimuth: float, metres: float) -> Point:
    """The point ``metres`` from (lat, lon) along ``azimuth``, by the reference implementation."""
    g = REFERENCE.Direct(lat, lon, azimuth, metres)
    return Point(((g["lon2"] + 180.0) % 360.0) - 180.0, g["lat2"])


def _inside(geom, point: Point) -> bool:
    # points on the cut at 180 degrees may be written as -180 or 180: try both
    x, y = point.x, point.y
    return geom.covers(point) or (abs(abs(x) - 180.0) < 1e-9 and geom.covers(Point(-x, y)))


def _not_at_a_pole(lat: float, metres: float) -> bool:
    # within a few metres of a pole every azimuth and longitude meet: containment there is not meaningful
    return 90.0 - abs(lat) > 1e-4


@SETTINGS
@given(lats, lons, radii, azimuths)
def test_disc_is_valid_and_its_edge_is_at_the_stated_distance(lat, lon, radius, azimuth):
    assume(_not_at_a_pole(lat, radius))
    disc = geodesic_disc(lat, lon, radius)
    assert disc.is_valid and not disc.is_empty
    minx, miny, maxx, maxy = disc.bounds
    assert -180.0 <= minx <= maxx <= 180.0 and -90.0 <= miny <= maxy <= 90.0
    # a 128-gon inside the circle: its edge midpoints fall short of the radius by 1 - cos(pi/128) = 0.03 %,
    # so 0.5 % inside must be in and 0.5 % outside must be out
    assert _inside(disc, _at(lat, lon, azimuth, radius * 0.995))
    assert not _inside(disc, _at(lat, lon, azimuth, radius * 1.005))


@SETTINGS
@given(lats, lons, radii)
def test_disc_vertices_match_the_reference_within_half_a_percent(lat, lon, radius):
    assume(_not_at_a_pole(lat, radius))
    disc = geodesic_disc(lat, lon, radius)
    for poly in getattr(disc, "geoms", [disc]):
        for x, y in poly.exterior.coords:
            if abs(abs(x) - 180.0) < 1e-9 or abs(abs(y) - 90.0) < 1e-9:
                continue  # vertices made by the antimeridian cut or the pole cap, not on the circle
            distance = REFERENCE.Inverse(lat, lon, y, x)["s12"]
            assert math.isclose(distance, radius, rel_tol=0.005)


@SETTINGS
@given(lats, lons, radii, st.floats(min_value=1.1, max_value=3.0), azimuths)
def test_ring_holds_its_band_and_not_its_hole(lat, lon, inner, factor, azimuth):
    assume(_not_at_a_pole(lat, inner))
    outer = min(inner * factor, 5_000_000.0)
    assume(outer > inner * 1.05)
    ring = geodesic_ring(lat, lon, inner, outer)
    assert ring.is_valid and not ring.is_empty
    assert _inside(ring, _at(lat, lon, azimuth, (inner + outer) / 2))
    assert not _inside(ring, _at(lat, lon, azimuth, inner * 0.99))
    assert not _inside(ring, _at(lat, lon, azimuth, outer * 1.01))


@SETTINGS
@given(st.floats(min_value=-89.0, max_value=89.0), st.sampled_from([-180.0, -179.999, 179.999, 180.0]), radii)
def test_shapes_across_the_antimeridian_are_split_into_valid_pieces(lat, lon, radius):
    disc = geodesic_disc(lat, lon, radius)
    assert disc.is_valid
    if radius > 1000:  # a disc straddling 180 degrees reaches both edges of the map
        assert disc.bounds[0] == -180.0 and disc.bounds[2] == 180.0
        to_pole = REFERENCE.Inverse(lat, lon, math.copysign(90.0, lat), 0.0)["s12"]
        # in two pieces, one each side; unless it holds a pole, when it is one cap across all longitudes
        assert disc.geom_type == ("Polygon" if to_pole < radius else "MultiPolygon")


@SETTINGS
@given(lats, lons, st.floats(min_value=5_000_000.0, max_value=MAX_METERS), azimuths)
def test_very_large_discs_are_valid_and_hold_their_centre(lat, lon, radius, azimuth):
    assume(_not_at_a_pole(lat, radius))
    disc = geodesic_disc(lat, lon, radius)
    assert disc.is_valid and not disc.is_empty
    assert _inside(disc, Point(lon, lat))


# ---------------------------------------------------------------- the distance parser

units = st.sampled_from(
    [("km", 1000.0), ("kilometers", 1000.0), ("kilometres", 1000.0), ("miles", 1609.344), ("m", 1.0),
     ("meters", 1.0), ("nautical miles", 1852.0)]
)  # fmt: skip


@SETTINGS
@given(st.integers(min_value=1, max_value=20_000), units, st.sampled_from(["", "about ", "up to ", "more than "]))
def test_stated_distances_are_read_exactly(number, unit, qualifier):
    name, factor = unit
    assume(MIN_METERS <= number * factor <= MAX_METERS)  # less is no map distance, see test_distances
    text = f"The shelling was {qualifier}{number:,} {name} from the town."
    found = find_distances(text)
    assert len(found) == 1
    d = found[0]
    assert math.isclose(d.meters, number * factor) and d.text == f"{qualifier}{number:,} {name}"
    assert d.qualifier == {"": "exact", "about ": "about", "up to ": "up to", "more than ": "more than"}[qualifier]


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_parses_without_error_and_every_distance_is_on_earth(text):
    for d in find_distances(text):
        assert 0 <= d.start < d.end <= len(text)
        assert d.vague or (d.meters is not None and MIN_METERS <= d.meters <= MAX_METERS)
        assert d.min_meters is None or d.min_meters <= d.meters


@SETTINGS
@given(st.lists(st.sampled_from(["12", "three", "-", "km", "miles", "about", "up to", " ", "and", "1e9", "0", ",",
                                 "000", "between", ".", "(", ")", "nine"]), max_size=20))  # fmt: skip
def test_fragments_of_distance_phrases_never_break_the_parser(parts):
    text = " ".join(parts)
    for d in find_distances(text):
        assert d.vague or MIN_METERS <= d.meters <= MAX_METERS


# ---------------------------------------------------------------- RFC 7946 output


def _signed_area(ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def _floats(obj) -> list[float]:
    if isinstance(obj, float):
        return [obj]
    values = obj.values() if isinstance(obj, dict) else obj if isinstance(obj, (list, tuple)) else ()
    return [x for v in values for x in _floats(v)]


def assert_rfc7946(fc: dict) -> None:
    """The parts of RFC 7946 a reader can trip on: ranges, closed rings, winding, no NaN, no foreign CRS."""
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert all(math.isfinite(x) for x in _floats(fc))  # the encoder would write NaN as null
    for feature in json.loads(dumps(fc))["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geom = feature["geometry"]
        if geom is None:
            continue
        if geom["type"] == "Point":
            lon, lat = geom["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            continue
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        for polygon in polygons:
            for i, ring in enumerate(polygon):
                assert len(ring) >= 4 and ring[0] == ring[-1]
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
                area = _signed_area(ring)
                assert area > 0 if i == 0 else area < 0  # exterior counter-clockwise, holes clockwise
        assert shape(geom).is_valid


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["Kyiv", "Bakhmut", "Anchorage", "Suva", "Longyearbyen", "McMurdo Station", "Fiji", "Reykjavik"]),
    st.floats(min_value=0.001, max_value=19_000.0),  # below 1 m no shape is drawn
    st.sampled_from(["km", "miles"]),
    st.sampled_from(["about", "up to", "more than", "some", ""]),
)
def test_article_geojson_is_rfc7946_anywhere(place, number, unit, qualifier):
    text = f"Officials said the strike hit {qualifier} {number:.3f} {unit} from {place}, near the coast."
    article = geomap.parse(text)
    assert_rfc7946(article.to_geojson())


def test_seed_geojson_is_rfc7946(seed_article):
    assert_rfc7946(seed_article.to_geojson())


# Sentences of the seed dispatches (the shared seed and this project's own), and the words the rules read
# around names and distances: recombined, they make texts no rule was written for.
SEEDS = [Path(__file__).resolve().parents[1] / "seeds", Path(__file__).resolve().parents[2] / "shared" / "seeds"]
SENTENCES = sorted(
    {s.strip() for f in SEEDS for p in sorted(f.glob("*.txt")) for s in re.split(r"(?<=[.!?])\s+", p.read_text()) if s}
)
GLUE = ["region", "regions", "Oblast", "district", "Krai", "the city", "the capital", "downtown", "in", "of", "near",
        "toward", "captured", "and", ",", "(", ")", "5 km", "about 13 km south of", "from the border", "away",
        "down the coast", "into", "Crimea", "Donetsk", "Kherson", "Dnipro"]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(SENTENCES), st.lists(st.sampled_from(GLUE), max_size=3)), min_size=1,
                max_size=6), st.randoms())  # fmt: skip
def test_any_recombination_of_dispatches_parses_into_rfc7946(parts, rnd):
    pieces = []
    for sentence, glue in parts:
        words = sentence.split()
        for g in glue:  # each glue word at some place in the sentence
            words.insert(rnd.randint(0, len(words)), g)
        pieces.append(" ".join(words))
    assert_rfc7946(geomap.parse(" ".join(pieces), ner=False).to_geojson())


@SETTINGS
@given(lats, lons, st.floats(min_value=1.0, max_value=MAX_METERS), st.sampled_from(["about", "up to", "more than"]))
def test_every_drawn_shape_is_valid_or_refused_cleanly(lat, lon, metres, qualifier):
    try:
        name, geom = shape_for(lat, lon, 0.0, metres, qualifier)
    except ValueError:
        assert qualifier == "more than"  # beyond the farthest point on Earth nothing is left to draw
        return
    assert geom.is_valid and not geom.is_empty and name


# The word before a span, as a pattern says it: a word (a letter, then letters, digits, apostrophes, dots) with
# nothing but punctuation and spaces after it, in the 40 characters before the span.
LAST_WORD_BEFORE = re.compile(r"([^\W\d_][\w’'.]*)\W*$")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="ab Z1_.’'-,(\"é\u00a0Мр", max_size=70), st.data())
def test_the_word_before_a_span_is_the_last_word_of_its_window(text, data):
    from geomap.mentions import _previous_word

    start = data.draw(st.integers(0, len(text)))
    lo = max(0, start - 40)
    m = LAST_WORD_BEFORE.search(text[lo:start])
    assert _previous_word(text, start) == ((m.group(1), lo + m.start(1)) if m else ("", -1))


def test_a_shape_that_rounding_would_break_is_snapped_first():
    # a spike 4e-8 degrees above the bottom edge: rounded to the output's 1e-7 grid, it would touch it
    spike = Polygon([(0, 0), (1e-5, 0), (1e-5, 1e-5), (5e-6, 4e-8), (0, 1e-5)])
    assert spike.is_valid
    feature = {"type": "Feature", "geometry": geojson_geometry(spike), "properties": {}}
    assert_rfc7946({"type": "FeatureCollection", "features": [feature]})
