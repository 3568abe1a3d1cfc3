"""Places: the resolved, mapped result of one or more mentions of the same gazetteer entry.

>>> p = Place(id="geonames:713174", name="Bakhmut", kind="town", country="UA", lat=48.59, lon=38.0)
>>> p.forms
()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geomap.folding import name_key
from geomap.roles import mention_role

if TYPE_CHECKING:
    from geomap.text import Document


def site_id(town_id: str, written: str) -> str:
    """The id of a place the gazetteer lacks, drawn at or from a town of the article (see :mod:`geomap.sites`):
    the town's id, "#site:" and the folded name as written.

    >>> site_id("geonames:706483", "Saltivskyi district")
    'geonames:706483#site:saltivskyi district'
    """
    return f"{town_id}#site:{name_key(written)}"


@dataclass(frozen=True)
class MentionRef:
    """Where a place is named: the surface form, its character span, its sentence and its role there."""

    text: str
    start: int
    end: int
    sentence: str
    role: str

    @classmethod
    def of(cls, doc: Document, start: int, end: int, dateline: bool = False) -> MentionRef:
        """The mention of ``doc.text[start:end]``: its sentence as quoted on maps, and its role there."""
        role = mention_role(doc.text, start, end, dateline)
        return cls(doc.text[start:end], start, end, doc.sentence_text(start), role)


@dataclass(frozen=True)
class Alternative:
    """A candidate that lost, with its score: what a user checks when the choice looks wrong."""

    id: str
    name: str
    country: str
    lat: float
    lon: float
    score: float


@dataclass(frozen=True)
class Place:
    """A place on the map, with every mention of it and the evidence for the choice."""

    id: str
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    population: int = 0
    role: str = "literal"
    confidence: float = 1.0
    mentions: tuple[MentionRef, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    evidence: tuple[str, ...] = ()
    # the area's polygon (shapely) for countries, regions, seas and US counties; turned into GeoJSON only when written
    geometry: BaseGeometry | None = field(default=None, repr=False)

    @property
    def forms(self) -> tuple[str, ...]:
        """The distinct surface forms the text uses for this place, in order of appearance."""
        return tuple(dict.fromkeys(m.text for m in self.mentions))

    def holds(self, other: Place) -> bool:
        """Whether this place's drawn area covers ``other``'s point (never, for a place drawn as a point)."""
        return self.geometry is not None and self.geometry.covers(Point(other.lon, other.lat))


def entry_fields(entry) -> dict:
    """The fields a :class:`Place` takes from its gazetteer entry (on resolution, or when a relation moves it)."""
    return {
        "id": entry.id,
        "name": entry.name,
        "kind": entry.kind,
        "country": entry.country,
        "lat": entry.lat,
        "lon": entry.lon,
        "population": entry.population,
    }
