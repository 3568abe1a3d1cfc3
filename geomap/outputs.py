"""Outputs: writing files so that a failure never leaves half a file behind.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "map.geojson"
>>> write_atomic(target, '{"type": "FeatureCollection", "features": []}')
>>> target.read_text()[:29]
'{"type": "FeatureCollection",'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from geomap.errors import OutputError


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` (text, UTF-8) to ``path`` via a temporary file in the same folder and a rename."""

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as f:
            f.write(content)

    write_file_atomic(path, write)


def write_file_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` make the file under a temporary name in ``path``'s folder, then rename it into place.

    For writers that want a path rather than text (GeoParquet, GeoPackage); the temporary file exists,
    empty, when ``write`` is called.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # the target's suffix too: some writers check it (GeoPackage wants .gpkg)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
        os.close(fd)
    except OSError as e:
        raise OutputError(f"{path.parent}: cannot write there: {e.strerror}") from None
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes files private; outputs are ordinary files
        os.replace(tmp, path)
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
