import math

import pytest
from pyproj import Geod
from shapely.geometry import Point

from geomap.geometry import geodesic_disc, geodesic_ring, shape_for

GEOD = Geod(ellps="WGS84")


@pytest.mark.parametrize(
    ("lat", "lon", "radius"),
    [
        (48.59, 38.0, 2000),
        (0, 0, 5e6),
        (89.9, 10, 1e5),
        (-89, 50, 5e5),
        (10, 179.99, 5e4),
        (60, -179.5, 2e5),
        (0, 0, 1),
    ],
)
def test_discs_are_valid_everywhere(lat, lon, radius):
    disc = geodesic_disc(lat, lon, radius)
    assert disc.is_valid and not disc.is_empty
    minx, miny, maxx, maxy = disc.bounds
    assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def test_disc_radius_matches_geodesic_reference():
    lat, lon, r = 48.59, 38.0, 13_000
    disc = geodesic_disc(lat, lon, r)
    for x, y in list(disc.exterior.coords)[::16]:
        _, _, dist = GEOD.inv(lon, lat, x, y)
        assert dist == pytest.approx(r, rel=0.005)


def test_antimeridian_split_and_pole_cover():
    assert geodesic_disc(10.0, 179.99, 50_000).geom_type == "MultiPolygon"
    assert geodesic_disc(89.9, 0, 100_000).contains(Point(0, 89.99))


def test_ring_has_a_hole():
    ring = geodesic_ring(48.59, 38.0, 2000, 3000)
    assert not ring.contains(Point(38.0, 48.59))
    assert math.isclose(
        ring.area, geodesic_disc(48.59, 38.0, 3000).area - geodesic_disc(48.59, 38.0, 2000).area, rel_tol=0.01
    )


def test_shapes_per_qualifier():
    assert shape_for(48.6, 38.0, 0, 2000, "up to")[0] == "disc"
    assert shape_for(48.6, 38.0, 4828, 4828, "about")[0] == "band"
    assert shape_for(48.6, 38.0, 20000, 25000, "about")[0] == "annulus"
    assert shape_for(48.6, 38.0, 6e5, 6e5, "more than")[0] == "ring beyond"


def test_bad_radius_is_refused():
    with pytest.raises(ValueError):
        geodesic_disc(0, 0, float("nan"))
