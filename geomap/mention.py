"""The mention: a span of an article's text that names a place the gazetteer knows.

>>> m = Mention(start=17, end=24, text="Bakhmut", key="bakhmut", sentence=(0, 25))
>>> (m.text, m.weak, m.kind_hint)
('Bakhmut', False, '')
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    """A span of the text that names a gazetteer entry.

    ``weak`` marks a span whose capital letter proves nothing (sentence start, headline);
    ``kind_hint`` is the kind a following generic word asks for ("Kharkiv region" -> region);
    ``dateline`` marks the reporting location at the top of an article; ``common`` a name that is
    also a frequent English word.
    """

    start: int
    end: int
    text: str
    key: str
    sentence: tuple[int, int]
    weak: bool = False
    kind_hint: str = ""
    dateline: bool = False
    common: bool = False
    ner: str = ""  # the NER model's label for the span, where it was asked (see geomap.ner)
