"""Bad and hostile inputs, each with the exact behaviour expected of the command line.

Every case ends either with a one-line error on stderr and its documented exit code (2 input, 4 output)
and no output file, or with exit 0 and a correct result. The command runs in-process (``cli.main``), so an
unexpected exception fails the test with its traceback; the cases that need a real process (resource
limits, a hang) run ``python -m geomap.cli`` with a timeout.
"""

from __future__ import annotations

import errno
import gzip
import io
import json
import os
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from geomap import cli
from geomap.errors import InputError
from geomap.inputs import read_sources
from geomap.webmap import check_offline

PROSE = "Ukrainian troops held positions near Bakhmut on Tuesday, officials in Kyiv said."


@dataclass
class Case:
    id: str
    data: bytes | None  # the input file's bytes; None: the path does not exist
    code: int
    error: str = ""  # expected in stderr when code != 0
    places: set[str] = field(default_factory=set)  # expected among the places when code == 0
    no_places: set[str] = field(default_factory=set)  # must not be among them
    distances: list[float] | None = None  # expected metres of the distances found, in order
    suffix: str = ".txt"


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


CASES = [
    # --- not an article at all -> exit 2
    Case("empty file", b"", 2, "empty article"),
    Case("whitespace only", b"  \n\t \r\n   ", 2, "empty article"),
    Case("control characters only", b"\x07\x1b\x08\x7f", 2, "empty article"),
    Case("random binary with NUL bytes", bytes(range(256)) * 40, 2, "binary data"),
    Case("PDF renamed .txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", 2, "a PDF document"),
    Case("PNG renamed .txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 2, "a PNG image"),
    Case("JPEG renamed .txt", b"\xff\xd8\xff\xe0\x00\x10JFIF", 2, "a JPEG image"),
    Case("GIF renamed .txt", b"GIF89a\x01\x00\x01\x00", 2, "a GIF image"),
    Case("Word document renamed .txt", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", 2, "ZIP archive"),
    Case("gzip renamed .txt", gzip.compress(utf8(PROSE)), 2, "gzip archive"),
    Case("program renamed .txt", b"\x7fELF\x02\x01\x01\x00", 2, "a program"),
    Case("stray NUL bytes in text", utf8(PROSE + "\x00\x00 More text."), 0, places={"Bakhmut", "Kyiv"}),
    Case("UTF-16 LE without a BOM", PROSE.encode("utf-16-le"), 0, places={"Bakhmut", "Kyiv"}),
    Case("numbers only", b"12345 67890 ---- 2024-01-01 ##### 55", 2, "no prose"),
    Case("missing file", None, 2, "no such file"),
    Case(
        "HTML with scripts and no article",
        utf8(
            "<html><head><script>var a=1;</script></head><body><script>alert('x')</script><nav>Home</nav></body></html>"
        ),
        2,
        "no article text",
        suffix=".html",
    ),
    Case(
        "JSON Lines, a broken line",
        utf8(json.dumps({"text": PROSE}) + "\n{not json\n"),
        2,
        "line 2 is not JSON",
        suffix=".jsonl",
    ),
    Case(
        "JSON Lines, no text field", utf8(json.dumps({"title": "x"}) + "\n"), 2, 'line 1 has no "text"', suffix=".jsonl"
    ),
    Case("JSON Lines, empty", b"\n\n", 2, "no articles", suffix=".jsonl"),
    Case("JSON Lines, a line is a list", utf8("[1, 2]\n"), 2, 'line 1 has no "text"', suffix=".jsonl"),
    # --- odd but readable text -> a correct result
    Case("UTF-8 with BOM", b"\xef\xbb\xbf" + utf8(PROSE), 0, places={"Bakhmut", "Kyiv"}),
    Case("UTF-16 LE with BOM", PROSE.encode("utf-16"), 0, places={"Bakhmut", "Kyiv"}),
    Case("UTF-16 BE with BOM", b"\xfe\xff" + PROSE.encode("utf-16-be"), 0, places={"Bakhmut", "Kyiv"}),
    Case(
        "Windows-1251 Ukrainian",
        "Російські війська обстріляли Бахмут і Харків, повідомили в Києві. "
        "Бои шли весь день у Бахмута, говорят военные Украины.".encode("cp1251"),
        0,
        places={"Bakhmut", "Kharkiv"},
    ),
    Case(
        "Windows-1252 curly apostrophe",
        "Russia\x92s forces shelled Bakhmut, officials in Kyiv said.".encode("latin-1"),
        0,
        places={"Russia", "Bakhmut", "Kyiv"},
    ),
    Case(
        "Latin-1 accents",
        "Fighting near M\xe1rinka and Bakhmut went on, officials in Kyiv said.".encode("latin-1"),
        0,
        places={"Mar'yinka", "Bakhmut"},
    ),
    Case("truncated UTF-8 at the end", utf8(PROSE + " Обстріл Бахмута")[:-1], 0, places={"Bakhmut", "Kyiv"}),
    Case(
        "CR and CRLF line endings",
        utf8("Strikes\r\rOfficials said shelling hit Bakhmut.\r\rThen Kyiv.\r\nKharkiv too.\n"),
        0,
        places={"Bakhmut", "Kyiv", "Kharkiv"},
    ),
    Case(
        "ANSI escapes and bells",
        utf8("\x1b[31mShelling\x1b[0m hit Bakhmut\x07 and Kyiv."),
        0,
        places={"Bakhmut", "Kyiv"},
    ),
    Case(
        "soft hyphens and zero-width spaces in names",
        utf8("Shelling near Bakh\u00admut and K\u200byiv today."),
        0,
        places={"Bakhmut", "Kyiv"},
    ),
    Case(
        "bidirectional override",
        utf8("Shelling near \u202eBakhmut\u202c and Kyiv today."),
        0,
        places={"Bakhmut", "Kyiv"},
    ),
    Case("emoji and flags", utf8("🇺🇦 Shelling 💥 near Bakhmut and Kyiv 🔥 today."), 0, places={"Bakhmut", "Kyiv"}),
    Case("text with no places", utf8("The committee met on Tuesday and agreed on the budget for next year."), 0),
    Case("places the gazetteer lacks", utf8("Troops entered the hamlet of Qwxzplovka near Zzyzxgrad on Monday."), 0),
    Case("one long word", b"a" * 200_000, 0),
    Case(
        "markup in names",
        utf8("Shelling near <b>Bakhmut</b> and <script>alert(1)</script>Kyiv went on."),
        0,
        places={"Bakhmut", "Kyiv"},
    ),
    Case(
        "event handlers in text",
        utf8('Strikes on Bakhmut"><img src=x onerror=alert(1)> and Kyiv went on.'),
        0,
        places={"Bakhmut", "Kyiv"},
    ),
    Case(
        "HTML page with scripts around an article",
        utf8(
            "<!doctype html><html><head><title>Strikes near Bakhmut</title><script>document.write('Moscow')</script>"
            "</head><body><nav>Home | World | Paris</nav><article><h1>Strikes near Bakhmut</h1><p>Ukrainian forces "
            "held positions about three miles from Bakhmut on Tuesday, officials in Kyiv said, after a night of heavy "
            "shelling along the whole front line.</p></article><div class='comments'><h3>Leave a Reply</h3>"
            "<p>Greetings from Toronto!</p></div></body></html>"
        ),
        0,
        places={"Bakhmut", "Kyiv"},
        no_places={"Moscow", "Paris", "Toronto"},
        distances=[4828.032],
        suffix=".html",
    ),
    Case(
        "HTML sniffed in a .txt file",
        utf8(
            "<html><body><article><p>Ukrainian forces held positions near "
            "Bakhmut on Tuesday, officials in Kyiv said after a long night of shelling.</p></article></body></html>"
        ),
        0,
        places={"Bakhmut", "Kyiv"},
    ),
    Case(
        "Markdown",
        utf8("# Strikes\n\n**Shelling** hit Bakhmut, [Kyiv](https://example.org) and _Kharkiv_."),
        0,
        places={"Bakhmut", "Kyiv", "Kharkiv"},
        suffix=".md",
    ),
    Case(
        "JSON Lines, one article",
        utf8(json.dumps({"text": PROSE, "title": "<b>t</b>", "date": 5}) + "\n"),
        0,
        places={"Bakhmut", "Kyiv"},
        suffix=".jsonl",
    ),
    # --- absurd or broken distances: correct results, each documented
    Case("distance beyond the Earth", utf8("Shells fell 10,000,000 km from Kyiv."), 0, places={"Kyiv"}, distances=[]),
    Case("negative distance", utf8("Shells fell -3 km from Kyiv."), 0, places={"Kyiv"}, distances=[]),
    Case("zero distance", utf8("Shells fell 0 miles from Kyiv."), 0, places={"Kyiv"}, distances=[]),
    Case("overflowing exponent", utf8("Shells fell 1e309 km from Kyiv."), 0, places={"Kyiv"}, distances=[]),
    Case("doubled number word", utf8("Shells fell three three miles from Kyiv."), 0, places={"Kyiv"}, distances=[]),
    Case(
        "huge digit run", utf8(PROSE + " Shells fell " + "9" * 60 + " km from Kyiv."), 0, places={"Kyiv"}, distances=[]
    ),
    Case("NaN and infinity", utf8("Shells fell NaN km and inf km from Kyiv."), 0, places={"Kyiv"}, distances=[]),
    Case(
        "more than the farthest point",
        utf8("It is more than 20,037 km from Kyiv."),
        0,
        places={"Kyiv"},
        distances=[20_037_000.0],
    ),
    Case(
        "near the antipode",
        utf8("The ship was about 19,000 km from Kyiv."),
        0,
        places={"Kyiv"},
        distances=[19_000_000.0],
    ),
    Case("one millimetre", utf8("Shrapnel fell 0.001 m from Kyiv."), 0, places={"Kyiv"}, distances=[]),
    Case("one metre", utf8("Shrapnel fell 1 m from Kyiv."), 0, places={"Kyiv"}, distances=[]),
    Case("under the least", utf8("Shrapnel fell 49 m from Kyiv."), 0, places={"Kyiv"}, distances=[]),
    Case("the least", utf8("Shrapnel fell 50 m from Kyiv."), 0, places={"Kyiv"}, distances=[50.0]),
    Case("reversed range", utf8("Shells fell 25-20 km from Kyiv."), 0, places={"Kyiv"}, distances=[25_000.0]),
    Case(
        "a thousand distances",
        utf8("".join(f"Shells fell {n} km from Kyiv. " for n in range(1, 1001))),
        0,
        places={"Kyiv"},
        distances=[n * 1000.0 for n in range(1, 1001)],
    ),
    # stated again and again, a distance is drawn once (geomap.distances.merge_restated)
    Case(
        "one distance a thousand times",
        utf8("Shells fell 12 km from Kyiv. " * 1000),
        0,
        places={"Kyiv"},
        distances=[12_000.0],
    ),
]


def _run(args: list[str], capsys) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path, capsys):
    src = tmp_path / f"article{case.suffix}"
    if case.data is not None:
        src.write_bytes(case.data)
    out = tmp_path / "out"
    code, stdout, err = _run(["map", str(src), "-o", str(out)], capsys)
    assert code == case.code, err
    if code:
        assert case.error in err and len(err.strip().splitlines()) == 1 and err.startswith("geomap: ")
        assert not out.exists()  # nothing written, not even the folder
        return
    assert err == ""
    html_path, geojson_path = (Path(line) for line in stdout.split()[:2])
    html = html_path.read_text(encoding="utf-8")
    check_offline(html)
    assert "<script>alert" not in html and "<img src=x" not in html  # escaped text is harmless, raw markup is not
    features = json.loads(geojson_path.read_text(encoding="utf-8"))["features"]
    names = {f["properties"]["name"] for f in features if f["properties"]["role"] == "place"}
    assert case.places <= names and not (case.no_places & names)
    if not case.places:
        assert names == set()
    if case.distances is not None:
        assert [f["properties"]["meters"] for f in features if f["properties"]["role"] == "distance"] == pytest.approx(
            case.distances
        )
    text = json.dumps(features)
    assert "\\u0000" not in text and "\\u001b" not in text and "\\u202e" not in text


# --- cases about the command, its outputs or the machine, not the input's bytes


def test_directory_as_article(tmp_path, capsys):
    code, _, err = _run(["export", str(tmp_path), "-o", str(tmp_path / "x.geojson")], capsys)
    assert code == 2 and "is a directory" in err and not (tmp_path / "x.geojson").exists()


def test_a_file_as_a_folder_in_the_path(tmp_path, capsys):
    (tmp_path / "f.txt").write_text(PROSE)
    code, _, err = _run(["export", str(tmp_path / "f.txt" / "a.txt"), "-o", str(tmp_path / "x.geojson")], capsys)
    assert code == 2 and "cannot read" in err and len(err.splitlines()) == 1


def _process(args: list[str], timeout: float, stdin: bytes | None = None, preexec=None):
    return subprocess.run(
        [sys.executable, "-m", "geomap.cli", *args],
        capture_output=True,
        input=stdin,
        timeout=timeout,  # a hang fails the test instead of stalling the suite
        preexec_fn=preexec,
    )


def test_50_mb_text_is_refused_quickly_without_reading_it_all(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        for _ in range(50):
            f.write((PROSE + "\n").encode() * (1024 * 1024 // len(PROSE)))
    r = _process(["map", str(big), "-o", str(tmp_path / "out")], timeout=60)
    assert r.returncode == 2 and b"larger than 4 MB" in r.stderr and not (tmp_path / "out").exists()


def test_one_5_mb_line_is_refused(tmp_path):
    line = tmp_path / "line.txt"
    line.write_text((PROSE + " ") * (5 * 1024 * 1024 // len(PROSE)))
    r = _process(["export", str(line), "-o", str(tmp_path / "x.geojson")], timeout=60)
    assert r.returncode == 2 and b"larger than 4 MB" in r.stderr


def test_one_3_mb_line_is_mapped_in_bounded_time_and_memory(tmp_path):
    line = tmp_path / "line.txt"
    line.write_text(("Shelling near Bakhmut went on, officials in Kyiv said, and it was 12 km away. ") * 38_000)

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))

    r = _process(["export", str(line), "-o", str(tmp_path / "x.geojson")], timeout=240, preexec=limit_memory)
    assert r.returncode == 0, r.stderr
    features = json.loads((tmp_path / "x.geojson").read_text())["features"]
    assert {f["properties"]["name"] for f in features if f["properties"]["role"] == "place"} >= {"Bakhmut", "Kyiv"}
    assert all(len(s) <= 700 for f in features for s in f["properties"].get("sentences", []))  # quotes stay short


@pytest.mark.parametrize(("data", "message"), [(b"", "standard input: empty article"), (b"\x00\x01\x02", "binary")])
def test_bad_standard_input(data, message, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, _, err = _run(["export", "-", "-o", str(tmp_path / "x.geojson")], capsys)
    assert code == 2 and message in err and not (tmp_path / "x.geojson").exists()


def test_export_of_a_multi_article_jsonl_is_refused(tmp_path, capsys):
    src = tmp_path / "day.jsonl"
    src.write_text("\n".join(json.dumps({"text": PROSE}) for _ in range(2)))
    code, _, err = _run(["export", str(src), "-o", str(tmp_path / "x.geojson")], capsys)
    assert code == 2 and "holds 2 articles" in err


def test_json_lines_map_one_pair_per_article(tmp_path, capsys):
    src = tmp_path / "day.jsonl"
    rows = [{"id": "a/1", "text": PROSE, "title": "One"}, {"text": "Shelling hit Kharkiv and Odesa overnight."}]
    src.write_text("\n".join(json.dumps(r) for r in rows))
    code, _out, err = _run(["map", str(src), "-o", str(tmp_path / "out")], capsys)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "a_1.geojson",
        "a_1.html",
        "day-2.geojson",
        "day-2.html",
    ]
    fc = json.loads((tmp_path / "out" / "a_1.geojson").read_text())
    assert fc["metadata"]["title"] == "One"


def test_output_folder_is_a_file(tmp_path, capsys):
    (tmp_path / "article.txt").write_text(PROSE)
    (tmp_path / "blocker").write_text("keep me")
    code, _, err = _run(["map", str(tmp_path / "article.txt"), "-o", str(tmp_path / "blocker")], capsys)
    assert code == 4 and "cannot write" in err and (tmp_path / "blocker").read_text() == "keep me"


def test_export_onto_a_directory(tmp_path, capsys):
    (tmp_path / "article.txt").write_text(PROSE)
    (tmp_path / "taken").mkdir()
    code, _, err = _run(["export", str(tmp_path / "article.txt"), "-o", str(tmp_path / "taken")], capsys)
    assert code == 4 and "cannot write" in err
    assert list((tmp_path / "taken").iterdir()) == [] and [p.name for p in tmp_path.iterdir() if p.name[0] == "."] == []


def test_full_disk_as_a_file_size_limit_leaves_no_partial_file(tmp_path, seed_path):
    out = tmp_path / "out"

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit then fail with EFBIG, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    r = _process(["map", str(seed_path), "-o", str(out)], timeout=120, preexec=small_disk)
    assert r.returncode == 4 and b"cannot write" in r.stderr and b"Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    leftovers = [p for p in out.iterdir()] if out.exists() else []
    assert all(p.suffix == ".geojson" and json.loads(p.read_text()) for p in leftovers)  # whole files or none


def test_full_disk_enospc_is_a_clear_error(tmp_path, monkeypatch, capsys):
    (tmp_path / "article.txt").write_text(PROSE)
    real_fdopen = os.fdopen

    class FullDisk(io.BytesIO):
        def write(self, s):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(fd, mode="r", *a, **k):  # files opened for writing hit a full disk; reading works
        return FullDisk() if "w" in mode else real_fdopen(fd, mode, *a, **k)

    monkeypatch.setattr(os, "fdopen", fdopen)
    code, _, err = _run(["export", str(tmp_path / "article.txt"), "-o", str(tmp_path / "x.geojson")], capsys)
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert code == 4 and "No space left on device" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]  # no temporary file left behind


def test_two_inputs_with_one_name_get_two_outputs(tmp_path, capsys):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "report.txt").write_text(PROSE)
    code, _out, _ = _run(
        ["map", str(tmp_path / "a" / "report.txt"), str(tmp_path / "b" / "report.txt"), "-o", str(tmp_path / "out")],
        capsys,
    )
    assert code == 0 and sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "report-2.geojson",
        "report-2.html",
        "report.geojson",
        "report.html",
    ]


def test_hostile_file_name_makes_a_safe_output_name(tmp_path, capsys):
    src = tmp_path / "$(rm -rf ~) <x>.txt"
    src.write_text(PROSE)
    code, _out, _ = _run(["map", str(src), "-o", str(tmp_path / "out")], capsys)
    assert code == 0 and sorted(p.name for p in (tmp_path / "out").iterdir()) == ["rm_-rf_x.geojson", "rm_-rf_x.html"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--focus", "Ukraine"], "two-letter"),
        (["--tiles", "javascript:alert(1)//{z}/{x}/{y}", "--attribution", "x"], "http(s) URL"),
        (["--tiles", "https://tiles.example.org/{z}/{x}/{y}.png"], "needs --attribution"),
    ],
)
def test_bad_options_write_nothing(extra, message, tmp_path, capsys):
    (tmp_path / "article.txt").write_text(PROSE)
    code, _, err = _run(["map", str(tmp_path / "article.txt"), "-o", str(tmp_path / "out"), *extra], capsys)
    assert code == 2 and message in err and not (tmp_path / "out").exists()


