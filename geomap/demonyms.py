"""Country adjectives: "Ukrainian", "Russian", "Israeli" are evidence of what an article is about.

They are never places on the map; they weigh in the article's focus (see :mod:`geomap.resolve`) and name
the country of "the Russian border". The table comes with the gazetteer (``demonyms.tsv``).

>>> countries_in("Ukrainian drones hit a Russian refinery near the Belarusian border; North Korean troops were seen.")
Counter({'RU': 1, 'BY': 1})
>>> country_of("Israeli")
'IL'
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from geomap.errors import GazetteerError
from geomap.gazetteer import data_dir

# One or two capitalised words: "Russian", "North Korean"; and the word after them.
CAPITALISED = re.compile(r"\b([A-Z][a-z]+)(?: ([A-Z][a-z]+))?\b(?:[ -]([a-z]+))?")
# Nouns that make the adjective an actor's: "Russian forces near Pokrovsk", "Israeli strikes on Gaza",
# "American troops in Syria" name who acts, and they act as often abroad as at home; "a Russian refinery" or
# "the Russian border" name where.
ACTORS = frozenset(
    "troops forces army military soldiers servicemen units brigade brigades fighters invasion invaders occupiers "
    "offensive attack attacks strike strikes shelling missile missiles drone drones bombers jets warplanes "
    "aircraft artillery tanks navy officials authorities president leader government ministry commanders".split()
)


@cache
def _table() -> dict[str, str]:
    path = data_dir() / "demonyms.tsv"
    try:
        rows = path.read_text(encoding="utf-8").splitlines()[1:]
    except OSError as e:
        raise GazetteerError(f"gazetteer data in {path.parent} is missing or damaged: {e}") from e
    return dict(row.split("\t") for row in rows if row)


def country_of(adjective: str) -> str | None:
    """The ISO code of the country an adjective names, or None."""
    return _table().get(adjective)


def countries_in(text: str) -> Counter[str]:
    """How often the text names each country by its adjective, where the adjective says where something is,
    not who acts (``ACTORS``)."""
    table = _table()
    counts: Counter[str] = Counter()
    for m in CAPITALISED.finditer(text):
        if m.group(3) in ACTORS:
            continue
        pair = f"{m.group(1)} {m.group(2)}" if m.group(2) else ""
        if pair in table:
            counts[table[pair]] += 1
            continue
        for word in filter(None, (m.group(1), m.group(2))):
            if word in table:
                counts[table[word]] += 1
    return counts
