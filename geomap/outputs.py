"""Outputs: writing files so that a failure never leaves half a file behind.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "map.geojson"
>>> write_atomic(target, '{"type": "FeatureCollection", "features": []}')
>>> target.read_text()[:29]
'{"type": "FeatureCollection",'
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geomap.errors import OutputError


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text is written as UTF-8) to ``path`` via a temporary file in the same folder and
    a rename."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with _temporary(path) as (fd, _):
        with os.fdopen(fd, "wb", closefd=False) as f:
            f.write(data)


@contextmanager
def atomic(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path``, empty, for the block to write; renamed to ``path`` when the block
    ends, removed if it raises. For writers that want a path rather than bytes (GeoParquet, GeoPackage),
    and for outputs written part by part, several at once.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "rows.geojson"
    >>> with atomic(target) as tmp:
    ...     _ = tmp.write_text('{"type": "FeatureCollection", "features": []}')
    ...     target.exists()
    False
    >>> target.exists()
    True
    """
    with _temporary(path) as (_, tmp):
        yield tmp


@contextmanager
def _temporary(path: Path) -> Iterator[tuple[int, Path]]:
    """A new file beside ``path`` (its descriptor and name), renamed to ``path`` when the block ends
    without an error and removed when it does not; an OSError becomes one OutputError."""
    path = Path(path)
    try:
        fd, tmp = _create_beside(path)
    except OSError as e:
        raise OutputError(f"{path.parent}: cannot write there: {e.strerror}") from None
    replaced = False
    try:
        yield fd, tmp
        os.replace(tmp, path)
        replaced = True
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None
    finally:
        os.close(fd)
        if not replaced:
            tmp.unlink(missing_ok=True)


# Temporary names this process has made: with its pid, a name no other process makes (O_EXCL checks anyway)
_NAMES = itertools.count()


def _create_beside(path: Path) -> tuple[int, Path]:
    """A new, empty file in ``path``'s folder (made if need be), named after it: ".map.<pid>.<n>.geojson", with
    the target's suffix, which some writers check (GeoPackage wants .gpkg). Opened with mode 0o666, which the
    umask narrows as for any file the user makes. Not tempfile.mkstemp: its random names and the chmod that
    its private mode needs cost as much as writing a small GeoJSON, which a batch run does thousands of times."""
    while True:
        tmp = path.parent / f".{path.stem}.{os.getpid()}.{next(_NAMES)}{path.suffix}"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue  # left by a killed run of an earlier process that had this pid
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)  # the folder, made only when it is not there
