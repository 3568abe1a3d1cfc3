"""The gazetteer: names to places, behind one small interface.

>>> from geomap.gazetteer import Gazetteer
>>> gz = Gazetteer.default()
>>> [e.name for e in gz.lookup("Bakhmut")][:1]
['Bakhmut']
>>> gz.lookup("Artemivsk")[0].country
'UA'

The default gazetteer ships with the package (built by ``gazetteer/build.py``): GeoNames cities500
(CC-BY 4.0), Natural Earth countries, first-level regions and seas (public domain) and a curated
supplement. Entries are kept as rows and turned into :class:`Entry` objects only when asked for.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.folding import name_key

ATTRIBUTION = "Places: GeoNames (geonames.org, CC-BY 4.0); areas: Natural Earth (public domain)"
AREA_KINDS = frozenset({"country", "region", "sea", "peninsula"})


def data_dir() -> Path:
    """Where the gazetteer files are: inside an installed wheel, or ``gazetteer/data`` in a checkout."""
    packaged = Path(__file__).resolve().parent / "gazetteer_data"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "gazetteer" / "data"


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry: a populated place, a region, a country, a sea or a landmark."""

    id: str
    name: str
    kind: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    names: tuple[str, ...]

    @property
    def is_area(self) -> bool:
        return self.kind in AREA_KINDS


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (spherical; plenty for ranking candidates).

    >>> round(haversine_km(50.45, 30.52, 48.59, 38.0))
    575
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Name lookup over the embedded data: ``lookup(name)``, ``get(id)``, ``area(id)``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            text = gzip.decompress((folder / "places.tsv.gz").read_bytes()).decode("utf-8")
            common = (folder / "common_names.txt").read_text(encoding="utf-8").split()
        except (OSError, EOFError, UnicodeDecodeError) as e:
            raise GazetteerError(f"gazetteer data in {folder} is missing or damaged: {e}") from e
        lines = text.split("\n")
        self._rows: list[list[str]] = []
        self._by_id: dict[str, int] = {}
        self._index: dict[str, list[int]] = {}
        for i, line in enumerate(lines[1:-1]):
            row = line.split("\t")
            self._rows.append(row)
            self._by_id[row[0]] = i
            for name in [row[1], *row[8].split("|")] if row[8] else [row[1]]:
                bucket = self._index.setdefault(name_key(name), [])
                if not bucket or bucket[-1] != i:
                    bucket.append(i)
        self.common_names = frozenset(common)
        self._areas: dict[str, dict] | None = None

    @classmethod
    @cache
    def default(cls) -> Gazetteer:
        """The embedded gazetteer, loaded once per process."""
        return cls(data_dir())

    def __len__(self) -> int:
        return len(self._rows)

    def keys(self) -> Iterator[str]:
        """Every folded name the gazetteer knows (what the mention matcher searches for)."""
        return iter(self._index)

    def lookup(self, name: str) -> list[Entry]:
        """Entries with this name or alternate name, largest first."""
        found = [self._entry(i) for i in self._index.get(name_key(name), [])]
        return sorted(found, key=lambda e: (e.kind not in AREA_KINDS, -e.population))

    def get(self, ident: str) -> Entry:
        try:
            return self._entry(self._by_id[ident])
        except KeyError:
            raise GazetteerError(f"no gazetteer entry {ident!r}") from None

    def areas(self) -> dict[str, dict]:
        """Every area's GeoJSON geometry by entry id (loaded on first use)."""
        if self._areas is None:
            try:
                raw = gzip.decompress((self.folder / "areas.geojson.gz").read_bytes())
            except (OSError, EOFError) as e:
                raise GazetteerError(f"gazetteer areas in {self.folder} are missing or damaged: {e}") from e
            self._areas = {f["id"]: f["geometry"] for f in json.loads(raw)["features"]}
        return self._areas

    def area(self, ident: str) -> dict | None:
        """The GeoJSON geometry of an area entry (country, region, sea), or None for a point."""
        return self.areas().get(ident)

    def _entry(self, i: int) -> Entry:
        r = self._rows[i]
        return Entry(
            id=r[0],
            name=r[1],
            kind=r[2],
            country=r[3],
            admin1=r[4],
            lat=float(r[5]),
            lon=float(r[6]),
            population=int(r[7]),
            names=tuple(r[8].split("|")) if r[8] else (),
        )
