"""The command line: argument parsing and exit codes only; the work is the library's.

geomap map ARTICLE... [-o DIR] [--open] [--tiles osm|URL --attribution TEXT]   HTML map + GeoJSON per article
geomap export ARTICLE -o FILE.geojson       GeoJSON only
geomap places ARTICLE                       a table of the places found
geomap batch INPUT... [-o DIR] [--scheduler ADDRESS] [--workers N] [--maps] [--frontline FILE]   many articles
geomap gazetteer search NAME | info ID | stats   look into the gazetteer
geomap gazetteer import FILE...             add GeoNames dumps or your own places to your user gazetteer
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from geomap import __version__
from geomap.errors import GazetteerError, GeomapError, InputError

if TYPE_CHECKING:
    from geomap.gazetteer import Entry, Gazetteer


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geomap", description="Map the places and distances a news article names.")
    parser.add_argument("--version", action="version", version=f"geomap {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    focus = argparse.ArgumentParser(add_help=False)
    focus.add_argument(
        "--focus", default="", help="comma-separated ISO country codes the article is about (e.g. UA,RU)"
    )
    focus.add_argument(
        "--focus-bbox", metavar="W,S,E,N", help="an area of interest in degrees (e.g. 22,44,40.5,52.5 for Ukraine)"
    )
    focus.add_argument("--no-ner", action="store_true", help="leave the statistical NER model out (faster)")
    store = argparse.ArgumentParser(add_help=False)
    store.add_argument(
        "--gazetteer",
        metavar="PATH",
        help="your user gazetteer (default: $GEOMAP_GAZETTEER or ~/.local/share/geomap/gazetteer.sqlite)",
    )
    front = argparse.ArgumentParser(add_help=False)
    front.add_argument(
        "--frontline", metavar="FILE", help="your front-line or control-area file (GeoJSON or KML lines/polygons)"
    )

    p_map = sub.add_parser("map", parents=[focus, front, store], help="write an HTML map and GeoJSON for each article")
    p_map.add_argument(
        "articles", nargs="+", metavar="ARTICLE", help="text, HTML or .jsonl file, or - for standard input"
    )
    p_map.add_argument("-o", "--output", default="outputs", metavar="DIR", help="output folder (default: outputs)")
    p_map.add_argument("--open", action="store_true", help="open each map in a web browser")
    p_map.add_argument("--tiles", metavar="osm|URL", help="add online map tiles: 'osm' or a {z}/{x}/{y} URL template")
    p_map.add_argument("--attribution", metavar="TEXT", help="attribution for a --tiles URL")

    p_export = sub.add_parser("export", parents=[focus, front, store], help="write the article's GeoJSON")
    p_export.add_argument("article", metavar="ARTICLE")
    p_export.add_argument("-o", "--output", required=True, metavar="FILE.geojson")

    p_batch = sub.add_parser(
        "batch",
        parents=[focus, front, store],
        help="map many articles on Dask: per-article and combined outputs",
        description="Map many articles on Dask. Writes DIR/<name>.geojson per article, and combined.geojson, "
        ".parquet, .gpkg and .html for the run. A failing article is listed in DIR/batch.log and the run goes "
        "on; a re-run skips the articles already mapped with the same options, so an interrupted run goes on "
        "where it stopped.",
    )
    p_batch.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, globs or .jsonl files")
    p_batch.add_argument("-o", "--output", default="outputs/batch", metavar="DIR", help="output folder")
    p_batch.add_argument("--scheduler", metavar="ADDRESS", help="an existing Dask scheduler (default: a local cluster)")
    p_batch.add_argument("--workers", type=int, metavar="N", help="local workers (default: one per core)")
    p_batch.add_argument("--maps", action="store_true", help="also write an HTML map per article")

    p_gz = sub.add_parser("gazetteer", help="look into the gazetteer, or add places to your own")
    gz_sub = p_gz.add_subparsers(dest="gazetteer_command", required=True)
    p_search = gz_sub.add_parser(
        "search", parents=[store], help="entries with this name or alternate name, largest first"
    )
    p_search.add_argument("name")
    p_search.add_argument("--country", help="only this ISO country code")
    p_search.add_argument("--limit", type=int, default=20, help="at most this many rows (default 20)")
    p_search.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    p_info = gz_sub.add_parser("info", parents=[store], help="one entry by id, with every name it is known by")
    p_info.add_argument("id", metavar="ID")
    gz_sub.add_parser("stats", parents=[store], help="what the gazetteer holds, by kind, and its sources")
    p_import = gz_sub.add_parser(
        "import",
        parents=[store],
        help="add GeoNames dumps (UA.zip, allCountries.zip, alternateNamesV2.zip) or a CSV/GeoJSON of places",
    )
    p_import.add_argument("files", nargs="+", metavar="FILE")
    p_import.add_argument(
        "--classes", default="PAHT", help="GeoNames feature classes to keep (default PAHT: places, areas, water, hills)"
    )
    p_import.add_argument("--countries", default="", help="only these countries' rows of a GeoNames dump (e.g. UA,RU)")

    p_places = sub.add_parser("places", parents=[focus, front, store], help="print the places found, as a table")
    p_places.add_argument("article", metavar="ARTICLE")
    return parser


def _lookup_any_case(gz: Gazetteer, name: str) -> list[Entry]:
    """Entries of ``name``; a Ukrainian or Russian name in another case is also looked up by its nominatives
    ("Харкова" finds Харків), as in articles."""
    from geomap.folding import name_key
    from geomap.inflection import declined_keys, language, starts_cyrillic

    found = gz.lookup(name)
    if found or not starts_cyrillic(name.strip()):
        return found
    for key in declined_keys(name, name_key(name), language(name))[1:]:
        if found := gz.lookup(key):
            return found
    return []


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        _choose_user_gazetteer(args)
        return COMMANDS[args.command](args)
    except GeomapError as e:
        print(f"geomap: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("geomap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader left ("geomap places a.txt | head -3"): stop quietly, as Unix tools do; stdout goes to
        # /dev/null so that the interpreter's final flush does not fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE


def run() -> NoReturn:
    """The ``geomap`` command: :func:`main`, then leave without freeing what the run built.

    Freeing it is the interpreter's last work: a quarter of a million gazetteer entries took 0.17 s of a 1.1 s
    ``geomap export``, for memory the process is giving back anyway. Every file is closed by then (outputs are
    written whole or not at all); what is left is the output streams' buffers, flushed here.
    """
    code = main()
    if "geomap.ner" in sys.modules:  # the NER helper this run started, a daemon the interpreter's exit would end
        sys.modules["geomap.ner"].let_go()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left before the last lines were flushed: as in main
        code = 128 + signal.SIGPIPE
    sys.stderr.flush()
    os._exit(code)


def _choose_user_gazetteer(args: argparse.Namespace) -> None:
    """``--gazetteer PATH`` for this process and the batch workers it starts (they inherit the environment)."""
    path = getattr(args, "gazetteer", None)
    if path is None:
        return
    if getattr(args, "gazetteer_command", None) != "import" and not Path(path).is_file():
        raise InputError(f"--gazetteer {path}: no such user gazetteer (make one with geomap gazetteer import)")
    os.environ["GEOMAP_GAZETTEER"] = path


def _focus_codes(focus: str) -> list[str]:
    codes = [c.strip().upper() for c in focus.split(",") if c.strip()]
    if any(len(c) != 2 or not c.isalpha() for c in codes):
        raise InputError(f"--focus takes two-letter country codes, not {focus!r}")
    return codes


def _focus_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if text is None:
        return None
    try:
        west, south, east, north = (float(x) for x in text.split(","))
    except ValueError:
        raise InputError(f"--focus-bbox takes W,S,E,N in degrees, not {text!r}") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south < north <= 90):
        raise InputError(f"--focus-bbox {text!r}: longitudes within ±180, latitudes within ±90, south below north")
    return west, south, east, north


def _front(args: argparse.Namespace):
    from geomap.frontline import load_frontline

    return load_frontline(args.frontline) if args.frontline else None


def _options(args: argparse.Namespace) -> dict:
    """What the parse options on the command line ask of :func:`geomap.parse`; bad ones fail here."""
    return {"focus": _focus_codes(args.focus), "focus_bbox": _focus_bbox(args.focus_bbox), "ner": not args.no_ner}


def _parse(source, options: dict):
    from geomap.article import parse

    return parse(source.text, title=source.title, date=source.date, url=source.url, **options)


def _start_loading(args: argparse.Namespace, sources: list, options: dict):
    """Start the slow loads side by side, before the caller imports the pipeline and the map libraries:
    the NER model loads in a helper process, the gazetteer decompresses in a thread. Then read the front line
    ``args`` asks for, which imports shapely and pyproj while they load; returns it (None without one).
    """
    from geomap.gazetteer import preload

    if options["ner"] and sources:
        from geomap.ner import warm_up

        warm_up()  # first, while this process has no thread that a fork would copy in the middle of its work
    preload()
    return _front(args)


def _start_one(args: argparse.Namespace):
    """Read the one article of ``args`` and start the slow loads; returns the article's source, the parse
    options and the front line asked for (None without one). The caller imports what it needs next, while
    the loads go on, and then calls :func:`_parse`."""
    from geomap.inputs import read_one

    options = _options(args)
    source = read_one(args.article)
    return source, options, _start_loading(args, [source], options)


def cmd_map(args: argparse.Namespace) -> int:
    from geomap.inputs import read_sources, unique_names

    options = _options(args)
    sources = [s for a in args.articles for s in read_sources(a)]
    front = _start_loading(args, sources, options)
    from geomap.geojson import encode
    from geomap.outputs import write_atomic
    from geomap.webmap import open_in_browser, render_map, save_map

    names = unique_names([s.name for s in sources])
    parsed = [(_parse(s, options), name) for s, name in zip(sources, names, strict=True)]
    out = Path(args.output)  # everything is read and parsed before anything is written
    for article, name in parsed:
        html_path, geojson_path = out / f"{name}.html", out / f"{name}.geojson"
        m = render_map(article, args.tiles, args.attribution, front)  # a bad --tiles fails here, before any write
        write_atomic(geojson_path, encode(article.to_geojson(front)))
        save_map(m, html_path, allow_tiles=bool(args.tiles))
        print(html_path)
        print(geojson_path)
        if args.open:
            open_in_browser(html_path)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    source, options, front = _start_one(args)
    from geomap.geojson import encode
    from geomap.outputs import write_atomic

    article = _parse(source, options)
    write_atomic(Path(args.output), encode(article.to_geojson(front)))
    print(args.output)
    return 0


def cmd_places(args: argparse.Namespace) -> int:
    source, options, front = _start_one(args)
    article = _parse(source, options)
    header = ("mention", "name", "kind", "country", "lat", "lon", "confidence", "role")
    rows = [(*header, "front_km", "side") if front else header]
    for p in article.places:
        row = (", ".join(p.forms), p.name, p.kind, p.country, f"{p.lat:.4f}", f"{p.lon:.4f}", f"{p.confidence:.2f}")
        row += (p.role,)
        if front:
            pos = front.position(p.lat, p.lon)
            row += (f"{pos['distance_to_front_km']:.1f}", pos["side"] or "")
        rows.append(row)
    _print_table(rows)
    return 0


def _print_table(rows: list[tuple[str, ...]]) -> None:
    """Rows of text as aligned columns; the first row is the header."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def cmd_batch(args: argparse.Namespace) -> int:
    from geomap.batch import run_batch

    if args.workers is not None and args.workers < 1:
        raise InputError("--workers takes a number of at least 1")
    options = _options(args)
    front = _front(args)  # a bad file fails here, before any worker starts
    try:
        summary = run_batch(
            args.inputs,
            Path(args.output),
            scheduler=args.scheduler,
            workers=args.workers,
            maps=args.maps,
            options=options,
            front=front,
        )
    except KeyboardInterrupt:
        print("geomap: interrupted; the articles mapped are kept: the same command goes on", file=sys.stderr)
        return 130
    for path in summary.outputs:
        print(path)
    for name, reason in summary.failed[:10]:
        print(f"geomap: {name}: {reason}", file=sys.stderr)
    print(
        f"mapped {summary.done}, skipped {summary.skipped} already done, failed {len(summary.failed)} "
        f"{summary.took}{'; the combined outputs were up to date' if summary.combine_skipped else ''} "
        f"(log: {Path(args.output) / 'batch.log'})",
        file=sys.stderr,
    )
    return 1 if summary.failed else 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from geomap.gazetteer import Gazetteer

    if args.gazetteer_command == "import":
        return _import(args)
    gz = Gazetteer.default()
    if args.gazetteer_command == "stats":
        return _stats(gz)
    if args.gazetteer_command == "info":
        try:
            e = gz.get(args.id)
        except GazetteerError:
            raise InputError(f"no gazetteer entry {args.id!r} (ids look like geonames:713174)") from None
        area = gz.area(e.id)
        print(f"{e.id}  {e.name}  ({e.kind}, {e.country or '-'}, admin1 {e.admin1 or '-'})")
        print(f"{e.lat:.5f}, {e.lon:.5f}; population {e.population or 'unknown'}; polygon: {'yes' if area else 'no'}")
        print("names: " + " | ".join(e.names))
        return 0
    if args.limit < 1:
        raise InputError("--limit takes a number of at least 1")
    entries = [e for e in _lookup_any_case(gz, args.name) if not args.country or e.country == args.country.upper()]
    if args.json:
        import json

        fields = ("id", "name", "kind", "country", "admin1", "lat", "lon", "population")
        print(json.dumps([{f: getattr(e, f) for f in fields} for e in entries[: args.limit]], ensure_ascii=False))
        return 0 if entries else 1
    if not entries:
        print(f"no entry named {args.name!r}", file=sys.stderr)
        return 1
    rows = [("id", "name", "kind", "country", "admin1", "lat", "lon", "population")]
    rows += [
        (e.id, e.name, e.kind, e.country, e.admin1, f"{e.lat:.4f}", f"{e.lon:.4f}", str(e.population))
        for e in entries[: args.limit]
    ]
    _print_table(rows)
    if len(entries) > args.limit:
        print(f"... {len(entries) - args.limit} more (--limit)", file=sys.stderr)
    return 0


