"""Sites: named streets, buildings and grounds that no gazetteer holds, drawn at the town the text puts them in.

A report names the street a missile hit, the hospital, the school, the stadium: "Soborna Street", "the Rogers
Centre", "the University of St. Thomas". No offline gazetteer holds such sites, yet they are where the story
happened, and a reader checks them first. A site is found by its head word ("Street", "Hospital", "Pagoda",
or "University of ...") after capitalised words, or as a city's district the gazetteer lacks ("Kharkiv's
Saltivskyi district"), or as a village it lacks that a bare direction places ("Dalne (south of Kurakhove)"), and
drawn at a settlement of the article:

- one its own name holds ("Cavan Town Hall", "British Embassy Tokyo"; not a street's: "Kyiv Street" is named
  after the city, not in it); for a castle, cathedral, prison, dam or base, a town of that name the article does
  not name, if its places lie near it ("Windsor Castle" in a story from London);
- else one written before it with a possessive ("Harare's Third Street");
- else one written right after it ("Hampton Avenue in St. Louis", "the Rogers Centre, Toronto");
- else one named before it in its sentence ("In Kharkiv, shells hit Sumska Street"), a city or a town the article's
  other places lie near;
- else a city named in the sentence before ("Fighting reached Khan Younis. Nasser Hospital was hit"), or for a
  street a town there that the article's other places lie near ("Police in Southport said ... on Hart Street");
- else the settlement the article's other places lie around (near it, or areas that hold it), which a
  surname that the gazetteer also knows as a village is not.

A site whose name holds a region or country ("Colorado State University") is drawn only at a town inside it.
It takes that settlement's position, which its evidence says and its low confidence shows: it points to the
right town, it is not a surveyed point. A village the gazetteer lacks that the text places with a distance and a
direction ("the village of Novoselydivka, about 20 km east of Pokrovsk") is drawn where that puts it instead:
the point the distance reaches in that direction from its anchor.

>>> from geomap.article import parse
>>> article = parse("A missile hit a school on Soborna Street in Kharkiv on Tuesday.")
>>> [(p.name, p.kind) for p in article.places]
[('Soborna Street', 'site'), ('Kharkiv', 'city')]
>>> article.places[0].evidence
('a site the gazetteer does not hold, drawn at Kharkiv: written right after it',)
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from geomap.anchors import introduced_before
from geomap.demonyms import country_of
from geomap.directions import find_bare_directions
from geomap.distances import Distance, compass_word
from geomap.folding import name_key
from geomap.gazetteer import AREA_KINDS, SETTLEMENT_KINDS, Gazetteer, haversine_km
from geomap.inflection import language, nominative_phrases
from geomap.mentions import CYRILLIC_AREA_WORD, INSTITUTIONS
from geomap.places import MentionRef, Place, entry_fields, site_id
from geomap.relations import relation_of
from geomap.resolve import CITY_WITH_DISTRICTS
from geomap.roles import place_role
from geomap.text import Document

STREET_HEADS = frozenset(
    "Street St. Avenue Ave. Road Boulevard Blvd. Lane Drive Parade Highway Prospekt Prospect".split()
)
# Not heads: "Market" (the money market), "Court" (the Supreme Court), "Ministry", "Institute", "Club": more
# often the institution than the building.
BUILDING_HEADS = frozenset(
    "Square Plaza Bridge Church Cathedral Basilica Chapel Mosque Synagogue Monastery Abbey Hospital Clinic "
    "Infirmary School Academy College University Library Museum Theatre Theater Stadium Arena Centre Center "
    "Hall Hotel Inn Gardens Castle Palace Tower Prison Jail Penitentiary Courthouse Embassy Consulate Station "
    "Plant Factory Works Mine Dam Mall Cemetery Graveyard Farm Farms Canal Railroad Camp Base Pier "
    "Racecourse Elementary Estate Park Pagoda Temple Shrine Mausoleum Monument Heights".split()
)
# A capitalised word standing alone: a head is looked up among these (a set lookup scans faster than a regex
# of eighty alternatives)
CAPITALISED_WORD = re.compile(r"(?<!\w)[A-Z][a-z]+(?![\w'’-])")
# Heads that also name a site by what follows: "University of St. Thomas", "Embassy of the Republic of Armenia".
OF_HEADS = frozenset(
    "University Museum Embassy Church Cathedral Basilica Palace College Academy Chapel Castle Mall School Hospital "
    "Library Temple Monastery".split()
)
_OF_WORD = r"(?:[A-Z][a-z]{0,2}\.|[A-Z][\w'’-]*)"  # "St." but not "Cream." at a sentence's end
# no "and": "the University of St. Thomas and President Park" is two names
OF_TAIL = re.compile(rf" of (?:the )?{_OF_WORD}(?: (?:of |the |de )*{_OF_WORD})*")
# A Ukrainian or Russian city's district, by its adjective: "Saltivskyi district", "Kyivskyi District", Kherson's
# "Korabelnyi district" (of the shipyards)
_DISTRICT_ADJECTIVE = r"[A-Z][a-z’'-]*(?:skyi|skyy|skiy|sky|tskyi|zkyi|nyi|nyy)"
CITY_DISTRICT = re.compile(rf"\b{_DISTRICT_ADJECTIVE}\s+(?:[Dd]istrict|[Rr]aion)\b")
# ... and several, sharing the word: "the Darnytskyi and Solomianskyi districts"
CITY_DISTRICTS = re.compile(
    rf"\b{_DISTRICT_ADJECTIVE}(?:,\s+{_DISTRICT_ADJECTIVE})*,?\s+and\s+{_DISTRICT_ADJECTIVE}\s+(?:[Dd]istricts|[Rr]aions)\b"
)
DISTRICT_ADJECTIVE = re.compile(_DISTRICT_ADJECTIVE)
# Any other part of a town, drawn only at the town the text writes with it: "Omdurman's Karari district", "the
# Shati neighbourhood of Gaza City", "the Christian quarter in Aleppo"
TOWN_PART = re.compile(r"(?<![\w’'-])(?:[A-Z][\w-]+\s+){1,2}(?:district|neighbou?rhood|quarter|suburb)\b")
# The same in Ukrainian and Russian, before its city in the genitive: "Київському району Харкова", "Киевском районе
# Харькова" (not "Бахмутського району Донецької області", a raion and its oblast)
CYRILLIC_CITY_DISTRICT = re.compile(
    r"(?<!\w)([А-ЯІЇЄҐ][а-яіїєґё'’]+(?:ськ|цьк|зьк|ск|цк|зк|н)[а-яіїєґё]+)\s+(район[а-яіїєґ]*)"
    rf"(?=\s+[А-ЯІЇЄҐ][а-яіїєґё'’-]+(?!\s+{CYRILLIC_AREA_WORD}))"
)
# A word of a site's name before its head: a capitalised word, a number ("2700 North Fourth Street", "14th St.")
NAME_WORD = re.compile(r"(?:[A-Z][\w'’.&]*(?:-[A-Z][\w'’.&]*)*|\d+(?:st|nd|rd|th)?)")
# no "on": "Crowds on Park Avenue" is no "Crowds on Park"
NAME_CONNECTORS = frozenset("of de du des la le al el y del".split())
# Marks that open a name written in quotes ('the "No. 2 Detention Centre"'), never part of it
OPENING_QUOTES = frozenset("\"“«'‘")
# Capitalised words that open a sentence or a clause, or a title before a surname ("President Park"), never
# part of a site's name
NOT_NAME_WORDS = frozenset(
    "The A An This That These Those At In On Of From To By For And But Its His Her Their He She It We They I You "
    "President Prime Minister "
    "Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Sen. Senator Rep. Gov. Governor Gen. General King Queen Prince Princess Pope "
    "Judge Mayor".split()
)
MAX_NAME_WORDS = 6
SAINT_AFTER = re.compile(r"\s+[A-Z]")  # "St. Louis": a capital after "St." makes it the saint
POSSESSIVE = re.compile(r"['’]s ")
# Between a country or region and the site it owns: "the U.S. National Hurricane Center", "Russia's Kursk plant"
OWNER_GAP = re.compile(r"(?:['’]s)? ")
# Words that, with a demonym, make a church the institution: "the Catholic Church", "the Ukrainian Orthodox Church"
DENOMINATIONS = frozenset(
    "Catholic Orthodox Anglican Methodist Presbyterian Baptist Lutheran Episcopal Evangelical Protestant Greek "
    "Roman Apostolic Coptic Pentecostal Reformed United Free".split()
)
# Heads of sites that take their name from the town they stand in ("Windsor Castle", "Incirlik Air Base"); not
# those that often honour a person whose name a town also bears: "Madison Square Garden", "Lincoln Center"
NAMED_AFTER_THEIR_TOWN = frozenset("Castle Cathedral Abbey Racecourse Prison Penitentiary Dam Mine Base Plant".split())
# "Space Station", "Police Station": what these heads follow is an institution, not a named site
NOT_SITE_BEFORE_HEAD = frozenset("Space Police Fire Power Nuclear Research".split())
# "the Eastern Theater Command", "the Canal Authority", "the Dam Safety Board": a head followed by one of these
# opens an institution's name, not a site's
NOT_SITE_AFTER_HEAD = frozenset(
    "Command Commander Authority Committee Commission Board Council Company Corporation Foundation Association "
    "Directorate Administration".split()
)
WORD_AFTER = re.compile(r" ([A-Z][a-z]+)\b")
# The settlement a site is drawn at, written right after it: "Hampton Avenue in St. Louis", "Rogers Centre, Toronto"
WRITTEN_IN = re.compile(r"(?:,|\s+in|\s+at|\s+near|\s+of)\s+(?:the\s+(?:city|town|village)\s+of\s+)?$")
# ... but not past the end of its sentence or clause: "In Kharkiv, a missile hit the Saltivskyi district, and two
# people died in Vovchansk"; "a school in the Industrialnyi district. Shelling was reported in Kupiansk"; nor past
# a second place's preposition: "the Barmal district of Paktika and in Khost"
CLAUSE_ENDS = re.compile(r"[.;:!?]\s|,\s+(?:and|but|while|whereas)\s|\s(?:and|or)\s+(?:in|at|near|on)\s")
AFTER_GAP = 40
WRITTEN_CONFIDENCE = 0.5  # its own name or the text says which town
AROUND_CONFIDENCE = 0.3  # only the article's places say which
LOCALITY_KINDS = SETTLEMENT_KINDS | {"district"}
# A place this near a settlement, or an area holding it, supports it as the one the article lies around
AROUND_KM = 100.0
AROUND = "the settlement of the article that its other places lie around"
PLACED = "placed by a distance from it"


@dataclass(frozen=True)
class SiteName:
    """A site's name as written: its span and whether it is a street (whose name says nothing of its town)."""

    start: int
    end: int
    text: str
    street: bool
    district: bool = False  # a city's district: its city may be the one of the sentence before
    written_town: bool = False  # drawn only at a town written with it, before or right after


