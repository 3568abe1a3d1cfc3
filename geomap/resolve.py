"""Resolution: choose, for each named place, the gazetteer entry the article means, and keep why.

Each candidate gets a score from explainable evidence: its kind (a country for "Georgia", a region for
"Donetsk region", the city for a bare "Donetsk"), its population, the article's focus (the countries its
unambiguous places lie in) and its distance to the article's other places. A mention whose best
candidate is a small place far outside the article's focus is dropped: that is how "Sem", a soldier's
nickname, stays off a map of Bakhmut although Norway has a village of that name.

>>> from geomap.text import Document
>>> from geomap.mentions import find_mentions
>>> doc = Document.from_text("Ukrainian troops advanced near Bakhmut and Andriivka, south of Klishchiivka.")
>>> [(p.name, p.country) for p in resolve_places(doc, find_mentions(doc))]
[('Bakhmut', 'UA'), ('Andriivka', 'UA'), ('Klishchiivka', 'UA')]
"""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

import shapely
from shapely.geometry import Point

from geomap.demonyms import countries_in, country_of
from geomap.folding import name_key
from geomap.gazetteer import ADMIN1_PREFIX, SETTLEMENT_KINDS, Entry, Gazetteer, haversine_km
from geomap.geonames import is_abbreviation
from geomap.inflection import language, nominative_phrases, starts_cyrillic
from geomap.mentions import GENERIC_KIND, Mention
from geomap.ner import PLACE_LABELS
from geomap.places import Alternative, MentionRef, Place, entry_fields
from geomap.roles import place_role
from geomap.text import Document

KIND_PRIOR = {"country": 4.0, "peninsula": 3.5, "sea": 3.0, "region": 2.5, "other": 2.0, "river": 2.0}
# A region whose name no town of 50,000 people shares, over the small towns that do.
SMALL_NAMESAKES_BONUS = 1.5
# Below this population a place outside the article's focus needs other evidence to be believed.
SMALL_PLACE = 100_000
ALTERNATIVES_KEPT = 3
# a region that holds other places of the article, or a sea that washes them: as much as a namesake
# 10 km from one of them
AREA_HOLDS_CONTEXT = 3.5
# a place this near a sea's outline is on its coast (degrees: about 30 km; outlines are simplified)
COAST_DEG = 0.3
# the id of a district drawn at its town: the town's id and this ("geonames:584051#district")
DISTRICT_ID_SUFFIX = "#district"
FAR_FROM_CONTEXT_KM = 1500
# Landmarks and rivers: named features, not settlements whose names double as surnames
FEATURE_KINDS = frozenset({"other", "river"})
# A town this large inside a country or region the article names is near its story however far the
# article's other towns are ("US Special Forces in Manbij", in a story of a British soldier killed in Syria);
# villages that size are rarely surnames.
NAMED_AREA_TOWN = 20_000
# The focus weight of a country that makes a town of NAMED_AREA_TOWN people in it, or a landmark, near its
# story, however far the article's other places are
FOCUS_TOWN = 0.5
# a county drawn at the town of its name needs that town this near another place of the article
COUNTY_SEAT_KM = 100
# "Pokrovsk, Donetsk oblast": what the text states outright outweighs population and focus.
CONTAINMENT_BONUS = 4.0
# "the Pokrovsk-Kostiantynivka highway": the two ends of a road the text names lie this near each other, and the
# namesake of one end that does is the one meant (the bonus a written containment gets)
ROAD_KM = 150.0
ROAD_BETWEEN = re.compile(r"\s?[-–]\s?")
_ROADS = r"(?i:highway|road|motorway|route|railway|rail\s+line|axis|direction|corridor)\b"
ROAD_AFTER = re.compile(r"\s+" + _ROADS)
ROAD_WORD = re.compile(r"[-–]\s?[A-Z][\w’'-]*\s+" + _ROADS)
# "Marinka in Donetsk": the region that holds the place named before it, over the city of the same name
# (which otherwise wins a bare name by the population and proximity it brings).
HOLDS_BONUS = 8.0
# A candidate the text names by its own name, over one that merely lists the spelling among its alternates.
CANONICAL_NAME_BONUS = 1.0
# A town named as a region where no region has its name is the town, if it has this many people
TOWN_FOR_AN_AREA = 10_000
# A user's area of interest (--focus-bbox) weighs as much as a focus country.
FOCUS_BBOX_BONUS = 2.5
# A country the user names (--focus) is the article's focus and then some: what the user knows beats
# the fame of a namesake abroad ("Moscow" in a story from Idaho).
USER_FOCUS_BONUS = 2.5
# "Ukrainian troops", "a Russian strike": each country adjective counts this much towards the focus, against
# one for each mention of an unambiguous place.
ADJECTIVE_WEIGHT = 0.5
# A city of a million or more is what its bare name means even in another country's story ("London" in a US
# paper), unless nearness to the article's other places says otherwise: it outweighs a focus country alone.
MILLION_CITY = 2.0
# A capital this large rivals a region of its name as a town of 50,000 does. Asked of the capitals' ids alone: which
# of a country's ids is its capital would take the id index, 30 MB (GeoNames marks every US Washington a capital;
# the largest under 50,000 has 24,299 people, and the District itself rivals the state anyway).
CAPITAL_TOWN = 20_000
# How far outside a region's drawn border a place said to lie in it may be (about 15 km): border villages.
BORDER_SLACK_DEG = 0.15
# Between a place and the area said to hold it: "Pokrovsk, Donetsk oblast", "Marinka in Donetsk", "Hlyboka in
# the north of the Kharkiv region", "Zahrani in southern Lebanon", "Toretsk (Donetsk oblast)"; "in" may follow the
# rest of a list whose names the gazetteer lacks ("Ivanivka and Stelmakhivka in Kharkiv Oblast"), as it holds them all.
CONTAINED_IN = re.compile(
    r"\s*,\s*|\s*\(\s*|"
    r"(?:(?:\s*,\s*|\s+(?:and|or)\s+)(?-i:[A-Z])[\w’'-]*(?:[\s-](?-i:[A-Z])[\w’'-]*)?)*,?\s+in\s+(?:the\s+)?"
    r"(?:(?:far\s+)?(?:north|south)?-?(?:east|west)?(?:ern)?\s+(?:part\s+)?(?:of\s+)?(?:the\s+)?)?",
    re.IGNORECASE,
)
# A city's district, written with its city: "the Kyivskyi district of Kharkiv", "Kharkiv's Kyivskyi district"
DISTRICT_OF_CITY = re.compile(r"\s+of\s+(?:the\s+)?(?:city\s+of\s+)?", re.IGNORECASE)
CITY_OWNS = re.compile(r"(?:'s|’s)\s+(?:the\s+)?")
# After "Town, Name": where the sentence goes on, not a list ("Buffalo, New York, police said"; but "Bakhmut,
# Donetsk and Mariupol")
ADDRESS_END = re.compile(r"\s*(?:[.;:)!?]|,\s+(?!(?:and|or)\b)[a-z]|$)")
# How far from its city's point a district of that city may lie (Kyiv's outer districts: about 15 km).
CITY_DISTRICT_KM = 20.0
# A city this large has districts of its own: one named in the sentence of what happened in it is the city's
# ("In Kharkiv, a glide bomb hit the Kyivskyi district", "В Харькове ... в Киевском районе"), as one written "the
# Kyivskyi district of Kharkiv" is; not so a city named otherwise ("a Kyiv ground attack ... in the Sudzhansky
# and Korenevsky districts").
CITY_WITH_DISTRICTS = 100_000
IN_THE_CITY = re.compile(
    r"(?:\b[Ii]n\s+(?:the\s+(?:city|capital)\s+(?:of\s+)?)?|(?<!\w)(?:[ВвУу]|[Вв]о)\s+(?:місті\s+|городе\s+)?)$"
)
# A sentence set in a region: "In Dnipropetrovsk region, shelling hit ..."
SETTING_BEFORE = re.compile(r"\W*In\s+(?:the\s+)?")
# "debris fell in the city's Kyivskyi district": the district of the city named last, in this sentence or before
THE_CITYS = re.compile(r"\bthe\s+city(?:'s|’s)\s+$")
# The same in Ukrainian and Russian: "Андріївка у Донецькій області"; and "Андріївку Донецької області",
# "Андріївку Бахмутського району", where the oblast or raion in the genitive is the address (see below).
CYRILLIC_CONTAINED_IN = re.compile(r"\s+(?:у|в|во)\s+|\s*,\s*|\s+", re.IGNORECASE)
# A district's name in the nominative: a masculine adjective before район ("Бахмутський район", "Суджанский район")
MASCULINE_DISTRICT = ("ий район", "ій район", "ой район")
# Words that make a bare name the town even where the article also names the region of that name: "the city
# of Donetsk", "the capital Donetsk", "the regional capital, Zaporizhzhia", "Donetsk's mayor"; a point to measure
# from, "20 miles north of Kharkiv", "near Kharkiv"; and a route between towns, "from Donetsk to Mariupol",
# "halfway between Kharkiv and Chuhuiv", "the rail link between Madrid and Valencia".
TOWN_CUE_BEFORE = re.compile(
    r"(?:\b(?:city|town|capital,?|port|centre|center)\s+(?:of\s+)?(?:the\s+)?"
    r"|\b(?:(?:north|south)?(?:east|west)?(?:ern)?\s+of|near|outside|towards?|around)\s+"
    r"|\bbetween\s+(?:(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)?\s+and\s+)?)$",
    re.IGNORECASE,
)
# "the village of Novooleksandrivka", "the villages of Andriivka and ...": a village, whatever town or city once
# bore the name; as much as the text's generic word after a name ("the text calls it a ...") weighs. Not
# "Torkula village of Guma Local Government Area", where the village is Torkula.
VILLAGE_OF = re.compile(r"\bthe\s+villages?\s+of\s+$", re.IGNORECASE)
VILLAGE_BONUS = 2.0
# A distance's unit and the preposition of the place it is measured from: "km north of", "miles from"
UNIT_FROM = r"(?:km|kilomet(?:er|re)s?|miles?)\s+(?:(?:north|south)?-?(?:east|west)?(?:ern)?\s+of|from)"
# "In Marib, drones hit an oil facility 12 miles east of the city": the name its sentence goes on to call "the city"
# is a town, as surely as one the text calls a region is a region: over a province's prior and its want of rival towns
THE_TOWN_AFTER = re.compile(r"\b(?:of|from|outside|in)\s+the\s+(?:[a-z]+\s+)?(?:city|town)\b(?!\s+of\b)")
CALLED_THE_CITY_BONUS = 4.0
# A distance measured from a name right after it: "more than 200 km north of Kidal", "30 miles from Marib"; a point
MEASURED_FROM = re.compile(rf"\d\s*-?\s*{UNIT_FROM}\s+$", re.IGNORECASE)
# A country's adjective and a kind of place before a name: "the Italian island of ", "the Russian border town of "
INTRODUCED_WITH_COUNTRY = re.compile(
    r"\bthe\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:(?:border|frontline|front-line|port|coastal|southern|northern|"
    r"eastern|western|central)\s+)?(?:city|town|village|island|port|region|province|settlement|enclave)\s+of\s+$"
)
# ... and after it: "Kursk's mayor", "Kursk city", and a distance that puts it at a point ("In Ryazan, about
# 200 km southeast of Moscow, ...", "Sumy lies about 25 km from the border")
TOWN_CUE_AFTER = re.compile(
    r"^(?:(?:'s|’s)\s+mayor\b|\s+(?:city|township)\b|(?:,|\s+(?:lies|sits|stands|is))\s+(?:just\s+|only\s+)?"
    rf"(?:(?:about|some|roughly|around|nearly|almost)\s+)?[\d,.]+(?:\s*|-){UNIT_FROM}\b)",
    re.IGNORECASE,
)
# What happens in a city, not across its region, in the sentence of a bare name: its districts, its blocks of
# flats, its metro, its mayor, "the city" itself ("In Kharkiv, a missile hit the Saltivskyi district", "debris fell in
# the city's Zavodskoy district", "Sumy lies near the border, and the city is shelled daily"); not "the city of X"
URBAN_CUE = re.compile(
    r"\b(?:[A-Z][a-z’'-]*(?:skyi|skyy|skiy|zkyi|skoy|skoi)\s+[Dd]istrict|(?:apartment|residential)\s+(?:block|"
    r"building|area|tower)s?|high-rises?|metro\s+station|city\s+cent(?:re|er)|mayor|the\s+city(?:[’']s|(?!\s+of\b)))\b"
)
ROUTE_FROM, ROUTE_TO = re.compile(r"\bfrom\s+$"), re.compile(r"^\s+to\s+[A-Z]")
# Names that vouch for each other: a candidate this near one of another name's candidates, or inside it
# ("Rockingham", "Safety Bay" and "WA" of a Perth paper are all Western Australia's, whichever single name would
# go to America). A name with k candidates vouches 1/k: an unambiguous neighbour counts fully, one of a dozen
# Washingtons hardly at all.
SUPPORT_KM = 30.0
SUPPORT_BONUS = 1.5
SUPPORT_CAP = 2.0
# A landmark this close to a town of the name that holds it is in that town ("the Okhmatdyt hospital in Kyiv")
LANDMARK_TOWN_KM = 30.0
# Past this extent (degrees of longitude by latitude, about Texas four times over), an area vouches for nothing
VOUCHING_AREA_DEG2 = 500.0
# Below this likeness (difflib's ratio) to a place's own name, an alternate name is another name, not a spelling.
ANOTHER_NAME_LIKENESS = 0.5


