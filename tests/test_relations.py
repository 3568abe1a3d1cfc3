"""Relative positions: sectors, the text's relation against the gazetteer, namesakes chosen by relation."""

from __future__ import annotations

import pytest
from pyproj import Geod
from shapely.geometry import Point, shape

import geomap
from geomap.distances import find_distances
from geomap.geometry import geodesic_sector
from geomap.webmap import render_map


def test_a_directional_distance_is_drawn_as_a_sector_holding_the_estimated_target():
    article = geomap.parse("Ukrainian troops took Andriivka, about 13 kilometers south of Bakhmut.")
    feature = next(f for f in article.to_geojson()["features"] if f["properties"]["role"] == "distance")
    props = feature["properties"]
    assert props["shape"] == "sector" and props["direction"] == "S"
    relation = props["relation"]
    assert relation["bearing"] == 180.0 and relation["agrees"] is True
    sector = shape(feature["geometry"])
    assert sector.is_valid and sector.contains(Point(*relation["estimated_target"]))
    andriivka = article.place("Andriivka")
    assert sector.buffer(0.02).contains(Point(andriivka.lon, andriivka.lat))  # the village is in (or at) the wedge
    assert "sector" in render_map(article).get_root().render()


def test_the_estimated_position_carries_its_uncertainty_and_is_drawn():
    from pyproj import Geod

    article = geomap.parse("Ukrainian troops took Andriivka, about 13 kilometers south of Bakhmut.")
    feature = next(f for f in article.to_geojson()["features"] if f["properties"]["role"] == "distance")
    relation = feature["properties"]["relation"]
    # every point of the sector lies within the uncertainty of the estimate
    lon0, lat0 = relation["estimated_target"]
    geod = Geod(ellps="WGS84")
    farthest = max(geod.inv(lon0, lat0, x, y)[2] for x, y in shape(feature["geometry"]).exterior.coords)
    assert farthest <= relation["uncertainty_km"] * 1000 * 1.01
    assert relation["uncertainty_km"] < 13 * 0.6  # but it is no wider than the wedge
    html = render_map(article).get_root().render()
    assert "estimated position of Andriivka" in html and "± 5.5 km" in html


def test_a_mismatch_between_text_and_gazetteer_is_reported_not_fixed():
    article = geomap.parse("Russian forces shelled Verbove, 16 kilometres southeast of Orikhiv, on Monday.")
    relation = next(f for f in article.to_geojson()["features"] if f["properties"]["role"] == "distance")
    relation = relation["properties"]["relation"]
    assert relation["agrees"] is False and relation["target_distance_km"] > 20  # the gazetteer puts it 23 km off
    assert article.place("Verbove") is not None  # kept where the gazetteer has it


def test_a_village_the_gazetteer_holds_only_far_off_is_drawn_where_the_relation_puts_it():
    text = "Russian forces captured the village of Novooleksandrivka, about 15 kilometers east of Pokrovsk."
    article = geomap.parse(text)
    village, pokrovsk = article.place("Novooleksandrivka"), article.place("Pokrovsk")
    assert village.kind == "site" and village.confidence <= 0.3 and "none that fits" in village.evidence[0]
    azimuth, _, metres = Geod(ellps="WGS84").inv(pokrovsk.lon, pokrovsk.lat, village.lon, village.lat)
    assert round(metres / 1000) == 15 and round(azimuth) == 90
    # a mismatch within reach of the text's point stays a mismatch (Verbove, above); and so does a town
    town = geomap.parse("Shelling hit Kupiansk, about 15 kilometers east of Pokrovsk.").place("Kupiansk")
    assert town.kind != "site"


def test_a_town_of_another_country_far_from_where_the_relation_puts_it_is_another_place():
    # the gazetteer's only New Hopes are American; the one 25 miles southeast of Negril is Jamaica's
    text = (
        "KINGSTON, Jamaica - Hurricane Melissa struck Jamaica on Tuesday. The storm made landfall near New Hope, "
        "about 25 miles southeast of Negril, the U.S. National Hurricane Center said."
    )
    article = geomap.parse(text)
    place, negril = article.place("New Hope"), article.place("Negril")
    assert place.kind == "site" and place.country == "JM"
    azimuth, _, metres = Geod(ellps="WGS84").inv(negril.lon, negril.lat, place.lon, place.lat)
    assert round(metres / 1609.344) == 25 and round(azimuth) == 135


def test_a_town_measured_from_an_area_s_point_stays_where_the_gazetteer_has_it():
    # the peninsula's point is no place to measure from: Novorossiysk lies 186 km from "100 km east" of it
    text = (
        "Drones advanced on Russia's Black Sea port of Novorossiysk. The major port city lies on Russia's "
        "southeastern coast, 100 kilometers east of the Crimean peninsula."
    )
    article = geomap.parse(text, ner=False)
    assert article.distances[0].target == "Novorossiysk"
    assert article.place("Novorossiysk").kind == "city"


def test_a_long_distance_leaves_the_gazetteer_s_village_within_its_own_uncertainty():
    # "about 100 km north" puts a point 123 km from Uri, which lies 75 km west-north-west of Srinagar: a
    # compass word alone spans 40 km each way at that range, so Uri stays the gazetteer's
    text = "Shelling damaged homes in Uri, about 100 km north of Srinagar."
    uri = geomap.parse(text).place("Uri")
    assert uri.kind == "village" and uri.country == "IN"