def find_site_names(text: str, taken: Iterable[tuple[int, int]] = ()) -> list[SiteName]:
    """Site names in ``text``, left of none of the ``taken`` spans (names the gazetteer already found).

    >>> [(s.text, s.street) for s in find_site_names("Crowds filled Royal Street near the Museum of Ice Cream.")]
    [('Royal Street', True), ('Museum of Ice Cream', False)]
    >>> [s.text for s in find_site_names("A missile hit the Saltivskyi district of Kharkiv.", [(42, 49)])]
    ['Saltivskyi district']
    """
    spans = sorted(taken)
    starts = [s for s, _ in spans]
    longest = max((e - s for s, e in spans), default=0)
    out: list[SiteName] = []
    for m in CAPITALISED_WORD.finditer(text):
        head, head_start, end = m.group(), m.start(), m.end()
        if head not in BUILDING_HEADS and head not in STREET_HEADS:
            if not (text.startswith(".", end) and head + "." in STREET_HEADS):
                continue
            head, end = head + ".", end + 1  # "St.", "Ave.", "Blvd."
        if out and out[-1].end + 1 == head_start and text[out[-1].end] == " " and not out[-1].street:
            # "Kendale Lakes Elementary School": a head right after a site's name ends that name
            prev = out.pop()
            out.append(SiteName(prev.start, end, text[prev.start : end], street=head in STREET_HEADS))
            continue
        start = _name_start(text, head_start)
        if head in OF_HEADS and (tail := OF_TAIL.match(text, end)):
            end = tail.end()
        near = spans[bisect_left(starts, start - longest) : bisect_left(starts, end)]
        inside = [(s, e) for s, e in near if start < e]
        if any(s < start or e > head_start for s, e in inside) or (out and out[-1].end > start):
            continue  # the gazetteer's name runs on into the head ("Kyiv International Airport", "Red Square")
        for _, e in inside:
            if possessive := POSSESSIVE.match(text, e):  # "Harare's Third Street": its town, not its name
                start = possessive.end()
        named = text[start:head_start].split()
        if (not named and end == head_start + len(head)) or (named and all(w.isdigit() for w in named)):
            continue  # a head word alone ("the Hospital", "Harare's Hospital"), or after a number, is no name
        if named[-1:] in ([w] for w in NOT_SITE_BEFORE_HEAD):
            continue
        if (after := WORD_AFTER.match(text, end)) and after.group(1) in NOT_SITE_AFTER_HEAD:
            continue
        if head == "St." and SAINT_AFTER.match(text, end):
            continue  # "St. Louis": the saint, not the street
        if head == "Church" and named and all(w in DENOMINATIONS or country_of(w) for w in named):
            continue  # "the Catholic Church", "the Russian Orthodox Church": institutions
        out.append(SiteName(start, end, text[start:end], street=head in STREET_HEADS))

    def untaken(start: int, end: int) -> bool:
        near = spans[bisect_left(starts, start - longest) : bisect_left(starts, end)]
        return not any(start < e for _, e in near)

    for m in CITY_DISTRICT.finditer(text) if "istrict" in text or "aion" in text else ():
        if untaken(m.start(), m.end()):  # a city's district the gazetteer does not hold (Kyiv's Darnytskyi)
            out.append(SiteName(m.start(), m.end(), m.group(), street=False, district=True))
    for m in CITY_DISTRICTS.finditer(text) if "istricts" in text or "aions" in text else ():
        word = m.group().rsplit(None, 1)[-1][:-1].lower()  # "district", "raion"
        for a in DISTRICT_ADJECTIVE.finditer(text, m.start(), m.end()):
            if untaken(a.start(), a.end()):
                out.append(SiteName(a.start(), a.end(), f"{a.group()} {word}", street=False, district=True))
    for m in CYRILLIC_CITY_DISTRICT.finditer(text) if "район" in text else ():
        if untaken(m.start(), m.end()):  # named in the nominative: "Київський район"
            name = nominative_phrases([m.group(1), m.group(2)], language(text))[0]
            out.append(SiteName(m.start(), m.end(), name[:1].upper() + name[1:], street=False))
    for m in TOWN_PART.finditer(text) if "district" in text or "neighb" in text or "quarter" in text else ():
        words = m.group().split()
        while words and words[0] in NOT_NAME_WORDS:
            words.pop(0)
        start = m.end() - len(" ".join(words))
        if len(words) > 1 and untaken(start, m.end()) and not any(o.start < m.end() and start < o.end for o in out):
            out.append(SiteName(start, m.end(), text[start : m.end()], street=False, written_town=True))
    # a village the gazetteer lacks, which the text places by a bare direction, as front-line summaries do:
    # "Dalne (south of Kurakhove)", "southeast of Pokrovsk near Novotroitske and Novopustynka" (not after a comma:
    # "On Sunday, north of Kharkiv")
    placed = {b.name for b in find_bare_directions(text) if b.written != "comma"}
    for start, end in sorted(placed):
        name = text[start:end]
        # "Russian forces (north of Kharkiv)", "The Russian Army (north of Kharkiv)": who, not where
        if untaken(start, end) and not any(_who(word) for word in re.split(r"[ -]", name)):
            out.append(SiteName(start, end, name, street=False))
    return sorted(out, key=lambda site: site.start)


