"""Distances the text states: "about three miles", "up to 2 km", "20-25 km", "hundreds of miles".

A small grammar: an optional qualifier, a number (digits or words, or a range), a unit, an optional
"-long"/"-wide", an optional converted repeat in brackets ("15 kilometers (nine miles)" is one distance)
and an optional compass direction. Vague amounts are kept, marked vague, with no metres.

>>> [(d.text, round(d.meters), d.qualifier) for d in find_distances("Andriivka is about 13 km south of Bakhmut.")]
[('about 13 km', 13000, 'about')]
>>> d = find_distances("retreated to a distance of up to two kilometers")[0]
>>> (d.meters, d.min_meters, d.qualifier)
(2000.0, 0.0, 'up to')
>>> find_distances("hundreds of miles from the front")[0].vague
True
>>> [(d.text, d.meters, d.direction) for d in find_distances("за 13 км на південь від Бахмута")]
[('13 км', 13000.0, 'S')]
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from text_to_num import text2num

UNIT_METERS = {
    "km": 1000.0,
    "kms": 1000.0,
    "kilometer": 1000.0,
    "kilometre": 1000.0,
    "kilometers": 1000.0,
    "kilometres": 1000.0,
    "m": 1.0,
    "meter": 1.0,
    "metre": 1.0,
    "meters": 1.0,
    "metres": 1.0,
    "mi": 1609.344,
    "mile": 1609.344,
    "miles": 1609.344,
    "nautical mile": 1852.0,
    "nautical miles": 1852.0,
    "nmi": 1852.0,
    "yard": 0.9144,
    "yards": 0.9144,
    "foot": 0.3048,
    "feet": 0.3048,
    "ft": 0.3048,
}
QUALIFIERS = {
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "some": "about",
    "approx.": "about",
    "an estimated": "about",
    "only about": "about",
    "just about": "about",
    "up to": "up to",
    "within": "up to",
    "as close as": "up to",
    "as far as": "up to",
    "no more than": "up to",
    "at most": "up to",
    "more than": "more than",
    "over": "more than",
    "at least": "more than",
    "just over": "more than",
    "beyond": "more than",
    "less than": "less than",
    "under": "less than",
    "just under": "less than",
    "fewer than": "less than",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
}
DIRECTIONS = {
    "north": "N",
    "south": "S",
    "east": "E",
    "west": "W",
    "northeast": "NE",
    "northwest": "NW",
    "southeast": "SE",
    "southwest": "SW",
    "north-east": "NE",
    "north-west": "NW",
    "south-east": "SE",
    "south-west": "SW",
    "north east": "NE",
    "north west": "NW",
    "south east": "SE",
    "south west": "SW",
    "north-northeast": "NNE",
    "north-northwest": "NNW",
    "south-southeast": "SSE",
    "south-southwest": "SSW",
    "east-northeast": "ENE",
    "east-southeast": "ESE",
    "west-northwest": "WNW",
    "west-southwest": "WSW",
    "north northeast": "NNE",
    "north northwest": "NNW",
    "south southeast": "SSE",
    "south southwest": "SSW",
    "east northeast": "ENE",
    "east southeast": "ESE",
    "west northwest": "WNW",
    "west southwest": "WSW",
}
# Compass points as bearings in degrees clockwise from north: all sixteen.
BEARINGS = {point: 22.5 * i for i, point in enumerate("N NNE NE ENE E ESE SE SSE S SSW SW WSW W WNW NW NNW".split())}
# Smallest distance taken as one a map can show: less is a size ("0.5 m deep") or within a body's reach ("the Arno
# rose to within a metre of its banks", "20 metres from the trench"), and a ring that small around a gazetteer's
# point for a town says nothing.
MIN_METERS = 50.0
# Largest distance taken literally: half the Earth's circumference.
MAX_METERS = 20_037_508.0

_NUM_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand"
)
# "and" only after "hundred" or "thousand" ("a hundred and fifty"): "between three and five" is a range
_WORD_NUMBER = (
    rf"(?:(?:a|an)\s+)?(?:{_NUM_WORDS})(?:(?:[\s-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)(?:{_NUM_WORDS}))*"
)
# a whole number may take a fraction ("2 1/2 miles", "2½ miles"), and a fraction stand alone ("¾ mile")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+[1-3]/[2-4]\b|\s?[½¼¾])?|[½¼¾]"
FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
FRACTION = re.compile(r"(?P<whole>[\d,]*(?:\.\d+)?)\s*(?:(?P<num>[1-3])/(?P<den>[2-4])|(?P<sign>[½¼¾]))")
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER}|a|an|half\s+a|a\s+half)"
_UNITS = (
    r"nautical\s+miles?", "nmi", "kilomet(?:er|re)s?", "kms?", "met(?:er|re)s?", "miles?", "mi", "yards?",
    "feet", "foot", "ft", "m",
)  # fmt: skip
_UNIT = "|".join(_UNITS)
_UNIT_INITIALS = "".join(sorted({u[0] for u in _UNITS}))
_QUAL = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
# The compass words as one alternation, longest first ("south-east" before "south"): the grammar's, and that of
# the bare directions in relations and sites
DIRECTION_WORDS = "|".join(sorted((re.escape(d) for d in DIRECTIONS), key=len, reverse=True))

DISTANCE = re.compile(
    rf"""(?ix)
    \b  # both a qualifier and a number start a word; failing elsewhere at once makes the scan fast
    (?:(?P<qual>{_QUAL}|between)\s+)?
    (?<![\w.\-−])(?P<num>{_NUMBER})
    (?:\s*(?:-|–|—|to|and)\s*(?!a[\s-]+half\b)(?P<num2>{_NUMBER}))?  # "one and a half" is no range
    (?P<half>[\s-]+and[\s-]+a[\s-]+half)?  # "two and a half", "two-and-a-half"
    \s*-?\s*
    (?P<unit>{_UNIT})\b
    (?!\s*/\s*(?:h|hr|hour)\b|\s+(?:per|an|a)\s+hour\b)  # a speed: "winds of up to 150 km/h", "60 km per hour"
    (?P<half2>\s+and\s+a\s+half)?
    (?:-(?P<extent>long|wide|deep))?
    (?:\s*\((?:about\s+|some\s+|roughly\s+|around\s+)?(?:{_NUMBER})\s*-?\s*(?:{_UNIT})\.?\))?
    # "13 km south", "10 km to the north", "30 miles further north"
    (?:(?P<to_dir>\s+(?:(?:further|farther)\s+)?(?:to\s+the\s+)?)(?P<dir>{DIRECTION_WORDS})(?:ern)?\b)?
    """
)
# a Cyrillic unit anywhere: only then does the Cyrillic grammar run
CYRILLIC_UNIT = re.compile(r"(?i)\d\s*(?:км|кілометр|километр|метр|м\b|мил)")
# "7km" too, but not the m of "from"; the lookahead on the units' initials fails most positions at once
UNIT_WORD = re.compile(rf"(?i)(?=[{_UNIT_INITIALS}])(?<![^\W\d_])(?:{_UNIT})\b")
# How far a distance phrase reaches around its unit: a qualifier and a number in words before it
# ("approximately twenty-five thousand and a half"), a converted repeat and a direction after it.
REACH_BEFORE_UNIT = 160
REACH_AFTER_UNIT = 90
# The same grammar for Ukrainian and Russian reports: "за 13 км на південь від Бахмута", "в 5 км от
# Покровска", "до 2 кілометрів", "около 10 км южнее Авдеевки". Numbers are digits (a comma is the decimal
# mark, a space groups thousands); a direction is a compass word in any case or a comparative ("южнее").
CYRILLIC_QUALIFIERS = {
    "близько": "about",
    "приблизно": "about",
    "майже": "nearly",
    "понад": "more than",
    "більш ніж": "more than",
    "більше ніж": "more than",
    "щонайменше": "more than",
    "менш ніж": "less than",
    "менше ніж": "less than",
    "до": "up to",
    "около": "about",
    "примерно": "about",
    "порядка": "about",
    "почти": "nearly",
    "более": "more than",
    "более чем": "more than",
    "свыше": "more than",
    "не менее": "more than",
    "менее": "less than",
    "менее чем": "less than",
    "не более": "up to",
}
CYRILLIC_UNIT_METERS = (("км", 1000.0), ("кілометр", 1000.0), ("километр", 1000.0), ("метр", 1.0), ("м", 1.0),
                        ("мил", 1609.344))  # fmt: skip
# compass stems in both languages: "півн"/"север" north … "захід"/"запад" west
CYRILLIC_POINTS = (("півн", "N"), ("север", "N"), ("півд", "S"), ("юг", "S"), ("южн", "S"), ("схід", "E"),
                   ("східн", "E"), ("восто", "E"), ("захід", "W"), ("західн", "W"), ("запад", "W"))  # fmt: skip
_CYR_QUAL = "|".join(sorted((q.replace(" ", r"\s+") for q in CYRILLIC_QUALIFIERS), key=len, reverse=True))
_CYR_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?"
_CYR_POINT = r"(?:півн|півд|схід|східн|захід|західн|север|юг|южн|восто|запад)"
CYRILLIC_DISTANCE = re.compile(
    rf"""(?ix)
    (?<![\w.,])
    (?:(?P<range>(?:від|от)\s+(?P<lo>{_CYR_NUMBER})\s+до)\s+  # "від 5 до 10 км"
    |(?P<qual>{_CYR_QUAL})\s+(?:(?:в|у|за|на)\s+)?)?  # "примерно в 10 км": the preposition may follow
    (?P<num>{_CYR_NUMBER})
    (?:\s*(?:-|–|—)\s*(?P<num2>{_CYR_NUMBER}))?
    \s*(?P<unit>км|кілометр[а-яіїє]*|километр[а-яё]*|метр[а-яіїєё]*|м|мил[а-яіїєё]*)(?![\w]|\s*/\s*(?:год|ч)\b)
    (?:\s+(?:(?:на|к)\s+)?(?P<dir>[а-яіїєё]*{_CYR_POINT}[а-яіїєё-]*(?:[\s-]+{_CYR_POINT}[а-яіїєё]*)?))?
    """
)
# A depth, height or altitude is a measure along the vertical: no ring on a map. "At a depth of 10 km",
# "на висоті 5 км"; "18 km (11 miles) below the surface", "10 km deep.", "3,000 m above sea level".
# "Deep" is vertical only where the clause ends: "advanced 10 km deep into Kursk" is a distance on the map.
VERTICAL_BEFORE = re.compile(
    r"(?i)(?:\b(?:depths?|altitudes?|elevations?|heights?)\s*(?:of|:)|(?:глибин|глубин|висот|высот)[а-яіїєё]*)\s*$"
)
VERTICAL_WORDS = ("dept", "altitud", "elevation", "height", "глибин", "глубин", "висот", "высот")
VERTICAL_AFTER = re.compile(
    r"(?i)\s*(?:(?:below|beneath|under|above)\s+(?:the\s+)?(?:surface|ground|sea\s+level|earth|seabed|sea\s?floor)"
    r"|underground|deep\s*(?:[.,;:)]|$)|high\b(?!-)|tall\b|in\s+(?:depth|altitude|height|elevation))"
)
# A length or a width is the size of a thing ("a 1,200-km-long front line", "a convoy 40 miles long", "the
# strait is 4 km wide", "a 10-mile stretch of Highway 101", "their 2,600-km border"), not how far it lies from a
# place: listed at its anchor, never drawn as a ring. A distance written straight before a line's noun is its
# length; not before a zone's ("a 20-km border zone" is a band's depth, "a 30-km exclusion zone" a buffer).
EXTENT_AFTER = re.compile(
    r"(?i)\s*(?:(?P<word>long|wide)\b|in\s+(?P<noun>length|width)\b|(?P<part>stretch|section|segment)\s+of\b"
    r"|(?:\([^()]{1,30}\)\s*)?(?P<line>border|frontier|front(?:[\s-]?line)?|frontline|coastline|shoreline|pipeline"
    r"|railway|railroad|highway|road|route|corridor|tunnel|wall|fence|trench|canal|convoy|perimeter|boundary"
    r"|line\s+of\s+(?:contact|control))s?\b(?![\s-]*(?:zones?|areas?|regions?|strips?|belts?|towns?|villages?"
    r"|districts?|crossings?|posts?|guards?|communities|residents|troops|forces|security)\b)"
    r"|(?P<cyr>завдовжки|довжиною|протяжністю|длиной|протяжённостью|протяженностью|завширшки|шириною|шириной))"
)
# "a power line running 330 km to the substation", "the pipeline stretches 1,000 km across Ukraine": a line's
# length; but "the front runs 5 km east of Pokrovsk" says where it lies
EXTENT_BEFORE = re.compile(r"(?i)\b(?:runs?|running|stretch(?:es|ed|ing)?|extend(?:s|ed|ing)?|spans?|spanning)\s+$")
PLACED_AFTER = re.compile(
    r"(?i)\s*(?:(?:north|south|east|west)\w*|of|from|away|off|inside|behind|beyond|into|short|outside)\b"
)
EXTENTS = {"long": "length", "length": "length", "wide": "width", "width": "width"}
EXTENTS |= dict.fromkeys(("stretch", "section", "segment"), "length")
VAGUE = re.compile(
    r"(?i)\b(?=[hdtsa])(?:(?:hundreds|dozens|tens|thousands|several|a\s+few|a\s+couple\s+of)(?:\s+of)?(?:\s+hundred)?)\s+"
    r"(?P<unit>kilomet(?:er|re)s|miles|met(?:er|re)s|yards)\b(?:\s*\((?:[a-z]+)\))?"
)


@dataclass(frozen=True)
class Distance:
    """A distance as stated: its span, its value in metres (upper bound for a range), bounds and qualifier.

    ``anchor`` is the name of the place it is measured from or around, ``anchor_rule`` how that place
    was chosen (see :mod:`geomap.anchors`), ``target`` the place at the other end where the text names one.
    """

    start: int
    end: int
    text: str
    meters: float | None
    min_meters: float | None
    max_meters: float | None
    qualifier: str
    direction: str = ""
    vague: bool = False
    anchor: str = ""
    anchor_id: str = ""
    anchor_rule: str = ""
    target: str = ""
    border: tuple[str, ...] = ()  # measured from the border of these two countries, the anchor's first
    extent: str = ""  # "length" or "width": the size of a thing, not a distance from a place
    front: bool = False  # measured from the front line ("8 km from the front"): drawn along the user's, if given
    restated: tuple[tuple[int, int], ...] = ()  # the spans of the same distance stated again (see merge_restated)


def merge_restated(distances: list[Distance]) -> list[Distance]:
    """The distances with each one the text states again, to the same place, in the same way (a lede repeated
    further down: "Andriivka is about 13 kilometers south of Bakhmut" twice), drawn once: the first statement,
    with the later spans in its ``restated``. Every statement stays traceable; the map gets one shape.

    >>> first = Distance(10, 29, "about 13 kilometers", 13000.0, 13000.0, 13000.0, "about", "S", anchor_id="g:1")
    >>> again = replace(first, start=600, end=619)
    >>> [(d.start, d.restated) for d in merge_restated([first, again])]
    [(10, ((600, 619),))]
    """
    merged: dict[Distance, Distance] = {}
    for d in distances:
        # what is drawn, wherever it is stated; a vague or unanchored distance is drawn nowhere and stays as it is
        undrawn = d.vague or not d.anchor_id
        key = d if undrawn else replace(d, start=0, end=0, text=d.text.lower(), anchor_rule="")
        first = merged.get(key)
        merged[key] = d if first is None else replace(first, restated=(*first.restated, (d.start, d.end)))
    return list(merged.values())


def compass_word(direction: str) -> str:
    """The word the text would write for a compass point.

    >>> compass_word("E"), compass_word("NNW")
    ('east', 'north-northwest')
    """
    return next(word for word, point in DIRECTIONS.items() if point == direction)


def opposite(direction: str) -> str:
    """The compass point opposite another.

    >>> opposite("N"), opposite("ENE")
    ('S', 'WSW')
    """
    bearing = (BEARINGS[direction] + 180.0) % 360.0
    return next(point for point, b in BEARINGS.items() if b == bearing)


def parse_number(s: str) -> float | None:
    """'13' -> 13, '1,200' -> 1200, 'three' -> 3, 'a' -> 1, 'twenty-five' -> 25, 'half a' -> 0.5, '2 1/2' -> 2.5."""
    s = " ".join(s.lower().replace("-", " ").split())
    if fraction := FRACTION.fullmatch(s):
        whole = float(fraction["whole"].replace(",", "") or 0)
        part = FRACTIONS[fraction["sign"]] if fraction["sign"] else int(fraction["num"]) / int(fraction["den"])
        return whole + part
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", s):
        value = float(s.replace(",", ""))
        return value if math.isfinite(value) else None
    if s in ("a", "an"):
        return 1.0
    if s in ("half a", "a half"):
        return 0.5
    s = re.sub(r"^(?:a|an) ", "one ", s)
    try:
        return float(text2num(s, "en"))
    except ValueError:
        return None


def find_distances(text: str) -> list[Distance]:
    """Every stated distance in ``text``, in order; vague amounts included with ``vague=True``."""
    found: list[Distance] = []
    for lo, hi in _unit_regions(text):
        for m in DISTANCE.finditer(text, lo, hi):
            d = _from_match(text, m)
            if d is not None and not _vertical(text, d):
                found.append(replace(d, extent=_extent(text, d, m.group("extent") or "")))
    if CYRILLIC_UNIT.search(text):
        for m in CYRILLIC_DISTANCE.finditer(text):
            d = _from_cyrillic_match(text, m)
            if d is not None and not _vertical(text, d):
                found.append(replace(d, extent=_extent(text, d)))
    for m in VAGUE.finditer(text):
        if any(d.start <= m.start() < d.end for d in found):
            continue
        # "a few hundred metres" is vague, not the "hundred metres" the grammar read inside it
        found = [d for d in found if not m.start() <= d.start < m.end()]
        found.append(Distance(m.start(), m.end(), text[m.start() : m.end()], None, None, None, "vague", vague=True))
    return sorted(found, key=lambda d: d.start)


def _extent(text: str, d: Distance, suffix: str = "") -> str:
    """ "length" or "width" where ``d`` is the size of a thing ("-long", "40 miles long", "4 km in width",
    "20 км завдовжки"), else "" (``suffix`` is the hyphenated word the grammar read: "long", "wide", "deep").

    >>> [d.extent for d in find_distances("a 1,200-kilometer-long front, 13 km south of Bakhmut, 4 km wide")]
    ['length', '', 'width']
    >>> [d.extent for d in find_distances("Police closed a 10-mile stretch of Highway 101.")]
    ['length']
    >>> [d.extent for d in find_distances("along their 2,600-km border, in a 20-km border zone")]
    ['length', '']
    >>> [d.extent for d in find_distances("a line running 330 km to Dnipro; the front runs 5 km east of Pokrovsk")]
    ['length', '']
    """
    if suffix in EXTENTS:
        return EXTENTS[suffix]
    if EXTENT_BEFORE.search(text, max(0, d.start - 20), d.start) and not PLACED_AFTER.match(text, d.end):
        return "length"
    m = EXTENT_AFTER.match(text, d.end, d.end + 30)
    if m is None:
        return ""
    if m.group("cyr"):
        return "width" if "шир" in m.group("cyr").lower() else "length"
    if m.group("line"):
        return "length"
    return EXTENTS[(m.group("word") or m.group("noun") or m.group("part")).lower()]


def _vertical(text: str, d: Distance) -> bool:
    """Whether ``d`` measures a depth, height or altitude, which a map cannot draw.

    >>> text = "The quake struck 60 km west of Marrakech at a depth of 18 km."
    >>> [d.text for d in find_distances(text)]
    ['60 km']
    """
    before = text[max(0, d.start - 40) : d.start].lower()
    # the words looked for first: the search, tried from each of 40 places, is ten times slower
    return bool(
        (any(word in before for word in VERTICAL_WORDS) and VERTICAL_BEFORE.search(before))
        or VERTICAL_AFTER.match(text, d.end, d.end + 60)
    )


def _from_cyrillic_match(text: str, m: re.Match[str]) -> Distance | None:
    unit = m.group("unit").lower()
    factor = next(f for stem, f in CYRILLIC_UNIT_METERS if unit.startswith(stem))
    if unit == "м" and text[m.end() : m.end() + 2].strip()[:1] == ".":
        return None  # "м." abbreviates місто, "city"
    first = _cyrillic_number(m.group("lo") or m.group("num"))
    second = _cyrillic_number(m.group("num2") or m.group("num"))
    qual_word = " ".join((m.group("qual") or "").lower().split())
    lo, hi = min(first, second) * factor, max(first, second) * factor
    qualifier = "about" if lo != hi else CYRILLIC_QUALIFIERS.get(qual_word, "exact")
    lo = _lower_bound(lo, hi, qualifier)
    if lo is None:
        return None
    start = m.start("qual") if m.group("qual") else m.start("range") if m.group("range") else m.start("num")
    return Distance(
        start=start,
        end=m.end(),
        text=text[start : m.end("unit")],
        meters=hi,
        min_meters=lo,
        max_meters=hi,
        qualifier=qualifier,
        direction=_cyrillic_direction(m.group("dir") or ""),
    )


def _lower_bound(lo: float, hi: float, qualifier: str) -> float | None:
    """The least distance meant: none below "up to", "less than" or "nearly" ``hi``; ``None`` where ``hi`` is
    no distance between places (a size, or more than half the Earth's circumference)."""
    if not (MIN_METERS <= hi <= MAX_METERS):
        return None
    return 0.0 if qualifier in ("up to", "less than", "nearly") else lo


def _cyrillic_number(s: str) -> float:
    """'13' -> 13, '1,5' -> 1.5, '1 200' -> 1200."""
    return float(re.sub(r"\s", "", s).replace(",", "."))


def _cyrillic_direction(words: str) -> str:
    """The compass point of "південь", "північний схід", "к северо-востоку", "южнее": N or S first, then E or W.

    >>> _cyrillic_direction("північний схід"), _cyrillic_direction("юго-западнее"), _cyrillic_direction("")
    ('NE', 'SW', '')
    """
    words = words.lower()
    points = {point for stem, point in CYRILLIC_POINTS if stem in words}
    return "".join(p for p in "NSEW" if p in points)


def _unit_regions(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` around each unit word, merged: every distance holds a unit, so the full
    grammar only runs there (a third of the parse time went to trying it at every character)."""
    regions: list[list[int]] = []
    for m in UNIT_WORD.finditer(text):
        lo, hi = max(0, m.start() - REACH_BEFORE_UNIT), min(len(text), m.end() + REACH_AFTER_UNIT)
        if regions and lo <= regions[-1][1]:
            regions[-1][1] = hi
        else:
            regions.append([lo, hi])
    return [(lo, hi) for lo, hi in regions]


def _from_match(text: str, m: re.Match[str]) -> Distance | None:
    unit = " ".join(m.group("unit").lower().split())
    if unit == "m" and re.search(r"[$€£]\s*$", text[max(0, m.start() - 3) : m.start()]):
        return None  # "$5 m" is money
    if unit == "m" and m.group("num2") is None and not re.match(r"\d", m.group("num")):
        return None  # "a m" / "one m": too ambiguous to be a distance
    factor = UNIT_METERS.get(unit) or UNIT_METERS.get(unit.rstrip("s"))
    first = parse_number(m.group("num"))
    if factor is None or first is None:
        return None
    half = 0.5 if (m.group("half") or m.group("half2")) else 0.0
    second = parse_number(m.group("num2")) if m.group("num2") else None
    qual_word = (m.group("qual") or "").lower()
    if second is not None and second != first:  # "25-20 km" is read as the range it names
        lo, hi = (min(first, second) + half) * factor, (max(first, second) + half) * factor
        qualifier = "about" if qual_word in ("", "between") else QUALIFIERS.get(qual_word, "about")
    else:
        if m.group("num2") and second is None:
            return None
        lo = hi = (first + half) * factor
        qualifier = QUALIFIERS.get(qual_word, "exact")
    lo = _lower_bound(lo, hi, qualifier)
    if lo is None:
        return None
    start = m.start("qual") if m.group("qual") and qual_word != "between" else m.start("num")
    if qual_word == "between":
        start = m.start("qual")
    end = m.end("dir") if m.group("dir") else m.end()
    span_end = m.start("to_dir") if m.group("dir") else m.end()
    direction = DIRECTIONS.get(" ".join((m.group("dir") or "").lower().split()), "")
    return Distance(
        start=start,
        end=end,
        text=text[start:span_end].rstrip(),
        meters=hi,
        min_meters=lo,
        max_meters=hi,
        qualifier=qualifier,
        direction=direction,
    )
