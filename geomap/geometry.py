"""Shapes on the ellipsoid: geodesic discs and rings around a point, right at any latitude.

Circles are traced with pyproj's geodesic forward problem on WGS 84, unwrapped in longitude, closed
over a pole when they contain one, then cut at the antimeridian into pieces (RFC 7946 section 3.1.9).

>>> disc = geodesic_disc(48.59, 38.0, 2000)
>>> disc.is_valid, round(disc.bounds[1], 3)
(True, 48.572)
>>> geodesic_disc(10.0, 179.99, 50_000).geom_type
'MultiPolygon'
"""

from __future__ import annotations

import functools
import math

import shapely
import shapely.affinity
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

WGS84 = Geod(ellps="WGS84")
VERTICES = 128
# The farthest any point is from another: no shape reaches beyond (half the equator).
MAX_RADIUS_M = 20_037_508.0
# A compass point names a direction to within half the angle between two of the sixteen points, and then
# some: a sector is 45 degrees wide, centred on the bearing.
SECTOR_HALF_WIDTH = 22.5


def _circle_ring(lat: float, lon: float, radius_m: float) -> list[tuple[float, float]]:
    """The circle as (lon, lat) points, longitudes unwrapped; closed over a pole when it holds one."""
    azimuths = [360.0 * i / VERTICES for i in range(VERTICES)]
    lons, lats, _ = WGS84.fwd([lon] * VERTICES, [lat] * VERTICES, azimuths, [radius_m] * VERTICES)
    points = []
    prev = None
    for x, y in zip(lons, lats, strict=True):
        if prev is not None:
            while x - prev > 180:
                x -= 360
            while x - prev < -180:
                x += 360
        points.append((x, y))
        prev = x
    wrap = (points[-1][0] - points[0][0]) + (points[1][0] - points[0][0])
    if abs(wrap) > 180:
        # the circle holds a pole: go on to the first point shifted by 360 degrees, then close over the pole
        x0, y0 = points[0]
        shifted = x0 + math.copysign(360.0, wrap)
        pole = 90.0 if lat > 0 else -90.0
        points += [(shifted, y0), (shifted, pole), (x0, pole)]
    return points


def _split_antimeridian(poly: Polygon) -> Polygon | MultiPolygon:
    """Cut a polygon in unwrapped longitudes into pieces inside [-180, 180]."""
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        window = box(-180 - shift, -90, 180 - shift, 90)
        part = poly.intersection(window)
        if not part.is_empty:
            pieces.append(shapely.affinity.translate(part, xoff=shift))
    return polygonal(unary_union(pieces))


def polygonal(geom) -> Polygon | MultiPolygon:
    """The areal part of ``geom``, valid and wound as RFC 7946 asks (exteriors counter-clockwise, holes clockwise).

    >>> polygonal(box(0, 0, 1, 1).union(box(5, 5, 6, 6))).geom_type
    'MultiPolygon'
    """
    geom = shapely.make_valid(geom)
    polys = [
        orient(g, 1.0)
        for part in getattr(geom, "geoms", [geom])
        for g in getattr(part, "geoms", [part])
        if isinstance(g, Polygon) and not g.is_empty and g.area > 0
    ]
    if not polys:
        raise ValueError("the shape has no area")
    return MultiPolygon(polys) if len(polys) > 1 else polys[0]


def _disc_unwrapped(lat: float, lon: float, radius_m: float) -> Polygon:
    ring = _circle_ring(lat, lon, radius_m)
    return shapely.make_valid(Polygon(ring)).buffer(0)


def geodesic_disc(lat: float, lon: float, radius_m: float) -> Polygon | MultiPolygon:
    """All points within ``radius_m`` metres of (lat, lon), as a GeoJSON-ready (lon, lat) geometry.

    A disc reaching more than half way to the antipode is drawn as the world minus the disc around the antipode
    that it leaves out: traced directly, its rim would fold over itself near the antipode.
    """
    if not (radius_m > 0 and math.isfinite(radius_m)):
        raise ValueError(f"radius must be a positive number of metres, not {radius_m!r}")
    alat, alon = -lat, lon - 180.0 if lon > 0 else lon + 180.0
    _, _, to_antipode = WGS84.inv(lon, lat, alon, alat)
    if radius_m <= to_antipode / 2:
        return _split_antimeridian(_disc_unwrapped(lat, lon, radius_m))
    # what is left out is then less than half way, so it is traced directly (the antipode's antipode is here)
    world = box(-180.0, -90.0, 180.0, 90.0)
    left_out = to_antipode - radius_m
    if left_out <= 1.0:
        return orient(world, 1.0)
    return polygonal(world.difference(geodesic_disc(alat, alon, left_out)))


