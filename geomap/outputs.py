"""Outputs: writing files so that a failure never leaves half a file behind.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "map.geojson"
>>> write_atomic(target, '{"type": "FeatureCollection", "features": []}')
>>> target.read_text()[:29]
'{"type": "FeatureCollection",'
"""

from __future__ import annotations

import functools
import os
import tempfile
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
        path.parent.mkdir(parents=True, exist_ok=True)
        # the target's suffix too: some writers check it (GeoPackage wants .gpkg)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    except OSError as e:
        raise OutputError(f"{path.parent}: cannot write there: {e.strerror}") from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes files private; outputs are ordinary files
        yield fd, Path(tmp)
        os.replace(tmp, path)
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None
    finally:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)


@functools.cache
def _umask() -> int:
    """This process's umask, read once: reading it means setting it, for a moment, to something else."""
    umask = os.umask(0)
    os.umask(umask)
    return umask
