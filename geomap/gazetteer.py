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
A user gazetteer (:mod:`geomap.user_gazetteer`), when one has been imported, is searched with it and
its entries replace embedded ones of the same id.
"""

from __future__ import annotations

import json
import math
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import zstandard

from geomap.errors import GazetteerError
from geomap.folding import name_key, spelled_out
from geomap.polygons import PolygonStore, read_zst

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geomap.user_gazetteer import UserGazetteer

K = TypeVar("K")  # what _largest_by keys entries by

ATTRIBUTION = (
    "Places: GeoNames (geonames.org, CC-BY 4.0); areas: Natural Earth (public domain); "
    "US counties: US Census Bureau (public domain); airports: airportsdata (MIT, Mike Borsetti; mwgg)"
)
# Ids of first-level divisions (provinces, oblasts, states): Natural Earth admin-1, as the build names them.
ADMIN1_PREFIX = "ne:admin1:"
AREA_KINDS = frozenset({"country", "region", "sea", "peninsula"})
# How far outside a region's drawn (simplified) border its seat may lie: about 5 km
SEAT_SLACK_DEG = 0.05
SETTLEMENT_KINDS = frozenset({"city", "town", "village"})
KINDS = ("city", "town", "village", "district", "region", "country", "sea", "river", "peninsula", "other")
# How many answers of starts_a_longer_name, and of name lookups, a gazetteer remembers before it forgets them all.
MAX_REMEMBERED_HEADS = 100_000
MAX_REMEMBERED_NAMES = 100_000


_default: Gazetteer | None = None
_default_lock = threading.Lock()


def preload() -> threading.Thread:
    """Load the default gazetteer and its polygon indexes on a background thread, and return the thread.

    Most of loading is decompression, which releases the GIL: a command that starts this before importing
    the mapping libraries gets the gazetteer nearly for free.
    """

    def load() -> None:
        try:
            gz = Gazetteer.default()
            gz.areas.index()
            gz.outlines.index()
        except GazetteerError:
            pass  # the pipeline asks again and reports it

    thread = threading.Thread(target=load, name="geomap-gazetteer-preload", daemon=True)
    thread.start()
    return thread


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


_RADIANS = math.pi / 180


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (spherical; plenty for ranking candidates).

    >>> round(haversine_km(50.45, 30.52, 48.59, 38.0))
    578
    """
    # written out with plain products: ranking calls this tens of thousands of times a second
    s_lat = math.sin((lat2 - lat1) * _RADIANS / 2)
    s_lon = math.sin((lon2 - lon1) * _RADIANS / 2)
    a = s_lat * s_lat + math.cos(lat1 * _RADIANS) * math.cos(lat2 * _RADIANS) * s_lon * s_lon
    return 2 * 6371.0088 * math.asin(math.sqrt(a) if a < 1.0 else 1.0)