def resolve_places(
    doc: Document,
    mentions: Iterable[Mention],
    gazetteer: Gazetteer | None = None,
    focus: Iterable[str] = (),
    focus_bbox: tuple[float, float, float, float] | None = None,
) -> list[Place]:
    """Places for ``mentions``, one per gazetteer entry, in order of first mention.

    ``focus`` is a user's prior: ISO country codes the article is expected to be about; ``focus_bbox``
    an area of interest (west, south, east, north; west > east crosses the antimeridian).
    """
    gz = gazetteer or Gazetteer.default()
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[(m.key, m.kind_hint)].append(m)
    candidates = {g: _spelled_as_written(_candidates(gz, *g), groups[g], doc.text) for g in groups}
    candidates = {g: c for g, c in candidates.items() if c}

    # First pass: focus from what is unambiguous; second pass: with the places of the first.
    adjectives = countries_in(doc.text)
    focus_weights = _focus(candidates, groups, set(focus), {}, adjectives, gz.sovereigns)
    support = _mutual_support(gz, {g: c for g, c in candidates.items() if _vouches(groups[g])})
    chosen = {g: _rank(gz, c, groups[g], focus_weights, [], support[g])[0] for g, c in candidates.items()}
    focus_weights = _focus(candidates, groups, set(focus), chosen, adjectives, gz.sovereigns)
    context = [e for g, e in ((g, s[1]) for g, s in chosen.items()) if _is_anchor(e, groups[g])]
    named_areas = [s[1] for s in chosen.values() if s[1].kind in ("country", "region")]
    regions = [a for a in named_areas if a.kind == "region"]
    # bonuses outside the usual ranking: containment the text writes, and the user's area of interest
    bonuses, holders, outside = _written_containment(doc, groups, candidates, chosen, gz)
    for g, found in _road_ends(doc, groups, candidates, chosen).items():
        bonuses[g] = found | bonuses[g]
    in_the_city, outside_the_city = _districts_of_the_sentences_city(doc, groups, candidates, chosen, gz)
    for g, found in in_the_city.items():
        bonuses[g] = found | bonuses[g]
    outside |= outside_the_city
    for g, found in _counties_of_named_states(candidates, regions).items():
        bonuses[g] = found | bonuses[g]
    # before the villages' bonus, which it outweighs: "In Dnipropetrovsk region, ... the village of Pokrovske"
    for g, found in _in_the_sentences_region(doc, groups, candidates, chosen, gz).items():
        bonuses[g] = found | bonuses[g]
    for g, found in _called_villages(doc, groups, candidates).items():
        bonuses[g] = found | bonuses[g]
    for g, found in _called_towns(doc, groups, candidates).items():
        bonuses[g] = found | bonuses[g]
    for g, found in _introduced_with_its_country(doc, groups, candidates).items():
        bonuses[g] = found | bonuses[g]
    for g in outside:
        del candidates[g]
    # a mention may be both: "the Saky air base in Crimea ... Crimea, Zaporizhia and Kherson regions"
    as_regions = {id(m): m for m in [*holders, *_named_as_the_region(doc, groups, chosen)]}
    for m in as_regions.values():
        # "Marinka in Donetsk": this "Donetsk" is the region; a bare "Donetsk" elsewhere stays the city
        bare, region = (m.key, m.kind_hint), (m.key, "region")
        if region not in candidates:
            found = _candidates(gz, m.key, "region", by_seat=False)
            if not any(e.is_area for e in found):
                continue  # no region goes by the bare name, only with its generic word ("the Dnipro region")
            candidates[region] = found
        groups[bare].remove(m)
        groups[region].append(m)
        if not groups[bare]:
            del groups[bare], candidates[bare]
    for short, full in _shortened_names(groups, candidates, chosen):
        groups[full].extend(groups.pop(short))
        del candidates[short]
    users_countries = {cc.upper() for cc in focus}
    for g, cands in candidates.items():
        for e in cands:
            if e.id in bonuses[g]:
                continue
            if focus_bbox is not None and in_bbox(e.lat, e.lon, focus_bbox):
                bonuses[g][e.id] = ("inside the area of interest", FOCUS_BBOX_BONUS)
            elif e.country in users_countries:
                bonuses[g][e.id] = ("in a country the user named (--focus)", USER_FOCUS_BONUS)

    by_entry: dict[str, dict] = {}
    counts, parts = _focus_counts(candidates, groups, chosen, adjectives)
    for g, cands in candidates.items():
        others = [e for e in context if e.id not in {c.id for c in cands}]
        # a name that several countries have is not its own evidence: the "White House" of a story from Illinois
        # must not make it one about Morocco, where Casablanca goes by that name. Such a name is weighed in the
        # focus of the rest of the article; a name only one country has ("Sudzha") counts for its country.
        shared = len({e.country for e in cands}) > 1
        without = parts.get(g, ("", 0.0)) if shared else ("", 0.0)
        own_focus = _focus_weights(counts, set(focus), gz.sovereigns, without=without)
        ranked = _rank(gz, cands, groups[g], own_focus, others, bonuses.get(g, {}))
        _, best, evidence = ranked[0]
        # inside the user's area of interest, or put by the text in its area ("Parkland, Florida"), or a town
        # inside a country or region the article names, a place is believed however far its other places are
        vouched_for = best.id in bonuses.get(g, {}) or (
            focus_bbox is not None and in_bbox(best.lat, best.lon, focus_bbox)
        )
        # asked only of a place about to be dropped: the polygon tests cost more than the rest of the choice
        inside_named_area = functools.partial(_town_inside_any, gz, best, named_areas)
        keep, why = _believable(best, groups[g], own_focus, evidence, others, vouched_for, inside_named_area)
        if not keep:
            continue
        probs = _softmax([r[0] for r in ranked])
        # "Sudzhansky district" is not the town Sudzha: a place of its own, drawn at the town that governs it
        district = g[1] in ("district", "county") and best.kind in SETTLEMENT_KINDS
        if district and g[1] == "county" and not _near_the_story(gz, best, others, regions):
            continue  # a county is rarely named after its seat: only a town of its name near the story is
        slot = by_entry.setdefault(
            best.id + DISTRICT_ID_SUFFIX * district,
            {"entry": best, "mentions": [], "evidence": why, "conf": 0.0, "alts": [], "district": district},
        )
        slot["mentions"].extend(groups[g])
        slot["conf"] = max(slot["conf"], probs[0])
        slot["alts"] = [
            Alternative(e.id, e.name, e.country, e.lat, e.lon, round(s, 3))
            for s, e, _ in ranked[1 : 1 + ALTERNATIVES_KEPT]
        ]
    places = [_place(doc, gz, slot) for slot in by_entry.values()]
    return sorted(places, key=lambda p: p.mentions[0].start)


