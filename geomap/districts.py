"""Districts named by their town's adjective: "Sudzhansky district", "Бахмутського району", and the oblasts a
list puts before one generic word ("Брянскую и Курскую области").

The gazetteer has few districts: a district is governed from, and named after, its town, so each is a mention
of that town with the hint "district" (see :mod:`geomap.resolve`).

>>> from geomap.folding import fold
>>> from geomap.gazetteer import Gazetteer
>>> from geomap.text import Document
>>> doc = Document.from_text("Fighting spread in the Sudzhansky district.")
>>> # the mention is the adjective; find_mentions extends it over the generic word
>>> [(m.text, m.key, m.kind_hint) for m in district_adjectives(doc, fold(doc.text), Gazetteer.default(), [])]
[('Sudzhansky', 'sudzha', 'district')]
"""

from __future__ import annotations

import re

from geomap.folding import name_key
from geomap.gazetteer import SETTLEMENT_KINDS, Gazetteer
from geomap.inflection import language, nominative_phrases, nominatives
from geomap.mention import Mention
from geomap.text import Document

# "Sudzhansky district", "Pokrovskyi raion": the adjective a district takes from its town, and the endings
# to try in its place (Sudzha-nsky -> Sudzha, Korenev-sky -> Korenevo, Pokrov-skyi -> Pokrovsk).
DISTRICT_SUFFIX = r"(?:skiy|skyi|skyy|skii|sky|ski|skoho|skogo|skaya|ska)"
DISTRICT_ADJECTIVE = re.compile(rf"\b([A-Z][a-z]+?)({DISTRICT_SUFFIX}) (district|raion|rayon|region|oblast)\b")
# "the Sudzhansky and Korenevsky districts": several adjectives before one plural generic word
DISTRICT_ADJECTIVES = re.compile(
    rf"\b((?:[A-Z][a-z]+?{DISTRICT_SUFFIX}(?:,? and |,? or |, ))+[A-Z][a-z]+?{DISTRICT_SUFFIX}) "
    r"(district|raion|rayon|region|oblast)s\b"
)
ONE_ADJECTIVE = re.compile(rf"\b([A-Z][a-z]+?)({DISTRICT_SUFFIX})\b")
TOWN_ENDINGS = ("", "a", "o", "e", "sk", "ovo", "evo")
# The same in Ukrainian and Russian: "Бахмутського району", "в Суджанском районе"
CYRILLIC_DISTRICT = re.compile(r"([А-ЯЁІЇЄҐ][а-яёіїєґ'’]+(?:ськ|ск|цьк|цк|зьк|зк)[а-яёіїєґ]+)\s+(район[а-яёіїєґ]*)\b")
CYRILLIC_DISTRICT_SUFFIXES = ("ський", "ский", "цький", "цкий", "зький", "зкий")
CYRILLIC_TOWN_ENDINGS = ("", "ськ", "ск", "цьк", "цк", "а", "я", "о", "е", "і", "и", "ове", "ово", "еве", "ево", "ха")
# "Брянскую и Курскую области", "Харківську, Сумську та Чернігівську області": names listed before one plural
# generic word (the last name is found with it; the others are each that generic word's)
CYRILLIC_NAME = re.compile(r"[А-ЯЁІЇЄҐ][а-яёіїєґ'’]+")
CYRILLIC_LISTED_AREAS = re.compile(
    r"((?:[А-ЯЁІЇЄҐ][а-яёіїєґ'’]+(?:,\s*|\s+(?:і|и|та|й)\s+))+)[А-ЯЁІЇЄҐ][а-яёіїєґ'’]+\s+"
    r"(област[а-яіїє]*|район[а-яіїє]*)"
)
CYRILLIC_PLURAL_GENERIC = {"облас": ("область", "region"), "район": ("район", "district")}