def test_hostile_attribution_is_escaped(tmp_path, capsys):
    (tmp_path / "article.txt").write_text(PROSE)
    attribution = "<img src=x onerror=alert(1)>"
    args = ["--tiles", "https://tiles.example.org/{z}/{x}/{y}.png", "--attribution", attribution]
    code, _out, _ = _run(["map", str(tmp_path / "article.txt"), "-o", str(tmp_path / "out"), *args], capsys)
    assert code == 0 and attribution not in (tmp_path / "out" / "article.html").read_text()


@pytest.mark.parametrize("bbox", ["22,44,40.5", "a,b,c,d", "22,54,40,52", "200,44,40,52"])
def test_bad_focus_bbox_is_a_one_line_error(bbox, tmp_path, capsys):
    (tmp_path / "article.txt").write_text(PROSE)
    code, _, err = _run(["export", str(tmp_path / "article.txt"), "-o", str(tmp_path / "x.geojson"),
                         "--focus-bbox", bbox], capsys)  # fmt: skip
    assert code == 2 and "--focus-bbox" in err and not (tmp_path / "x.geojson").exists()


def test_a_json_lines_export_larger_than_an_article_is_read_line_by_line(tmp_path):
    # a month's export from a news API: 6 MB in all, each line an ordinary article
    src = tmp_path / "month.jsonl"
    line = json.dumps({"text": PROSE * 10, "title": "Day"}) + "\n"
    count = 6 * 1024 * 1024 // len(line) + 1
    src.write_text(line * count)
    sources = read_sources(str(src))
    assert len(sources) == count and sources[-1].text == PROSE * 10 and sources[-1].name == f"month-{count}"


def test_one_json_line_larger_than_an_article_is_refused_by_its_number(tmp_path):
    src = tmp_path / "day.jsonl"
    src.write_text(json.dumps({"text": PROSE}) + "\n" + json.dumps({"text": PROSE * (5 * 1024 * 1024 // len(PROSE))}))
    with pytest.raises(InputError, match=r"day.jsonl: line 2 is larger than 4 MB"):
        read_sources(str(src))


def test_utf16_json_lines_are_read(tmp_path):
    src = tmp_path / "day.jsonl"
    lines = [json.dumps({"text": "Обстріл Бахмута.", "id": "a"}, ensure_ascii=False), json.dumps({"text": PROSE})]
    src.write_bytes("\n".join(lines).encode("utf-16"))
    assert [(s.name, s.text) for s in read_sources(str(src))] == [("a", "Обстріл Бахмута."), ("day-2", PROSE)]
