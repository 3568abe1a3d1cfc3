"""The command line as a user runs it: files in, files out, one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.webmap import check_offline

GEOMAP = [sys.executable, "-m", "geomap.cli"]


def run(*args, stdin=None):
    return subprocess.run([*GEOMAP, *args], capture_output=True, text=True, input=stdin, timeout=300)


def test_map_writes_html_and_geojson(tmp_path, seed_path):
    r = run("map", str(seed_path), "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    html = (tmp_path / "000_4078ec1c0bb2b427.html").read_text()
    fc = json.loads((tmp_path / "000_4078ec1c0bb2b427.geojson").read_text())
    check_offline(html)
    assert "Bakhmut" in html
    assert any(f["properties"].get("name") == "Bakhmut" for f in fc["features"])


def test_export_from_stdin(tmp_path):
    out = tmp_path / "x.geojson"
    r = run("export", "-", "-o", str(out), stdin="Shelling hit Kharkiv and Kupiansk overnight.")
    assert r.returncode == 0, r.stderr
    names = {f["properties"]["name"] for f in json.loads(out.read_text())["features"]}
    assert {"Kharkiv", "Kupiansk"} <= names or {"Kharkiv", "Kupyansk"} <= names


def test_places_table(seed_path):
    r = run("places", str(seed_path))
    assert r.returncode == 0
    assert r.stdout.splitlines()[0].split()[:3] == ["mention", "name", "kind"]
    assert any(line.startswith("Bakhmut") for line in r.stdout.splitlines())


def test_a_reader_that_leaves_early_gets_no_traceback(seed_path):
    # "geomap places a.txt | head -1": the pipe closes before the table is written
    p = subprocess.Popen([*GEOMAP, "places", str(seed_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait(timeout=300) == 141
    assert err == ""


def _processes_in_group(group: int) -> list[int]:
    """The processes whose process group is ``group``, read from /proc (Linux)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # a process that ended while the list was read
        if int(fields[2]) == group:
            found.append(int(stat.parent.name))
    return found


def test_the_command_leaves_no_process_behind(tmp_path):
    # the NER helper starts loading spaCy at once; a run that needed none of it ends before the load does
    out = tmp_path / "x.geojson"
    p = subprocess.Popen(
        [*GEOMAP, "export", "-", "-o", str(out)], stdin=subprocess.PIPE, start_new_session=True, text=True
    )
    p.communicate("Shelling hit Kharkiv overnight.", timeout=300)
    assert p.returncode == 0
    assert out.is_file()
    assert _processes_in_group(p.pid) == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["export", "/nonexistent/a.txt", "-o", "x.geojson"], 2, "no such file"),
        (["export", "/tmp", "-o", "x.geojson"], 2, "is a directory"),
        (["places", "--focus", "Ukraine", "-"], 2, "two-letter"),
    ],
)
def test_errors_are_one_line(args, code, message):
    r = run(*args, stdin="Fighting near Bakhmut.")
    assert r.returncode == code
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_empty_and_binary_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    for path, message in ((empty, "empty article"), (binary, "a PNG image")):
        out = tmp_path / "out.geojson"
        r = run("export", str(path), "-o", str(out))
        assert r.returncode == 2 and message in r.stderr
        assert not out.exists()


def test_unwritable_output_is_a_clear_error(tmp_path, seed_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    r = run("map", str(seed_path), "-o", str(blocker / "maps"))
    assert r.returncode == 4 and "cannot write" in r.stderr and "Traceback" not in r.stderr
    assert blocker.read_text() == "not a folder"


def test_one_bad_article_writes_nothing(tmp_path, seed_path):
    r = run("map", str(seed_path), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out"))
    assert r.returncode == 2
    assert not (tmp_path / "out").exists()


def test_version_and_help():
    assert run("--version").stdout.startswith("geomap ")
    for cmd in ("map", "export", "places"):
        assert run(cmd, "--help").returncode == 0


def test_tiles_only_when_asked_and_checked(seed_path, tmp_path, capsys):
    assert main(["map", str(seed_path), "-o", str(tmp_path / "a"), "--tiles", "osm"]) == 0
    html = next((tmp_path / "a").glob("*.html")).read_text(encoding="utf-8")
    assert "tile.openstreetmap.org" in html
    assert main(["map", str(seed_path), "-o", str(tmp_path / "b"), "--tiles", "https://t.example/{z}/{x}/{y}.png"]) == 2
    assert "--attribution" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()
    assert main(["map", str(seed_path), "-o", str(tmp_path / "c"), "--tiles", "ftp://x"]) == 2
    assert not (tmp_path / "c").exists()


def test_gazetteer_search_info_and_stats(capsys):
    assert main(["gazetteer", "search", "Andriivka", "--country", "UA", "--limit", "3"]) == 0
    out = capsys.readouterr()
    rows = out.out.splitlines()
    assert rows[0].split()[:3] == ["id", "name", "kind"] and len(rows) == 4
    assert all(" UA " in r for r in rows[1:]) and "more (--limit)" in out.err
    assert main(["gazetteer", "info", "supplement:klishchiivka"]) == 0
    info = capsys.readouterr().out
    assert "Klishchiivka" in info and "48.52806, 37.95833" in info and "Кліщіївка" in info
    assert main(["gazetteer", "stats"]) == 0
    assert "entries" in capsys.readouterr().out
    assert main(["gazetteer", "info", "nope"]) == 2
    assert "no gazetteer entry 'nope'" in capsys.readouterr().err
    assert main(["gazetteer", "search", "Qwxzplovka"]) == 1
    capsys.readouterr()
    # a name as a Ukrainian article writes it, in the genitive
    assert main(["gazetteer", "search", "Великої Новосілки", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["name"] == "Velyka Novosilka"