class Gazetteer:
    """Name lookup over the embedded data: ``lookup(name)``, ``get(id)``, ``area(id)``."""

    def __init__(self, folder: Path, user: UserGazetteer | None = None) -> None:
        self.folder = folder
        self.user = user
        try:
            # Rows and names stay bytes until asked for: a lookup decodes the few dozen rows it touches and
            # the name buckets they lie in, not 240k rows and 600k names (that would take seven times longer).
            self._places = read_zst(folder / "places.tsv.zst")
            self._names = read_zst(folder / "names.tsv.zst")
            self._ids_zst = (folder / "ids.tsv.zst").read_bytes()  # unpacked when an id is first asked for
            meta = json.loads((folder / "name_buckets.json").read_text(encoding="utf-8"))
            self._spans: dict[str, list[int]] = meta["buckets"]
            longest = int(meta["longest_name"])
            common = (folder / "common_names.txt").read_text(encoding="utf-8").split()
            capitals = (folder / "capitals.txt").read_text(encoding="utf-8").split()
            seats = (folder / "regional_capitals.txt").read_text(encoding="utf-8").split()
            given = (folder / "given_names.txt").read_text(encoding="utf-8").split()
            dependencies = (folder / "dependencies.tsv").read_text(encoding="utf-8").splitlines()[1:]
            sovereigns = dict(line.split("\t") for line in dependencies)
        except (OSError, ValueError, KeyError, TypeError, zstandard.ZstdError) as e:
            raise GazetteerError(f"gazetteer data in {folder} is missing or damaged: {e}") from e
        self._first_row = self._places.find(b"\n") + 1  # after the header
        if not self._first_row or not self._places.endswith(b"\n"):
            raise GazetteerError(f"gazetteer data in {folder} is damaged: places.tsv is cut short")
        self._len: int | None = None
        self._buckets: dict[str, list[str]] = {}
        # starts_a_longer_name's and _posting's answers: the same names recur in article after article
        self._heads: dict[str, bool] = {}
        self._postings: dict[str, str | None] = {}
        self._ids: list[str] | None = None
        self._countries: dict[str, Entry] | None = None
        self._capitals: dict[str, Entry] | None = None
        self._seats: dict[tuple[str, str], Entry] | None = None
        self.common_names = frozenset(common)
        self.capitals = frozenset(capitals)  # entry ids of national capitals
        self.regional_capitals = frozenset(seats)  # entry ids of the seats of first-level regions
        self.given_names = frozenset(given)  # folded; none is a well-known place's name
        self.sovereigns: dict[str, str] = sovereigns  # ISO code of a dependency -> its sovereign's: GU -> US
        self.longest_name = max(longest, user.longest_key() if user else 0)
        self.areas = PolygonStore(folder / "areas.wkb.zst")
        # the same areas simplified for drawing: a basemap clips these instead of simplifying the areas
        self.outlines = PolygonStore(folder / "outlines.wkb.zst")

    @classmethod
    def default(cls) -> Gazetteer:
        """The embedded gazetteer, with the user's imports if there are any, loaded once per process."""
        global _default
        with _default_lock:  # a background preload and the pipeline may ask at once
            if _default is None:
                from geomap.user_gazetteer import UserGazetteer, default_path

                user = UserGazetteer(default_path())
                _default = cls(data_dir(), user if user.exists() else None)
            return _default

    def __len__(self) -> int:
        if self._len is None:
            self._len = self._places.count(b"\n", self._first_row)
        return self._len

    def __contains__(self, key: str) -> bool:
        """Whether ``key``, an already folded name (see :func:`~geomap.folding.name_key`), is known."""
        return self._posting(key) is not None or (self.user is not None and self.user.has_key(key))

    def starts_a_longer_name(self, head: str) -> bool:
        """Whether some name is ``head`` followed by more ("sea of " for "sea of azov", "d." for "d.c.")."""
        known = self._heads.get(head)
        if known is None:
            if len(head) < 2:  # every name in a bucket whose two letters start with head is longer
                known = any(len(p) > len(head) and p.startswith(head) for p in self._spans)
            else:  # names that start with head share its bucket; head's own line, if any, comes first
                lines = self._bucket(head[:2])
                i = bisect_left(lines, head)
                if i < len(lines) and lines[i].startswith(head + "\t"):
                    i += 1
                known = i < len(lines) and lines[i].startswith(head)
            known = known or (self.user is not None and self.user.has_longer_key(head))
            known = known or ((full := spelled_out(head)) is not None and self.starts_a_longer_name(full))
            if len(self._heads) >= MAX_REMEMBERED_HEADS:
                self._heads.clear()
            self._heads[head] = known
        return known

    def _posting(self, key: str) -> str | None:
        """The comma-joined byte offsets of the rows of the entries named ``key``, or None."""
        # asked for every run of capitalised words of every article: answers are remembered, as the heads are
        try:
            return self._postings[key]
        except KeyError:
            pass
        found = self._own_posting(key)
        if found is None and (full := spelled_out(key)) is not None:
            # "St. Elizabeth" parish, which no source abbreviates, is Saint Elizabeth; but where some place goes by
            # the abbreviated name, that one ("University of St. Thomas" is no saint's parish in the Caribbean)
            found = self._own_posting(full)
        if len(self._postings) >= MAX_REMEMBERED_NAMES:
            self._postings.clear()
        self._postings[key] = found
        return found

    def _own_posting(self, key: str) -> str | None:
        """The postings of ``key`` itself (see :meth:`_posting`), or None."""
        lines = self._bucket(key[:2])
        probe = key + "\t"
        i = bisect_left(lines, probe)
        return lines[i][len(probe) :] if i < len(lines) and lines[i].startswith(probe) else None

    def _bucket(self, prefix: str) -> list[str]:
        """The lines ("name<TAB>postings") of the names starting with ``prefix`` (two letters), read on first
        use. They are sorted by name, and a tab sorts before anything a name holds: bisecting for "name<TAB>"
        finds the name's line; splitting the lines into a dict would take three times longer."""
        lines = self._buckets.get(prefix)
        if lines is None:
            span = self._spans.get(prefix)
            lines = self._names[span[0] : span[1] - 1].decode("utf-8").split("\n") if span else []
            self._buckets[prefix] = lines
        return lines

    def lookup(self, name: str) -> list[Entry]:
        """Entries with this name or alternate name, largest first."""
        key = name_key(name)
        postings = self._posting(key)
        found = [self._entry(int(i)) for i in postings.split(",")] if postings else []
        if self.user is not None:
            mine = {e.id: e for e in self.user.lookup_key(key)}
            if found:
                mine.update(self.user.get_many([e.id for e in found if e.id not in mine]))
            found = list(mine.values()) + [e for e in found if e.id not in mine]
        return sorted(found, key=lambda e: (e.kind not in AREA_KINDS, -e.population))

    def get(self, ident: str) -> Entry:
        if self.user is not None and (mine := self.user.get_many([ident])):
            return mine[ident]
        found = self.get_embedded([ident])
        if not found:
            raise GazetteerError(f"no gazetteer entry {ident!r}")
        return found[ident]

    def country(self, code: str) -> Entry | None:
        """The country entry for an ISO 3166-1 alpha-2 code ("UA"), or None; unions of countries (the Soviet
        Union, the European Union) are not countries here."""
        if self._countries is None:
            # the kind is the third column, and no other column holds a tab-bounded "country": found by
            # searching the rows' bytes, two hundred are decoded instead of all of them
            rows, at = [], self._places.find(b"\tcountry\t", self._first_row)
            while at != -1:
                rows.append(self._entry(self._places.rfind(b"\n", 0, at) + 1))
                at = self._places.find(b"\tcountry\t", at + 1)
            self._countries = {e.country: e for e in rows if e.kind == "country" and not e.id.startswith("union:")}
        return self._countries.get(code.upper())

    def capital(self, code: str) -> Entry | None:
        """The national capital of the country with ISO 3166-1 alpha-2 code ``code``, or None. Where several
        entries of a country are marked capitals (every "Washington" of the United States), its most populous.

        >>> Gazetteer.default().capital("BF").name
        'Ouagadougou'
        """
        if self._capitals is None:
            self._capitals = self._largest_by(self.capitals, lambda e: e.country)
        return self._capitals.get(code.upper())

    def regional_capital(self, entry: Entry) -> Entry | None:
        """The seat of the first-level region that ``entry`` is or lies in (GeoNames' PPLA), or None where
        GeoNames marks none (Kyiv oblast's seat is Kyiv, a region of its own).

        >>> gz = Gazetteer.default()
        >>> gz.regional_capital(gz.lookup("Nikopol")[0]).name, gz.regional_capital(gz.lookup("Kherson")[0]).name
        ('Dnipro', 'Kherson')
        """
        if self._seats is None:
            self._seats = self._largest_by(self.regional_capitals, lambda e: (e.country, e.admin1))
        if entry.kind != "region":
            seat = self._seats.get((entry.country, entry.admin1))
            # a supplement's town is written with its region's ISO 3166-2 code ("MM-02"), as regions are
            return seat or self.regional_capital(replace(entry, id=ADMIN1_PREFIX + entry.admin1, kind="region"))
        from shapely.geometry import Point  # shapely only here: a lookup never needs it

        # a region's own code is ISO 3166-2 ("UA-12"), its towns' GeoNames' ("UA.04"): its seat is the one inside
        # it, or the nearest just outside its drawn border (Kherson, on the river that bounds its oblast)
        area = self.area(entry.id)
        if area is None:
            return None
        near = [
            (area.distance(Point(e.lon, e.lat)), -e.population, e)
            for (c, _), e in self._seats.items()
            if c == entry.country
        ]
        nearest = min((t for t in near if t[0] <= SEAT_SLACK_DEG), key=lambda t: t[:2], default=None)
        return nearest[2] if nearest else None

    def region_seated_at(self, town: Entry) -> Entry | None:
        """The first-level region whose seat ``town`` is, or None: "Saada province" is the governorate that
        Natural Earth spells Sa`dah, seated at the town GeoNames also calls Saada.

        >>> gz = Gazetteer.default()
        >>> gz.region_seated_at(next(e for e in gz.lookup("Saada") if e.kind != "region")).id
        'ne:admin1:YE-SD'
        """
        seat = self.regional_capital(town)
        if seat is None or seat.id != town.id:
            return None
        from shapely.geometry import Point

        here, slack = Point(town.lon, town.lat), SEAT_SLACK_DEG
        near = self.areas_within(town.lon - slack, town.lat - slack, town.lon + slack, town.lat + slack)
        regions = sorted(
            (area.distance(here), ident) for ident, area in near.items() if ident.startswith(ADMIN1_PREFIX)
        )
        for _, ident in (r for r in regions if r[0] <= slack):
            region = self.get(ident)
            if region.country == town.country and self.regional_capital(region) == seat:
                return region
        return None

    def _largest_by(self, ids: Iterable[str], key: Callable[[Entry], K]) -> dict[K, Entry]:
        """The embedded entries among ``ids`` by ``key``, the most populous where several share one."""
        by_size = sorted(self.get_embedded(sorted(ids)).values(), key=lambda e: e.population)
        return {key(e): e for e in by_size}  # the largest last, so kept

    def get_embedded(self, ids: list[str]) -> dict[str, Entry]:
        """The embedded entries among ``ids``, whatever the user gazetteer holds."""
        return {i: self._entry(offset) for i in ids if (offset := self._offset_of(i)) is not None}

    def _offset_of(self, ident: str) -> int | None:
        """The byte offset of the row of entry ``ident`` in ``places.tsv``, or None: from the id index, whose
        lines ("id<TAB>offset") are sorted by id, and a tab sorts before anything an id holds."""
        if self._ids is None:
            try:
                self._ids = zstandard.ZstdDecompressor().decompress(self._ids_zst).decode("utf-8").split("\n")
            except (zstandard.ZstdError, UnicodeDecodeError) as e:
                raise GazetteerError(f"gazetteer data in {self.folder} is damaged: ids.tsv.zst: {e}") from e
        probe = ident + "\t"
        i = bisect_left(self._ids, probe)
        return int(self._ids[i][len(probe) :]) if i < len(self._ids) and self._ids[i].startswith(probe) else None

    def area(self, ident: str) -> BaseGeometry | None:
        """The polygon of an area entry (country, region, sea), or None for a point."""
        return self.areas.get(ident)

    def areas_within(self, west: float, south: float, east: float, north: float) -> dict[str, BaseGeometry]:
        """The area polygons whose bounding boxes meet this window (degrees, west <= east), by entry id."""
        return self.areas.within(west, south, east, north)

    def _entry(self, offset: int) -> Entry:
        """The entry whose row starts at byte ``offset`` of ``places.tsv``."""
        r = self._places[offset : self._places.index(b"\n", offset)].decode("utf-8").split("\t")
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
