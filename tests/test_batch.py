"""Batch mapping on a real Dask LocalCluster (processes, two workers): no mocks of Dask."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas
import pyogrio
import pytest
from distributed import LocalCluster

from geomap import cli, rowstore
from geomap.batch import run_batch
from geomap.errors import OutputError
from geomap.frontline import load_frontline
from geomap.tasks import collect_tasks
from geomap.webmap import check_offline

ARTICLES = {
    "kharkiv.txt": "Russian shelling hit Kharkiv and Kupiansk overnight, officials in Kyiv said.",
    "bakhmut.md": "Ukrainian forces advanced about three miles south of Bakhmut, near Klishchiivka.",
    "sub/robotyne.txt": "Fighting continued 2 km northwest of Robotyne, in Zaporizhzhia region.",
}
DATA = Path(__file__).parent / "data"
HOSTILE_TITLE = "<script>alert('title')</script>"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / "broken.txt").write_bytes(b"%PDF-1.4 not an article")
    lines = [
        {"id": "wire-1", "text": "Drones struck Odesa and Mykolaiv, the governor said.", "date": "2024-05-01",
         "title": HOSTILE_TITLE, "url": "https://example.org/wire-1"},
        {"id": "wire-2", "text": "Shelling hit Kherson, 10 km from Nova Kakhovka.", "date": "2024-05-03",
         "url": "javascript:alert(1)"},
    ]  # fmt: skip
    (root / "day.jsonl").write_text("\n".join(json.dumps(x) for x in lines))
    return root


@pytest.fixture(scope="module")
def first_run(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch")
    return run_batch([str(corpus)], out, workers=2, progress=False), out


def test_inputs_are_collected_from_folders_and_json_lines(corpus):
    names = sorted(t.name for t in collect_tasks([str(corpus)]))
    assert names == ["bakhmut", "broken", "kharkiv", "robotyne", "wire-1", "wire-2"]
    assert [t.name for t in collect_tasks([str(corpus / "*.txt")])] == ["broken", "kharkiv"]


def test_no_article_takes_another_ones_name_or_the_combined_outputs(tmp_path):
    ids = ["combined", "report", "report-2", "report", "Report"]
    (tmp_path / "day.jsonl").write_text("\n".join(json.dumps({"id": i, "text": "Shelling hit Kharkiv."}) for i in ids))
    names = [t.name for t in collect_tasks([str(tmp_path / "day.jsonl")], reserved=["combined"])]
    assert names == ["combined-2", "report", "report-2", "report-3", "Report-4"]  # case-blind, as macOS is
    summary = run_batch([str(tmp_path / "day.jsonl")], tmp_path / "out", workers=1, progress=False)
    assert summary.done == 5 and len(geopandas.read_file(tmp_path / "out" / "combined-2.geojson")) == 1
    assert len(geopandas.read_file(tmp_path / "out" / "combined.geojson")) == 5  # the dataset: a row per mention


def test_an_output_folder_inside_the_input_folder_is_not_read_for_articles(tmp_path):
    (tmp_path / "kyiv.txt").write_text("Drones struck Kyiv overnight.")
    out = tmp_path / "maps"
    first = run_batch([str(tmp_path)], out, workers=1, maps=True, progress=False)
    again = run_batch([str(tmp_path), str(tmp_path / "**" / "*.html")], out, maps=True, progress=False)
    assert (first.done, again.done, again.skipped, again.failed) == (1, 0, 1, [])  # kyiv.html is a map, not news


def test_one_bad_article_is_reported_and_the_run_goes_on(first_run):
    summary, out = first_run
    assert summary.done == 5 and summary.skipped == 0 and summary.workers == 2
    assert [name for name, _ in summary.failed] == ["broken"] and "PDF" in summary.failed[0][1]
    log = (out / "batch.log").read_text()
    assert "failed broken" in log and "done 5, skipped 0, failed 1" in log
    assert sorted(p.name for p in out.glob("*.geojson")) == [
        "bakhmut.geojson", "combined.geojson", "kharkiv.geojson", "robotyne.geojson", "wire-1.geojson",
        "wire-2.geojson",
    ]  # fmt: skip


def test_combined_data_loads_in_geopandas_with_article_provenance(first_run):
    _, out = first_run
    rows = geopandas.read_file(out / "combined.geojson")
    assert rows.crs.to_epsg() == 4326
    places = rows[rows["role"] == "place"]
    assert {"Kharkiv", "Bakhmut", "Robotyne", "Odesa", "Kherson"} <= set(places["name"])
    odesa = places[places["name"] == "Odesa"].iloc[0]
    assert (odesa["article"], odesa["date"], odesa["url"]) == ("wire-1", "2024-05-01", "https://example.org/wire-1")
    assert "Drones struck Odesa" in odesa["sentence"]
    distances = rows[rows["role"] == "distance"]
    assert set(distances["anchor"]) >= {"Bakhmut", "Robotyne", "Nova Kakhovka"}
    parquet = geopandas.read_parquet(out / "combined.parquet")
    assert len(parquet) == len(rows) and parquet.crs.to_epsg() == 4326
    layers = dict(pyogrio.list_layers(out / "combined.gpkg"))
    assert layers == {"places": "Point", "distances": "MultiPolygon"}
    assert len(geopandas.read_file(out / "combined.gpkg", layer="places")) == len(places)


def test_combined_map_is_offline_escaped_and_has_time_and_heat(first_run):
    _, out = first_run
    html = (out / "combined.html").read_text()
    check_offline(html)
    # popups travel as JSON inside the page (folium's tojson writes < and & as \u003c and \u0026), holding
    # HTML in which the article's own text is escaped: the title shows as text (see test_browser.py)
    assert HOSTILE_TITLE not in html and "\\u0026lt;script\\u0026gt;alert(\\u0026#x27;title\\u0026#x27;)" in html
    assert "javascript:" not in html and 'href=\\"https://example.org/wire-1\\"' in html
    assert "L.timeline(" in html and "L.heatLayer(" in html
    assert "Article wire-1" in html  # few articles: one layer each


def test_a_rerun_skips_what_is_done_and_redoes_what_a_killed_run_left(corpus, first_run, tmp_path):
    _, out = first_run
    again = tmp_path / "again"
    shutil.copytree(out, again)
    [chunk_rows] = (again / ".rows").glob("*.json")  # one chunk: one rows file for its five articles
    (again / "kharkiv.geojson").unlink()  # as if the run had been killed before this article was finished
    summary = run_batch([str(corpus)], again, workers=2, progress=False)
    assert (summary.done, summary.skipped, [name for name, _ in summary.failed]) == (1, 4, ["broken"])
    chunk_rows.write_bytes(chunk_rows.read_bytes()[:-9])  # cut short: its articles are mapped again, not
    # Kharkiv, whose rows are in the newer file
    summary = run_batch([str(corpus)], again, workers=2, progress=False)
    assert (summary.done, summary.skipped, len(summary.failed)) == (4, 1, 1)
    assert len(geopandas.read_file(again / "combined.geojson")) == len(geopandas.read_file(out / "combined.geojson"))


def test_rows_files_whose_articles_were_all_mapped_again_are_removed(corpus, first_run, tmp_path):
    _, out = first_run
    again = tmp_path / "again"
    shutil.copytree(out, again)
    [first] = (again / ".rows").glob("*.json")
    for batch in (["bakhmut", "kharkiv"], ["robotyne", "wire-1", "wire-2"]):
        for name in batch:
            (again / f"{name}.geojson").unlink()
        summary = run_batch([str(corpus)], again, workers=1, progress=False)
        assert summary.done == len(batch)
    assert not first.exists() and len(list((again / ".rows").glob("*.json"))) == 2  # one per re-run's chunk
    assert len(geopandas.read_file(again / "combined.geojson")) == len(geopandas.read_file(out / "combined.geojson"))


def test_a_rerun_with_nothing_left_to_map_starts_no_workers(corpus, first_run, tmp_path):
    _, out = first_run
    again = tmp_path / "again"
    shutil.copytree(out, again)
    made = {p: p.stat().st_mtime_ns for p in again.glob("combined.*")}
    summary = run_batch([str(corpus / "sub"), str(corpus / "day.jsonl")], again, progress=False)
    assert (summary.done, summary.skipped, summary.failed, summary.workers) == (0, 3, [], 0)
    assert not summary.combine_skipped  # three articles of the five: the combined outputs are made again
    assert all(p.stat().st_mtime_ns != t for p, t in made.items())
    made = {p: p.stat().st_mtime_ns for p in again.glob("combined.*")}
    summary = run_batch([str(corpus / "sub"), str(corpus / "day.jsonl")], again, progress=False)
    assert summary.combine_skipped and sorted(summary.outputs) == sorted(made)  # the same three: left as they are
    assert all(p.stat().st_mtime_ns == t for p, t in made.items())
    (again / "combined.gpkg").unlink()
    summary = run_batch([str(corpus / "sub"), str(corpus / "day.jsonl")], again, progress=False)
    assert not summary.combine_skipped and (again / "combined.gpkg").exists()
    assert len(geopandas.read_file(again / "combined.geojson", where="role = 'place'")["article"].unique()) == 3


def test_a_rows_file_cut_short_or_damaged_is_not_taken_for_done(tmp_path):
    cut = rowstore.write_rows(tmp_path, {"a1": [{"name": "Kyiv"}]})
    whole = rowstore.write_rows(tmp_path, {"a2": [{"name": "Lviv"}]})
    cut.write_bytes(cut.read_bytes()[:-1])  # its header is whole, the rest is not
    owners = rowstore.scan(tmp_path)
    assert owners == {"a2": whole}
    whole.write_bytes(whole.read_bytes().replace(b"Lviv", b"Lv\\v"))  # as long as it was, so read as whole
    with pytest.raises(OutputError, match="damaged"):
        list(rowstore.read_rows(["a2"], owners))
    assert not whole.exists()  # removed: the next run maps its article again


def test_a_front_line_reaches_every_output_and_another_front_maps_again(corpus, tmp_path):
    out = tmp_path / "front"
    front = load_frontline(DATA / "front-bakhmut.kml")
    inputs = [str(corpus / "bakhmut.md"), str(corpus / "kharkiv.txt")]
    summary = run_batch(inputs, out, workers=2, maps=True, progress=False, front=front)
    assert (summary.done, summary.failed) == (2, [])
    article = json.loads((out / "bakhmut.geojson").read_text())
    bakhmut = next(f["properties"] for f in article["features"] if f["properties"]["name"] == "Bakhmut")
    assert bakhmut["distance_to_front_km"] < 10 and bakhmut["side"] == "inside"
    places = geopandas.read_parquet(out / "combined.parquet").query("role == 'place'").set_index("name")
    assert places.loc["Bakhmut", "distance_to_front_km"] == bakhmut["distance_to_front_km"]
    assert places.loc["Kharkiv", "distance_to_front_km"] > 100 and places.loc["Kharkiv", "side"] == "outside"
    for html in ("combined.html", "bakhmut.html"):
        page = (out / html).read_text()
        check_offline(page)
        assert "Front line (front-bakhmut)" in page
    assert "km from the front line, inside the control area" in (out / "combined.html").read_text()  # a popup
    summary = run_batch(inputs, out, workers=1, progress=False)  # no front now: what was made with one is redone
    assert (summary.done, summary.skipped) == (2, 0)
    assert geopandas.read_parquet(out / "combined.parquet")["distance_to_front_km"].isna().all()
    assert "Front line" not in (out / "combined.html").read_text()


def test_a_rerun_with_other_settings_maps_again(corpus, first_run, tmp_path, capsys):
    _, out = first_run
    again = tmp_path / "again"
    shutil.copytree(out, again)
    inputs = [str(corpus / "sub"), str(corpus / "day.jsonl")]
    summary = run_batch(inputs, again, workers=1, progress=True, options={"focus": ["RU"]})
    assert (summary.done, summary.skipped) == (3, 0)  # not what the first run made without a focus
    assert "[##############################] 3/3 articles, " in capsys.readouterr().err  # the progress line
    summary = run_batch(inputs, again, workers=1, progress=False, options={"focus": ["RU"]})
    assert (summary.done, summary.skipped, summary.workers) == (0, 3, 0)


def test_rows_made_with_another_user_gazetteer_are_not_done(tmp_path, monkeypatch):
    from geomap.batch import _made_with

    mine = tmp_path / "mine.sqlite"
    monkeypatch.setenv("GEOMAP_GAZETTEER", str(mine))
    rows = rowstore.write_rows(tmp_path, {"a1": []}, _made_with({}))  # before there was a user gazetteer
    assert rowstore.scan(tmp_path, _made_with({})) == {"a1": rows}
    mine.write_bytes(b"one")
    assert rowstore.scan(tmp_path, _made_with({})) == {}
    rows = rowstore.write_rows(tmp_path, {"a1": []}, _made_with({}))
    assert rowstore.scan(tmp_path, _made_with({})) == {"a1": rows}
    # a geomap whose rows have other columns: the combined dataset would not take these rows
    from geomap import corpus

    monkeypatch.setattr(corpus, "ROW_TYPES", {**corpus.ROW_TYPES, "new": "string"})
    assert rowstore.scan(tmp_path, _made_with({})) == {}
    mine.write_bytes(b"other")  # imported again: its size and time change
    assert rowstore.scan(tmp_path, _made_with({})) == {}


INTERRUPTED = ["geomap: interrupted; the articles mapped are kept: the same command goes on"]


def _batch_in_a_terminal(lines, tmp_path, until) -> tuple[subprocess.Popen, str]:
    """Run ``geomap batch`` on ``lines`` (JSON Lines) as a terminal's foreground job; once ``until(run)`` holds,
    press Ctrl-C, which reaches every process of the terminal's group. The run and what it printed."""
    import os
    import signal
    import time

    (tmp_path / "in.jsonl").write_text("\n".join(lines))
    run = subprocess.Popen(
        [sys.executable, "-c", "import sys; from geomap.cli import main; sys.exit(main())", "batch",
         str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out"), "--workers", "2"],
        stderr=subprocess.PIPE, text=True, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as a terminal's foreground job
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not until(run) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(run.pid, signal.SIGINT)
    _, err = run.communicate(timeout=120)
    return run, err


def test_ctrl_c_ends_a_run_with_one_line_and_keeps_what_is_mapped(corpus, tmp_path):
    lines = (json.dumps({"id": f"a{i}", "text": text}) for i in range(3000) for text in ARTICLES.values())
    out = tmp_path / "out"
    run, err = _batch_in_a_terminal(lines, tmp_path, lambda _: list((out / ".rows").glob("*.json")))  # mapping
    assert run.returncode == 130 and err.splitlines() == INTERRUPTED
    assert not [p.name for p in [*out.iterdir(), *(out / ".rows").iterdir()] if p.name.startswith(".") and p.is_file()]
    assert list(out.glob("a*.geojson")) and not (out / "combined.geojson").exists()


SYNC_INTERRUPTED = """
import asyncio, logging, os, signal, sys, threading, time
import distributed
from distributed.utils import LoopRunner, sync
from geomap.batch import SyncCancelRace
if sys.argv[1] == "filtered":
    logging.getLogger("tornado.application").addFilter(SyncCancelRace())
signal.signal(signal.SIGINT, signal.default_int_handler)  # as a terminal's job has it, not a background one's
runner = LoopRunner(asynchronous=False)
runner.start()
runner.loop.add_callback(time.sleep, 0.5)  # the loop busy: the call the client waits on has not begun
threading.Timer(0.1, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
try:
    sync(runner.loop, asyncio.sleep, 1)
except KeyboardInterrupt:
    print("interrupted", file=sys.stderr)
time.sleep(1)  # the loop runs the cancelling callback
runner.stop()
"""


def test_dasks_race_on_ctrl_c_prints_nothing():
    # Ctrl-C before the call the client waits on has begun: Dask's own callback fails, and logs it
    def stderr(mode):
        run = subprocess.run([sys.executable, "-c", SYNC_INTERRUPTED, mode], capture_output=True, text=True, timeout=60)
        return run.stderr.splitlines()

    assert "NameError" in stderr("as dask has it")[-1]
    assert stderr("filtered") == ["interrupted"]


DASK_CLOSING = """
import logging, sys
import distributed
from geomap.batch import _dask_silenced
with _dask_silenced():
    logging.getLogger("distributed.scheduler").error("Couldn't gather keys")
    logging.getLogger("distributed.client").warning("Couldn't gather 1 keys, rescheduling")
    logging.getLogger("distributed.made.while.closing").error("closed")
logging.getLogger("distributed.client").warning("a later run's warning")
"""


def test_what_dask_logs_while_closing_after_ctrl_c_is_not_printed():
    # closing the client forgets the chunk being fetched: the scheduler and the client each logged it
    run = subprocess.run([sys.executable, "-c", DASK_CLOSING], capture_output=True, text=True, timeout=60, check=True)
    [printed] = run.stderr.splitlines()
    assert printed.endswith("distributed.client - WARNING - a later run's warning")


WORKER_LOGS = """
import logging, sys
import distributed
from geomap.batch import QuietLocalWorker
QuietLocalWorker().setup(worker=None)
logging.getLogger("distributed.worker").error("Failed to communicate with scheduler during heartbeat.")
logging.getLogger("distributed.worker.state_machine").warning("Async instruction for <Task cancelled> ended")
print("mapped", file=sys.stderr)
"""


def test_the_workers_of_geomaps_own_cluster_print_nothing_of_dasks():
    # closing after Ctrl-C, a worker now and then logged a traceback for its heartbeat to the closed scheduler
    run = subprocess.run([sys.executable, "-c", WORKER_LOGS], capture_output=True, text=True, timeout=60, check=True)
    assert run.stderr.splitlines() == ["mapped"]


def test_a_run_beside_another_cluster_prints_nothing_of_it(corpus, tmp_path):
    import socket

    with socket.socket() as dashboard:  # another cluster's dashboard, on Dask's default port
        try:
            dashboard.bind(("127.0.0.1", 8787))
            dashboard.listen()
        except OSError:  # something holds it already, as the test wants
            pass
        run = subprocess.run(
            [sys.executable, "-c", "import sys; from geomap.cli import main; sys.exit(main())", "batch",
             str(corpus / "kharkiv.txt"), "-o", str(tmp_path / "out"), "--workers", "1"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    [summary] = run.stderr.splitlines()
    assert run.returncode == 0 and summary.startswith("mapped 1, ")


def test_ctrl_c_while_the_workers_start_ends_the_run_once_they_are_up(corpus, tmp_path):
    import time
    from pathlib import Path

    def starting(run) -> bool:
        """Whether the run has started a process: its first helper is started as the workers start."""
        for proc in Path("/proc").iterdir():
            try:
                if proc.name.isdigit() and int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1]) == run.pid:
                    time.sleep(0.3)  # into the start-up
                    return True
            except (OSError, IndexError, ValueError):
                continue  # gone meanwhile
        return False

    lines = (json.dumps({"id": f"a{i}", "text": ARTICLES["kharkiv.txt"]}) for i in range(200))
    run, err = _batch_in_a_terminal(lines, tmp_path, starting)
    # before, the Ctrl-C was lost and the run went on to the end
    assert run.returncode == 130 and err.splitlines() == INTERRUPTED
    assert not list((tmp_path / "out").glob("a*.geojson"))


def test_a_cluster_whose_workers_lack_geomap_is_one_line(corpus, tmp_path, capsys):
    hide = tmp_path / "no_geomap.py"
    hide.write_text("import sys\nsys.modules['geomap'] = None  # as on a cluster where it is not installed\n")
    with LocalCluster(n_workers=1, processes=True, dashboard_address=None, preload=[str(hide)]) as cluster:
        code = cli.main(["batch", str(corpus / "kharkiv.txt"), "-o", str(tmp_path / "out"),
                         "--scheduler", cluster.scheduler_address])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert f"geomap: the Dask workers at {cluster.scheduler_address} cannot load geomap: " in err


def test_an_article_that_kills_its_worker_fails_alone(tmp_path):
    import dask

    crash = tmp_path / "crash_on_it.py"
    crash.write_text(
        "import os\n"
        "import geomap.article as article\n"
        "def dask_setup(worker):  # once per worker\n"
        "    parse_many = article.parse_many\n"
        "    def crashing(articles, **options):\n"
        "        articles = list(articles)\n"
        "        if any('CRASH-NOW' in a['text'] for a in articles):\n"
        "            os._exit(1)  # as a segfault in a library, or the kernel's OOM killer, ends a worker\n"
        "        return parse_many(articles, **options)\n"
        "    article.parse_many = crashing\n"
    )
    for name, text in {"a": "Shelling hit Kharkiv.", "b": "CRASH-NOW in Odesa.", "c": "Drones over Lviv."}.items():
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{name}.txt").write_text(text)
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None, preload=[str(crash)]) as cluster,
    ):
        summary = run_batch([str(tmp_path / "in")], tmp_path / "out", scheduler=cluster.scheduler_address)
    assert summary.done == 2 and summary.failed == [("b", "the worker mapping it died (a crash, or out of memory)")]
    assert len(geopandas.read_file(tmp_path / "out" / "combined.geojson", where="role = 'place'")) == 2


