"""An article, parsed: its places and distances, and the one function that makes it, :func:`parse`.

>>> article = parse("Russian forces are about three miles from Bakhmut, officials in Kyiv said.")
>>> [p.name for p in article.places]
['Bakhmut', 'Kyiv']
>>> [(d.text, d.anchor) for d in article.distances]
[('about three miles', 'Bakhmut')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geomap.anchors import anchor_distances, unnamed_capitals
from geomap.borders import choose_by_borders, with_borders
from geomap.distances import Distance, find_distances, merge_restated
from geomap.frontline import with_front
from geomap.gazetteer import Gazetteer
from geomap.mentions import Mention, find_mentions
from geomap.places import Place
from geomap.relations import Phrase, choose_by_directions, choose_by_relations, find_phrases
from geomap.resolve import resolve_places
from geomap.sites import with_sites
from geomap.text import Document

if TYPE_CHECKING:
    import geopandas

    from geomap.frontline import Frontline


@dataclass(frozen=True)
class Article:
    """The result of :func:`parse`: the document, its places and its anchored distances."""

    document: Document
    places: tuple[Place, ...]
    distances: tuple[Distance, ...]
    phrases: tuple[Phrase, ...] = ()  # "between X and Y", "near X", "on the outskirts of X"

    @property
    def title(self) -> str:
        return self.document.title

    @property
    def metadata(self) -> dict[str, str]:
        d = self.document
        return {"title": d.title, "date": d.date, "url": d.url}

    def place(self, name: str) -> Place | None:
        """The place with this canonical name or surface form, if the article has it."""
        for p in self.places:
            if name == p.name or name in p.forms:
                return p
        return None

    def to_geojson(self, front: Frontline | None = None) -> dict:
        """An RFC 7946 FeatureCollection of places and distance shapes (see :mod:`geomap.geojson`); with a
        ``front`` line (:func:`geomap.frontline.load_frontline`), each place's distance to it."""
        from geomap.geojson import article_to_geojson

        return article_to_geojson(self, front)

    def to_geodataframe(self) -> geopandas.GeoDataFrame:
        """Places and distances as a GeoDataFrame in EPSG:4326, one row per feature."""
        import geopandas

        fc = self.to_geojson()
        frame = geopandas.GeoDataFrame.from_features(fc["features"], crs="EPSG:4326")
        return frame


def parse(
    text: str,
    *,
    title: str = "",
    date: str = "",
    url: str = "",
    focus: Iterable[str] = (),
    focus_bbox: tuple[float, float, float, float] | None = None,
    gazetteer: Gazetteer | None = None,
    ner: bool = True,
) -> Article:
    """Find, resolve and anchor every place and distance in ``text``.

    ``focus`` names countries (ISO codes) a user expects the article to be about, ``focus_bbox`` an area
    of interest (west, south, east, north); both tip close calls.
    ``ner=False`` leaves the statistical NER model out (see :mod:`geomap.ner`): faster, a little less sure.
    """
    article = {"text": text, "title": title, "date": date, "url": url}
    return parse_many([article], focus=focus, focus_bbox=focus_bbox, gazetteer=gazetteer, ner=ner)[0]


def parse_many(
    articles: Iterable[str | Mapping[str, str]],
    *,
    focus: Iterable[str] = (),
    focus_bbox: tuple[float, float, float, float] | None = None,
    gazetteer: Gazetteer | None = None,
    ner: bool = True,
) -> list[Article]:
    """:func:`parse` for many articles: each a text, or a mapping with ``text`` and optionally ``title``,
    ``date`` and ``url`` (a JSON Lines export's objects). Each article comes out as :func:`parse` makes
    it; the NER model reads the doubtful sentences of all of them in one batch, which is faster.

    >>> [[p.name for p in a.places] for a in parse_many(["Shells hit Kharkiv.", {"text": "Drones over Odesa."}])]
    [['Kharkiv'], ['Odesa']]
    """
    gz = gazetteer or Gazetteer.default()
    focus = tuple(focus)
    docs = [_document(a) for a in articles]
    found = [find_mentions(doc, gz) for doc in docs]
    if ner:
        from geomap.ner import label_many

        found = label_many(list(zip(docs, found, strict=True)), gz)
    return [_resolve(doc, mentions, gz, focus, focus_bbox) for doc, mentions in zip(docs, found, strict=True)]


def _document(article: str | Mapping[str, str]) -> Document:
    if isinstance(article, str):
        return Document.from_text(article)
    meta = {k: article.get(k) or "" for k in ("title", "date", "url")}
    return Document.from_text(article["text"], **meta)


def _resolve(
    doc: Document,
    mentions: list[Mention],
    gz: Gazetteer,
    focus: tuple[str, ...],
    focus_bbox: tuple[float, float, float, float] | None,
) -> Article:
    """The stages after the mentions are found (and labelled): places, distances, phrases and sites."""
    places = choose_by_directions(doc.text, resolve_places(doc, mentions, gz, focus=focus, focus_bbox=focus_bbox), gz)
    stated = find_distances(doc.text)
    places = [*places, *unnamed_capitals(doc, stated, places)]
    distances = anchor_distances(doc.text, stated, places, doc.sentences)
    relocated = choose_by_borders(doc.text, choose_by_relations(places, distances, gz), distances, gz)
    if relocated != places:  # a namesake moved: its distances now belong to it
        places = relocated
        distances = anchor_distances(doc.text, stated, places, doc.sentences)
    distances = merge_restated(with_front(doc.text, with_borders(doc.text, distances, places)))
    phrases = find_phrases(doc.text, places)
    referenced = {d.anchor_id for d in distances} | {i for ph in phrases for i in ph.places}
    places = with_sites(doc, places, referenced, distances, gz)
    return Article(document=doc, places=tuple(places), distances=tuple(distances), phrases=tuple(phrases))