def _who(word: str) -> bool:
    """Whether a capitalised word names who acts rather than a place: "Russian", "Army", "The"."""
    return word in NOT_NAME_WORDS or country_of(word) is not None or word.lower() in INSTITUTIONS


def _name_start(text: str, head_start: int) -> int:
    """Where the name that ends in the head at ``head_start`` begins: back over capitalised words, numbers and
    the connectors between them, never over punctuation or a sentence's end."""
    window = max(0, head_start - 100)
    before = text[window:head_start]
    if not before.endswith(" "):
        return head_start
    tokens = before[:-1].split(" ")
    if window:
        tokens = tokens[1:]  # the first may be cut
    start, pos, words = head_start, head_start - 1, 0
    for token in reversed(tokens):
        token_start = pos - len(token)
        if token in NAME_CONNECTORS:
            pos = token_start - 1
            continue
        # 'the "No. 2 Detention Centre"': a name in quotes begins after the quote
        quoted = token[:1] in OPENING_QUOTES
        word = token[1:] if quoted else token
        # "Kharkiv. Royal Street": a sentence's end, unlike an abbreviation such as "St." or "N."
        sentence_end = word.endswith(".") and len(word) > 3
        if words == MAX_NAME_WORDS or not NAME_WORD.fullmatch(word) or word in NOT_NAME_WORDS or sentence_end:
            break
        if quoted:
            return token_start + 1
        start, pos, words = token_start, token_start - 1, words + 1
    return start


