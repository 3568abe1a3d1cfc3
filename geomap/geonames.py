"""GeoNames data: the dump files users download from geonames.org, read as a stream, and its naming rules.

A geoname table (``allCountries.zip``, ``UA.zip``, ``cities500.zip`` or the ``.txt`` inside) has 19
tab-separated columns and no header; ``alternateNamesV2`` has 10. Rows become gazetteer entries:

>>> import io
>>> cols = ["703448", "Kyiv", "Kyiv", "Kiev,Київ", "50.45466", "30.5238", "P", "PPLC", "UA", "", "12"]
>>> cols += ["", "", "", "2797553", "", "187", "Europe/Kyiv", "2024-01-01"]
>>> [e] = read_geonames(io.StringIO("\\t".join(cols) + "\\n"), "UA.txt")
>>> e.id, e.name, e.kind, e.admin1, e.names
('geonames:703448', 'Kyiv', 'city', 'UA.12', ('Kiev', 'Київ'))

Every fault in a file is an :class:`~geomap.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator

from geomap.errors import InputError
from geomap.gazetteer import Entry

GEONAME_COLUMNS = 19
ALTERNATE_NAME_COLUMNS = 10
# Feature classes kept by default: populated places, areas, water, terrain (not spots, roads, vegetation).
DEFAULT_CLASSES = "PAHT"
# alternateNames "languages" that are not names: links, Wikidata ids, post codes, airport and rail codes.
NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "unlc", "tcid", "phon", "piny", "fr_1793"})
# A digit (superscripts too, as str.isdigit has it), or a letter outside Latin and Cyrillic: a code, mojibake,
# or a script the news read here does not use.
DIGIT_OR_FOREIGN_SCRIPT = re.compile(
    r"[\d\u00b2\u00b3\u00b9]|[^\u0000-\u024F\u0300-\u036F\u0400-\u04FF\u1E00-\u1EFF\u2019]"
)
SEA_CODES = frozenset({"SEA", "BAY", "BAYS", "GULF", "STRT", "SD", "LGN", "OCN", "COVE", "FJD", "CHN"})


def usable_name(name: str) -> bool:
    """Names a reporter could write in Latin or Cyrillic script, not romanisation noise.

    >>> usable_name("Bakhmut"), usable_name("Бахмут"), usable_name("巴赫穆特"), usable_name("bakhmut 2")
    (True, True, False, False)
    """
    name = name.strip()
    if len(name) < 2 or DIGIT_OR_FOREIGN_SCRIPT.search(name):
        return False
    return not name.islower()


def is_abbreviation(name: str) -> bool:
    """Up to four capital letters, full stops aside: "EU", "U.S.", or an airport or postal code among a
    town's alternate names ("INC" for Yinchuan, "SAT" for San Antonio), which towns do not keep because
    news text uses such capitals for other things.

    >>> is_abbreviation("SAT"), is_abbreviation("U.S."), is_abbreviation("Kyiv")
    (True, True, False)
    """
    letters = name.replace(".", "")
    return letters.isupper() and len(letters) <= 4


def kind_for_population(population: int, is_capital: bool = False) -> str:
    """A settlement's kind by its size: city from 100,000 people (or a capital), town from 10,000.

    >>> kind_for_population(80_000), kind_for_population(512), kind_for_population(0, is_capital=True)
    ('town', 'village', 'city')
    """
    if is_capital or population >= 100_000:
        return "city"
    return "town" if population >= 10_000 else "village"


def kind_for_feature(fclass: str, fcode: str, population: int) -> str:
    """geomap's kind for a GeoNames feature class and code.

    >>> kind_for_feature("P", "PPLC", 0), kind_for_feature("H", "STM", 0), kind_for_feature("A", "ADM1", 0)
    ('city', 'river', 'region')
    """
    if fclass == "P":
        return kind_for_population(population, fcode == "PPLC")
    if fclass == "A":
        if fcode.startswith("PCL"):
            return "country"
        return "region" if fcode == "ADM1" else "district"
    if fclass == "H":
        if fcode.startswith("STM"):
            return "river"
        return "sea" if fcode in SEA_CODES else "other"
    return "peninsula" if fcode == "PEN" else "other"


def kept_names(name: str, alternates: Iterable[str], settlement: bool) -> tuple[str, ...]:
    """Usable alternate names, without the main name, repeats and (for settlements) airport codes.

    >>> kept_names("Kyiv", ["Kiev", "Kyiv", "KBP", "京", "Kiev"], settlement=True)
    ('Kiev',)
    """
    seen = {name}
    out = []
    for n in alternates:
        # usable_name() inlined: this runs for every alternate name of every row of a dump
        n = n.strip()
        if n in seen or len(n) < 2 or n.islower() or DIGIT_OR_FOREIGN_SCRIPT.search(n):
            continue
        if not (settlement and is_abbreviation(n)):
            seen.add(n)
            out.append(n if "  " not in n else " ".join(n.split()))
    return tuple(out)


def _columns(line: str, n: int, where: str) -> list[str]:
    cols = line.rstrip("\r\n").split("\t")
    if len(cols) != n:
        raise InputError(f"{where}: {len(cols)} tab-separated columns, expected {n}")
    return cols


def parse_coordinate(text: str, limit: float, what: str, where: str) -> float:
    """A latitude or longitude in degrees, or an error naming ``where`` it was read.

    >>> parse_coordinate("48.59", 90, "latitude", "UA.txt:3")
    48.59
    """
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"{where}: {what} {text!r} is not a number") from None
    if not (math.isfinite(value) and -limit <= value <= limit):
        raise InputError(f"{where}: {what} {text} is out of range (±{limit:g})")
    return value


def read_geonames(
    lines: Iterable[str], name: str, classes: str = DEFAULT_CLASSES, countries: frozenset[str] = frozenset()
) -> Iterator[Entry]:
    """Entries from the lines of a geoname table, streamed; ``name`` labels errors ("UA.zip:12").

    Only rows of feature ``classes`` are kept and, when ``countries`` is given, of those countries.
    """
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        c = _columns(line, GEONAME_COLUMNS, where)
        if not c[0].isdigit():
            raise InputError(f"{where}: geonameid {c[0]!r} is not a number")
        lat = parse_coordinate(c[4], 90, "latitude", where)
        lon = parse_coordinate(c[5], 180, "longitude", where)
        if c[6] not in classes or (countries and c[8] not in countries):
            continue
        try:
            population = int(c[14] or 0)
        except ValueError:
            raise InputError(f"{where}: population {c[14]!r} is not a whole number") from None
        settlement = c[6] == "P"
        yield Entry(
            id=f"geonames:{c[0]}",
            name=c[1],
            kind=kind_for_feature(c[6], c[7], population),
            country=c[8],
            admin1=f"{c[8]}.{c[10]}" if c[10] else "",
            lat=lat,
            lon=lon,
            population=population,
            names=kept_names(c[1], c[3].split(",") if c[3] else (), settlement),
        )


def read_alternate_names(lines: Iterable[str], name: str) -> Iterator[tuple[str, str]]:
    """(entry id, name) pairs from the lines of ``alternateNamesV2``, without codes, links and foreign scripts.

    >>> rows = ["1\\t709717\\tuk\\tБахмут" + "\\t" * 6, "2\\t709717\\tlink\\thttps://x" + "\\t" * 6]
    >>> list(read_alternate_names(rows, "alt.txt"))
    [('geonames:709717', 'Бахмут')]
    """
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        c = _columns(line, ALTERNATE_NAME_COLUMNS, f"{name}:{number}")
        if not c[1].isdigit():
            raise InputError(f"{name}:{number}: geonameid {c[1]!r} is not a number")
        text = " ".join(c[3].split())
        if c[2] not in NOT_NAMES and usable_name(text):
            yield f"geonames:{c[1]}", text
