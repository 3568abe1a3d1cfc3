"""Batch: a folder, a glob or a JSON Lines export of many articles, mapped on a Dask cluster.

Each article gets its own GeoJSON (and, on request, HTML map) in the output folder; the run ends with one
combined dataset (GeoJSON, GeoParquet, GeoPackage) and one combined map. Work goes to Dask in chunks of
articles; each worker loads the gazetteer once, when it starts. An article that fails is reported in the
summary and in ``batch.log`` and the run goes on; a re-run skips every article whose output is already
there (outputs are written atomically, so a killed run leaves none half-written).

The articles are found by :func:`geomap.tasks.collect_tasks`; :func:`run_batch` is the whole run.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import resource_tracker
from pathlib import Path
from typing import TYPE_CHECKING

import orjson
from distributed import WorkerPlugin

from geomap.errors import GeomapError, InputError, OutputError
from geomap.inputs import Source
from geomap.rowstore import current_outputs, fingerprint, note_outputs, prune, read_rows, scan, write_rows
from geomap.tasks import Task, collect_tasks

if TYPE_CHECKING:
    from geomap.article import Article
    from geomap.frontline import Frontline

# Articles per Dask task: enough to keep scheduling overhead far below the 5 ms an article takes, and a
# batch for the NER model to read at once (see map_chunk); 50 measured no faster on two workers.
CHUNK = 25
# What each worker maps once before its first chunk (see PreloadGazetteer).
WARM_UP_TEXT = (
    "Shelling hit Bakhmut, 13 km south of Kramatorsk in the Donetsk region, and Vovchansk, 5 km from the border "
    "with Russia."
)
# The stem of the combined outputs (combined.geojson, .parquet, .gpkg, .html): no article takes it.
COMBINED = "combined"
# Why an article failed that killed its worker each time it was mapped (see _collect).
WORKER_DIED = "the worker mapping it died (a crash, or out of memory)"
# How long to wait for a --scheduler that does not answer.
SCHEDULER_TIMEOUT = "10s"
# Settings for geomap's own LocalCluster. Its dashboard is off, so nothing reads the workers' statistical
# profile, a thread that takes the GIL from the mapping thread every 10 ms; the monitors of CPU and memory
# need not look ten times a second on a run that lasts minutes. Measured with bench/batch.py: about 9 %
# more articles per second on two workers.
#
# And the nanny's MALLOC_TRIM_THRESHOLD_ is not set in the workers. At its 64 KiB, glibc gives the top of the
# heap back to the system on nearly every free, and the next article's NER arrays fault the same pages in
# again: a plain process with that setting maps 7 % fewer articles per second. Without it a worker's peak
# memory is 352 MB instead of 329 MB, still under one process's 354 MB (bench/batch.py).
#
# A chunk whose worker dies is tried once more, not three times: then its articles are mapped one by one (see
# _collect), and each death costs a worker's restart, model and gazetteer loaded again.
LOCAL_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.tick.interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.scheduler.allowed-failures": 1,
}

# the scheduler serves its health and metrics pages even with no dashboard, on port 8787 unless told otherwise:
# a second run at the same time (or anything else on 8787) printed Dask's warning that the port was taken
QUIET_HTTP = {"dashboard_address": "127.0.0.1:0"}


@dataclass
class Summary:
    """What a batch run did: counts, failures (name, one-line reason), outputs and timings."""

    done: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    startup_seconds: float = 0.0  # starting the workers, loading gazetteer and model there
    map_seconds: float = 0.0  # the Dask phase: reading, parsing and per-article outputs
    combine_seconds: float = 0.0  # the combined dataset and map
    combine_skipped: bool = False  # they were there, made from the same rows
    workers: int = 0
    worker_peak_mb: list[float] = field(default_factory=list)

    @property
    def took(self) -> str:
        """ "in 12.1 s on 2 workers"; a run with nothing left to map started none."""
        workers = f" on {self.workers} worker{'s' * (self.workers != 1)}" if self.workers else ""
        return f"in {self.seconds:.1f} s{workers}"


def map_chunk(
    tasks: list[Task],
    out_dir: str,
    maps: bool = False,
    options: dict | None = None,
    made_with: dict | None = None,
    front: Frontline | None = None,
) -> list[dict]:
    """Map each article of a chunk (on a worker): write its GeoJSON (and, with ``maps``, its map), then the
    rows of all the chunk's articles in one file (:func:`geomap.rowstore.write_rows`, noting ``made_with``),
    whose path each article's result gives. A failure is returned with its reason, never raised.
    ``options`` are :func:`geomap.parse`'s (focus, focus_bbox, ner); with the user's ``front`` line, each
    place's distance to it is in the GeoJSON and the rows, and the maps draw it.

    The chunk's articles are parsed together (:func:`geomap.article.parse_many`: the NER model reads
    them in one batch); should that fail, they are parsed one by one, so that only the bad one fails.
    """
    out = Path(out_dir)
    results: dict[str, dict] = {}
    sources: dict[str, Source] = {}
    for task in tasks:
        try:
            sources[task.name] = task.read()
        except Exception as e:  # one bad article must not stop a run of thousands
            results[task.name] = _failed(task.name, e)
    rows: dict[str, list[dict]] = {}
    for name, article in _parse_all(sources, options or {}).items():
        if isinstance(article, Exception):
            results[name] = _failed(name, article)
            continue
        try:
            rows[name] = _write(name, article, out, maps, front)
            results[name] = {"name": name, "status": "done"}
        except Exception as e:
            results[name] = _failed(name, e)
    if rows:  # written last: an article is done once its rows are on disk
        try:
            path = write_rows(out, rows, made_with)
            results.update({name: {**results[name], "rows": str(path)} for name in rows})
        except GeomapError as e:
            results.update({name: _failed(name, e) for name in rows})
    return [results[t.name] for t in tasks]


def _written(name: str, out: Path, maps: bool) -> bool:
    """Whether an article's own outputs are there (its rows are looked up apart, in the rows files)."""
    return (out / f"{name}.geojson").exists() and (not maps or (out / f"{name}.html").exists())