def with_sites(
    doc: Document,
    places: list[Place],
    referenced: Collection[str] = (),
    distances: Iterable[Distance] = (),
    gazetteer: Gazetteer | None = None,
) -> list[Place]:
    """``places`` and their sites, each drawn at a settlement of ``places`` (a site the article names no
    settlement for is left out), or where one of ``distances`` puts it, in order of first mention. A place
    named only inside a site's name is no place of the article ("Colorado State University" puts no mark on
    Colorado; "Kyiv Street" none on Kyiv), unless the site is drawn at it ("Cavan Town Hall") or ``referenced``
    (the ids distances and phrases were anchored to) holds it.

    >>> from geomap.article import parse
    >>> [p.name for p in parse("Students at Colorado State University in Fort Collins protested.").places]
    ['Colorado State University', 'Fort Collins']
    """
    drawn = _placed_by_distances(doc, places, distances)
    placed = {name_key(site.name) for site, _ in drawn}
    gz = gazetteer or Gazetteer.default()
    drawn += [(site, town) for site, town in _drawn_sites(doc, places, gz) if name_key(site.name) not in placed]
    spans = sorted((m.start, m.end, town) for site, town in drawn for m in site.mentions)
    starts = [s for s, _, _ in spans]

    def in_a_site_name(m: MentionRef, place_id: str) -> bool:
        i = bisect_right(starts, m.start)
        return i > 0 and m.end <= spans[i - 1][1] and spans[i - 1][2] != place_id

    kept = []
    for p in places:
        mentions = tuple(m for m in p.mentions if not in_a_site_name(m, p.id))
        if len(mentions) == len(p.mentions) or (not mentions and p.id in referenced):
            kept.append(p)
        elif mentions:
            kept.append(replace(p, mentions=mentions))
    return sorted([*kept, *(site for site, _ in drawn)], key=lambda p: p.mentions[0].start)


