"""The user gazetteer: GeoNames dumps and users' own places imported, searched, and never half-written."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile

import pytest

from geomap.errors import InputError
from geomap.gazetteer import Gazetteer, data_dir
from geomap.user_gazetteer import UserGazetteer

GEOMAP = [sys.executable, "-m", "geomap.cli"]


def geoname(gid, name, lat, lon, fclass="P", fcode="PPL", cc="UA", admin1="05", pop=0, alt=""):
    """One row of a GeoNames geoname table, all 19 columns, as geonames.org writes it."""
    cols = [str(gid), name, name, alt, str(lat), str(lon), fclass, fcode, cc, "", admin1, "", "", ""]
    cols += [str(pop), "", "150", "Europe/Kyiv", "2025-01-01"]
    return "\t".join(cols) + "\n"


def alternate(aid, gid, lang, name):
    return "\t".join([str(aid), str(gid), lang, name, "", "", "", "", "", ""]) + "\n"


def write_zip(path, member, text):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(member, text)
        z.writestr("readme.txt", "GeoNames dump readme\n")
    return path


ROWS = (
    geoname(990001, "Tonenke", 48.1089, 37.5506, alt="Тоненьке,Tonenkoye,TNK")
    + geoname(990002, "Berdychi", 48.1856, 37.6461, alt="Бердичі")
    + geoname(990003, "Vovcha", 48.3, 36.2, fclass="H", fcode="STM", admin1="")
    + geoname(990004, "Some School", 48.1, 37.5, fclass="S", fcode="SCH")
    + geoname(990005, "Tyotkino", 51.27, 34.31, cc="RU", admin1="41", pop=4000)
)


def run(*args, env_path=None):
    env = {**os.environ, "GEOMAP_GAZETTEER": str(env_path)} if env_path else None
    return subprocess.run([*GEOMAP, *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def embedded():
    return Gazetteer(data_dir())


def test_geonames_zip_import_keeps_places_water_and_names(tmp_path, embedded):
    store = UserGazetteer(tmp_path / "g.sqlite")
    assert store.import_files([write_zip(tmp_path / "UA.zip", "UA.txt", ROWS)]) == {"UA.zip": 4}
    gz = Gazetteer(data_dir(), store)
    [tonenke] = gz.lookup("Tonenkoye")
    assert (tonenke.id, tonenke.kind, tonenke.admin1, tonenke.lat) == ("geonames:990001", "village", "UA.05", 48.1089)
    assert tonenke.names == ("Тоненьке", "Tonenkoye")  # the airport-style code is dropped
    assert "tnk" not in gz
    assert [e.kind for e in gz.lookup("Vovcha") if e.id == "geonames:990003"] == ["river"]
    assert gz.lookup("Some School") == []  # feature class S is not kept by default
    assert gz.lookup("Бердичі")[0].name == "Berdychi"
    assert gz.get("geonames:990005").country == "RU"
    assert len(gz) == len(embedded)  # the embedded data is untouched


def test_countries_and_classes_filter_a_dump(tmp_path):
    store = UserGazetteer(tmp_path / "g.sqlite")
    assert store.import_files([write_zip(tmp_path / "all.zip", "allCountries.txt", ROWS)], "PS", frozenset({"UA"})) == {
        "all.zip": 3
    }
    assert store.lookup_key("some school") and not store.lookup_key("tyotkino") and not store.lookup_key("vovcha")


def test_an_imported_entry_replaces_the_embedded_one_with_its_id(tmp_path, embedded):
    [bakhmut] = [e for e in embedded.lookup("Bakhmut") if e.country == "UA" and e.kind != "region"][:1]
    gid = bakhmut.id.split(":")[1]
    store = UserGazetteer(tmp_path / "g.sqlite")
    store.import_files([write_zip(tmp_path / "UA.zip", "UA.txt", geoname(gid, "Bakhmut", 48.6, 38.0, pop=12345))])
    gz = Gazetteer(data_dir(), store)
    found = [e for e in gz.lookup("Bakhmut") if e.id == bakhmut.id]
    assert [e.population for e in found] == [12345]
    # found under a name only the embedded entry has, it is still the user's version
    assert [e.population for e in gz.lookup("Artemivsk") if e.id == bakhmut.id] == [12345]
    assert gz.get(bakhmut.id).population == 12345


def test_alternate_names_extend_embedded_entries(tmp_path, embedded):
    bakhmut = next(e for e in embedded.lookup("Bakhmut") if e.kind in ("town", "city"))
    gid = bakhmut.id.split(":")[1]
    alt = alternate(1, gid, "en", "Bakhmutsk") + alternate(2, gid, "link", "https://en.wikipedia.org/wiki/Bakhmut")
    alt += alternate(3, gid, "wkdt", "Q12345") + alternate(4, 123456789, "en", "Nowhere Known")
    store = UserGazetteer(tmp_path / "g.sqlite")
    path = write_zip(tmp_path / "alternateNamesV2.zip", "alternateNamesV2.txt", alt)
    zipfile.ZipFile(path, "a").writestr("iso-languagecodes.txt", "ISO 639-3\n")
    store.import_files([path], defaults=embedded.get_embedded)
    gz = Gazetteer(data_dir(), store)
    [found] = gz.lookup("Bakhmutsk")
    assert (found.id, found.lat, found.lon) == (bakhmut.id, bakhmut.lat, bakhmut.lon)
    assert "Bakhmutsk" in found.names and set(bakhmut.names) <= set(found.names)
    assert "https://en.wikipedia.org/wiki/Bakhmut" not in found.names
    assert gz.lookup("Nowhere Known") == []


def test_csv_and_geojson_of_own_places(tmp_path):
    (tmp_path / "mine.csv").write_text(
        "name,latitude,longitude,kind,country,aliases,population\n"
        'Hill 228,48.55,37.95,other,UA,"Height 228;Высота 228",\n'
        "Krasnohorivka Checkpoint,48.0,37.5,,UA,,\n",
        encoding="utf-8",
    )
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [35.1, 47.4]},
            "properties": {"name": "Pit 5", "aliases": ["Quarry 5"]},
        }
    ]
    (tmp_path / "mine.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    store = UserGazetteer(tmp_path / "g.sqlite")
    assert store.import_files([tmp_path / "mine.csv", tmp_path / "mine.geojson"]) == {"mine.csv": 2, "mine.geojson": 1}
    [hill] = store.lookup_key("height 228")
    assert (hill.name, hill.kind, hill.lat, hill.lon) == ("Hill 228", "other", 48.55, 37.95)
    assert store.lookup_key("krasnohorivka checkpoint")[0].kind == "village"
    assert store.lookup_key("quarry 5")[0].lon == 35.1
    # importing the same file again replaces its places rather than adding copies
    store.import_files([tmp_path / "mine.csv"])
    assert store.stats()["entries"] == 3


def test_reimport_drops_names_an_entry_no_longer_has(tmp_path):
    store = UserGazetteer(tmp_path / "g.sqlite")
    store.import_files(
        [write_zip(tmp_path / "UA.zip", "UA.txt", geoname(990001, "Tonenke", 48.1, 37.5, alt="Oldname"))]
    )
    store.import_files(
        [write_zip(tmp_path / "UA.zip", "UA.txt", geoname(990001, "Tonenke", 48.1, 37.5, alt="Newname"))]
    )
    assert store.lookup_key("oldname") == [] and store.lookup_key("newname")[0].id == "geonames:990001"


BAD_FILES = [
    ("cols.txt", geoname(1, "A", 48, 37) + "2\tB\tB\n", "cols.txt:2: 3 tab-separated columns, expected 19"),
    ("lat.txt", geoname(1, "A", 48, 37) + geoname(2, "B", "north", 37), "lat.txt:2: latitude 'north' is not a number"),
    ("range.txt", geoname(1, "A", 91.5, 37), "range.txt:1: latitude 91.5 is out of range (±90)"),
    ("lon.txt", geoname(1, "A", 48, -180.5), "lon.txt:1: longitude -180.5 is out of range (±180)"),
    ("nan.txt", geoname(1, "A", "nan", 37), "nan.txt:1: latitude nan is out of range (±90)"),
    ("id.txt", geoname("x1", "A", 48, 37), "id.txt:1: geonameid 'x1' is not a number"),
    ("pop.txt", geoname(1, "A", 48, 37, pop="many"), "pop.txt:1: population 'many' is not a whole number"),
    ("five.txt", "a\tb\tc\td\te\n", "five.txt:1: 5 tab-separated columns: neither a GeoNames geoname table"),
    ("alt.txt", alternate(1, 2, "en", "X") + "3\tx\ten\tY\t\t\t\t\t\t\n", "alt.txt:2: geonameid 'x' is not a number"),
    ("nohead.csv", "title,x,y\nA,1,2\n", "nohead.csv:1: a CSV of places needs the columns name, lat and lon"),
    ("badlat.csv", "name,lat,lon\nA,48,37\nB,,37\n", "badlat.csv:3: latitude '' is not a number"),
    ("kind.csv", "name,lat,lon,kind\nA,48,37,castle\n", "kind.csv:2: kind 'castle' is not one of city, town"),
    ("noname.csv", "name,lat,lon\n,48,37\n", "noname.csv:2: the place has no name"),
    (
        "line.geojson",
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
        '{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "properties": {"name": "A"}}]}',
        "line.geojson: feature 0: only Point features can be imported as places",
    ),
    ("broken.geojson", '{"type": "FeatureCollection",\n "features": [', "broken.geojson:2: not valid JSON"),
]


@pytest.mark.parametrize("name,content,message", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_are_one_line_errors_naming_file_and_line(tmp_path, name, content, message):
    store = UserGazetteer(tmp_path / "g.sqlite")
    store.import_files([write_zip(tmp_path / "good.zip", "UA.txt", ROWS)])
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        store.import_files([tmp_path / name])
    assert str(e.value).startswith(message)
    assert store.stats()["entries"] == 4


def test_damaged_downloads_are_refused_and_the_store_is_kept(tmp_path):
    store = UserGazetteer(tmp_path / "g.sqlite")
    store.import_files([write_zip(tmp_path / "good.zip", "UA.txt", ROWS)])
    big = write_zip(tmp_path / "big.zip", "UA.txt", "".join(geoname(i, f"Place{i}", 48, 37) for i in range(20000)))
    data = big.read_bytes()
    (tmp_path / "cut.zip").write_bytes(data[: len(data) // 2])
    raw = bytearray(data)
    raw[len(raw) // 2 : len(raw) // 2 + 64] = b"\x00" * 64  # damage inside the deflated stream
    (tmp_path / "bad.zip").write_bytes(bytes(raw))
    (tmp_path / "latin1.txt").write_bytes(geoname(1, "Zürich", 47, 8).encode("latin-1"))
    for name, message in [
        ("cut.zip", "cut.zip: not a complete zip archive"),
        ("bad.zip", "bad.zip:"),
        ("latin1.txt", "latin1.txt:1: not UTF-8 text"),
    ]:
        with pytest.raises(InputError) as e:
            store.import_files([tmp_path / "good.zip", tmp_path / name])
        assert str(e.value).startswith(message), str(e.value)
        assert store.stats()["entries"] == 4 and store.stats()["imports"][0][1] == 4


def test_a_killed_import_leaves_the_previous_gazetteer(tmp_path):
    path = tmp_path / "g.sqlite"
    store = UserGazetteer(path)
    store.import_files([write_zip(tmp_path / "good.zip", "UA.txt", ROWS)])
    rows = "".join(geoname(100000 + i, f"Selo {i}", 48 + i % 100 / 100, 37, alt=f"Село {i}") for i in range(400_000))
    (tmp_path / "huge.txt").write_text(rows, encoding="utf-8")
    proc = subprocess.Popen([*GEOMAP, "gazetteer", "import", str(tmp_path / "huge.txt"), "--gazetteer", str(path)])
    journal = tmp_path / "g.sqlite-journal"
    deadline = time.monotonic() + 120
    while not (journal.exists() and journal.stat().st_size > 0) and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # well into the writing
    assert proc.poll() is None, "the import finished before it could be killed; make the file bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reopened = UserGazetteer(path)
    assert reopened.stats()["entries"] == 4 and reopened.lookup_key("selo 5") == []
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_cli_import_then_map_and_search_with_it(tmp_path):
    store = tmp_path / "mine.sqlite"
    write_zip(tmp_path / "UA.zip", "UA.txt", ROWS)
    r = run("gazetteer", "import", str(tmp_path / "UA.zip"), "--gazetteer", str(store))
    assert (r.returncode, r.stdout) == (0, "UA.zip: 4 rows\n")
    article = tmp_path / "a.txt"
    article.write_text("Russian troops pushed toward Tonenke and Berdychi, west of Avdiivka.", encoding="utf-8")
    r = run("places", str(article), "--gazetteer", str(store))
    assert r.returncode == 0 and "Tonenke" in r.stdout and "Berdychi" in r.stdout
    r = run("places", str(article))  # the default has neither village
    assert "Tonenke" not in r.stdout
    r = run("gazetteer", "search", "Tonenkoye", "--json", env_path=store)
    assert json.loads(r.stdout) == [
        {
            "id": "geonames:990001",
            "name": "Tonenke",
            "kind": "village",
            "country": "UA",
            "admin1": "UA.05",
            "lat": 48.1089,
            "lon": 37.5506,
            "population": 0,
        }
    ]
    r = run("gazetteer", "stats", "--gazetteer", str(store))
    assert f"user gazetteer {store}: 4 entries" in r.stdout


@pytest.mark.parametrize(
    "args,message",
    [
        (["gazetteer", "import", "missing.zip"], "geomap: missing.zip: no such file\n"),
        (["gazetteer", "import", "x", "--classes", "PQ"], "geomap: --classes takes GeoNames feature classes"),
        (
            ["places", "x.txt", "--gazetteer", "/nonexistent/g.sqlite"],
            "geomap: --gazetteer /nonexistent/g.sqlite: no such",
        ),
    ],
)
def test_cli_import_errors(tmp_path, args, message):
    r = run(*args)
    assert r.returncode == 2 and r.stderr.startswith(message) and "Traceback" not in r.stderr
