"""Speed: cold CLI against the bare import floor, gazetteer load, warm parse + resolve (with and without
NER, and the baselines of bench/baselines.py), writers, peak RSS.

    pip install -e .[bench]; python bench/speed.py [--articles ../shared/eval/news] [--loops 14] [--runs 5]

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
UKRAINIAN_SEED = Path(__file__).parent.parent / "seeds" / "pokrovsk-zvedennia-uk.txt"


def wall(cmd: list[str], runs: int) -> float:
    """Median wall time of ``cmd`` as a fresh process."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def warm_rate(run, texts: list[str], loops: int) -> float:
    """Articles per second of ``run`` over ``texts``, ``loops`` times, after one call to warm it up."""
    run(texts[0])
    start = time.perf_counter()
    for _ in range(loops):
        for text in texts:
            run(text)
    return loops * len(texts) / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=SHARED / "eval" / "news")
    ap.add_argument("--loops", type=int, default=14)
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
    rates = {}
    for label, ner in (("full default pipeline (NER hints)", True), ("--no-ner", False)):
        rates[label] = warm_rate(lambda text, ner=ner: geomap.parse(text, gazetteer=gz, ner=ner), texts, args.loops)
    # Cyrillic text: the first parse loads pymorphy3's dictionaries; then characters per second as for English
    ukrainian = UKRAINIAN_SEED.read_text(encoding="utf-8")
    t5 = time.perf_counter()
    geomap.parse(ukrainian, gazetteer=gz, ner=False)
    first_cyrillic = time.perf_counter() - t5
    english_chars = sum(map(len, texts)) * rates["--no-ner"] / len(texts)
    ukrainian_chars = len(ukrainian) * warm_rate(lambda t: geomap.parse(t, gazetteer=gz, ner=False), [ukrainian], 200)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # geomap's own, before any baseline loads
    sys.path.insert(0, str(Path(__file__).parent))
    from baselines import BASELINES

    for name, run in BASELINES.items():
        rates[f"baseline {name} + gazetteer lookup"] = warm_rate(run, texts, args.loops)
    from geomap.geojson import dumps
    from geomap.webmap import render_map

    articles = [geomap.parse(t, gazetteer=gz) for t in texts]
    t3 = time.perf_counter()
    for a in articles:
        dumps(a.to_geojson())
    cold_geojson = time.perf_counter() - t3
    t3 = time.perf_counter()  # warm: the areas (countries, regions) are encoded once per process
    for a in articles:
        dumps(a.to_geojson())
    t4 = time.perf_counter()
    for a in articles:
        render_map(a).get_root().render()
    t5 = time.perf_counter()
    print(f"gazetteer load: {t1 - t0:.2f} s ({len(gz)} entries)")
    print(f"first parse (imports): {t2 - t1:.2f} s")
    for label, rate in rates.items():
        print(f"parse + resolve, warm, one core, {label}: {rate:.1f} articles/s ({args.loops * len(texts)} articles)")
    print(
        f"Ukrainian dispatch ({UKRAINIAN_SEED.name}), --no-ner: first parse {first_cyrillic:.2f} s (the morphology "
        f"dictionaries), then {ukrainian_chars / 1000:.0f} k characters/s (English set: {english_chars / 1000:.0f} k)"
    )
    n_a = len(articles)
    print(
        f"GeoJSON writer: {n_a / (t4 - t3):.1f} articles/s warm ({n_a / cold_geojson:.1f} on the first pass); "
        f"map writer: {n_a / (t5 - t4):.1f} articles/s"
    )
    print(f"peak RSS of geomap (gazetteer, NER model, parsing the set): {rss:.0f} MB")


if __name__ == "__main__":
    main()