def _parse_all(sources: dict[str, Source], options: dict) -> dict[str, Article | Exception]:
    """Each source's article, or the exception that parsing it raised."""
    from geomap.article import parse_many

    articles = {name: vars(source) for name, source in sources.items()}  # text, title, date, url (and name)
    try:
        return dict(zip(articles, parse_many(articles.values(), **options), strict=True))
    except Exception:  # which article failed is found by parsing them one by one
        parsed: dict[str, Article | Exception] = {}
        for name, article in articles.items():
            try:
                parsed[name] = parse_many([article], **options)[0]
            except Exception as e:
                parsed[name] = e
        return parsed


def _write(name: str, article: Article, out: Path, maps: bool, front: Frontline | None) -> list[dict]:
    """Write an article's map (on request) and GeoJSON; its rows, for the chunk's rows file."""
    from geomap.corpus import article_rows
    from geomap.geojson import encode
    from geomap.outputs import write_atomic

    fc = article.to_geojson(front)
    if maps:
        from geomap.webmap import render_map, save_map

        save_map(render_map(article, front=front), out / f"{name}.html")
    write_atomic(out / f"{name}.geojson", encode(fc))
    return article_rows(article, name, fc)


def _failed(name: str, error: Exception) -> dict:
    message = str(error) if isinstance(error, GeomapError) else f"{type(error).__name__}: {error}"
    return {"name": name, "status": "failed", "message": message}


class PreloadGazetteer(WorkerPlugin):
    """A Dask worker plugin: each worker loads the gazetteer once, when it starts, not per article."""

    name = "geomap-gazetteer"

    def __init__(self, ner: bool = True) -> None:
        self.ner = ner

    async def setup(self, worker) -> None:
        # in the thread that maps the articles, not the event loop's: glibc gives each thread a heap of its
        # own, and what the warm-up frees is then there for the articles to reuse. Warmed up in the event
        # loop's thread, a worker's peak memory was 5 MB above one process's doing the same work.
        await asyncio.get_running_loop().run_in_executor(worker.executors["default"], self.warm_up)

    def warm_up(self) -> None:
        """Load the gazetteer and the NER model, and map one article."""
        from geomap.article import parse
        from geomap.gazetteer import Gazetteer
        from geomap.geojson import encode

        if self.ner:
            from geomap.ner import available

            available()  # the NER model, once per worker
        # one article through the whole path builds what every later one shares: the gazetteer's name
        # index, its id index and area blob, the geodesic transformer. Left to the first chunk, these
        # took a second of each worker's mapping time.
        article = parse(WARM_UP_TEXT, ner=self.ner)
        encode(article.to_geojson())
        Gazetteer.default().get(article.places[0].id)  # and the index by id, which border distances use
        # what is loaded now lives as long as the worker: out of the garbage collector's sight, the 240,000
        # objects of the model and the indexes are not walked again at every full collection (measured with
        # a worker's whole task: 4 % more articles per second)
        gc.collect()
        gc.freeze()