def geodesic_ring(lat: float, lon: float, inner_m: float, outer_m: float) -> Polygon | MultiPolygon:
    """Points between ``inner_m`` and ``outer_m`` metres of (lat, lon) (an annulus); a disc when inner is 0."""
    if inner_m <= 0:
        return geodesic_disc(lat, lon, outer_m)
    if not outer_m > inner_m:
        raise ValueError("outer radius must exceed inner radius")
    return polygonal(geodesic_disc(lat, lon, outer_m).difference(geodesic_disc(lat, lon, inner_m)))


def geodesic_sector(
    lat: float, lon: float, inner_m: float, outer_m: float, bearing: float, half_width: float = SECTOR_HALF_WIDTH
) -> Polygon | MultiPolygon:
    """The wedge of points between ``inner_m`` and ``outer_m`` metres from (lat, lon) whose bearing from it
    is within ``half_width`` degrees of ``bearing``: where "13 km south of Bakhmut" puts a place.

    >>> wedge = geodesic_sector(48.59, 38.0, 11_700, 14_300, 180.0)
    >>> wedge.is_valid, wedge.contains(shapely.Point(38.0, 48.47)), wedge.contains(shapely.Point(38.0, 48.71))
    (True, True, False)
    """
    if not (0 <= inner_m < outer_m and math.isfinite(outer_m)):
        raise ValueError(f"a sector needs 0 <= inner < outer, not {inner_m!r}, {outer_m!r}")
    steps = 32
    azimuths = [bearing - half_width + 2 * half_width * i / steps for i in range(steps + 1)]
    outer_lons, outer_lats, _ = WGS84.fwd(
        [lon] * len(azimuths), [lat] * len(azimuths), azimuths, [outer_m] * len(azimuths)
    )
    points = list(zip(outer_lons, outer_lats, strict=True))
    if inner_m > 0:
        inner_lons, inner_lats, _ = WGS84.fwd(
            [lon] * len(azimuths), [lat] * len(azimuths), azimuths, [inner_m] * len(azimuths)
        )
        points += list(zip(inner_lons, inner_lats, strict=True))[::-1]
    else:
        points.append((lon, lat))
    unwrapped = [(x - 360.0 * round((x - lon) / 360.0), y) for x, y in points]  # longitudes near the anchor's
    return _split_antimeridian(shapely.make_valid(Polygon(unwrapped)).buffer(0))


@functools.lru_cache(maxsize=512)
def shape_for(
    lat: float, lon: float, lo_m: float, hi_m: float, qualifier: str, bearing: float | None = None
) -> tuple[str, Polygon | MultiPolygon]:
    """The drawing a stated distance asks for, and its name.

    "up to / less than / nearly" -> a filled disc; "about" -> a band of +-10 % around the circle;
    "more than" -> the ring from the distance out to half as far again; a range -> its annulus;
    an exact figure -> a narrow band of +-3 %. With a compass ``bearing`` ("13 km south of"), the same
    distances as a 45-degree sector of that band, centred on the bearing.
    """
    inner, outer = distance_band(lo_m, hi_m, qualifier)
    if bearing is not None:
        return "sector", geodesic_sector(lat, lon, inner, outer, bearing)
    if inner == 0:
        return "disc", geodesic_disc(lat, lon, outer)
    if outer <= inner:
        raise ValueError("no distance on Earth is that far")  # "more than 20,037 km"
    name = "annulus" if lo_m < hi_m else "ring beyond" if qualifier == "more than" else "band"
    return name, geodesic_ring(lat, lon, inner, outer)


def distance_band(lo_m: float, hi_m: float, qualifier: str) -> tuple[float, float]:
    """Inner and outer radius of the distances a stated one allows (as :func:`shape_for` draws them).

    >>> [round(r) for r in distance_band(13_000, 13_000, "about")], distance_band(0, 2_000, "up to")
    ([11700, 14300], (0.0, 2000))
    """
    if qualifier in ("up to", "less than", "nearly"):
        return 0.0, hi_m
    if lo_m < hi_m:
        return lo_m, hi_m
    if qualifier == "more than":
        return hi_m, min(hi_m * 1.5, MAX_RADIUS_M)
    spread = 0.10 if qualifier == "about" else 0.03
    return hi_m * (1 - spread), min(hi_m * (1 + spread), MAX_RADIUS_M)
