"""Bare directions: where the text puts a place on one side of another, with no distance.

Front-line summaries write "Hryhorivka (south of Siversk)", "Terny, west of Kreminna" and "southeast of Pokrovsk
near Novotroitske and Novopustynka". :func:`find_bare_directions` reads them from the text alone, whether the
gazetteer knows the names or not: :mod:`geomap.relations` checks the villages it chose against them, and
:mod:`geomap.sites` draws those the gazetteer lacks.

>>> text = "Dalne (south of Kurakhove) and Terny, west of Kreminna; southeast of Pokrovsk near Lysivka and Promin."
>>> [(text[slice(*b.name)], b.direction, text[slice(*b.anchor)], b.written) for b in find_bare_directions(text)]
... # doctest: +NORMALIZE_WHITESPACE
[('Dalne', 'south', 'Kurakhove', 'brackets'), ('Terny', 'west', 'Kreminna', 'comma'),
 ('Lysivka', 'southeast', 'Pokrovsk', 'near'), ('Promin', 'southeast', 'Pokrovsk', 'near')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from geomap.distances import DIRECTION_WORDS

# A village's name as front-line summaries write it: one or two capitalised words, or two joined by a hyphen
_NAME = r"[A-Z][a-z’']+(?:-[A-Z][a-z’']+)?(?: [A-Z][a-z’']+)?"
# "Hryhorivka (south of Siversk)", "Terny, west of Kreminna": found from the bracket or comma, then back to the
# name (a search from every capital took four times as long); the lookahead fails most commas at once
DIRECTION_AFTER_NAME = re.compile(
    rf"(?P<mark>[(,])\s*(?=[jdiJDInsewNSEW])(?:just\s+|directly\s+|immediately\s+)?(?P<dir>(?i:{DIRECTION_WORDS}))"
    rf"\s+of\s+(?:the\s+)?(?P<anchor>{_NAME})"
)
NAME_BEFORE = re.compile(rf"(?<![\w’'-])(?P<name>{_NAME})\s*$")
# "southeast of Pokrovsk near Novotroitske and Novopustynka": found from its "near", which is rarer than the
# direction words (a fifth of the time of a search from those)
NEAR = re.compile(r"\s(?:near|around)\s+(?:the\s+)?")
DIRECTION_BEFORE_NEAR = re.compile(rf"\b(?P<dir>(?i:{DIRECTION_WORDS}))\s+of\s+(?:the\s+)?(?P<anchor>{_NAME})$")
NAMES_AFTER_NEAR = re.compile(rf"(?:{_NAME}(?:\s*,\s*(?:and\s+)?|\s+and\s+))*{_NAME}")
LISTED_NAME = re.compile(_NAME)


@dataclass(frozen=True)
class BareDirection:
    """A place put on a side of another: the spans of both names, the direction as written, and how it is
    written: in ``brackets`` after the name ("Dalne (south of Kurakhove)"), after a ``comma`` ("Terny, west of
    Kreminna"), or before a list of names ``near`` ("southeast of Pokrovsk near Lysivka")."""

    name: tuple[int, int]
    anchor: tuple[int, int]
    direction: str
    written: str


@functools.lru_cache(maxsize=8)
def find_bare_directions(text: str) -> tuple[BareDirection, ...]:
    """Every bare direction in ``text``, in order of the names they place. (Kept for the last few texts: the
    relations and the sites of an article both read them.)"""
    out = []
    for m in DIRECTION_AFTER_NAME.finditer(text):
        name = NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if name is not None:
            written = "brackets" if m.group("mark") == "(" else "comma"
            out.append(BareDirection(name.span("name"), m.span("anchor"), m.group("dir"), written))
    for near in NEAR.finditer(text):
        names = NAMES_AFTER_NEAR.match(text, near.end())
        where = names and DIRECTION_BEFORE_NEAR.search(text, max(0, near.start() - 60), near.start())
        if where:
            anchor, direction = where.span("anchor"), where.group("dir")
            for n in LISTED_NAME.finditer(names[0]):
                span = (names.start() + n.start(), names.start() + n.end())
                out.append(BareDirection(span, anchor, direction, "near"))
    return tuple(sorted(out, key=lambda b: b.name))