class QuietLocalWorker(WorkerPlugin):
    """A Dask worker plugin for the workers of geomap's own LocalCluster: Dask's loggers silent in them. What
    fails there reaches the user through geomap (an article's failure is its result, a worker's death the run's
    summary); what Dask logs there is about its own plumbing, and at the end about the closing itself. A run
    interrupted with Ctrl-C printed each worker's warning that the chunk it was mapping was cancelled, and, now
    and then, a worker's traceback for the heartbeat it sent to the scheduler that had closed first."""

    name = "geomap-quiet"

    def setup(self, worker) -> None:
        _silence_dask()


def run_batch(
    inputs: list[str],
    out_dir: Path,
    scheduler: str | None = None,
    workers: int | None = None,
    maps: bool = False,
    progress: bool | None = None,
    options: dict | None = None,
    front: Frontline | None = None,
) -> Summary:
    """Map every article of ``inputs`` into ``out_dir`` on Dask, then write the combined outputs.

    ``options`` go to :func:`geomap.parse` for each article (focus, focus_bbox, ner). The user's ``front``
    line (:func:`geomap.frontline.load_frontline`) is sent to each worker once; every output then gives
    each place's distance to it, and the maps draw it.
    """
    options = options or {}

    started = time.perf_counter()
    out_dir = Path(out_dir)
    tasks = collect_tasks(inputs, out_dir, reserved=[COMBINED])
    if not tasks:
        raise InputError("no articles found in " + ", ".join(inputs))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{out_dir}: cannot write there: {e.strerror}") from None
    made_with = _made_with(options, front)
    owners = scan(out_dir, made_with)
    pending = [t for t in tasks if not (t.name in owners and _written(t.name, out_dir, maps))]
    summary = Summary(skipped=len(tasks) - len(pending))
    results = (
        _map_on_dask(pending, out_dir, summary, scheduler, workers, maps, progress, options, made_with, front)
        if pending
        else []
    )
    # the workers say where they wrote each article's rows: the files are read once, for the combined outputs
    owners.update({r["name"]: Path(r["rows"]) for r in results if r["status"] == "done"})
    failed = {r["name"]: r["message"] for r in results if r["status"] == "failed"}
    for t in tasks:
        if t.name in failed:
            summary.failed.append((t.name, failed[t.name]))
    mapped = [t.name for t in tasks if t.name not in failed]
    summary.done = len(pending) - len(failed)
    combine_start = time.perf_counter()
    made_from = fingerprint(mapped, owners)
    summary.outputs = current_outputs(out_dir, made_from)
    summary.combine_skipped = bool(summary.outputs)
    if not summary.combine_skipped:
        summary.outputs = _combine(read_rows(mapped, owners), out_dir, front)
        note_outputs(out_dir, made_from, summary.outputs)
    prune(out_dir, owners, made_with)  # after the combine: no file it reads is removed
    summary.seconds = time.perf_counter() - started
    summary.combine_seconds = time.perf_counter() - combine_start
    _write_log(out_dir / "batch.log", summary)
    return summary


def _map_on_dask(
    tasks: list[Task],
    out_dir: Path,
    summary: Summary,
    scheduler: str | None,
    workers: int | None,
    maps: bool,
    progress: bool | None,
    options: dict,
    made_with: dict,
    front: Frontline | None,
) -> list[dict]:
    """Map ``tasks`` on a new LocalCluster or the cluster at ``scheduler``; each article's result. The
    workers, their start-up and mapping times and their peak memory go to ``summary``."""
    import dask
    from distributed import Client, LocalCluster

    started = time.perf_counter()
    chunks = [tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK)]
    cluster = client = None
    interrupted = False
    race = SyncCancelRace()
    logging.getLogger("tornado.application").addFilter(race)
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as e:
                raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {e}".splitlines()[0]) from None
            _warm_up(client, scheduler, options)
        else:
            n = workers or max(1, min(os.cpu_count() or 1, len(chunks)))
            # the workers take a copy of the settings when they start; a Ctrl-C while they start and warm up
            # is answered once they are ready (cut short, Dask logged a page about the broadcast it cut)
            with dask.config.set(LOCAL_CLUSTER), _interrupts_to_this_process():
                cluster = LocalCluster(
                    n_workers=n,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    scheduler_kwargs=QUIET_HTTP,
                )
                client = Client(cluster)
                client.register_plugin(QuietLocalWorker())
                _warm_up(client, scheduler, options)
        mapping = time.perf_counter()
        # the front goes to each worker once, not with every chunk: a front-line file may be megabytes
        shared = {"front": client.scatter(front, broadcast=True)} if front is not None else {}
        mapper = partial(map_chunk, out_dir=str(out_dir), maps=maps, options=options, made_with=made_with)
        show = sys.stderr.isatty() if progress is None else progress
        results = _collect(client, chunks, mapper, shared, len(tasks), mapping if show else None)
        summary.workers = len(client.scheduler_info()["workers"])
        summary.startup_seconds = mapping - started
        summary.map_seconds = time.perf_counter() - mapping
        summary.worker_peak_mb = sorted(client.run(_peak_rss_mb).values())
    except KeyboardInterrupt:
        interrupted = True
        raise
    finally:
        with _dask_silenced() if interrupted else nullcontext():
            if client is not None:
                client.close()
            if cluster is not None:
                cluster.close()
        logging.getLogger("tornado.application").removeFilter(race)
    return results


