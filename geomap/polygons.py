"""Polygons by id: one zstd file of WKB blobs with their bounding boxes, decoded only when asked for.

The gazetteer keeps two: its areas at full detail (containment, GeoJSON) and their outlines simplified for
drawing a basemap. The file is a JSON header line of ``[id, byte length, west, south, east, north]``, then
the blobs back to back (written by ``gazetteer/build.py``).

>>> from geomap.gazetteer import data_dir
>>> outlines = PolygonStore(data_dir() / "outlines.wkb.zst")
>>> near_bakhmut = outlines.within(37.9, 48.5, 38.1, 48.7)  # whose boxes meet this window
>>> "ne:admin1:UA-14" in near_bakhmut, "ne:admin1:UA-30" in near_bakhmut  # Donetsk oblast, not Kyiv city
(True, False)
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import zstandard

from geomap.errors import GazetteerError

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

Box = tuple[float, float, float, float]


def read_zst(path: Path) -> bytes:
    """A whole zstd file; libzstd runs without the GIL, so a thread can read while another imports."""
    return zstandard.ZstdDecompressor().decompress(path.read_bytes())


class PolygonStore:
    """``get(id)`` and ``within(west, south, east, north)`` over one file; thread-safe, each polygon decoded once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._spans: dict[str, tuple[int, int, Box]] | None = None
        self._blob = b""
        self._cache: dict[str, BaseGeometry] = {}
        self._lock = threading.Lock()

    def index(self) -> dict[str, tuple[int, int, Box]]:
        """Where each polygon's WKB lies in the blob, and its bounding box; read on first use."""
        with self._lock:  # a preload thread may be reading it
            if self._spans is None:
                self._spans = self._read_index()
        return self._spans

    def _read_index(self) -> dict[str, tuple[int, int, Box]]:
        try:
            header, _, self._blob = read_zst(self.path).partition(b"\n")
            spans, start = {}, 0
            for ident, length, *box in json.loads(header):
                spans[ident] = (start, start + length, tuple(box))
                start += length
        except (OSError, ValueError, TypeError, zstandard.ZstdError) as e:
            raise GazetteerError(f"gazetteer areas in {self.path} are missing or damaged: {e}") from e
        return spans

    def __contains__(self, ident: str) -> bool:
        return ident in self.index()

    def get(self, ident: str) -> BaseGeometry | None:
        """The polygon with this id, or None."""
        return self._decode([ident])[0] if ident in self.index() else None

    def within(self, west: float, south: float, east: float, north: float) -> dict[str, BaseGeometry]:
        """The polygons whose bounding boxes meet this window (degrees, west <= east), by id."""
        ids = [
            i
            for i, (_, _, (w, s, e, n)) in self.index().items()
            if w <= east and west <= e and s <= north and south <= n
        ]
        return dict(zip(ids, self._decode(ids), strict=True))

    def _decode(self, ids: list[str]) -> list[BaseGeometry]:
        import shapely  # here, not at the top: most lookups never need a polygon

        todo = [i for i in ids if i not in self._cache]
        if todo:
            spans = self.index()
            try:
                geoms = shapely.from_wkb([self._blob[spans[i][0] : spans[i][1]] for i in todo])
                # resolution asks each area whether it holds many points: prepared, that is ~10x faster
                shapely.prepare(geoms)
            except (ValueError, shapely.errors.ShapelyError) as e:
                raise GazetteerError(f"gazetteer areas in {self.path} are damaged: {e}") from e
            self._cache.update(zip(todo, geoms, strict=True))
        return [self._cache[i] for i in ids]
