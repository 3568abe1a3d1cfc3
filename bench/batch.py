"""Batch throughput on Dask: the development set replicated to >= 2,000 articles, on 1 and 2 workers.

Prints articles per second for the mapping phase (read, parse, resolve, per-article GeoJSON and rows, once
the workers are up with gazetteer and model loaded; the start-up is printed apart), per worker, beside the
single-process warm rate of parse + resolve (article by article, as ``geomap.parse``: the target's measure;
and in chunks, as a worker parses), of parse + resolve + per-article GeoJSON, and of a worker's whole task
(the same, with the files written) on the same articles; the peak RSS of each worker against a plain
process's; and the time to write the combined dataset and map. For comparison on equal terms, the same whole
task also runs in fresh plain processes, warmed up as a worker is: one alone, and two side by side (two busy
processes on a two-core machine share more than cores: caches, memory bandwidth, clock). Every figure is the
best of three rounds, each round measuring everything once; the workers' share of the target's measure is also
given as the median of the rounds' own shares, since on this machine a run's speed depends on its minute as
much as on what it runs (a worker and a plain process mapping the same articles at the same time, one on each
core, ran at 0.93-1.04 times each other's rate, with the same CPU time and page faults; one after the other,
at 0.69-1.04).

Every run writes one file per article, and what creating a file costs depends on the disk: on this machine's
ext4, which has no journal, the kernel passes over the inodes freed in the last minutes before it takes one
(``recently_deleted``, most of the kernel time in ``perf``), and creating a file took 0.03-0.8 ms of CPU from
one folder and minute to the next: up to a tenth of a worker's time per article. So the bench prints what
creating a file costs in its folder, the system's temporary one; ``TMPDIR=/dev/shm`` measures on memory.

    .venv/bin/python bench/batch.py [--copies 55] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from geomap.batch import CHUNK, PreloadGazetteer, _peak_rss_mb, map_chunk, run_batch
from geomap.tasks import collect_tasks

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=55, help="copies of the 37 development articles (55: 2,035)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of every measurement; each figure is its best")
    args = ap.parse_args()
    from geomap.ner import available

    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "eval" / "news").glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as f:
            for c in range(args.copies):
                for i, text in enumerate(texts):
                    f.write(json.dumps({"id": f"a{c:03d}-{i:02d}", "text": text}) + "\n")
        n = args.copies * len(texts)
        available()  # warm, as the workers are before they map (PreloadGazetteer): gazetteer and NER model
        # Every round measures everything once, so that a slow spell of this shared machine (seen here: 12 %
        # for minutes) falls on all figures alike; each figure is the best of its rounds (as timeit's).
        rates: dict[str, list[float]] = defaultdict(list)
        runs: dict[int, list] = defaultdict(list)
        plain_peak = 0.0
        creating = []  # ms per file, each round's
        for r in range(args.rounds):
            creating.append(_creation_ms(Path(tmp) / f"probe{r}"))
            for key, rate in _single_process(texts, args.copies, corpus, Path(tmp) / f"single{r}").items():
                rates[key].append(rate)
            for k in (1, 2):
                plain = _plain_processes(k, str(corpus), f"{tmp}/r{r}")
                rates[f"plain {k}"].append(statistics.mean(rate for rate, _ in plain))
                plain_peak = max(plain_peak, *(peak for _, peak in plain))
            for workers in (1, 2):
                s = run_batch([str(corpus)], Path(tmp) / f"out{r}-{workers}", workers=workers, progress=False)
                rates[f"dask {workers}"].append(n / s.map_seconds / workers)
                runs[workers].append(s)
        best = {key: max(values) for key, values in rates.items()}
        spread = {key: f"{min(values):.0f}-{max(values):.0f}" for key, values in rates.items()}
        print(f"best of {args.rounds} rounds (range in brackets), articles/s")
        print(
            f"creating a file in the bench's folder ({tmp}): "
            f"{', '.join(f'{ms:.2f}' for ms in creating)} ms of CPU (each round's)"
        )
        print(
            f"single process, warm: parse+resolve {best['parse']:.0f} ({spread['parse']}) article by article, "
            f"{best['chunked']:.0f} ({spread['chunked']}) in chunks of {CHUNK}; in chunks with per-article GeoJSON "
            f"{best['with geojson']:.0f}; a worker's whole task (GeoJSON and rows written to disk) "
            f"{best['task']:.0f} ({spread['task']})"
        )
        print(
            f"plain fresh processes, a worker's whole task on all {n} articles: alone {best['plain 1']:.0f} "
            f"({spread['plain 1']}); two side by side {best['plain 2']:.0f} ({spread['plain 2']}) each; peak RSS "
            f"{plain_peak:.0f} MB (the most of any)"
        )
        for workers in (1, 2):
            per = best[f"dask {workers}"]
            s = runs[workers][-1]
            # each round's workers against the same round's single process, whose figures share its spell
            paired = statistics.median(d / p for d, p in zip(rates[f"dask {workers}"], rates["parse"], strict=True))
            peaks = ", ".join(f"{m:.0f}" for m in s.worker_peak_mb)
            print(
                f"{workers} worker(s), {n} articles: {per * workers:.0f} articles/s, {per:.0f} per worker "
                f"({spread[f'dask {workers}']}): {per / best['parse']:.0%} of the single-process warm parse+resolve "
                f"(target 90 %; round by round, median {paired:.0%}), "
                f"{per / best['task']:.0%} of a worker's whole task in one process, "
                f"{per / best[f'plain {workers}']:.0%} of {workers} plain process(es) at once; worker peak RSS "
                f"{peaks} MB; workers ready in {s.startup_seconds:.1f} s; combined dataset + map "
                f"{s.combine_seconds:.1f} s; failed {len(s.failed)}"
            )
        print(f"scaling 1 -> 2 workers: {2 * best['dask 2'] / best['dask 1']:.2f}x")
    sys.stdout.flush()


def _single_process(texts: list[str], copies: int, corpus: Path, out: Path) -> dict[str, float]:
    """The single-process rates, warm: parse+resolve article by article (the target's measure) and a worker's
    whole task, both on every article the workers map; in chunks as a worker parses, and with the per-article
    GeoJSON, on a sample of 500. The target's measure runs as long as a worker's (this machine's speed swings
    by a quarter from one minute to the next: a 6 s run's best of three caught fast spells that a 25 s run
    averages over, and so put the workers lower than they were)."""
    import geomap
    from geomap.article import parse_many
    from geomap.geojson import encode

    for text in texts:  # one pass first: the steady rate (the gazetteer's name index is read as names are
        geomap.parse(text)  # first looked up, and shapes and areas are made once)
    start = time.perf_counter()
    for _ in range(copies):
        for text in texts:
            geomap.parse(text)
    parse_rate = copies * len(texts) / (time.perf_counter() - start)
    sample = texts * max(1, 500 // len(texts))
    start = time.perf_counter()
    for i in range(0, len(sample), CHUNK):
        parse_many(sample[i : i + CHUNK])
    chunked_rate = len(sample) / (time.perf_counter() - start)
    articles = [geomap.parse(t) for t in sample]
    start = time.perf_counter()
    for a in articles:
        encode(a.to_geojson())
    write_rate = len(sample) / (time.perf_counter() - start)
    return {
        "parse": parse_rate,
        "chunked": chunked_rate,
        "with geojson": 1 / (1 / chunked_rate + 1 / write_rate),
        "task": _map_all(collect_tasks([str(corpus)]), str(out)),
    }


def _creation_ms(folder: Path, files: int = 300) -> float:
    """The CPU time (user and kernel) that creating, writing and renaming a small file in ``folder`` takes,
    as an article's GeoJSON is written; ms per file. The files stay: removing them would make the next
    files created nearby slower (see the module's docstring)."""
    from geomap.outputs import write_atomic

    folder.mkdir()
    start = time.process_time()
    for i in range(files):
        write_atomic(folder / f"{i}.geojson", b"x" * 6000)
    return (time.process_time() - start) / files * 1000


def _map_all(tasks: list, out: str) -> float:
    """A worker's whole task on ``tasks``, chunk by chunk as a worker gets them, in this process; articles/s."""
    start = time.perf_counter()
    for i in range(0, len(tasks), CHUNK):
        map_chunk(tasks[i : i + CHUNK], out)
    return len(tasks) / (time.perf_counter() - start)


def _whole_task(corpus: str, out: str) -> tuple[float, float]:
    """In a fresh process: warm up as a worker does, then map every article of ``corpus``; articles/s and
    the process's peak memory (MB)."""
    tasks = collect_tasks([corpus])
    PreloadGazetteer().warm_up()
    return _map_all(tasks, out), _peak_rss_mb()


def _plain_processes(k: int, corpus: str, tmp: str) -> list[tuple[float, float]]:
    """The whole-task rate and peak memory of ``k`` fresh processes running at once, each on every article."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(k, mp_context=multiprocessing.get_context("spawn")) as pool:
        runs = [pool.submit(_whole_task, corpus, str(Path(tmp) / f"plain{k}-{i}")) for i in range(k)]
        return [r.result() for r in runs]


if __name__ == "__main__":
    main()