def _drawn_sites(doc: Document, places: list[Place], gz: Gazetteer) -> list[tuple[Place, str]]:
    """Each site, and the id of the settlement it is drawn at."""
    named = sorted(((m.start, m.end, p) for p in places for m in p.mentions), key=lambda t: t[0])
    towns = _Towns(doc, [t for t in named if t[2].kind in LOCALITY_KINDS], places, gz)
    starts = [t[0] for t in named]
    # a name the article's places already go by is that place again, inside an institution's name ("the Suez
    # Canal Authority said" after "the Suez Canal"), not a site of its own
    resolved = {name_key(m.text) for p in places for m in p.mentions}
    by_key: dict[str, tuple[Place, str, list[SiteName]]] = {}
    for site in find_site_names(doc.text, [(s, e) for s, e, _ in named]):
        key = name_key(site.text)
        if key in resolved:
            continue
        if key not in by_key:
            lo = bisect_left(starts, site.start)
            held = named[lo : bisect_left(starts, site.end)]
            # "Colorado State University" is in Colorado, whichever town of the article was named last; and so
            # is what its country or region is written right before: "the U.S. National Hurricane Center"
            owner = [
                p
                for _, e, p in named[lo - 1 : lo]
                if p.kind in AREA_KINDS and OWNER_GAP.fullmatch(doc.text, e, site.start)
            ]
            inside = [p for _, e, p in held if e <= site.end]
            areas = tuple(p for p in [*owner, *inside] if p.geometry is not None)
            drawn = towns.drawing(site, areas)
            if drawn is None:
                continue
            by_key[key] = (*drawn, [])
        by_key[key][2].append(site)
    return [(_site_place(doc, town, why, names), town.id) for town, why, names in by_key.values()]


