"""Folding: the one way geomap compares names, in text and in the gazetteer.

Folding lower-cases, strips diacritics, maps every apostrophe to ``'`` and every
hyphen or dash to a space. It maps each character to exactly one character, so a
folded text keeps the offsets of the original and a match in it is a span of it.

>>> fold("Zaporizhzhia’s")
"zaporizhzhia's"
>>> fold("Velyka‑Novosilka")
'velyka novosilka'
>>> name_key("  Mar’yinka ")
"mar'yinka"
>>> spelled_out("st. elizabeth")
'saint elizabeth'
"""

from __future__ import annotations

import unicodedata

APOSTROPHES = "'’‘ʼʹ`´′ʻ"
DASHES = "-‐‑‒–—―−"
SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\t\r\n\f\v"


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that computes each character's fold on first use."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in APOSTROPHES:
            out = "'"
        elif ch in DASHES or ch in SPACES:
            out = " "
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            base = base.lower()
            lowered = ch.lower()
            out = base if len(base) == 1 else (lowered if len(lowered) == 1 else ch)
        self[code] = out
        return out


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold ``text`` character by character; the result has the same length."""
    return text.translate(_TABLE)


def name_key(name: str) -> str:
    """The key a name is stored under: folded, with runs of spaces collapsed."""
    return " ".join(fold(name).split())


# The abbreviations a place's name opens with that gazetteers spell out, each for many names ("St. Elizabeth"
# parish is GeoNames' Saint Elizabeth; "Mt. Kenya", "Ft. Lauderdale"), as folded
SPELLED_OUT = {
    **dict.fromkeys(("st", "st."), "saint"),
    **dict.fromkeys(("ste", "ste."), "sainte"),
    **dict.fromkeys(("mt", "mt."), "mount"),
    **dict.fromkeys(("ft", "ft."), "fort"),
}


def spelled_out(key: str) -> str | None:
    """``key`` (a folded name, or the start of one) with the abbreviation it opens with spelled out; None if it
    opens with none."""
    first, space, rest = key.partition(" ")
    full = SPELLED_OUT.get(first)
    return full + space + rest if full and space else None