def test_the_relation_picks_the_namesake_the_text_describes():
    # spelled as the Balakliia-area Andriyivka is named, so only the relation can tell them apart
    text = (
        "Officials in Kharkiv, Chuhuiv and Balakliia said that Andriyivka, about 11 km south of Bakhmut, was retaken."
    )
    place = geomap.parse(text).place("Andriivka")
    assert (place.lat, place.lon) == (48.50111, 37.96444)  # Bakhmut raion, not the one near Balakliia
    assert place.evidence == ("fits 'about 11 km S of Bakhmut' (the text's relation)",)


def test_a_region_named_bare_that_a_relation_locates_is_its_town():
    # Tillabéri region outranks the town of 30,000 for the bare name; "100 km northwest of Niamey" is the town
    text = "Niger's army said soldiers repelled an attack near Tillaberi, about 100 km northwest of Niamey."
    place = geomap.parse(text).place("Tillabéri")
    assert (place.kind, place.country, round(place.lat, 2), round(place.lon, 2)) == ("town", "NE", 14.21, 1.45)
    # the region so called stays the region
    text = "Niger's army said soldiers repelled an attack in the Tillaberi region, 100 km northwest of Niamey."
    assert geomap.parse(text).place("Tillabéri").kind == "region"


@pytest.mark.parametrize(
    ("text", "direction"),
    [("10 km north-northeast of Kyiv", "NNE"), ("5 km west southwest of Lviv", "WSW"), ("3 km southeast of X", "SE")],
)
def test_sixteen_compass_points(text, direction):
    assert find_distances(text)[0].direction == direction


@pytest.mark.parametrize(("lat", "lon", "bearing"), [(48.6, 38.0, 0.0), (10.0, 179.9, 90.0), (-45.0, -179.95, 270.0)])
def test_sectors_are_valid_anywhere(lat, lon, bearing):
    wedge = geodesic_sector(lat, lon, 0.0, 50_000.0, bearing)
    assert wedge.is_valid and not wedge.is_empty
    minx, _, maxx, _ = wedge.bounds
    assert -180 <= minx <= maxx <= 180


def test_relative_phrases_are_kept_with_their_places_and_between_is_a_corridor():
    text = (
        "Fighting raged between Klishchiivka and Kurdiumivka, near Bakhmut, and on the southern outskirts of "
        "Avdiivka; troops moved toward Kupiansk along the Oskil River."
    )
    article = geomap.parse(text)
    assert [(ph.kind, ph.text) for ph in article.phrases] == [
        ("between", "between Klishchiivka and Kurdiumivka"),
        ("near", "near Bakhmut"),
        ("outskirts", "on the southern outskirts of Avdiivka"),
        ("toward", "toward Kupiansk"),
        ("along", "along the Oskil River"),
    ]
    relation = next(f for f in article.to_geojson()["features"] if f["properties"]["role"] == "relation")
    strip = shape(relation["geometry"])
    assert relation["properties"]["shape"] == "corridor" and strip.is_valid
    for name in ("Klishchiivka", "Kurdiumivka"):
        p = article.place(name)
        assert strip.buffer(1e-6).contains(Point(p.lon, p.lat))  # the corridor runs from one to the other
    assert "between Klishchiivka and Kurdiumivka: Fighting raged" in render_map(article).get_root().render()


def test_sides_of_outskirts_and_river_banks():
    text = (
        "Troops held the northwestern outskirts of Avdiivka and positions on the left bank of the Dnipro near Kherson."
    )
    assert [(ph.kind, ph.side, ph.text) for ph in geomap.parse(text).phrases] == [
        ("outskirts", "NW", "the northwestern outskirts of Avdiivka"),
        ("bank", "left", "on the left bank of the Dnipro"),
        ("near", "", "near Kherson"),
    ]


def test_a_bare_direction_moves_a_village_to_the_namesake_it_describes():
    article = geomap.parse("Fighting continued near Novoselivka (north of Kramatorsk).", ner=False)
    village, town = article.place("Novoselivka"), article.place("Kramatorsk")
    assert village.lat > town.lat and village.evidence == ("fits 'north of Kramatorsk' (the text's relation)",)


def test_a_village_the_gazetteer_holds_only_far_off_is_drawn_beside_the_place_the_text_names():
    # the gazetteer's one Stepove lies in Mykolaiv oblast, 450 km from Avdiivka
    article = geomap.parse("Attacks near Stepove (north of Avdiivka) failed.", ner=False)
    stepove, avdiivka = article.place("Stepove"), article.place("Avdiivka")
    assert (stepove.kind, stepove.lat, stepove.lon) == ("site", avdiivka.lat, avdiivka.lon)
    assert stepove.confidence <= 0.3 and "north of Avdiyivka" in stepove.evidence[0]
    # towns stay: a bare direction between towns spans more than a front-line village's
    bakhmut = geomap.parse("Russian troops shelled Bakhmut (north of Donetsk).", ner=False).place("Bakhmut")
    assert bakhmut.kind == "town" and round(bakhmut.lat, 1) == 48.6


def test_villages_listed_near_a_place_in_a_direction_lie_that_way_from_it():
    text = "Russian forces attacked east of Pokrovsk near Lysivka; and southeast of Pokrovsk near Novotroitske."
    article = geomap.parse(text, ner=False)
    pokrovsk = article.place("Pokrovsk")
    for name, relation in (("Lysivka", "east of Pokrovsk"), ("Novotroitske", "southeast of Pokrovsk")):
        village = article.place(name)  # the gazetteer's own lie 300 km away, in Poltava and Kherson oblasts
        assert (village.name, village.kind, village.lat, village.lon) == (name, "site", pokrovsk.lat, pokrovsk.lon)
        assert f"'{relation}'" in village.evidence[0]