def test_cli_on_an_existing_scheduler(corpus, tmp_path, capsys):
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        code = cli.main(["batch", str(corpus / "sub"), str(corpus / "kharkiv.txt"), "-o", str(tmp_path),
                         "--scheduler", cluster.scheduler_address, "--maps"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "mapped 2, skipped 0 already done, failed 0" in err and "on 2 workers" in err
    assert (tmp_path / "robotyne.html").exists() and (tmp_path / "combined.gpkg").exists()
    assert str(tmp_path / "combined.html") in out.splitlines()
    assert cli.main(["batch", str(corpus / "sub"), str(corpus / "kharkiv.txt"), "-o", str(tmp_path)]) == 0
    err = capsys.readouterr().err  # nothing to map, no workers: not even the scheduler's
    assert "mapped 0, skipped 2 already done, failed 0 in" in err and "the combined outputs were up to date" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent/folder"], "no such file or folder"),
        (["/nonexistent/*.txt"], "matches no file"),
        ([str(DATA / "front-bakhmut.kml"), "--frontline", "/nonexistent/front.kml"], "cannot read the front line"),
    ],
)
def test_bad_batch_inputs_are_one_line_errors(args, message, tmp_path, capsys):
    code = cli.main(["batch", *args, "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_an_unreachable_scheduler_is_a_one_line_error(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("geomap.batch.SCHEDULER_TIMEOUT", "2s")
    code = cli.main(["batch", str(corpus / "sub"), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert len(err.strip().splitlines()) == 1


def test_a_worker_maps_an_article_without_importing_folium(tmp_path):
    # a worker writes rows and GeoJSON, never a map: folium would cost each worker ~80 MB
    script = (
        "import sys; from geomap.batch import map_chunk; from geomap.tasks import Task; "
        "from geomap.inputs import Source; "
        f"[r] = map_chunk([Task('a', source=Source('Shelling hit Bakhmut.', 'a'))], {str(tmp_path)!r}); "
        "print(r['status'], 'folium' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["done", "False"]


def test_an_article_that_fails_to_parse_fails_alone_in_its_chunk(tmp_path, monkeypatch):
    # parsed together, one bad article would sink the chunk's batch: the chunk is parsed again one by one
    from geomap import article
    from geomap.batch import map_chunk
    from geomap.inputs import Source
    from geomap.tasks import Task

    resolve = article._resolve

    def fragile(doc, *a, **k):
        if "Mariupol" in doc.text:
            raise RecursionError("a text too deep to read")
        return resolve(doc, *a, **k)

    monkeypatch.setattr(article, "_resolve", fragile)
    texts = {"a": "Shelling hit Kharkiv.", "b": "Drones over Mariupol.", "c": "Fighting near Bakhmut."}
    tasks = [Task(name, source=Source(text, name)) for name, text in texts.items()]
    results = map_chunk(tasks, str(tmp_path))
    assert [(r["name"], r["status"]) for r in results] == [("a", "done"), ("b", "failed"), ("c", "done")]
    assert results[1]["message"] == "RecursionError: a text too deep to read"
    assert sorted(p.name for p in tmp_path.glob("*.geojson")) == ["a.geojson", "c.geojson"]


def test_a_place_named_by_many_articles_is_one_pin_listing_them_newest_first(monkeypatch):
    import folium

    import geomap
    from geomap import corpus

    monkeypatch.setattr(corpus, "LAYERS_PER_ARTICLE_UP_TO", 1)  # one layer for all, as for a large corpus
    monkeypatch.setattr(corpus, "PIN_ARTICLES_UP_TO", 2)
    rows = []
    for day in (3, 1, 2):
        text = f"Shelling hit Kharkiv on day {day}. Kharkiv was dark."
        rows += corpus.article_rows(geomap.parse(text, title=f"Day {day}", date=f"2024-05-0{day}"), f"a{day}")
    rows += corpus.article_rows(geomap.parse("Drones struck Odesa.", date="2024-05-01"), "b")
    layers = corpus.render_corpus_map(rows)._children.values()
    layer = next(c for c in layers if isinstance(c, folium.GeoJson) and c.layer_name == "Places")
    pins = {f["properties"]["tooltip"]: f["properties"] for f in layer.data["features"]}
    assert sorted(pins) == ["Kharkiv", "Odesa"]  # six mentions of Kharkiv, one pin
    popup = pins["Kharkiv"]["popup"]
    assert "6 mentions in 3 articles" in popup and popup.count("<b>") == 1
    assert popup.index("Day 3") < popup.index("Day 2") and "Day 1" not in popup  # newest first, two shown
    assert "and 1 more article: the combined dataset lists them all" in popup
    assert popup.count("Kharkiv was dark.") == 2  # a sentence once per article
    assert pins["Kharkiv"]["style"]["radius"] > pins["Odesa"]["style"]["radius"]


def test_a_distance_stated_by_many_articles_is_one_shape_listing_them(monkeypatch):
    import folium

    import geomap
    from geomap import corpus

    rows = []
    for day in (1, 2, 3):
        text = f"On day {day}, shelling hit villages 13 km south of Bakhmut."
        rows += corpus.article_rows(geomap.parse(text, title=f"Day {day}", date=f"2024-05-0{day}"), f"a{day}")
    rows += corpus.article_rows(geomap.parse("Drones struck 20 km from Odesa.", date="2024-05-01"), "b")

    def distances(rows: list[dict]) -> folium.GeoJson:
        layers = corpus.render_corpus_map(rows)._children.values()
        return next(c for c in layers if isinstance(c, folium.GeoJson) and c.layer_name.startswith("Distances"))

    layer = distances(rows)
    shapes = {f["properties"]["tooltip"]: f["properties"] for f in layer.data["features"]}
    assert sorted(shapes) == [
        "<b>13 km</b> (distance from Bakhmut)<br>3 articles", "<b>20 km</b> (distance from Odesa)<br>1 article"
    ]  # fmt: skip
    popup = shapes["<b>13 km</b> (distance from Bakhmut)<br>3 articles"]["popup"]
    assert popup.index("Day 3") < popup.index("Day 2") < popup.index("Day 1") and "On day 2, shelling" in popup
    assert layer.layer_name == "Distances"
    monkeypatch.setattr(corpus, "MAX_DRAWN_DISTANCES", 1)  # more shapes than a map draws: the rest are counted
    layer = distances(rows)
    assert len(layer.data["features"]) == 1
    assert layer.layer_name == "Distances (1 of 2 shapes drawn; the combined dataset holds all)"


def test_news_exports_json_lines_need_no_conversion(tmp_path):
    from geomap.inputs import json_lines

    lines = [
        {"maintext": "Shelling hit Kharkiv.", "title": "Night", "date_publish": "2024-05-01 03:10:00",
         "url": "https://example.org/1"},  # news-please
        {"id": 7, "text": " ", "content": "x", "headline": "Dawn", "publishedAt": "2024-05-02T06:00:00Z",
         "link": "https://example.org/2"},  # no text in it
    ]  # fmt: skip
    src = tmp_path / "export.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines))
    [(_, _, first), (_, _, second)] = json_lines(str(src))
    assert (first.text, first.title, first.date, first.url) == tuple(lines[0].values()) and first.name == "export-1"
    assert isinstance(second, Exception) and 'line 2 has no "text" string' in str(second)


def test_a_bad_line_of_an_export_fails_alone(tmp_path, monkeypatch):
    from geomap import inputs
    from geomap.batch import map_chunk

    monkeypatch.setattr(inputs, "LINE_LIMIT", 200)  # as a line of more than 4 MB would be
    lines = [
        json.dumps({"id": "a", "text": "Shelling hit Kharkiv."}),
        "{not json",
        json.dumps({"id": "long", "text": "Drones over Odesa. " * 30}),
        json.dumps({"id": "c", "text": "Fighting near Bakhmut."}),  # read where it starts, after the long one
    ]
    (tmp_path / "day.jsonl").write_text("\n".join(lines))
    (tmp_path / "wide.jsonl").write_bytes(b"\xff\xfe\x00\xd8")  # a file that is not UTF-16, as it says: one failure
    tasks = collect_tasks([str(tmp_path / "day.jsonl"), str(tmp_path / "wide.jsonl")])
    assert [t.name for t in tasks] == ["a", "day-2", "day-3", "c", "wide"]
    results = map_chunk(tasks, str(tmp_path / "out"))
    assert [r["status"] for r in results] == ["done", "failed", "failed", "done", "failed"]
    assert results[1]["message"].endswith("line 2 is not JSON") and "line 3 is larger than" in results[2]["message"]
    assert "broken UTF-16" in results[4]["message"]


def test_json_lines_tasks_point_at_their_line_and_the_worker_reads_it(tmp_path):
    import pickle

    from geomap.batch import map_chunk

    lines = [{"id": f"d{i}", "text": f"Shelling hit Kharkiv on day {i}. " * 200} for i in range(30)]
    src = tmp_path / "month.jsonl"
    src.write_text("\n\n".join(json.dumps(x) for x in lines))  # blank lines between: offsets must skip them
    tasks = collect_tasks([str(src)])
    assert [(t.name, t.line, t.source) for t in tasks[:2]] == [("d0", 1, None), ("d1", 3, None)]
    assert len(pickle.dumps(tasks)) < src.stat().st_size / 20  # the graph carries no article text
    assert tasks[29].read().text == lines[29]["text"]
    results = map_chunk(tasks[28:], str(tmp_path / "out"))
    assert [r["status"] for r in results] == ["done", "done"]
    utf16 = tmp_path / "wide.jsonl"
    utf16.write_bytes(json.dumps(lines[0]).encode("utf-16"))
    assert collect_tasks([str(utf16)])[0].source.text == lines[0]["text"]  # no byte offsets in UTF-16


def _corpus_rows() -> list[dict]:
    import geomap
    from geomap.corpus import article_rows

    texts = {
        "a": "Shelling hit Kharkiv, 30 km from the Russian border. Kharkiv was dark.",
        "b": "Ukrainian forces advanced about three miles south of Bakhmut, near Klishchiivka.",
        "c": "Drones struck Odesa and Mykolaiv; hundreds of miles away, Kyiv was quiet.",
    }
    return [r for name, text in texts.items() for r in article_rows(geomap.parse(text, date="2024-05-01"), name)]


def test_the_combined_dataset_written_part_by_part_is_the_whole(tmp_path, monkeypatch):
    import pyarrow.parquet

    from geomap import corpus

    rows = _corpus_rows()
    assert [list(r) for r in rows] == [[*corpus.ROW_TYPES, "geometry"]] * len(rows)  # the declared columns
    corpus.write_datasets(iter(rows), tmp_path / "whole")
    monkeypatch.setattr(corpus, "ROWS_PER_PART", 2)  # as a corpus larger than memory would be
    corpus.write_datasets(iter(rows), tmp_path / "parts")
    whole, parts = tmp_path / "whole", tmp_path / "parts"
    assert (parts / "combined.geojson").read_bytes() == (whole / "combined.geojson").read_bytes()
    frame = geopandas.read_parquet(parts / "combined.parquet")
    assert frame.equals(geopandas.read_parquet(whole / "combined.parquet")) and len(frame) == len(rows)
    assert pyarrow.parquet.ParquetFile(parts / "combined.parquet").num_row_groups == (len(rows) + 1) // 2
    geo = json.loads(pyarrow.parquet.read_schema(parts / "combined.parquet").metadata[b"geo"])
    column = geo["columns"]["geometry"]
    assert column["geometry_types"] == sorted(set(frame.geom_type.dropna()))
    assert column["bbox"] == pytest.approx(list(frame.total_bounds)) and frame.crs.to_epsg() == 4326
    assert frame["confidence"].dtype == "float64" and frame["start"].dtype == "int64"
    for layer, _ in pyogrio.list_layers(whole / "combined.gpkg"):
        in_parts = geopandas.read_file(parts / "combined.gpkg", layer=layer)
        assert in_parts.equals(geopandas.read_file(whole / "combined.gpkg", layer=layer)), layer
    assert len(geopandas.read_file(parts / "combined.gpkg", layer="places")) == sum(r["role"] == "place" for r in rows)


def test_a_corpus_with_no_rows_still_makes_loadable_datasets(tmp_path):
    from geomap.corpus import write_datasets

    paths = write_datasets(iter(()), tmp_path)
    assert [len(geopandas.read_file(p)) for p in paths if p.suffix != ".parquet"] == [0, 0]
    assert len(geopandas.read_parquet(tmp_path / "combined.parquet")) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["combined.geojson", "combined.gpkg", "combined.parquet"]


def test_a_place_in_more_articles_than_a_popup_lists_keeps_only_its_newest(monkeypatch):
    # gathered as the rows pass, a place keeps the rows of its newest articles only, not of all of them
    import folium

    import geomap
    from geomap import corpus

    monkeypatch.setattr(corpus, "LAYERS_PER_ARTICLE_UP_TO", 1)
    monkeypatch.setattr(corpus, "PIN_ARTICLES_UP_TO", 2)
    corpus_map = corpus.CorpusMap()
    days = [5, 9, 1, 7, 3, 8, 2]
    for day in days:
        article = geomap.parse("Shelling hit Kharkiv.", title=f"Day {day}", date=f"2024-05-0{day}")
        for row in corpus.article_rows(article, f"a{day}"):
            corpus_map.add(row)
    [place] = corpus_map.places.values()
    assert len(place.by_article) <= 2 * 2 + 1  # trimmed as it went, never holding all seven
    layers = corpus_map.render()._children.values()
    layer = next(c for c in layers if isinstance(c, folium.GeoJson) and c.layer_name == "Places")
    popup = layer.data["features"][0]["properties"]["popup"]
    assert "7 mentions in 7 articles" in popup and "and 5 more articles" in popup
    assert popup.index("Day 9") < popup.index("Day 8") and "Day 7" not in popup