def _candidates(gz: Gazetteer, key: str, hint: str, by_seat: bool = True) -> list[Entry]:
    """The gazetteer's entries for a name and the kind its generic word says ("region", "district", "sea"...);
    ``by_seat``: a region named after its seat, when none goes by the name (see the "region" branch)."""
    found = gz.lookup(key)
    if hint in ("district", "county"):
        # "Kyivskyi district" is also each town, or city section, called Kyivskyi: those that some source calls
        # so in full (Donetsk's, Poltava's) and those it does not (Kharkiv's, a section of the city)
        words = key.split()
        if len(words) > 1 and GENERIC_KIND.get(words[-1]) == hint:
            ids = {e.id for e in found}
            found += [e for e in gz.lookup(" ".join(words[:-1])) if e.id not in ids]
        # the embedded gazetteer has no districts (raions): one is named after, and governed from, its town
        return (
            [e for e in found if e.kind == "district"]
            or [e for e in found if e.kind in SETTLEMENT_KINDS]
            or [e for e in found if e.kind == "region"]
        )
    if hint == "region":
        # "Donetsk region" is never the city; a republic or a state may be a country ("the Czech Republic"); but
        # a town listed with regions, or the area around it, is the town: "Donetsk with Mariupol, Zaporizhia
        # and Kherson regions", "the Pokrovsk region"
        towns = [e for e in found if e.kind in SETTLEMENT_KINDS]
        return (
            [e for e in found if e.kind == "region"]
            or [e for e in found if e.kind == "country"]
            # "Saada province": the province seated at the town of that name, which the gazetteer spells Sa`dah
            or (_regions_seated_at(gz, towns) if by_seat else [])
            or [e for e in towns if e.population >= TOWN_FOR_AN_AREA]
        )
    if hint:
        wanted = [e for e in found if e.kind == hint]
        # "the Azov sea" is no town Azov, "the Guadalupe River" no village Guadalupe; but "Montego Bay", "Palm Bay",
        # "Fall River" are towns by their own full names, the generic word and all
        own_word = any(GENERIC_KIND.get(w) == hint for w in key.split())
        return wanted or ([] if hint in ("sea", "river") and not own_word else found)
    return found


def _regions_seated_at(gz: Gazetteer, towns: list[Entry]) -> list[Entry]:
    """The regions whose seats ``towns`` are, each once."""
    return list({r.id: r for r in map(gz.region_seated_at, towns) if r is not None}.values())


