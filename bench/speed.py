"""Speed: cold CLI against the bare import floor, gazetteer load, warm parse + resolve, writers, peak RSS.

    python bench/speed.py [--articles ../shared/eval/news] [--loops 7] [--runs 5]

Figures go in the closing notes, with this command.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_4078ec1c0bb2b427.txt"


def wall(cmd: list[str], runs: int) -> float:
    """Median wall time of ``cmd`` as a fresh process."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=SHARED / "eval" / "news")
    ap.add_argument("--loops", type=int, default=7)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as out:
        floor = wall([sys.executable, "-c", "import geopandas, folium"], args.runs)
        cold = wall([sys.executable, "-m", "geomap.cli", "map", str(SEED), "-o", out], args.runs)
        helps = wall([sys.executable, "-m", "geomap.cli", "--help"], args.runs)
    print(f"cold CLI map seed: {cold:.2f} s; import floor (geopandas, folium): {floor:.2f} s; ratio {cold / floor:.2f}")
    print(f"cold CLI --help: {helps:.2f} s")

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
    from geomap.geojson import dumps
    from geomap.render import render_map

    articles = [geomap.parse(t, gazetteer=gz) for t in texts]
    t3 = time.perf_counter()
    for a in articles:
        dumps(a.to_geojson())
    t4 = time.perf_counter()
    for a in articles:
        render_map(a).get_root().render()
    t5 = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"gazetteer load: {t1 - t0:.2f} s ({len(gz)} entries)")
    print(f"first parse (imports): {t2 - t1:.2f} s")
    print(f"parse + resolve, warm: {n / elapsed:.1f} articles/s ({n} articles)")
    n_a = len(articles)
    print(f"GeoJSON writer: {n_a / (t4 - t3):.1f} articles/s; map writer: {n_a / (t5 - t4):.1f} articles/s")
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
