"""Batch throughput on Dask: the development set replicated to >= 2,000 articles, on 1 and 2 workers.

Prints articles per second for the mapping phase (read, parse, resolve, per-article GeoJSON, once the workers
are up with gazetteer and model loaded; the start-up is printed apart), per worker, beside the single-process
warm rate of parse + resolve (article by article, as ``geomap.parse``: the target's measure; and in chunks, as
a worker parses), of parse + resolve + per-article GeoJSON, and of a worker's whole task (the same, with the
article's rows, both files written) on the same articles; the peak
RSS of each worker; and the time to write the combined dataset and map. For comparison on equal terms, the
same whole task also runs in fresh plain processes, warmed up as a worker is: one alone, and two side by
side (two busy processes on a two-core machine share more than cores: caches, memory bandwidth, clock).

    .venv/bin/python bench/batch.py [--copies 55]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=55, help="copies of the 37 development articles (55: 2,035)")
    args = ap.parse_args()
    import geomap
    from geomap.article import parse_many
    from geomap.batch import CHUNK, collect_tasks, run_batch
    from geomap.geojson import encode
    from geomap.ner import available

    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "eval" / "news").glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as f:
            for c in range(args.copies):
                for i, text in enumerate(texts):
                    f.write(json.dumps({"id": f"a{c:03d}-{i:02d}", "text": text}) + "\n")
        n = args.copies * len(texts)

        # warm, as the workers are before they map (PreloadGazetteer): gazetteer and NER model loaded; and
        # one pass over the articles first, so that the rate is the steady one (the gazetteer's name index
        # is read as names are first looked up, and shapes and areas are made once)
        available()
        for text in texts:
            geomap.parse(text)
        sample = texts * max(1, 500 // len(texts))
        start = time.perf_counter()
        articles = [geomap.parse(t) for t in sample]
        parse_rate = len(sample) / (time.perf_counter() - start)
        start = time.perf_counter()
        for i in range(0, len(sample), CHUNK):
            parse_many(sample[i : i + CHUNK])
        chunked_rate = len(sample) / (time.perf_counter() - start)
        start = time.perf_counter()
        for a in articles:
            encode(a.to_geojson())
        write_rate = len(sample) / (time.perf_counter() - start)
        single = 1 / (1 / chunked_rate + 1 / write_rate)
        # and a worker's whole task, in this process: parse, GeoJSON and rows, both files written
        task_rate = _map_all(collect_tasks([str(corpus)])[: len(sample)], str(Path(tmp) / "single"))
        print(
            f"single process, warm: parse+resolve {parse_rate:.0f} articles/s article by article, "
            f"{chunked_rate:.0f}/s in chunks of {CHUNK}; in chunks with per-article GeoJSON "
            f"{single:.0f}/s; a worker's whole task (GeoJSON and rows written to disk) {task_rate:.0f}/s"
        )
        print(f"single process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

        # the same whole task in fresh plain processes, warmed up as a worker is: one alone, then two side by
        # side on the same machine (what two cores give two busy processes, with no Dask at all)
        plain = {k: _plain_processes(k, str(corpus), tmp) for k in (1, 2)}
        print(
            f"plain fresh processes, a worker's whole task on all {n} articles: alone {plain[1][0]:.0f}/s; two side "
            f"by side {', '.join(f'{r:.0f}' for r in plain[2])}/s"
        )

        rates = {}
        for workers in (1, 2):
            out = Path(tmp) / f"out{workers}"
            s = run_batch([str(corpus)], out, workers=workers, progress=False)
            rates[workers] = n / s.map_seconds
            peaks = ", ".join(f"{m:.0f}" for m in s.worker_peak_mb)
            print(
                f"{workers} worker(s): {n} articles mapped in {s.map_seconds:.1f} s = {rates[workers]:.0f} articles/s "
                f"({rates[workers] / workers:.0f} per worker, {rates[workers] / workers / parse_rate:.0%} of the "
                f"single-process warm parse+resolve (target 90 %), {rates[workers] / workers / single:.0%} of the "
                f"single-process rate with GeoJSON, {rates[workers] / workers / task_rate:.0%} of a worker's whole "
                f"task in one process); worker peak RSS {peaks} MB; "
                f"workers ready in {s.startup_seconds:.1f} s; combined dataset + map {s.combine_seconds:.1f} s; "
                f"failed {len(s.failed)}"
            )
            like = statistics.mean(plain[workers])
            print(f"  per worker: {rates[workers] / workers / like:.0%} of {workers} plain process(es) at once")
        print(f"scaling 1 -> 2 workers: {rates[2] / rates[1]:.2f}x")
    sys.stdout.flush()


def _map_all(tasks: list, out: str) -> float:
    """A worker's whole task on ``tasks``, chunk by chunk as a worker gets them, in this process; articles/s."""
    from geomap.batch import CHUNK, map_chunk

    start = time.perf_counter()
    for i in range(0, len(tasks), CHUNK):
        map_chunk(tasks[i : i + CHUNK], out)
    return len(tasks) / (time.perf_counter() - start)


def _whole_task(corpus: str, out: str) -> float:
    """In a fresh process: warm up as a worker does, then map every article of ``corpus``; articles/s."""
    from geomap.batch import PreloadGazetteer, collect_tasks

    tasks = collect_tasks([corpus])
    PreloadGazetteer().warm_up()
    return _map_all(tasks, out)


def _plain_processes(k: int, corpus: str, tmp: str) -> list[float]:
    """The whole-task rate of ``k`` fresh processes running at once, each on every article."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(k, mp_context=multiprocessing.get_context("spawn")) as pool:
        runs = [pool.submit(_whole_task, corpus, str(Path(tmp) / f"plain{k}-{i}")) for i in range(k)]
        return [r.result() for r in runs]


if __name__ == "__main__":
    main()
