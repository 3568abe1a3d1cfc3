"""--frontline: a user's own line or control-area file (GeoJSON or KML), drawn, with each place's distance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import geomap
from geomap.cli import main
from geomap.frontline import load_frontline

DATA = Path(__file__).parent / "data"
TEXT = "Shelling hit Bakhmut and Kramatorsk overnight, and Horlivka was quiet."


@pytest.mark.parametrize("name", ["front-bakhmut.geojson", "front-bakhmut.kml"])
def test_geojson_and_kml_give_the_same_front(name):
    front = load_frontline(DATA / name)
    bakhmut = front.position(48.59419, 37.99886)
    kramatorsk = front.position(48.72305, 37.55629)
    horlivka = front.position(48.30, 38.05)
    assert 1 < bakhmut["distance_to_front_km"] < 4 and bakhmut["side"] == "inside"  # 2.3 km east of the line
    assert 25 < kramatorsk["distance_to_front_km"] < 40 and kramatorsk["side"] == "outside"
    assert horlivka["side"] == "inside"


def test_places_carry_their_distance_to_the_front_in_geojson_and_popups(tmp_path):
    front = load_frontline(DATA / "front-bakhmut.geojson")
    article = geomap.parse(TEXT)
    features = {f["properties"]["name"]: f["properties"] for f in article.to_geojson(front)["features"]}
    assert features["Kramatorsk"]["side"] == "outside" and features["Kramatorsk"]["distance_to_front_km"] > 25
    src = tmp_path / "a.txt"
    src.write_text(TEXT)
    assert main(["map", str(src), "-o", str(tmp_path), "--frontline", str(DATA / "front-bakhmut.kml")]) == 0
    html = (tmp_path / "a.html").read_text()
    assert "km from the front line, outside the control area" in html and "Front line (front-bakhmut)" in html
    written = json.loads((tmp_path / "a.geojson").read_text())
    assert all(
        "distance_to_front_km" in f["properties"] for f in written["features"] if f["properties"]["role"] == "place"
    )


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ('{"type": "Point", "coordinates": [38, 48]}', ".geojson", "no line or polygon"),
        ("not json", ".geojson", "not GeoJSON or KML"),
        ('{"type": "LineString", "coordinates": [[48.6, 138.0], [48.7, 138.1]]}', ".geojson", "lon, lat order"),
        ("<kml><LineString><coordinates>38,48</coordinates></LineString></kml>", ".kml", "fewer than two points"),
        ("<kml><LineString>", ".kml", "not well-formed KML"),
    ],
)
def test_bad_front_line_files_are_one_line_errors(content, suffix, message, tmp_path, capsys):
    bad = tmp_path / f"front{suffix}"
    bad.write_text(content)
    src = tmp_path / "a.txt"
    src.write_text(TEXT)
    assert main(["export", str(src), "-o", str(tmp_path / "x.geojson"), "--frontline", str(bad)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and not (tmp_path / "x.geojson").exists()


def test_places_table_shows_the_front(capsys, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT)
    assert main(["places", str(src), "--frontline", str(DATA / "front-bakhmut.geojson")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[-2:] == ["front_km", "side"]
    assert any(line.startswith("Kramatorsk") and line.rstrip().endswith("outside") for line in out)


def test_a_distance_from_the_front_is_a_band_along_the_users_front_on_the_places_side():
    from shapely.geometry import Point, shape

    front = load_frontline(DATA / "front-bakhmut.geojson")  # control areas: Bakhmut inside, Kramatorsk outside
    article = geomap.parse("Shelling hit Kramatorsk, about 30 km from the front line.", ner=False)
    [distance] = [f for f in article.to_geojson(front)["features"] if f["properties"]["role"] == "distance"]
    assert distance["properties"]["shape"] == "front band"
    band = shape(distance["geometry"])
    kramatorsk = Point(37.55629, 48.72305)  # 25-40 km from the front, outside the areas
    assert band.distance(kramatorsk) < 0.05 and not band.intersects(front.areas.buffer(-0.01))
    # without a front, the distance is drawn around its place, as before
    [plain] = [f for f in article.to_geojson()["features"] if f["properties"]["role"] == "distance"]
    assert plain["properties"]["shape"] == "band" and shape(plain["geometry"]).distance(kramatorsk) < 0.5