def _placed_by_distances(doc: Document, places: list[Place], distances: Iterable[Distance]) -> list[tuple[Place, str]]:
    """Settlements the gazetteer lacks that a directional distance places ("the village of Novoselydivka, about
    20 km east of Pokrovsk"; see :func:`geomap.anchors.introduced_before`), each at the point the distance
    reaches from its anchor, with that anchor's id."""
    by_id = {p.id: p for p in places}
    spans = sorted((m.start, m.end) for p in places for m in p.mentions)
    out: dict[str, tuple[Place, str]] = {}
    for d in distances:
        anchor = by_id.get(d.anchor_id)
        introduced = introduced_before(doc.text, d.start)
        if anchor is None or introduced is None or introduced.group("name") != d.target:
            continue
        start, end = introduced.span("name")
        relation = relation_of(d, anchor, None)
        taken = any(s < end and start < e for s, e in spans[: bisect_left(spans, (end, end))])
        if relation is None or taken or name_key(d.target) in out:
            continue
        lon, lat = relation["estimated_target"]
        site = replace(
            _site_place(doc, anchor, PLACED, [SiteName(start, end, d.target, street=False)]),
            lat=lat,
            lon=lon,
            evidence=(
                f"a settlement the gazetteer does not hold, placed {d.text} {compass_word(d.direction)} of "
                f"{anchor.name}, as the text says (within {relation['uncertainty_km']:g} km)",
            ),
        )
        out[name_key(d.target)] = (site, anchor.id)
    return list(out.values())


def _names(site_name: str, town: Place) -> bool:
    """Whether a site's name holds a town's name or a form the article writes it in, as whole words."""
    return any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", site_name) for form in {town.name, *town.forms})


