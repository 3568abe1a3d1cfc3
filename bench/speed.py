"""Speed of the main stages, in one process: gazetteer load, and parse + resolve over the development set.

    python bench/speed.py [--articles ../shared/eval/news] [--loops 3]

Prints load time, peak RSS and articles per second (warm). Figures go in the closing notes.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval" / "news")
    ap.add_argument("--loops", type=int, default=3)
    args = ap.parse_args()

    t0 = time.perf_counter()
    from geomap.gazetteer import Gazetteer

    gz = Gazetteer.default()
    t1 = time.perf_counter()
    import geomap

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.articles.glob("*.txt"))]
    geomap.parse(texts[0], gazetteer=gz)  # builds the name automaton
    t2 = time.perf_counter()
    n = 0
    start = time.perf_counter()
    for _ in range(args.loops):
        for text in texts:
            geomap.parse(text, gazetteer=gz)
            n += 1
    elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"gazetteer load: {t1 - t0:.2f} s ({len(gz)} entries)")
    print(f"matcher build + first parse: {t2 - t1:.2f} s")
    print(f"parse + resolve, warm: {n / elapsed:.1f} articles/s ({n} articles)")
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