def _stats(gz) -> int:
    import json

    from geomap.gazetteer import data_dir

    manifest = json.loads((data_dir() / "manifest.json").read_text(encoding="utf-8"))
    counts = manifest["counts"]
    print(f"embedded: {counts['entries']} entries, {counts['areas']} with polygons, built {manifest['built']}")
    for kind, n in sorted(counts["by_kind"].items(), key=lambda kv: -kv[1]):
        print(f"  {kind:10} {n}")
    if gz.user is not None:
        mine = gz.user.stats()
        print(f"user gazetteer {mine['path']}: {mine['entries']} entries")
        for kind, n in mine["by_kind"].items():
            print(f"  {kind:10} {n}")
        for file, rows, when in mine["imports"]:
            print(f"  imported {when} UTC: {file} ({rows} rows)")
    for name, licence in manifest["licences"].items():
        print(f"{name}: {licence}")
    return 0


def _import(args: argparse.Namespace) -> int:
    import time

    from geomap.gazetteer import Gazetteer, data_dir
    from geomap.user_gazetteer import UserGazetteer, default_path

    classes = args.classes.upper()
    if not classes or any(c not in "AHLPRSTUV" for c in classes):
        raise InputError(f"--classes takes GeoNames feature classes (letters of AHLPRSTUV), not {args.classes!r}")
    countries = frozenset(_focus_codes(args.countries))
    for f in args.files:
        if not Path(f).is_file():
            raise InputError(f"{f}: no such file")
    store = UserGazetteer(default_path())
    embedded = None

    def defaults(ids: list[str]):
        nonlocal embedded
        embedded = embedded or Gazetteer(data_dir())
        return embedded.get_embedded(ids)

    def progress(name: str, rows: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{name}: {rows} rows", end="", file=sys.stderr, flush=True)

    start = time.perf_counter()
    counts = store.import_files([Path(f) for f in args.files], classes, countries, defaults, progress)
    seconds = time.perf_counter() - start
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for name, n in counts.items():
        print(f"{name}: {n} rows")
    print(f"imported into {store.path} in {seconds:.1f} s", file=sys.stderr)
    return 0


COMMANDS = {
    "map": cmd_map,
    "export": cmd_export,
    "places": cmd_places,
    "batch": cmd_batch,
    "gazetteer": cmd_gazetteer,
}

if __name__ == "__main__":
    run()