class _Towns:
    """The settlements of an article, by where the text names them, and the one its other places lie around."""

    def __init__(self, doc: Document, towns: list[tuple[int, int, Place]], places: list[Place], gz: Gazetteer) -> None:
        self.doc, self.towns, self.places, self.gz = doc, towns, places, gz
        self.starts = [t[0] for t in towns]
        self.counts = Counter(p.id for _, _, p in towns)
        self.distinct = list({p.id: p for _, _, p in reversed(towns)}.values())
        self.support: dict[str, int] = {}

    def drawing(self, site: SiteName, areas: tuple[Place, ...]) -> tuple[Place, str] | None:
        """The settlement a site is drawn at, and why (see the module's docstring); None when the article
        names none where it can be: inside every area of ``areas``."""

        def fits(p: Place) -> bool:
            return all(a.holds(p) for a in areas)

        text, towns = self.doc.text, self.towns
        lo, hi = bisect_left(self.starts, site.start), bisect_left(self.starts, site.end)
        if not site.street:
            inside = [p for _, e, p in towns[lo:hi] if e <= site.end and fits(p)]
            # "Kharkiv Palace of Sports", where the longer name kept "Kharkiv" from being a mention of its own
            inside = inside or [p for p in self.distinct if _names(site.text, p) and fits(p) and self._support(p)]
            inside = inside or [p for p in self._named_by(site) if fits(p)][:1]  # "Windsor Castle"
            if inside:
                return inside[-1], "its own name holds it"
        if lo and POSSESSIVE.fullmatch(text, towns[lo - 1][1], site.start) and fits(towns[lo - 1][2]):
            return towns[lo - 1][2], "its town written before it"
        for s, _, p in towns[bisect_left(self.starts, site.end) :]:
            if s > site.end + AFTER_GAP:
                break
            gap = text[site.end : s]
            # or right after it in the genitive: "Київському району Харкова"
            genitive = gap == " " and CYRILLIC_CITY_DISTRICT.match(text, site.start) is not None
            if ((WRITTEN_IN.search(gap) and not CLAUSE_ENDS.search(gap)) or genitive) and fits(p):
                return p, "written right after it"
        if site.written_town:
            return None
        # "In Kharkiv, shells hit Sumska Street"
        sentence_start = self.doc.sentence_of(site.start)[0]
        for s, _, p in reversed(towns[:lo]):
            if s < sentence_start:
                break
            if site.district and p.kind == "district":
                continue  # "the Kyivskyi, Saltivskyi and Osnovianskyi districts": a city's, not another district's
            # a town the article's other places agree with, or a city none need to ("In Mombasa, on the coast,
            # shops were looted near Moi Avenue" in a story that names no other place near Mombasa)
            if fits(p) and (p.population >= CITY_WITH_DISTRICTS or self._support(p)):
                return p, "named before it in its sentence"
        # "Missiles hit Kyiv overnight. Debris fell in the Darnytskyi and Solomianskyi districts.", "Tanks entered
        # Khan Younis. Nasser Hospital was hit."
        sentences = self.doc.sentences
        i = bisect_left(sentences, (sentence_start, -1))
        if i > 0:
            for s, _, p in reversed(towns[:lo]):
                if s < sentences[i - 1][0]:
                    break
                if p.kind in SETTLEMENT_KINDS and p.population >= CITY_WITH_DISTRICTS and fits(p):
                    return p, "the city of the sentence before"
                # "Police in Southport said ... The attack happened at a community centre on Hart Street": a street's
                # town, where the article's other places agree with it; a district is a city's
                if not site.district and site.street and p.kind in SETTLEMENT_KINDS and fits(p) and self._support(p):
                    return p, "the town of the sentence before"
        candidates = [p for p in self.distinct if fits(p)]
        if not candidates:
            return None
        return max(candidates, key=lambda p: (self._support(p), self.counts[p.id], p.population)), AROUND

    def _named_by(self, site: SiteName) -> list[Place]:
        """The settlements, of those the article does not name, whose name the site's opens with, for a site
        named after its town ("Windsor Castle"; see NAMED_AFTER_THEIR_TOWN), the one with most of the article's
        places near it first: only those with one at least (Windsor, Ontario is not near London). Not an area
        that holds it: "Canada" makes no Windsor Castle Canadian. None for a common word ("Grand Hotel")."""
        words = site.text.split()
        head = next((i for i, w in enumerate(words) if w in BUILDING_HEADS), 0)
        name = " ".join(words[:head])
        if not name or words[head] not in NAMED_AFTER_THEIR_TOWN or name_key(name) in self.gz.common_names:
            return []
        towns = [e for e in self.gz.lookup(name) if e.kind in SETTLEMENT_KINDS and e.id not in self.counts]
        near = [
            (sum(p.geometry is None and haversine_km(t.lat, t.lon, p.lat, p.lon) <= AROUND_KM for p in self.places), t)
            for t in towns
        ]
        ranked = sorted(near, key=lambda nt: (-nt[0], -nt[1].population))
        return [Place(**entry_fields(t), confidence=WRITTEN_CONFIDENCE) for n, t in ranked if n]

    def _support(self, town: Place) -> int:
        """How many of the article's other places lie near ``town`` or hold it: a town a story is set in has its
        region, its country and its neighbours named too; a surname the gazetteer also knows as a village has
        none."""
        if town.id not in self.support:
            self.support[town.id] = sum(
                1
                for p in self.places
                if p.id != town.id
                and (
                    p.holds(town)
                    if p.geometry is not None
                    else haversine_km(town.lat, town.lon, p.lat, p.lon) <= AROUND_KM
                )
            )
        return self.support[town.id]


def _site_place(doc: Document, town: Place, why: str, names: list[SiteName]) -> Place:
    refs = [MentionRef.of(doc, n.start, n.end) for n in names]
    return Place(
        id=site_id(town.id, names[0].text),
        name=names[0].text,
        kind="site",
        country=town.country,
        lat=town.lat,
        lon=town.lon,
        role=place_role([r.role for r in refs]),
        confidence=min(town.confidence, AROUND_CONFIDENCE if why == AROUND else WRITTEN_CONFIDENCE),
        mentions=tuple(refs),
        evidence=(f"a site the gazetteer does not hold, drawn at {town.name}: {why}",),
    )
