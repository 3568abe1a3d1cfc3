"""Country adjectives: "Ukrainian", "Russian", "Israeli" are evidence of what an article is about.

They are never places on the map; they weigh in the article's focus (see :mod:`geomap.resolve`) and name
the country of "the Russian border". The table comes with the gazetteer (``demonyms.tsv``).

>>> countries_in("Ukrainian drones hit a Russian refinery; North Korean troops were seen.")
Counter({'UA': 1, 'RU': 1, 'KP': 1})
>>> country_of("Israeli")
'IL'
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from geomap.errors import GazetteerError
from geomap.gazetteer import data_dir

# One or two capitalised words: "Russian", "North Korean".
CAPITALISED = re.compile(r"\b([A-Z][a-z]+)(?: ([A-Z][a-z]+))?\b")


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
    """How often the text names each country by its adjective."""
    table = _table()
    counts: Counter[str] = Counter()
    for m in CAPITALISED.finditer(text):
        pair = f"{m.group(1)} {m.group(2)}" if m.group(2) else ""
        if pair in table:
            counts[table[pair]] += 1
            continue
        for word in filter(None, (m.group(1), m.group(2))):
            if word in table:
                counts[table[word]] += 1
    return counts
