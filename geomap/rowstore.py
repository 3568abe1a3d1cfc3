"""The rows store: each chunk's rows (one per place mention and per distance, see
:func:`geomap.corpus.article_rows`), kept in a batch's output folder between the workers that map the articles
and the driver that writes the combined outputs; what lets a re-run map only what is new.

A rows file is two lines: a header naming the chunk's articles, what they were made with (the parse options
and the user gazetteer) and the length of the second line; then the rows of each article. A re-run reads only
the headers: a file made with other settings, or whose length is not what its header says (cut short by a full
disk, say), counts as absent, so its articles are mapped again.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> settings = {"options": {"focus": ["UA"]}}
>>> path = write_rows(out, {"a1": [{"role": "place", "name": "Kyiv"}], "a2": []}, settings)
>>> owners = scan(out, settings)
>>> sorted(owners), scan(out, {"options": {"focus": []}})
(['a1', 'a2'], {})
>>> [row["name"] for row in read_rows(["a1", "a2"], owners)]
['Kyiv']
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

from geomap.errors import OutputError
from geomap.outputs import write_atomic

# The folder, inside a batch's output folder, that holds the rows files.
ROWS_DIR = ".rows"
# Beside them: what the combined outputs were last made from (see current_outputs).
OUTPUTS_STAMP = "combined.stamp"


def write_rows(out_dir: Path, rows: dict[str, list[dict]], made_with: dict | None = None) -> Path:
    """Write the rows of a chunk's articles (by article name), made with the settings ``made_with``, to a
    new rows file, atomically; its path.

    One file for the chunk, not one per article: on a slow disk, creating a file costs as much as encoding
    an article. The name is a digest of the articles', so a chunk mapped again replaces its file.
    """
    body = orjson.dumps(rows)
    header = orjson.dumps({"articles": list(rows), "made_with": made_with, "bytes": len(body)})
    digest = hashlib.sha1("\n".join(rows).encode()).hexdigest()[:20]
    path = Path(out_dir) / ROWS_DIR / f"{digest}.json"
    write_atomic(path, header + b"\n" + body)
    return path


def scan(out_dir: Path, made_with: dict | None = None) -> dict[str, Path]:
    """Which rows file holds each article's rows, among those in ``out_dir`` made with ``made_with`` (as
    JSON reads it back): the newest, for an article mapped again. Only the headers are read. A file that is
    not whole, or was made with other settings, is passed over: its articles count as not done."""
    found = []
    for path in (Path(out_dir) / ROWS_DIR).glob("*.json"):
        try:
            found.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    owners: dict[str, Path] = {}
    for _, path in sorted(found):
        articles = _articles(path, made_with)
        owners.update(dict.fromkeys(articles, path))
    return owners


def prune(out_dir: Path, owners: dict[str, Path], made_with: dict | None = None) -> int:
    """Remove the rows files made with ``made_with`` that hold no article's rows any more: every article in
    them was mapped again into a newer file (``owners``, as :func:`scan` gives them and a run updates them).
    Files made with other settings stay: they are what a run with those settings again would reuse. The number
    removed.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> old = write_rows(out, {"a1": [], "a2": []})
    >>> owners = scan(out) | {"a1": write_rows(out, {"a1": []}), "a2": write_rows(out, {"a2": []})}
    >>> prune(out, owners), old.exists(), len(scan(out))
    (1, False, 2)
    """
    owning = {path.name for path in owners.values()}  # by name: the workers may write the folder's path otherwise
    removed = 0
    for path in (Path(out_dir) / ROWS_DIR).glob("*.json"):
        if path.name not in owning and _articles(path, made_with):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def read_rows(names: Iterable[str], owners: dict[str, Path]) -> Iterator[dict]:
    """The rows of the articles ``names`` from their rows files (``owners``, as :func:`scan` gives them),
    one file at a time, in the order of the first article each holds: a corpus of any size passes through
    memory a chunk at a time, and each article's rows come together.

    A file damaged since it was scanned is removed, so that the next run maps its articles again, and is
    one OutputError.
    """
    order = {name: i for i, name in enumerate(names)}
    first: dict[Path, int] = {}
    for name in order:
        first.setdefault(owners[name], order[name])
    for path in sorted(first, key=first.__getitem__):
        try:
            data = orjson.loads(path.read_bytes().partition(b"\n")[2])
        except (OSError, ValueError):
            path.unlink(missing_ok=True)
            raise OutputError(f"{path}: damaged, so removed: run again to map its articles again") from None
        for name, rows in data.items():
            if owners.get(name) == path and name in order:
                yield from rows


def _articles(path: Path, made_with: dict | None) -> list[str]:
    """The articles a rows file holds, by its header; none if the file is not whole or was made otherwise."""
    try:
        with path.open("rb") as f:
            line = f.readline()
            size = os.fstat(f.fileno()).st_size
        header = orjson.loads(line)
        if len(line) + header["bytes"] != size or header["made_with"] != made_with:
            return []
        articles = header["articles"]
    except (OSError, ValueError, TypeError, KeyError):
        return []
    return articles if isinstance(articles, list) else []


def fingerprint(names: Iterable[str], owners: dict[str, Path]) -> str:
    """A digest of the rows the articles ``names`` have, in order: which file holds each, and each file's
    size and time as it is now. Equal fingerprints, equal combined outputs.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_rows(out, {"a1": [], "a2": []})
    >>> fingerprint(["a1", "a2"], scan(out)) == fingerprint(["a2", "a1"], scan(out))
    False
    """
    digest = hashlib.sha1()
    stats: dict[Path, list[int] | None] = {}
    for name in names:
        path = owners[name]
        if path not in stats:
            try:
                stats[path] = _stat(path)
            except OSError:
                stats[path] = None  # gone: read_rows will say so
        digest.update(f"{name}\t{path.name}\t{stats[path]}\n".encode())
    return digest.hexdigest()


def current_outputs(out_dir: Path, made_from: str) -> list[Path]:
    """The outputs an earlier run noted (:func:`note_outputs`) as made from the rows that ``made_from``
    fingerprints, if they are there, unchanged; else none. A batch re-run with nothing new to map then takes
    a second, not the minutes of writing its combined outputs again."""
    try:
        stamp = orjson.loads((Path(out_dir) / ROWS_DIR / OUTPUTS_STAMP).read_bytes())
        outputs = [Path(out_dir) / name for name in stamp["outputs"]]
        if stamp["made_from"] == made_from and all(_stat(p) == stamp["outputs"][p.name] for p in outputs):
            return outputs
    except (OSError, ValueError, TypeError, KeyError):
        pass  # no stamp, or a damaged one: the outputs are made again
    return []


def note_outputs(out_dir: Path, made_from: str, outputs: list[Path]) -> None:
    """Note that ``outputs`` (in ``out_dir``) were made from the rows ``made_from`` fingerprints, with their
    sizes and times, for :func:`current_outputs` in the next run."""
    try:
        stamp = {"made_from": made_from, "outputs": {p.name: _stat(p) for p in outputs}}
    except OSError:  # an output gone already: no stamp, and the next run makes them again
        return
    write_atomic(Path(out_dir) / ROWS_DIR / OUTPUTS_STAMP, orjson.dumps(stamp))


def _stat(path: Path) -> list[int]:
    """A file's size and time: what tells that it changed."""
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]
