"""Outputs: reading articles and writing files so that a failure never leaves half a file behind.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "map.geojson"
>>> write_atomic(target, '{"type": "FeatureCollection", "features": []}')
>>> target.read_text()[:29]
'{"type": "FeatureCollection",'
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from geomap.errors import InputError, OutputError

MAX_ARTICLE_BYTES = 64 * 1024 * 1024


def read_article(source: str) -> tuple[str, str]:
    """The text of an article file (or ``-`` for standard input) and a name for its outputs."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        name = "stdin"
    else:
        path = Path(source)
        if path.is_dir():
            raise InputError(f"{source}: is a directory, not an article")
        try:
            with path.open("rb") as f:
                data = f.read(MAX_ARTICLE_BYTES + 1)
        except FileNotFoundError:
            raise InputError(f"{source}: no such file") from None
        except OSError as e:
            raise InputError(f"{source}: cannot read: {e.strerror}") from None
        name = path.stem or "article"
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(f"{source}: larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB; not an article")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{source}: binary data, not text")
    text = _decode(data, source)
    if not text.strip():
        raise InputError(f"{source}: empty article")
    return text, name


def _decode(data: bytes, source: str) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(f"{source}: not readable as UTF-8 or Windows-1252 text") from None


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` via a temporary file in the same folder and a rename."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as e:
        raise OutputError(f"{path.parent}: cannot write there: {e.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(content)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes files private; outputs are ordinary files
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {e.strerror}") from None
