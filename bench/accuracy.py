"""Accuracy, side by side in one run: geomap (with and without NER) and the baselines a user might pick,
on the war-reporting development set and on GeoWebNews, all scored by ``../shared/eval/score.py``.

    .venv/bin/python bench/accuracy.py [--sets news,geowebnews] [--systems geomap,geomap-no-ner,population,...]

Prints each system's TOTAL line per set and its articles per second (parse and GeoJSON, one process, warm).
GeoWebNews is GPL-3.0 data: it is read from ../shared and never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from baselines import BASELINES

import geomap

SHARED = Path(__file__).resolve().parents[2] / "shared"
SETS = {"news": SHARED / "eval" / "news", "geowebnews": SHARED / "eval" / "benchmarks" / "geowebnews" / "news"}
SYSTEMS = {
    "geomap": lambda text: geomap.parse(text).to_geojson(),
    "geomap-no-ner": lambda text: geomap.parse(text, ner=False).to_geojson(),
    **BASELINES,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="news,geowebnews")
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    args = ap.parse_args()
    from geomap.geojson import dumps

    for set_name in args.sets.split(","):
        texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SETS[set_name].glob("*.txt"))}
        for system in args.systems.split(","):
            run = SYSTEMS[system]
            run(next(iter(texts.values())))  # warm: models and gazetteer loaded before timing
            with tempfile.TemporaryDirectory() as pred:
                start = time.perf_counter()
                for stem, text in texts.items():
                    (Path(pred) / f"{stem}.geojson").write_text(dumps(run(text)), encoding="utf-8")
                rate = len(texts) / (time.perf_counter() - start)
                scored = subprocess.run(
                    [sys.executable, str(SHARED / "eval" / "score.py"), str(SETS[set_name]), "--pred", pred],
                    capture_output=True,
                    text=True,
                    check=True,
                )
            total = next(line for line in scored.stdout.splitlines() if line.startswith("TOTAL"))
            total = total.replace("seconds=0.0", f"articles_per_s={rate:.1f}")
            print(json.dumps({"set": set_name, "system": system}), total, flush=True)


if __name__ == "__main__":
    main()