def _mutual_support(
    gz: Gazetteer, candidates: dict[tuple[str, str], list[Entry]]
) -> dict[tuple[str, str], dict[str, tuple[str, float]]]:
    """For each name (group), entry id -> (why, bonus): how far the article's other names vouch for that
    candidate by having one of theirs within :data:`SUPPORT_KM` of it, inside it (a region), or around it."""
    cell = SUPPORT_KM / 111.0  # degrees of latitude; a degree of longitude is shorter, so look 3 cells each way
    grid: dict[tuple[int, int], list[tuple[tuple[str, str], Entry]]] = defaultdict(list)
    areas, points = [], []
    for g, cands in candidates.items():
        for e in cands:
            if e.kind in ("region", "district"):
                areas.append((g, e))
            elif not e.is_area:
                at = (int(e.lat // cell), int(e.lon // cell))
                points.append((g, e, at))
                grid[at].append((g, e))
    vouchers: dict[tuple[str, str], dict[str, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    for g, e, (row, col) in points:
        for dr, dc in itertools.product((-1, 0, 1), range(-3, 4)):
            for h, o in grid.get((row + dr, col + dc), ()):
                if h != g and haversine_km(e.lat, e.lon, o.lat, o.lon) <= SUPPORT_KM:
                    vouchers[g][e.id].add(h)
    for g, a in areas:
        geom = gz.area(a.id)
        if geom is None:
            continue
        west, south, east, north = geom.bounds
        if (east - west) * (north - south) > VOUCHING_AREA_DEG2:
            continue  # a continent holds every namesake of its part of the world: it tells none apart
        for h, o, _ in points:
            if h != g and west <= o.lon <= east and south <= o.lat <= north and _holds(gz, a, o):
                vouchers[g][a.id].add(h)
                vouchers[h][o.id].add(g)
    support: dict[tuple[str, str], dict[str, tuple[str, float]]] = defaultdict(dict)
    for g, by_entry in vouchers.items():
        for ident, names in by_entry.items():
            amount = min(sum(1.0 / len(candidates[h]) for h in names), SUPPORT_CAP)
            listed = ", ".join(f'"{h[0]}"' for h in sorted(names))
            support[g][ident] = (f"near or around other names of the article ({listed})", SUPPORT_BONUS * amount)
    return support


def _spelled_as_written(cands: list[Entry], mentions: list[Mention], text: str) -> list[Entry]:
    """For a name of three letters or fewer, only the entries that spell it as the text does: "Eu" is the
    town in Normandy, "EU" the European Union; longer names, and abbreviations with their full stop
    ("Gainesville, Va."), match however they are written."""
    if any(len(m.key.replace(" ", "")) > 3 or text[m.end - 1 : m.end + 1].count(".") for m in mentions):
        return cands
    # "the Est region" is written "Est": the generic word the mention took in is no part of the name
    written = {_without_generic_word(m) for m in mentions}
    return [e for e in cands if written & {e.name, *e.names}]


def _without_generic_word(m: Mention) -> str:
    name, _, last = m.text.rpartition(" ")
    return name if m.kind_hint and name and GENERIC_KIND.get(last.lower()) == m.kind_hint else m.text


def _near_the_story(gz: Gazetteer, e: Entry, anchors: list[Entry], regions: list[Entry]) -> bool:
    """Within :data:`COUNTY_SEAT_KM` of another place the article names, or inside a region it names."""
    if anchors and _nearest_km(e, anchors) <= COUNTY_SEAT_KM:
        return True
    return _inside_any(gz, e, regions)


def _inside_any(gz: Gazetteer, e: Entry, areas: list[Entry]) -> bool:
    """Whether one of ``areas`` (other than ``e`` itself) holds ``e``."""
    return any(a.id != e.id and _holds(gz, a, e) for a in areas)


def _town_inside_any(gz: Gazetteer, e: Entry, areas: list[Entry]) -> bool:
    """A town of :data:`NAMED_AREA_TOWN` people or more inside one of ``areas``."""
    return e.population >= NAMED_AREA_TOWN and _inside_any(gz, e, areas)


def _vouches(mentions: list[Mention]) -> bool:
    """Whether a name may vouch for others: not only a weak or common word ("Republic", "More")."""
    common = all(m.common for m in mentions) and not any(m.ner in PLACE_LABELS for m in mentions)
    return not common and not all(m.weak for m in mentions)


def _is_anchor(entry: Entry, mentions: list[Mention]) -> bool:
    """Places that vouch for the article's area by their point: settlements and landmarks, not areas, and not
    common words that nothing vouches for ("Read More" is no village called More; see :func:`_believable`)."""
    return not entry.is_area and _vouches(mentions)


def _focus(
    candidates, groups, prior: set[str], chosen: dict, adjectives: Counter[str], sovereigns: dict[str, str]
) -> dict[str, float]:
    """Country weights in [0, 1]: where the article's places are, by mention count, and which countries
    its adjectives name."""
    return _focus_weights(_focus_counts(candidates, groups, chosen, adjectives)[0], prior, sovereigns)


def _focus_counts(candidates, groups, chosen: dict, adjectives: Counter[str]):
    """The evidence for each country, and what each group gives to it: (country, amount) by group."""
    counts: Counter[str] = Counter({cc: n * ADJECTIVE_WEIGHT for cc, n in adjectives.items()})
    parts: dict[tuple[str, str], tuple[str, float]] = {}
    for g, cands in candidates.items():
        n = len(groups[g])
        # a place's other name is no evidence of its country: "Julia", a Latin name of Plovdiv, of Bulgaria
        if g in chosen:
            entry = chosen[g][1]
            if entry.country and not groups[g][0].common and not _by_another_name(entry, groups[g]):
                parts[g] = (entry.country, n * (2 if entry.kind == "country" else 1))
            continue
        countries = {e.country for e in cands if e.country}
        top = cands[0]
        # a name is evidence of its country when it can mean no other (an ocean belongs to none)
        unique = top.kind == "country" or countries == {top.country}
        if top.country and unique and not _by_another_name(top, groups[g]):
            parts[g] = (top.country, n * (2 if top.kind == "country" else 1))
    for cc, n in parts.values():
        counts[cc] += n
    return counts, parts


def _focus_weights(
    counts: Counter[str], prior: set[str], sovereigns: dict[str, str], without: tuple[str, float] = ("", 0.0)
) -> dict[str, float]:
    """``counts`` as weights, the user's countries first; ``without`` (country, amount) taken out first. A
    country's dependencies weigh as it does (``sovereigns``: dependency -> sovereign, see
    :attr:`Gazetteer.sovereigns`): "trips to Saipan, Guam and Alaska" in an American story keeps Saipan."""
    counts = counts.copy()
    country, amount = without
    if amount:
        counts[country] -= amount
    for cc in prior:
        counts[cc.upper()] += max([*counts.values(), 1]) * 2
    peak = max(counts.values(), default=0)
    weights = {cc: c / peak for cc, c in counts.items()} if peak else {}
    for dependency, sovereign in sovereigns.items():
        if weights.get(sovereign, 0.0) > weights.get(dependency, 0.0):
            weights[dependency] = weights[sovereign]
    return weights


def _written_containment(doc: Document, groups, candidates, chosen, gz: Gazetteer):
    """Bonuses from containment the text writes: "Pokrovsk, Donetsk oblast", "Marinka in Donetsk"; the
    bare mentions that, so written, name a region; and the groups of small places said to lie in a named region
    that none of their namesakes is in.

    The inner name's namesakes inside the outer area win; and a bare outer name that could be a city or
    its region ("in Donetsk") is the region when the inner place lies in it: that mention is returned, and
    its region gets the bonus in the group (key, "region"). A bare name after a comma is a list
    ("Bakhmut, Donetsk and Mariupol"), not containment. A city's district so written ("the Kyivskyi district of
    Kharkiv", "Kharkiv's Kyivskyi district") is its namesake near that city, or none at all.
    """
    group_of, ordered = _in_text_order(groups, candidates)
    bonus: dict = defaultdict(dict)
    holders: list[Mention] = []
    outside: set[tuple[str, str]] = set()
    starts = {m.start for m in ordered}
    for a, b in itertools.pairwise(ordered):
        ga, gb = group_of[id(a)], group_of[id(b)]
        gap = doc.text[a.end : b.start]
        city_district = _city_and_district(a, b, gap, chosen[ga][1], chosen[gb][1])
        if city_district is not None:
            city, district = city_district
            inner = ga if district is a else gb
            near = _near_the_city(candidates[inner], city)
            for e in near:
                bonus[inner][e.id] = (f"a district of {city.name}, as the text says", CONTAINMENT_BONUS)
            # no mark for "Zaporizhzhia's Komunarskyi district", where the gazetteer knows a Kommunar by St Petersburg
            if not near:
                outside.add(inner)
            continue
        # a Cyrillic oblast or raion written after a name, or after "у"/"в": its address
        address = b.kind_hint in ("region", "district") and starts_cyrillic(b.text)
        if ga == gb or not (CONTAINED_IN.fullmatch(gap) or (address and CYRILLIC_CONTAINED_IN.fullmatch(gap))):
            continue
        owns = CITY_OWNS.match(doc.text, b.end)
        if owns and "," in gap and owns.end() not in starts:
            continue  # "east of Pokrovsk, Russia's Defence Ministry said": the country speaks, it holds nothing
        outer = chosen[gb][1]
        gap_words = gap.lower().split()
        if "in" in gap_words or (address and gap_words[:1] in (["у"], ["в"], ["во"])):
            # "Marinka in Donetsk": any area the outer name can mean may hold the inner place
            areas = [e for e in candidates[gb] if e.kind in ("region", "country")]
        elif outer.is_area and (b.kind_hint or outer.kind in ("country", "region")):
            areas = [outer]  # "Pokrovsk, Donetsk oblast", "Kramatorsk, Ukraine", "Parkland, Florida"
        elif "," in gap and ADDRESS_END.match(doc.text, b.end):
            # "Buffalo, New York, police said": the state the town is in, however large its city namesake
            areas = [e for e in candidates[gb] if e.kind == "region"]
        else:
            continue  # "Bakhmut, Donetsk and Mariupol": a list
        held = None  # the first of the inner name's places that one of the areas holds
        for e in candidates[ga]:
            holder = next((o for o in areas if not e.is_area and _holds(gz, o, e)), None)
            if holder is not None:
                bonus[ga][e.id] = (f"inside {holder.name}, as the text says", CONTAINMENT_BONUS)
                held = held or e
        # the place the bonus makes it: "Oceanside, New York" is the village on Long Island, not the Californian city
        inner = chosen[ga][1] if held is None or chosen[ga][1].id in bonus[ga] else held
        foreign = all(o.country != inner.country for o in areas)
        # an address names the region for certain: "in the Kharkiv region", and after a comma an abbreviated
        # state ("Murray, Wash.") or a dateline's ("CAMP MURRAY, Wash. -"), never an item of a list
        address = b.kind_hint == "region" or ("," in gap and (b.text.endswith(".") or b.dateline))
        if not held and address and inner.kind in SETTLEMENT_KINDS and (inner.population < 100_000 or foreign):
            # "Hlyboka in the north of the Kharkiv region" where the gazetteer knows only a Hlyboka 800 km off,
            # "CAMP MURRAY, Wash." where it knows a Murray in Utah: no mark beats a wrong one, unless a namesake
            # lies just outside the region's drawn border; nor does a city of another country ("Sotk and Kut in
            # Gegharkunik province" is no Al-Kut in Iraq)
            if not any(_within_deg(gz, o, e, BORDER_SLACK_DEG) for o in areas for e in candidates[ga]):
                outside.add(ga)
        # a bare outer name held the place as a region; one written with its generic word is a region already,
        # and only where several regions may be it is there a choice for the place to make
        choice = not b.kind_hint or len(areas) > 1
        if choice and not inner.is_area and not _landmark_of_the_town(inner, candidates[gb]):
            holder = next((o for o in areas if o.kind == "region" and _holds(gz, o, inner)), None)
            if holder is not None:
                # "Bahawalpur, in Punjab province" is Pakistan's Punjab, however Indian the rest of the article
                bonus[gb if b.kind_hint else (b.key, "region")][holder.id] = (
                    f"holds {inner.name}, as the text says",
                    HOLDS_BONUS,
                )
                if not b.kind_hint:
                    holders.append(b)
    return bonus, holders, outside


def _in_the_sentences_region(doc: Document, groups, candidates, chosen, gz: Gazetteer) -> dict:
    """Bonuses for the namesakes inside a region that opens their sentence as its setting ("In Dnipropetrovsk
    region, shelling hit the village of Pokrovske"): that region's Pokrovske, not one of the next region's."""
    group_of, ordered = _in_text_order(groups, candidates)
    bonus: dict = defaultdict(dict)
    setting: tuple[tuple[int, int], Entry] | None = None
    for m in ordered:
        g = group_of[id(m)]
        region = chosen[g][1]
        if (
            region.kind == "region"
            and SETTING_BEFORE.fullmatch(doc.text, m.sentence[0], m.start)
            and doc.text.startswith(",", m.end)
        ):
            setting = (m.sentence, region)
        elif setting is not None and setting[0] == m.sentence and g[1] != "region":
            for e in candidates[g]:
                if e.kind in SETTLEMENT_KINDS and e.id not in bonus[g] and _holds(gz, setting[1], e):
                    bonus[g][e.id] = (f"inside {setting[1].name}, which its sentence is set in", CONTAINMENT_BONUS)
    return bonus


def _districts_of_the_sentences_city(doc: Document, groups, candidates, chosen, gz: Gazetteer) -> tuple[dict, set]:
    """Bonuses, and the groups that make no mark, for districts named in a sentence after "in" a city of
    :data:`CITY_WITH_DISTRICTS` people or more ("In Kharkiv, a glide bomb hit the Kyivskyi district"): the
    district's namesakes within :data:`CITY_DISTRICT_KM` of the city win. Where none lies there, a namesake in
    the city's first-level region stays as ranked (a raion: "Kharkiv and the Chuhuivskyi district"), and a
    district with none there makes no mark (a Kommunar near St Petersburg for Zaporizhzhia's Komunarskyi): sites
    draw it at the city."""
    bonus: dict = defaultdict(dict)
    outside: set[tuple[str, str]] = set()
    if not any(g[1] == "district" for g in candidates):
        return bonus, outside
    group_of, ordered = _in_text_order(groups, candidates)
    city: tuple[Mention, Entry] | None = None
    last_city: Entry | None = None
    for m in ordered:
        g = group_of[id(m)]
        if city is not None and city[0].sentence != m.sentence:
            city = None
        if (
            g[1] == "district"
            and city is None
            and last_city is not None
            and THE_CITYS.search(doc.text, max(0, m.start - 20), m.start)
        ):
            city = (m, last_city)
        if g[1] == "district" and city is not None:
            town = city[1]
            near = _near_the_city(candidates[g], town)
            for e in near:
                bonus[g][e.id] = (f"a district of {town.name}, named in its sentence", CONTAINMENT_BONUS)
            if not near and (region := _first_level_region(gz, town)):
                if not any(_first_level_region(gz, e) == region for e in candidates[g]):
                    outside.add(g)
        elif chosen[g][1].kind in SETTLEMENT_KINDS and chosen[g][1].population >= CITY_WITH_DISTRICTS:
            last_city = chosen[g][1]
            if IN_THE_CITY.search(doc.text, max(0, m.start - 30), m.start):
                city = (m, last_city)
    return bonus, outside


def _counties_of_named_states(candidates, states: list[Entry]) -> dict:
    """Bonuses for the counties of a state the article names anywhere: "Orange County" in a story of California
    is California's, not the first of eight."""
    by_code = {(s.country, s.admin1): s for s in states}
    bonus: dict = defaultdict(dict)
    for g, cands in candidates.items():
        for e in cands:
            state = by_code.get((e.country, e.admin1)) if e.kind == "district" else None
            if state is not None:
                bonus[g][e.id] = (f"in {state.name}, which the article names", CONTAINMENT_BONUS)
    return bonus


def _called_villages(doc: Document, groups, candidates) -> dict:
    """Bonuses for the villages among the candidates of a name the text calls a village ("the village of
    Novooleksandrivka"): not Melitopol, which bore that name once, nor any town or city."""
    bonus: dict = defaultdict(dict)
    for g, cands in candidates.items():
        if any(VILLAGE_OF.search(doc.text, max(0, m.start - 30), m.start) for m in groups[g]):
            for e in cands:
                if e.kind == "village":
                    bonus[g][e.id] = ("the text calls it a village", VILLAGE_BONUS)
    return bonus


def _called_towns(doc: Document, groups, candidates) -> dict:
    """Bonuses for the towns among the candidates of a bare name that its sentence goes on to call "the city" or
    "the town", naming no other place between ("In Marib, drones hit an oil facility 12 miles east of the city"),
    or that a distance is measured from ("more than 200 km north of Kidal"): not the province of that name."""
    starts = sorted(m.start for ms in groups.values() for m in ms)
    bonus: dict = defaultdict(dict)
    for g, cands in candidates.items():
        if g[1] or not any(e.is_area for e in cands):
            continue
        for m in groups[g]:
            if MEASURED_FROM.search(doc.text, max(0, m.start - 60), m.start):
                why = "a distance is measured from it, as from a point"
            else:
                called = THE_TOWN_AFTER.search(doc.text, m.end, m.sentence[1])
                following = bisect.bisect_right(starts, m.start)
                if called is None or (following < len(starts) and starts[following] < called.start()):
                    continue
                why = "its sentence calls it the city"
            for e in cands:
                if e.kind in SETTLEMENT_KINDS:
                    bonus[g][e.id] = (why, CALLED_THE_CITY_BONUS)
    return bonus


def _introduced_with_its_country(doc: Document, groups, candidates) -> dict:
    """Bonuses for the places of a country whose adjective introduces the name: "the Italian island of
    Lampedusa", "the Russian city of Belgorod", "the Lebanese village of Khiam". The text says the country, as
    "Parkland, Florida" says the state (see :func:`_written_containment`), so the place is believed however far
    it lies from the rest of the story."""
    bonus: dict = defaultdict(dict)
    for g, cands in candidates.items():
        for m in groups[g]:
            said = INTRODUCED_WITH_COUNTRY.search(doc.text, max(0, m.start - 40), m.start)
            cc = said and country_of(said.group(1))
            for e in cands if cc else ():
                if e.country == cc:
                    bonus[g][e.id] = (f"the text calls it {said.group(1)}", CONTAINMENT_BONUS)
    return bonus


def _near_the_city(districts: list[Entry], city: Entry) -> list[Entry]:
    """The namesakes of a district that may be ``city``'s: within :data:`CITY_DISTRICT_KM` of its point."""
    return [e for e in districts if haversine_km(e.lat, e.lon, city.lat, city.lon) <= CITY_DISTRICT_KM]


def _first_level_region(gz: Gazetteer, e: Entry) -> str | None:
    """The id of the first-level region (oblast, state) whose area holds ``e``'s point, if any."""
    here = Point(e.lon, e.lat)
    areas = gz.areas_within(e.lon, e.lat, e.lon, e.lat).items()
    return next((i for i, area in areas if i.startswith(ADMIN1_PREFIX) and area.contains(here)), None)


def _in_text_order(groups, candidates) -> tuple[dict[int, tuple[str, str]], list[Mention]]:
    """The group of each mention that has candidates (by the mention's id), and those mentions in text order:
    what the rules that read two neighbouring mentions together walk."""
    group_of = {id(m): g for g, ms in groups.items() for m in ms if g in candidates}
    ordered = sorted((m for ms in groups.values() for m in ms if id(m) in group_of), key=lambda m: m.start)
    return group_of, ordered


def _road_ends(doc: Document, groups, candidates, chosen) -> dict:
    """Bonuses for the ends of a road the text names by them ("the Pokrovsk-Kostiantynivka highway", "the
    Kharkiv–Belgorod road"): each end's namesakes within :data:`ROAD_KM` of the other end as first chosen."""
    bonus: dict = defaultdict(dict)
    if not ROAD_WORD.search(doc.text):
        return bonus  # most articles name no road: the pairs of mentions are not looked at
    group_of, ordered = _in_text_order(groups, candidates)
    for a, b in itertools.pairwise(ordered):
        ga, gb = group_of[id(a)], group_of[id(b)]
        if ga == gb or not ROAD_BETWEEN.fullmatch(doc.text, a.end, b.start) or not ROAD_AFTER.match(doc.text, b.end):
            continue
        for end, other in ((ga, chosen[gb][1]), (gb, chosen[ga][1])):
            for e in candidates[end]:
                if not e.is_area and haversine_km(e.lat, e.lon, other.lat, other.lon) <= ROAD_KM:
                    bonus[end][e.id] = (f"on a road to {other.name}, as the text says", CONTAINMENT_BONUS)
    return bonus


def _city_and_district(a: Mention, b: Mention, gap: str, ea: Entry, eb: Entry) -> tuple[Entry, Mention] | None:
    """The city and the mention of its district where two mentions and the gap between them write one: "the
    Kyivskyi district of Kharkiv", "Kharkiv's Kyivskyi district", "Київському району Харкова"; else None."""
    if a.kind_hint == "district" and eb.kind in SETTLEMENT_KINDS and DISTRICT_OF_CITY.fullmatch(gap):
        return eb, a
    # "Київському району Харкова", "Киевском районе Харькова": the city in the genitive right after its district
    cyrillic = starts_cyrillic(a.text) and gap == " "
    if a.kind_hint == "district" and cyrillic and eb.kind in SETTLEMENT_KINDS and eb.population >= CITY_WITH_DISTRICTS:
        return eb, a
    if b.kind_hint == "district" and ea.kind in SETTLEMENT_KINDS and CITY_OWNS.fullmatch(gap):
        return ea, b
    return None


def _landmark_of_the_town(inner: Entry, outer: list[Entry]) -> bool:
    """Whether ``inner`` is a landmark in or beside a town the outer name can mean: "the Okhmatdyt hospital in
    Kyiv" is in the city, where "Marinka in Donetsk", a village 20 km from the city, is in the region."""
    return inner.kind not in SETTLEMENT_KINDS and any(
        e.kind in SETTLEMENT_KINDS and haversine_km(e.lat, e.lon, inner.lat, inner.lon) <= LANDMARK_TOWN_KM
        for e in outer
    )


def _shortened_names(groups, candidates, chosen) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Names the article writes short for a place it names in full, each with the group of the full name: "The
    Palisades fire" after "Pacific Palisades" is no village of Palisade, Colorado, 1,000 km off. Only where the
    short name would otherwise be a small settlement far from the full name's place, and not by its own name:
    "Virginia" beside "West Virginia" is a state, "York" beside "New York" a town of its own."""
    # groups still to be ranked (not one a containment put outside, nor a region group made since the first pass)
    words = {g: g[0].split() for g in groups if g in candidates and g in chosen and not g[1]}
    full_names = {" ".join(w[i:]): g for g, w in words.items() for i in range(1, len(w))}
    out = []
    for g in words:
        short, full = chosen[g][1], full_names.get(g[0])
        if full is None or short.is_area or short.kind not in SETTLEMENT_KINDS or short.population >= SMALL_PLACE:
            continue
        if _own_name_key(short) == g[0]:
            continue  # a town of that very name: "York" beside "New York" may be York, Pennsylvania
        place = chosen[full][1]
        if haversine_km(short.lat, short.lon, place.lat, place.lon) > SUPPORT_KM:
            out.append((g, full))
    return out


def _named_as_the_region(doc: Document, groups, chosen) -> list[Mention]:
    """Bare mentions of a name the article also gives a region ("the Kursk region ... deep into Kursk"): in such
    an article the bare name is that region too, unless written as the town ("the city of Kursk", "from
    Donetsk to Mariupol"), in a sentence about the city's streets ("In Kharkiv, a missile hit the Saltivskyi
    district") or as a dateline. Names that only a city bears are left alone."""
    # "Kursk region" and "Kursk oblast" are keyed with their generic word, "Kursk" without
    named = {
        key.rsplit(" ", 1)[0] if " " in key else key
        for key, hint in groups
        if hint == "region" and (key, hint) in chosen and chosen[(key, hint)][1].kind == "region"
    }
    out = []
    for (key, hint), ms in groups.items():
        if hint or key not in named or (key, "") not in chosen:
            continue
        for m in ms:
            before, after = doc.text[max(0, m.start - 40) : m.start], doc.text[m.end : m.end + 40]
            route = ROUTE_FROM.search(before) and ROUTE_TO.match(after)
            town = TOWN_CUE_BEFORE.search(before) or TOWN_CUE_AFTER.match(after)
            if not (m.dateline or route or town or URBAN_CUE.search(doc.text, *m.sentence)):
                out.append(m)
    return out


def in_bbox(lat: float, lon: float, bbox: tuple[float, float, float, float]) -> bool:
    """Whether (lat, lon) lies in (west, south, east, north); west > east crosses the antimeridian.

    >>> in_bbox(48.6, 38.0, (22.0, 44.0, 40.5, 52.5)), in_bbox(-17.7, 178.0, (170.0, -25.0, -170.0, -10.0))
    (True, True)
    """
    west, south, east, north = bbox
    within_lon = west <= lon <= east if west <= east else (lon >= west or lon <= east)
    return south <= lat <= north and within_lon


def _holds(gz: Gazetteer, area: Entry, e: Entry) -> bool:
    geom = gz.area(area.id)
    return geom is not None and bool(shapely.contains_xy(geom, e.lon, e.lat))


def _within_deg(gz: Gazetteer, area: Entry, e: Entry, deg: float) -> bool:
    """Whether ``e`` lies within ``deg`` degrees of ``area``'s outline: on a sea's coast, by a region's border."""
    geom = gz.area(area.id)
    return geom is not None and geom.distance(Point(e.lon, e.lat)) <= deg


def _rank(
    gz: Gazetteer,
    cands: list[Entry],
    mentions: list[Mention],
    focus: dict[str, float],
    context: list[Entry],
    bonuses: dict[str, tuple[str, float]] | None = None,
):
    """Candidates with scores and evidence, best first. ``bonuses``: entry id -> (why, how much)."""
    bonuses = bonuses or {}
    scored = []
    # a country's capital is as much a town as one of 50,000: "docked in Port of Spain" (49,031 people) is the city,
    # not the region of its name
    big_towns = [
        e
        for e in cands
        if e.kind in ("city", "town")
        and (e.population >= 50_000 or (e.id in gz.capitals and e.population >= CAPITAL_TOWN))
    ]
    key = _romanised_alike(mentions[0].key)
    own = {e.id: _romanised_alike(_own_name_key(e)) == key for e in cands}  # the text names it by its own name
    # "Kropyvnytskyi and Uman" in a Ukrainian story: the town whose own name it is, in the focus, not Oman, of
    # which "Uman" is an alternate name in some language
    own_in_focus = any(e.kind == "country" for e in cands) and any(
        e.kind in SETTLEMENT_KINDS and focus.get(e.country, 0.0) >= FOCUS_TOWN and own[e.id] for e in cands
    )
    for e in cands:
        evidence = []
        # famous cities are what a bare name means unless the article's area says otherwise
        # and so are national capitals of some size: a bare "Washington" in a story told from London
        # (a settlement's: an area's weight is its kind's prior, not a city's fame, so Georgia the country, of 3.7
        # million people, does not outrank the state in an American story)
        settlement = not e.is_area
        famous = settlement and (e.population >= 1_000_000 or (e.id in gz.capitals and e.population >= SMALL_PLACE))
        # fame is a city's own name's: "the White House" is no Casablanca, whose name it translates
        famous = famous and not _by_another_name(e, mentions)
        big = settlement and e.population >= 100_000
        score = math.log10(e.population + 1) / 3 + (MILLION_CITY if famous else 0.75 if big else 0)
        if famous and e.population < 1_000_000:
            evidence.append("a national capital")
        prior = KIND_PRIOR.get(e.kind, 0.0)
        if own_in_focus and e.kind == "country" and not focus.get(e.country) and not own[e.id]:
            prior = 0.0
            evidence.append("a country by another name, which a town in the article's focus bears as its own")
        dateline = any(m.dateline for m in mentions)
        if dateline and e.population >= 1_000_000:
            prior += 2.0  # datelines name news hubs: "MOSCOW." is not Moscow, Idaho
            evidence.append("a dateline, and a city of a million or more")
        if dateline and e.kind == "region" and not mentions[0].kind_hint:
            prior -= 2.0  # and towns: "SURIN, Thailand -" is the town, not the province of its name
        if (
            e.kind == "region"
            and not mentions[0].kind_hint
            and any(_within_deg(gz, e, t, BORDER_SLACK_DEG) for t in big_towns)
        ):
            # a bare "Donetsk" is the city; the oblast is "Donetsk region". Wyoming, Michigan lies outside
            # the state, which a bare "Wyoming" still means. Kherson, on the Dnipro, lies 40 m outside its
            # oblast's simplified outline: a town by the border is its region's too.
            prior -= 3.0
        elif e.kind == "region" and not any(_rival_town(t, e, focus, own[t.id]) for t in big_towns):
            # and with no large town of its name to rival it, a bare "California" is the state, not the
            # Maryland town 80 km from Washington that the story's other places would favour
            prior += SMALL_NAMESAKES_BONUS
            evidence.append("no large town of its name rivals it")
        if mentions[0].kind_hint and e.kind == mentions[0].kind_hint:
            prior += 2.0
            evidence.append(f"the text calls it a {e.kind}")
        score += prior
        if e.kind == "sea" and (size := _sea_prominence(gz, e)):
            # "the Atlantic" is the ocean, not Atlantic, Iowa: a sea weighs by its size as a town by its people
            score += size
            evidence.append("a large body of water")
        f = focus.get(e.country, 0.0)
        if f:
            score += 2.5 * f
            evidence.append(f"in the article's focus ({e.country}, weight {f:.2f})")
        if context and e.kind not in ("country", "sea", "region", "peninsula"):
            nearest = _nearest_km(e, context)
            # namesakes are often 40-150 km apart: the first term falls off fast enough to tell them apart;
            # the second keeps a namesake in the article's theatre (100-300 km off) ahead of one across the country.
            # A river's point is a stand-in (the Dnipro's is Kherson's): being near it says only which theatre.
            bonus = (e.kind != "river") * 3.0 * math.exp(-nearest / 40.0) + 1.5 * math.exp(-nearest / 300.0)
            if bonus >= 0.05:
                score += bonus
                evidence.append(f"{nearest:.0f} km from another place in the article")
        elif context and e.kind in ("region", "sea"):
            # an area's coherence is holding the article's other places, or a sea's washing them: "the Middle
            # East" around Dubai and Riyadh, not the Baltimore neighbourhood a mention of Washington would
            # favour; "the Pacific" between Shanghai and Los Angeles, not a village in Missouri
            held = sum(_holds(gz, e, c) if e.kind == "region" else _within_deg(gz, e, c, COAST_DEG) for c in context)
            if held:
                score += AREA_HOLDS_CONTEXT
                places = f"{held} other place{'s' * (held > 1)} of the article"
                evidence.append(f"holds {places}" if e.kind == "region" else f"washes {places}")
        written = mentions[0].text
        if is_abbreviation(written):
            # "EU" in capitals is an abbreviation: the European Union, spelled so, not the French town of Eu
            if written in (e.name, *e.names):
                score += CANONICAL_NAME_BONUS
                evidence.append("spelled in capitals as the text writes it")
        elif own[e.id]:
            # "Borisovka" is the Russian town so named, not a Ukrainian Borysivka; but "Zaporizhzhia" is as much
            # the city's own name as GeoNames' "Zaporizhzhya", not only the village's that is spelled so
            score += CANONICAL_NAME_BONUS
            evidence.append("its own name, not an alternate one")
        if e.id in bonuses:
            why, bonus = bonuses[e.id]
            score += bonus
            evidence.append(why)
        scored.append((score, e, evidence))
    scored.sort(key=lambda t: -t[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        # two areas of one name, nothing else to choose by: the larger, which holds more of what the name may
        # mean ("Kashmir": the whole of it, not the disputed piece by the Siachen glacier Natural Earth names so)
        tied = [t for t in scored if t[0] == scored[0][0]]
        if all(e.is_area for _, e, _ in tied):
            tied.sort(key=lambda t: -_area_size(gz, t[1]))
            scored[: len(tied)] = tied
    return scored


def _area_size(gz: Gazetteer, e: Entry) -> float:
    geom = gz.area(e.id)
    return geom.area if geom is not None else 0.0


def _rival_town(town: Entry, region: Entry, focus: dict[str, float], own_name: bool) -> bool:
    """Whether a town of 50,000 or more sharing a region's name makes that name the town's as much as the
    region's: a town of the region's country or of the article's focus, or a city of 100,000 or more whose own
    name it is. "Florida" is the state, not the village of Florida, New York: Cuba's Florida has 63,000
    people, and Colombia's Floridablanca is only called so; but Gaza City makes "Gaza" no province of
    Mozambique, whatever the story."""
    return (
        town.country == region.country or bool(focus.get(town.country)) or (own_name and town.population >= SMALL_PLACE)
    )


# Spellings that two romanisations of the same Ukrainian or Russian name differ by (GeoNames' older
# "Zaporizhzhya", "Kreminna"/"Kremennaya" aside): y/i before a vowel and doubled i.
ROMANISED_ALIKE = [(re.compile(p), r) for p, r in (("y(?=[aeiou])", "i"), ("iy|yi|ii|yy", "i"))]


@functools.lru_cache(maxsize=65536)
def _romanised_alike(key: str) -> str:
    """``key`` with the letters that romanisations of one name disagree on made alike.

    >>> _romanised_alike("zaporizhzhya") == _romanised_alike("zaporizhzhia")
    True
    >>> _romanised_alike("borisovka") == _romanised_alike("borysivka")
    False
    """
    for pattern, repl in ROMANISED_ALIKE:
        key = pattern.sub(repl, key)
    return key


def _own_name_key(e: Entry) -> str:
    """The key of the name an entry goes by: without a qualifier after a comma, which tells namesakes apart
    ("Vodiane, Pokrovsk Raion"), and for a sea without "Ocean" or "Sea", which the text may leave out ("the
    Atlantic")."""
    key = name_key(e.name.partition(",")[0])
    if e.kind == "sea":
        head, _, last = key.rpartition(" ")
        return head if head and last in ("ocean", "sea") else key
    return key


_SEA_PROMINENCE: dict[str, float] = {}


def _sea_prominence(gz: Gazetteer, e: Entry) -> float:
    """log10 of a sea's area in km² over 3 (as a town's population counts), less 1.5: nothing for the Sea of
    Azov or a lagoon, 1.1 for the Atlantic."""
    if e.id not in _SEA_PROMINENCE:
        geom = gz.area(e.id)
        # degrees² to km² at the sea's latitude: a rough area is enough for a logarithm
        km2 = geom.area * 111.32**2 * math.cos(math.radians(e.lat)) if geom is not None else 0.0
        _SEA_PROMINENCE[e.id] = max(0.0, math.log10(km2) / 3 - 1.5) if km2 > 1 else 0.0
    return _SEA_PROMINENCE[e.id]


def _believable(
    e: Entry,
    mentions: list[Mention],
    focus: dict[str, float],
    evidence: list[str],
    others: list[Entry],
    vouched_for: bool = False,
    inside_named_area: Callable[[], bool] = lambda: False,
):
    """Keep the choice only when the text and the focus make it a place at all.

    Inside a user's area of interest, or where the text says which area holds it, a small place needs no focus
    country and no neighbour to be believed; nor does a town inside a country or region the article names
    (``inside_named_area``, asked last).
    """
    named_a_place = any(m.ner in PLACE_LABELS for m in mentions)  # the NER model's word, where it was asked
    if all(m.common for m in mentions) and not named_a_place:
        return False, []
    notable = e.kind in ("country", "region", "sea", "peninsula") or e.population >= SMALL_PLACE
    if notable and e.kind in SETTLEMENT_KINDS and e.population < 1_000_000 and _by_another_name(e, mentions):
        notable = False
    if all(m.weak for m in mentions) and not notable and not named_a_place:
        return False, []
    if not notable and not vouched_for:
        outside_focus = focus and focus.get(e.country, 0.0) < 0.15 and e.kind in SETTLEMENT_KINDS
        # but not a village across a border from the story's places: "the Kerem Shalom crossing" of a Gaza story
        outside_focus = outside_focus and not (others and _nearest_km(e, others) <= SUPPORT_KM)
        # A village thousands of km from every other place the article names is more likely a surname
        # ("came from Smirnov") than the one village of that name in Sakhalin. A feature named in several words
        # is no surname, however far it lies from the rest ("Belaya air base" in a story told from Kyiv).
        named_in_full = e.kind in FEATURE_KINDS and any(" " in m.text.strip() for m in mentions)
        # nor is a town of some size, or a landmark, in the country the article is about, however far its
        # other places are: Miami Beach in a story of Tacoma, Fresno and Boise; al-Tanf in one of Syria
        sizeable = e.population >= NAMED_AREA_TOWN or e.kind in FEATURE_KINDS
        in_focus = sizeable and focus.get(e.country, 0.0) >= FOCUS_TOWN
        far = others and not named_in_full and not in_focus and _nearest_km(e, others) > FAR_FROM_CONTEXT_KM
        if (outside_focus or far) and not inside_named_area():
            return False, []
    province = e.id.startswith(ADMIN1_PREFIX)
    if province and focus and focus.get(e.country, 0.0) < 0.15 and not vouched_for:
        # a province is named with its country about: "West Coast" in an American story is not the Gambian
        # region, nor "Gulf" Papua New Guinea's, when nothing else in the article is within 1,500 km of it
        if others and _nearest_km(e, others) > FAR_FROM_CONTEXT_KM:
            return False, []
    evidence = evidence or ["largest place of that name"]
    return True, [*evidence, "the NER model labels it a place"] if named_a_place else evidence


def _by_another_name(e: Entry, mentions: list[Mention]) -> bool:
    """Whether the text names ``e`` only by alternate names that share little with its own ("Julia" for
    Plovdiv, "Epiphaneia" for Hama): old, foreign or Latin names, which more often are people's."""
    own = _own_name_key(e)
    # in another script ("Андріївка") a name is the same name written otherwise, whatever letters it shares
    return all(
        m.key != own and m.key.isascii() and not _abbreviation(m.text) and _unalike(m.key, own) for m in mentions
    )


@functools.lru_cache(maxsize=65536)
def _unalike(key: str, own: str) -> bool:
    alike = difflib.SequenceMatcher(None, _romanised_alike(key), _romanised_alike(own)).ratio()
    return alike < ANOTHER_NAME_LIKENESS


def _abbreviation(text: str) -> bool:
    """ "PA", "NSW", "Neb.": a short form, which is the place's own name shortened, not another name."""
    return text.isupper() or text.endswith(".") or len(text) <= 3


def _nearest_km(e: Entry, others: list[Entry]) -> float:
    return min(haversine_km(e.lat, e.lon, o.lat, o.lon) for o in others)


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [x / total for x in exps]


def _district_name(text: str, sentence: str = "") -> str:
    """The district's name as written: "San Bernardino county" -> "San Bernardino County"; an adjective
    ("Sudzhansky") stood before its generic word, which the span leaves out -> "Sudzhansky District"; a Cyrillic
    one is put in the nominative."""
    *head, last = text.split()
    if head and starts_cyrillic(text):
        # "Бахмутського району" -> "Бахмутський район": the name in the nominative, its adjective masculine as
        # район is; the sentence says which language's analyser to trust
        phrases = nominative_phrases(text.split(), language(sentence or text))
        return next((p for p in phrases if p.endswith(MASCULINE_DISTRICT)), phrases[0]).capitalize()
    if head and GENERIC_KIND.get(last.lower()) in ("district", "county"):
        return " ".join([*head, last.capitalize()])
    return f"{text} District"


def _place(doc: Document, gz: Gazetteer, slot: dict) -> Place:
    e: Entry = slot["entry"]
    refs = [MentionRef.of(doc, m.start, m.end, m.dateline) for m in sorted(slot["mentions"], key=lambda m: m.start)]
    fields, evidence = entry_fields(e), tuple(slot["evidence"])
    if slot["district"]:
        fields |= {
            "id": e.id + DISTRICT_ID_SUFFIX,
            "name": _district_name(refs[0].text, refs[0].sentence),
            "kind": "district",
            "population": 0,
        }
        evidence += (f"a district drawn at its administrative centre, {e.name}",)
    return Place(
        **fields,
        role=place_role([r.role for r in refs]),
        confidence=round(slot["conf"], 3),
        mentions=tuple(refs),
        alternatives=tuple(slot["alts"]),
        evidence=evidence,
        geometry=gz.area(e.id),  # areas, and districts the gazetteer draws (United States counties)
    )