def district_adjectives(doc: Document, folded: str, gz: Gazetteer, spans: list[tuple[int, int]]) -> list[Mention]:
    """ "Sudzhansky district" names the district of Sudzha: a mention of the town it is named after.

    The gazetteer has no districts, and a district is governed from, and named after, its town. Of the town
    names the adjective can come from, the one with the most populous settlement wins ("Pokrovskyi" is
    Pokrovsk, not Pokrov).
    """
    found = [(m.start(1), m.end(2), m.start(2), m.group(3)) for m in DISTRICT_ADJECTIVE.finditer(doc.text)]
    for lst in DISTRICT_ADJECTIVES.finditer(doc.text):
        for m in ONE_ADJECTIVE.finditer(lst.group(1)):
            at = lst.start(1)
            found.append((at + m.start(1), at + m.end(2), at + m.start(2), lst.group(2)))
    out = []
    for start, end, suffix_at, generic in found:
        if any(s < end and start < e for s, e in spans):
            continue
        stem = folded[start:suffix_at]
        key = _most_populous_town(gz, {s + ending for s in {stem, stem.removesuffix("n")} for ending in TOWN_ENDINGS})
        if key is None:
            continue
        generic = generic.lower()
        out.append(
            Mention(
                start=start,
                end=end,
                text=doc.text[start:end],
                key=key,
                sentence=doc.sentence_of(start),
                kind_hint="district" if generic in ("district", "raion", "rayon") else "region",
            )
        )
    return out


def cyrillic_district_adjectives(doc: Document, gz: Gazetteer) -> list[Mention]:
    """ "Бахмутського району", "в Суджанском районе": the district named after a town, in any case.

    As with :func:`district_adjectives`, the town's name is the adjective's stem with the endings town names
    take ("Покровський" -> Покровськ, "Кореневский" -> Коренево, "Курахівський" -> Курахове with the і/о
    alternation of Ukrainian), the most populous settlement of those names winning.
    """
    if not CYRILLIC_DISTRICT.search(doc.text):
        return []
    lang = language(doc.text)
    out = []
    for m in CYRILLIC_DISTRICT.finditer(doc.text):
        stems = {
            form[: -len(suffix)]
            for form in nominatives(m.group(1), lang)
            for suffix in CYRILLIC_DISTRICT_SUFFIXES
            if form.endswith(suffix)
        }
        stems |= {s[:-2] + "ов" for s in stems if s.endswith("ів")} | {s[:-1] for s in stems if s.endswith("н")}
        key = _most_populous_town(gz, {name_key(stem + ending) for stem in stems for ending in CYRILLIC_TOWN_ENDINGS})
        if key is not None:
            out.append(
                Mention(
                    start=m.start(),
                    end=m.end(),
                    text=m.group(0),
                    key=key,
                    sentence=doc.sentence_of(m.start()),
                    kind_hint="district",
                )
            )
    return out


def _most_populous_town(gz: Gazetteer, keys: set[str]) -> str | None:
    """Of the names a district's adjective may come from, the one its most populous settlement bears."""
    best = max(((e.population, k) for k in keys for e in gz.lookup(k) if e.kind in SETTLEMENT_KINDS), default=None)
    return None if best is None else best[1]


def cyrillic_listed_areas(doc: Document, gz: Gazetteer) -> list[Mention]:
    """ "Брянскую и Курскую области", "Луганської та Донецької областей": the oblasts listed before a plural
    generic word, each but the last (which the generic word follows; :func:`geomap.mentions.find_mentions`
    finds that one)."""
    out = []
    for m in CYRILLIC_LISTED_AREAS.finditer(doc.text):
        generic, kind = CYRILLIC_PLURAL_GENERIC[m.group(2).lower()[:5]]
        for word in CYRILLIC_NAME.finditer(m.group(1)):
            key = next(
                (
                    k
                    for p in nominative_phrases([word.group(), generic], language(doc.text))
                    if (k := name_key(p)) in gz
                ),
                "",
            )
            if key:
                start = m.start(1) + word.start()
                out.append(
                    Mention(
                        start=start,
                        end=start + len(word.group()),
                        text=word.group(),
                        key=key,
                        sentence=doc.sentence_of(start),
                        kind_hint=kind,
                    )
                )
    return out