@contextmanager
def _dask_silenced() -> Iterator[None]:
    """Dask's loggers silent, for closing a cluster after Ctrl-C: what they say then is about the work the user
    stopped. Closing the client forgets the chunk being fetched, and the scheduler logged "Couldn't gather
    keys", the client "rescheduling", between the run's one line and its exit."""
    levels = _silence_dask()
    try:
        yield
    finally:
        for logger, level in levels:
            logger.setLevel(level)


def _silence_dask() -> list[tuple[logging.Logger, int]]:
    """Raise every Dask logger of this process above CRITICAL; each one with the level it had. Loggers Dask
    makes later take the silenced "distributed" logger's level."""
    names = ["distributed", *(n for n in logging.root.manager.loggerDict if n.startswith("distributed."))]
    levels = [(logger, logger.level) for logger in map(logging.getLogger, names)]
    for logger, _ in levels:
        logger.setLevel(logging.CRITICAL + 1)
    return levels


class SyncCancelRace(logging.Filter):
    """Drops the one error Dask logs when Ctrl-C comes before the call the client waits on has begun: the
    callback of ``distributed.utils.sync`` that cancels that call reads it before it is assigned (a NameError
    in Dask's event loop, not geomap's), and a run interrupted so printed a page of traceback after its line."""

    def filter(self, record: logging.LogRecord) -> bool:
        race = record.exc_info is not None and record.exc_info[0] is NameError
        return not (race and "sync.<locals>.cancel" in record.getMessage())


def _warm_up(client, scheduler: str | None, options: dict) -> None:
    """Have every worker load the gazetteer and the model (:class:`PreloadGazetteer`); returns once they have.
    A worker that cannot is one InputError."""
    try:
        client.register_plugin(PreloadGazetteer(options.get("ner", True)))
    except Exception as e:  # the workers' own failure, passed on by Dask: no geomap there, no model...
        where = f"at {scheduler} " if scheduler else ""
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise InputError(f"the Dask workers {where}cannot load geomap: {reason}") from None


def _collect(
    client, chunks: list[list[Task]], mapper: Callable, shared: dict, total: int, shown_since: float | None
) -> list[dict]:
    """Each article's result, the chunks mapped on ``client`` as they come back (``mapper(chunk, **shared)``,
    ``shared`` holding data scattered to the workers); with a progress line on the terminal, counted from
    ``shown_since`` (a perf_counter time), if given.

    A chunk whose worker died (a crash, or the kernel's OOM killer: Dask gives up after its retries) is
    not lost: its articles become suspects, mapped alone and one at a time (beside the other chunks), and a
    suspect that dies twice fails. So only an article that kills its worker fails, not one that was merely
    waiting on the same worker, and the run goes on.
    """
    from distributed import KilledWorker, as_completed

    futures = client.map(mapper, chunks, pure=False, **shared)
    chunk_of = {future.key: chunk for future, chunk in zip(futures, chunks, strict=True)}
    suspects: deque[Task] = deque()
    tries: Counter[str] = Counter()  # each suspect's tries alone
    suspect_key = None  # the suspect mapping now
    results: list[dict] = []
    failed = 0
    returned = as_completed(futures)
    try:
        for future in returned:
            chunk = chunk_of.pop(future.key)
            suspect_key = None if future.key == suspect_key else suspect_key
            try:
                mapped = future.result()
            except KilledWorker:
                mapped = []
                if len(chunk) == 1 and tries[chunk[0].name] >= 2:
                    mapped = [_failed(chunk[0].name, GeomapError(WORKER_DIED))]
                else:
                    suspects.extend(chunk)
            if suspect_key is None and suspects:
                task = suspects.popleft()
                tries[task.name] += 1
                alone = client.submit(mapper, [task], pure=False, **shared)
                chunk_of[alone.key], suspect_key = [task], alone.key
                returned.add(alone)
            results += mapped
            failed += sum(r["status"] == "failed" for r in mapped)
            if shown_since is not None:
                line = progress_line(len(results), total, failed, time.perf_counter() - shown_since)
                print(f"\r{line}", end="", file=sys.stderr, flush=True)
    finally:
        if shown_since is not None:  # the progress line ends, done or interrupted
            print(file=sys.stderr)
    return results


