"""Tasks: the articles a batch maps, found in its inputs (files, folders, globs, JSON Lines exports), each
named for its outputs and saying where a worker reads it.

>>> import tempfile, pathlib, json
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "kyiv.txt").write_text("Drones struck Kyiv overnight.")
>>> _ = (folder / "day.jsonl").write_text(json.dumps({"id": "w1", "text": "Shelling hit Kharkiv."}))
>>> [(t.name, t.line) for t in collect_tasks([str(folder)])]
[('w1', 1), ('kyiv', 0)]
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from geomap.errors import InputError
from geomap.inputs import Source, json_lines, line_name, read_json_line, read_sources, unique_names

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")


@dataclass(frozen=True)
class Task:
    """One article to map: its output name and where it is. A file; or a line of a JSON Lines file, by its
    number and byte offset, so that the worker reads its own article and the task graph stays small (an
    export of 20,000 articles sent 35 MB through the scheduler); or, from a UTF-16 file, the article itself.
    """

    name: str
    path: str = ""
    line: int = 0
    offset: int = -1
    source: Source | None = None
    error: str = ""  # why a JSON Lines line holds no article

    def read(self) -> Source:
        if self.error:
            raise InputError(self.error)
        if self.source is not None:
            return self.source
        if self.line:
            return read_json_line(self.path, self.line, self.offset)
        return read_sources(self.path)[0]


def collect_tasks(inputs: list[str], outputs: Path | None = None, reserved: Iterable[str] = ()) -> list[Task]:
    """Every article the inputs name: files, folders (searched recursively), globs and .jsonl lines. What a
    folder or glob finds in the ``outputs`` folder is left out: a run's own maps are not articles, and an
    output folder inside the input folder is common. Each task's name is unique, and none is ``reserved``
    (the stems of the run's other outputs)."""
    outputs = outputs.resolve() if outputs is not None else None
    paths: list[Path] = []
    for item in inputs:
        if any(c in item for c in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise InputError(f"{item}: matches no file")
            paths += [Path(p) for p in matches if Path(p).is_file() and not _inside(Path(p), outputs)]
        elif Path(item).is_dir():
            paths += _article_files(Path(item), outputs)
        elif Path(item).exists():
            paths.append(Path(item))
        else:
            raise InputError(f"{item}: no such file or folder")
    tasks: list[Task] = []
    for path in paths:
        if path.suffix.lower() == ".jsonl":
            try:
                for n, offset, article in json_lines(str(path)):
                    tasks.append(_line_task(str(path), n, offset, article))
            except InputError as e:  # the file itself (unreadable, bad UTF-16): its failure, after its lines read
                tasks.append(Task(name=path.stem, path=str(path), error=str(e)))
        else:
            tasks.append(Task(name=path.stem, path=str(path)))
    names = unique_names([t.name for t in tasks], reserved)
    return [replace(t, name=name) for t, name in zip(tasks, names, strict=True)]


def _line_task(path: str, n: int, offset: int, article: Source | InputError) -> Task:
    """The task of line ``n`` of a JSON Lines file: where the worker reads it; the article itself from a
    UTF-16 file; or, for a line that holds none, why (the run reports it and goes on)."""
    if isinstance(article, InputError):
        return Task(line_name(path, n), path, n, offset, error=str(article))
    return Task(article.name, path, n, offset) if offset >= 0 else Task(article.name, source=article)


def _article_files(folder: Path, outputs: Path | None) -> list[Path]:
    """The files with an article's suffix under ``folder``, sorted, not looking into ``outputs`` (nor, as
    ``Path.rglob``, into linked folders)."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not _inside(Path(root, d), outputs)]
        found += [Path(root, f) for f in files if Path(f).suffix.lower() in ARTICLE_SUFFIXES]
    return sorted(p for p in found if p.is_file())


def _inside(path: Path, folder: Path | None) -> bool:
    """Whether ``path`` is ``folder`` (resolved) or in it."""
    return folder is not None and path.resolve().is_relative_to(folder)