@contextmanager
def _interrupts_to_this_process() -> Iterator[None]:
    """SIGINT blocked while the local workers start, so that they are born blocking it (a thread's signal mask
    is inherited by the threads and processes it starts, across exec). Ctrl-C reaches every process of the
    terminal's group; this one answers it, closing the cluster, where each worker printed a page of asyncio
    traceback. A Ctrl-C pressed meanwhile is noted and raised once the workers are up. (Only the main thread
    may set a handler: from another thread, the workers start as they would.)

    Not by ignoring SIGINT: the kernel may hand a signal to any thread that does not block it, such as a
    native library's worker threads started before, and an ignored Ctrl-C was lost there."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    # started now, not by the first worker's start: starting it unblocks SIGINT in the thread that starts it
    resource_tracker.ensure_running()
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _: pressed.append(signum))
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def _peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not getrusage: ru_maxrss survives exec on Linux, so a
    worker started from a large parent would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _combine(rows: Iterator[dict], out_dir: Path, front: Frontline | None) -> list[Path]:
    """The combined dataset and map (drawing the ``front`` line, if given), from one pass over ``rows``."""
    from geomap.corpus import CorpusMap, write_datasets
    from geomap.webmap import save_map

    corpus_map = CorpusMap()
    with _cycle_collector_paused():
        outputs = write_datasets(corpus_map.gather(rows), out_dir, COMBINED)
        html = out_dir / f"{COMBINED}.html"
        save_map(corpus_map.render(front=front), html)
    return [*outputs, html]


def _made_with(options: dict, front: Frontline | None = None) -> dict:
    """What an article's rows depend on besides its text: the parse options, the user gazetteer (path, size
    and time) when there is one, and the front line's digest when there is one; as JSON reads it back, to
    compare with a rows file's header. A re-run with another --focus, gazetteer or --frontline maps the
    articles again rather than keep what the old settings made; so does a geomap whose rows have other
    columns, whose combined dataset would not take the old rows."""
    from geomap.corpus import ROW_TYPES
    from geomap.user_gazetteer import default_path

    path = default_path()
    try:
        st = path.stat()
        gazetteer = [str(path.resolve()), st.st_size, st.st_mtime_ns]
    except OSError:
        gazetteer = None
    made_with = {"options": options, "user_gazetteer": gazetteer, "columns": list(ROW_TYPES)}
    if front is not None:  # not noted without one: rows made before there was a --frontline stay good
        made_with["frontline"] = front.digest
    return orjson.loads(orjson.dumps(made_with))


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a block that reads rows files. The rows are trees of dicts and lists
    read from JSON, freed by reference counting once written; the collector, counting their allocations,
    walked the driver's live objects again and again: a third of the combined outputs' time for 20,350
    articles (39 s, 26 s without)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def progress_line(done: int, total: int, failed: int, seconds: float) -> str:
    """The terminal's progress line: a bar, the articles mapped, the failures, the rate and the time left.

    >>> progress_line(6800, 20350, 3, 24.0)
    '[##########....................] 6,800/20,350 articles, 3 failed, 283/s, 48 s left'
    """
    width = 30
    filled = width * done // total
    rate = done / seconds if seconds > 0 else 0.0
    left = f", {(total - done) / rate:.0f} s left" if rate and done < total else ""
    failures = f", {failed:,} failed" if failed else ""
    return f"[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} articles{failures}, {rate:.0f}/s{left}"


def _write_log(path: Path, summary: Summary) -> None:
    from geomap.outputs import write_atomic

    lines = [f"failed {name}: {reason}" for name, reason in summary.failed]
    lines.append(f"done {summary.done}, skipped {summary.skipped}, failed {len(summary.failed)} {summary.took}")
    write_atomic(path, "\n".join(lines) + "\n")
