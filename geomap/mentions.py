"""Mentions: where the text names a place the gazetteer knows.

Every run of up to eight whole words of the folded text is looked up among the folded gazetteer names
(folding keeps offsets, so a hit is a span of the original; a dict lookup per run is as fast as an
Aho-Corasick automaton here and needs no automaton to build at start-up). Rules then drop what is not a place name
as written: lower-case words, parts of longer proper names ("Adam Tactical Group", "Mr. Wagner"),
abbreviations the gazetteer does not spell that way ("BBC").

>>> from geomap.text import Document
>>> doc = Document.from_text("Russia’s forces shelled Bakhmut and the Sea of Azov coast, said Mr. Wagner.")
>>> [m.text for m in find_mentions(doc)]
['Russia', 'Bakhmut', 'Sea of Azov']
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Set as AbstractSet
from dataclasses import replace

from geomap.demonyms import country_of
from geomap.districts import cyrillic_district_adjectives, cyrillic_listed_areas, district_adjectives
from geomap.folding import fold, name_key
from geomap.gazetteer import SETTLEMENT_KINDS, Gazetteer
from geomap.inflection import declined_keys, language, nominatives, qualifies, starts_cyrillic
from geomap.mention import Mention
from geomap.roles import after_a_locative, mention_role
from geomap.text import Document

# Lower-case words allowed inside a multi-word place name, as the gazetteer's names have them ("Croix-des-Bouquets",
# "Barrow-in-Furness", "Ústí nad Labem", "Arica y Parinacota"): a span still has to be a name it holds.
NAME_CONNECTORS = frozenset(
    "of the de la le les lès des du del da do dos das los las on upon in under am an im al el as and et e y i a "
    "au aux en sur sous di van von der bei nad na ye на над".split()
)
# Capitalised words after a place that make an institution of it, not a longer place name: the place is
# still named ("the U.K. Ministry of Defense", "Kharkiv Regional Military Administration").
INSTITUTIONS = frozenset(
    "ministry army navy embassy government defense defence department military police parliament security "
    "council intelligence guard border armed forces regional city oblast state foreign interior national "
    "general prosecutor emergency emergencies air geological survey agency service office consulate court "
    "supreme space marines coast fire paramedic public "
    # titles: "U.S. President Donald Trump", "Kyiv Mayor Vitali Klitschko"
    "president vice prime premier minister secretary ambassador envoy senator governor mayor king queen judge "
    "chancellor commander chief officials authorities troops soldiers".split()
)
# Particles that join two capitalised words into one name ("Bab al-Mandab"): not English words.
NAME_PARTICLES = frozenset("al el de la le du del da dos das di van von der au aux sur y".split())
# Generic words that may follow a name in lower case ("Donetsk region") and mark the kind meant.
GENERIC_KIND = {
    "region": "region",
    "oblast": "region",
    "province": "region",
    "governorate": "region",
    "state": "region",
    "krai": "region",
    "district": "district",
    "raion": "district",
    # a part of a town: "the Shati neighbourhood of Gaza City" is no Ash Shati region in Libya
    "neighbourhood": "district",
    "neighborhood": "district",
    "quarter": "district",
    "county": "county",  # no kind of its own in the gazetteer: see geomap.resolve
    "republic": "region",
    "exclave": "region",  # "the Kaliningrad exclave", "its Nakhchivan exclave"
    "sea": "sea",
    "bay": "sea",
    "gulf": "sea",
    "strait": "sea",
    "river": "river",
    "reservoir": "other",
    "bridge": "other",
    "peninsula": "peninsula",
    "camp": "other",
}
# The same generic words in Ukrainian and Russian, by their nominative ("Донецькій області" -> область)
CYRILLIC_GENERIC_KIND = {
    "область": "region",
    "регіон": "region",
    "регион": "region",
    "край": "region",
    "район": "district",
    "море": "sea",
    "затока": "sea",
    "залив": "sea",
    "протока": "sea",
    "пролив": "sea",
    "річка": "river",
    "река": "river",
    "водосховище": "other",
    "водохранилище": "other",
}
# The US states written with "State" to tell them from their cities; any other is a university (see
# _a_state_university)
STATES_CALLED_STATE = frozenset({"new york", "washington"})
# Compass words that, in lower case, may open the name of an area ("southern Africa", "eastern Europe").
COMPASS_WORDS = frozenset("eastern western northern southern central north south east west".split())
# Words that, capitalised before a name, are part of the place description, not another proper name.
PLACE_ADJECTIVES = COMPASS_WORDS | frozenset(
    "occupied greater northeastern northwestern southeastern southwestern upper lower liberated annexed".split()
)
# Capitalised words that are never meant as places, whatever a gazetteer holds under that name.
NOT_PLACES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december western eastern northern southern west east north south "
    "general president "
    "minister colonel captain major mayor governor senator prime christmas easter god "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    # organisations in the news whose names a gazetteer lists for a place ("Hamas" for Hamm, "SANA" for Sanaa)
    "hamas hezbollah sana".split()
)
# Kinds whose names are descriptions ("Kakhovka Reservoir", "Kerch Strait") more than proper names.
LANDMARK_KINDS = frozenset({"sea", "river", "peninsula", "other"})
# Capitalised words that open a sentence and never continue a name.
SENTENCE_OPENERS = frozenset("The A An He She It They We I His Her Its Their This That These Those But".split())
# A place this populous is known by its name even after a given name ("Will Ukraine", "Christian Berlin").
WELL_KNOWN_POPULATION = 100_000
# Words before a name that make it a person's ("Mr. Wagner") or a storm's ("Hurricane Harvey").
HONORIFICS = frozenset(
    "mr mrs ms dr gen general president minister sen rep gov lt col sgt capt st saint "
    "hurricane typhoon cyclone storm".split()
)
# Runs of letters and digits: the words a name may start and end at ("Mar'yinka" is two runs, one name).
ALNUM_RUN = re.compile(r"[^\W_]+")
# A run of white space, which a name's key writes as one space.
WHITESPACE_RUN = re.compile(r"\s+")
# Words in the longest name worth looking for ("Bosnia and Herzegovina", "Saint Vincent and the Grenadines").
MAX_NAME_WORDS = 8
# "Luhansk and Donetsk regions", "Kharkiv, Sumy and Chernihiv oblasts": a plural generic word after a list.
COORDINATED_PLURAL = re.compile(r"(?:,? (?:and|or|&) [A-Z][\w’'-]*(?: [A-Z][\w’'-]*)?|, [A-Z][\w’'-]*)+ ([a-z]+s)\b")
# "the region of Lviv", "the oblast of Kharkiv": a generic word and "of" just before the name;
# "another non-frontline region, Odesa": the same word, lower case, in apposition ("Oaxaca State, Mexico" is
# a name and a country).
# "states such as California or Washington": a plural generic word introducing a list gives its kind to each
# name in the list (the names before this one are matched too).
SUCH_AS = re.compile(
    r"\b([a-z]+s),?\s+(?:such\s+as|like|including)\s+"
    r"(?:(?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+))*$"
)
SUCH_AS_WORDS = (" such as ", " like ", " including ")
# A name joined to these words is a side, not a place: "Iran-backed", "US-led", "pro-Iran", "anti-Kremlin".
SIDE_AFTER = re.compile(
    r"[-‑–](?:backed|aligned|allied|led|funded|sponsored|supported|friendly|leaning|affiliated|armed|trained)\b",
    re.IGNORECASE,
)
# A name followed by these is a unit, a time zone, a holiday or a broadcaster: "the Vostok group", "Moscow time",
# "Independence Day", "the 57th Independence anniversary", "Russia-1".
NOT_PLACE_AFTER = re.compile(r"\s+(?:(?:group|grouping|battalion|brigade|regiment)s?|time|anniversary|Day)\b|[-‑]\d")
SIDE_BEFORE = re.compile(r"\b(?:pro|anti)[-‑]$", re.IGNORECASE)
# The word a country's adjective qualifies, after one space: "Somali forces", "Saudi Crown Prince"
ADJECTIVE_BEFORE_A_WORD = re.compile(r" [^\W\d_]")
# "his brother Tyler", "her daughter Paris": a kinship word after a possessive makes the name after it a person's
KINSHIP = frozenset(
    "brother sister son daughter wife husband father mother cousin uncle aunt nephew niece grandson granddaughter "
    "grandfather grandmother stepson stepdaughter fiance fiancee fiancé fiancée".split()
)
POSSESSIVE_BEFORE_KIN = re.compile(
    r"\b(?:his|her|their|my|your|our)\s+(?:(?:late|younger|older|elder|twin|baby|little|big)\s+)?$", re.IGNORECASE
)
# Parliaments named like a town: "the State Duma", "the Duma voted" is Russia's parliament, not Duma (Douma) in
# Syria, which takes no article
LEGISLATURES = frozenset({"duma"})
LEGISLATURE_BEFORE = re.compile(r"\b(?:[Tt]he|State)\s+$")
# A name the reporter says is made up is a person's: "Noma (not her real name)", "Ahmed (name changed)"
PSEUDONYM_AFTER = re.compile(
    r"\s*[(,]\s*(?:not\s+(?:her|his|their)\s+(?:real\s+)?name|(?:whose\s+)?name\s+(?:has\s+been\s+)?changed|"
    r"a\s+pseudonym\b(?!-))",
    re.IGNORECASE,
)
# "Gino D. Bassett", "Sheryl Sandberg": a capitalised word (a given name, see _names_of_persons) and perhaps a
# middle initial right before a name
WORD_BEFORE_A_SURNAME = re.compile(r"(?<![\w.])([A-Z][a-z]+)(?: [A-Z]\.)? $")
# "Zachary Brooks", "Helen D. Kunz": a capitalised word, perhaps after a middle initial, right after a name
WORD_AFTER_A_GIVEN_NAME = re.compile(r" (?:[A-Z]\. )?([A-Z][a-z][\w’'-]*)\b(?![’'-])")
# "Sandberg said", "Holland recalled": a verb of speaking right after a name, which only a person does; a city or
# a country speaks for its government ("Kyiv said"), see _quoted_speakers
SPEECH_AFTER = re.compile(
    r" (?:also |later |then )?(?:said|says|told|tells|added|adds|recalled|recalls|explained|explains|argued|"
    r"argues|reiterated|reiterates|conceded|concedes|admitted|admits|insisted|insists|noted|notes|wrote|"
    r"writes|tweeted|acknowledged|acknowledges|replied|replies|stressed|stresses|recounted|recounts)\b"
)
# '..." said Pitman.', '..., explains Sandberg,': the same verb before a name that ends the clause
SPEECH_BEFORE = re.compile(r"\b(?:said|says|added|adds|explained|explains|recalled|recalls|wrote|writes) $")
CLAUSE_END = re.compile(r"[.,;]")
# A name goes on: "Central District Court"
CAPITALISED_WORD_NEXT = re.compile(r" [A-Z]")
# "St George's Chapel", "St Mary's Hospital", "St James's Park": a saint's name before what is dedicated to them,
# not the town of St George (Queensland); a city of that name keeps its possessive ("St. Petersburg's Pulkovo")
SAINT = re.compile(r"(?:St\.?|Saint)\s")
DEDICATED_AFTER = re.compile(r"(?:'s|’s|'|’)\s+[A-Z]")
DEDICATION_CITY = 100_000
# The name of an armed group up to a name inside it: "the Islamic State West Africa Province", "al-Qaeda in the
# Arabian Peninsula", "the Islamic State of Iraq and the Levant" (see _names_a_group_s_theatre)
GROUP_NAME_BEFORE = re.compile(
    r"\b(?:Islamic\s+State|[Aa]l[-\s]Qa[’']?[ei]da)(?:\s+(?:of|in|for|and|the|[A-Z][\w’'-]*))*\s+$"
)
# A capitalised word joined by a hyphen after or before a name: "Macy-O'Toole", "Green-Karol"
COMPOUND_AFTER = re.compile(r"-[A-Z]")
COMPOUND_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][a-z]+-$")
# "the left bank of Dnipro", "across the Dnipro", "on the Danube": a name after "the" is a river where the
# gazetteer has a river of that name (no city takes the article; a region's own generic word outranks this)
RIVER_BANK = re.compile(r"\b(?:banks? of |the )$", re.IGNORECASE)
# The same cue in Ukrainian and Russian: a bank, a crossing, a course or the word for river before the name
CYRILLIC_RIVER_BEFORE = re.compile(
    r"(?:берег[а-яіу]*|березі|через|вздовж|вдоль|русл[оаі]|річк[аиуіо]|річці|рек[аиеу]|рекой)\s+$", re.IGNORECASE
)
# "Kharkiv governor Oleh Syniehubov", "the Texas governor": an oblast or a state, not its capital city.
GOVERNOR_AFTER = re.compile(r"\s+governor\b", re.IGNORECASE)
# "along the Belgorod border", "10 km from the Donetsk border": a region's border, where no country has the name
BORDER_WORD_AFTER = re.compile(r"\s+borders?\b")
# What lies between two names of a list: "Lyman, Siversk", "Siversk and Bilohorivka".
LIST_GAP = re.compile(r",\s*|\s+(?:and|or)\s+|,\s*(?:and|or)\s+")
# A word and what may trail it (for the word before a span: "Mr." in "Mr. Wagner"), the word after a span with
# the capital that may follow, the punctuation that ends a name, and a Latin or Cyrillic word after a span (for
# its generic word): compiled once, as they run for every span.
WORD_RUN = re.compile(r"[^\W\d_][\w’'.]*")
NON_WORD_RUN = re.compile(r"\W*")
NEXT_WORD = re.compile(r" ([^\W\d_][\w’'-]*)(?: ([A-Z]))?")
PUNCTUATION = re.compile(r"[,;:(\"“—–]")
NEXT_LATIN_WORD = re.compile(r" ([A-Za-z]+)\b")
NEXT_CYRILLIC_WORD = re.compile(r" ([а-яёіїєґ]+)\b")
# the generic words of a Cyrillic address, in any case: oblast, raion, hromada, krai, okrug
CYRILLIC_AREA_WORD = r"(?:област|обл\.|район|громад|кра[йюїяеє]\b|округ)"
# a capitalised adjective and a generic word after a Cyrillic name: its oblast, raion or krai ("Донецької
# області", "Краснодарського краю")
CYRILLIC_ADDRESS_AFTER = re.compile(r",?\s+[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]+\s+" + CYRILLIC_AREA_WORD)
# An acronym: "RCMP", "OVA", "FSB".
ACRONYM = re.compile(r"[A-Z]{2,6}")
AREA_AFTER_COMMA = re.compile(r", ((?:[A-Z][\w’'.-]*\s)?[A-Z][\w’'.-]*)")
GENERIC_OF = re.compile(
    r"\b(?i:(region|oblast|province|district|state)s? of (?:the )?)$|\b(region|oblast|province) ?, ?$"
)
# "Klishchiivka lies 7 km south of Bakhmut", "Andriivka is about 13 km south of…", "Sake is west of Goma",
# "Kostiantynivka, some 15 km to the southwest, …": a name opening a sentence that goes on to say where it lies is
# a place's, as any name is; so is one its sentence puts in a part of an area
LOCATED_AFTER = re.compile(
    r"(?:\s+(?:is|lies|lay|sits|stands|was)\s+(?:located\s+|situated\s+)?|,\s+(?=\S+\s+\d|\d))"
    r"(?:(?:just|only|about|some|roughly|around|approximately|nearly|less\s+than|more\s+than)\s+)*"
    r"(?:[\d,.]+\s*(?:km|kilomet|miles?\b|mi\b)|(?:north|south|east|west)\S*\s+of\b)"
    # "Asheville, in the mountains of western North Carolina, ...", "Tartus, in northern Syria, ...": not "Peskov,
    # in a statement to TASS"
    r"|,\s+(?:in|on)\s+(?:the\s+)?(?:(?:[a-z]+\s+){1,2}of\s+(?:the\s+)?)?(?:north|south|east|west|central)[a-z]*"
    r"\s+(?-i:[A-Z])|,\s+(?:in|on)\s+the\s+(?:[a-z]+\s+){1,2}of\s+(?:the\s+)?(?-i:[A-Z])",
    re.IGNORECASE,
)
# "Sake, a town 25 km to the west", "Mir, a village in Belarus", "Black River, the capital of St. Elizabeth parish": a
# name in apposition to what it names
# "Githurai, a suburb about 15 km northeast of Nairobi", "Kutaisi, Georgia's third-largest city", "Papiri, a
# community in Agwara", "Hunt, a small community about 15 miles west of Kerrville"; not "a community leader" (the
# end of the text, or of the stretch searched, may follow: a distance comes next)
SETTLEMENT_APPOSITION = (
    r",\s+(?:a|an|the|[A-Z][\w-]*(?:'s|’s))\s+(?:[a-z-]+\s+){0,2}"
    r"(?:town|village|city|settlement|hamlet|port|capital|suburb"
    r"|community(?=\s+(?:in|on|near|of|about|some|roughly|around|just|nearly|\d)\b|[,.;]|\s*$))\b"
)
CALLED_A_PLACE = re.compile(SETTLEMENT_APPOSITION)
# "the town of Sake", "near Sake": words that introduce what follows as a place, even a common word.
INTRODUCES_A_PLACE = re.compile(
    r"\b(?:(?:town|city|village|settlement|hamlet|port|capital|outskirts|suburbs?|region|province) of|"
    r"(?:near|outside|around|towards?|into|through) (?:the (?:town|city|village) of )?)\s*$",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
DATELINE = re.compile(
    r"^\s*([A-ZА-ЯЁІЇЄҐ][A-ZА-ЯЁІЇЄҐ'’ .-]{2,}?)(?:,|\s+\(|\s+[—–-]|\.\s+(?=[A-ZА-ЯЁІЇЄҐ]))", re.MULTILINE
)
# "LONDON Pope Francis said…": the same capitals opening the text, where a copy lost the dash after them
OPENING_DATELINE = re.compile(r"\A\s*([A-Z][A-Z'’.-]*(?: [A-Z][A-Z'’.-]*)*) (?=[A-Z][a-z])")


def find_mentions(doc: Document, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every place-name span in ``doc``, left to right, longest match first where spans overlap."""
    gz = gazetteer or Gazetteer.default()
    folded = fold(doc.text)
    found = _longest_spans(doc.text, folded, gz)
    # "Бахмутського району" is Bakhmut's district, though a village (Бахмутське) bears the adjective's form
    districts = cyrillic_district_adjectives(doc, gz) + cyrillic_listed_areas(doc, gz)
    found = [f for f in found if not any(d.start < f[1] and f[0] < d.end for d in districts)]
    spans = [(start, end) for start, end, _ in found]
    headline = _headline_span(doc)
    datelines = _dateline_spans(doc.text)
    dateline_starts = {s for s, _ in datelines}
    out = districts + district_adjectives(doc, folded, gz, spans)
    countries = _country_spans(folded, gz, spans)
    span_starts, span_ends = {s for s, _ in spans}, {e for _, e in spans}
    # the person's name, wherever the article uses it: "Noma (not her real name) ... said Noma"
    pseudonyms = {key for start, end, key in found if PSEUDONYM_AFTER.match(doc.text, end)}
    persons = _names_of_persons(doc.text, found, gz, _quoted_speakers(doc.text, found))
    # but the town a story is filed from is a town, whoever else bears its name: "ALLEN, Texas (AP) - ... at Allen
    # Premium Outlets"
    persons -= {key for start, _, key in found if start in dateline_starts}
    for start, end, key in found:
        if key in pseudonyms or key in persons:
            continue
        text = doc.text[start:end]
        if starts_cyrillic(text) and _qualifies_next_word(doc.text, end):
            continue
        if key in NOT_PLACES or doc.text[start - 1 : start] == "@":  # "@Gillette": an account, not the town
            continue
        if _abbreviates_another_name(doc.text, start, end, spans) or _names_something_else(doc.text, start, end):
            continue
        if SAINT.match(doc.text, start) and DEDICATED_AFTER.match(doc.text, end) and not _a_city(gz, key):
            continue
        if _inside_a_compound_name(doc.text, start, end, span_starts, span_ends):
            continue
        if _names_a_group_s_theatre(doc.text, start, gz, key) or _a_state_university(doc.text, start, end, gz, key):
            continue
        sentence = doc.sentence_of(start)
        in_headline = headline[0] <= start < headline[1]
        dateline = any(s <= start < e for s, e in datelines)
        # a dateline's place is followed by the story's first words, not by the rest of its own name
        opens_dateline = start in dateline_starts
        if (
            not in_headline
            and not opens_dateline
            and not _listed_without_comma(doc.text, start, end, countries)
            and (
                _inside_longer_name(doc.text, start, end, sentence[0])
                or _after_a_given_name(doc.text, start, sentence[0], gz, key)
            )
            and not _address_without_comma(doc.text, start, end, spans)
        ):
            continue
        # "the U.S. District Judge", "the U.S. State Department": an institution's name, not a generic word
        # that would ask a country to be a district or a state
        if _opens_an_institution(doc.text, end) and _may_name_a_country(gz, key):
            kind_hint = ""
        else:
            end, kind_hint = _generic_suffix(doc.text, end)
        # "Somali forces", "Saudi officials": a country's adjective before the word it qualifies is no place, though
        # a region ("Somali") or an alias ("Saudi") bears it; with its generic word ("Somali region") it is one
        if not kind_hint and country_of(text) and ADJECTIVE_BEFORE_A_WORD.match(doc.text, end):
            continue
        # a name's own generic word ("Kursk region") outranks one it shares ("the district of Kursk region")
        own = own_generic_kind(text)
        kind_hint = (
            kind_hint
            or own
            or _shared_kind(doc.text, end, start)
            or _river_cue(doc.text, start, end, gz, key)
            or ("region" if GOVERNOR_AFTER.match(doc.text, end) else "")
            or _border_cue(doc.text, end, gz, key)
        )
        # a sentence's first word takes a capital whatever it is; a later word of the name that takes one proves
        # a name ("Montego Bay's airport was closed"), save in a headline, where every word may take one; a name
        # that opens its sentence to speak or act is an institution's as often ("The White House announced")
        opens = _first_word(doc.text, sentence[0]) == start
        proved = opens and any(w[:1].isupper() for w in text.split()[1:])
        proved = proved and mention_role(doc.text, start, end) == "literal"
        first = not dateline and (in_headline or (opens and not proved))
        # asked only of a name that would otherwise be weak or a common word
        located = (first or key in gz.common_names) and bool(
            LOCATED_AFTER.match(doc.text, end) or CALLED_A_PLACE.match(doc.text, end)
        )
        weak = first and not located
        # Ukrainian and Russian write common nouns in lower case: a capital proves a name, save where every word
        # takes one (a sentence's first) and the name is an everyday word ("Мир", "Надія", "Дружба")
        cyrillic = starts_cyrillic(text)
        if cyrillic:
            weak = weak and key in gz.common_names
        out.append(
            Mention(
                start=start,
                end=end,
                text=doc.text[start:end],
                key=key,
                sentence=sentence,
                weak=weak,
                kind_hint=kind_hint,
                dateline=dateline,
                # "US" in capitals is the country even though "us" is a common word; "the town of Sake" is a town
                common=not cyrillic
                and key in gz.common_names
                and not _spelled_in_capitals(text, gz, key)
                and not INTRODUCES_A_PLACE.search(doc.text[max(0, start - 40) : start])
                and not _followed_by_its_area(doc.text, end, gz)
                and not located,
            )
        )
    return _listed_with_places(doc.text, sorted(out, key=lambda m: m.start))


def _listed_with_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Lyman, Siversk and Bilohorivka remain under pressure": a name that opens a sentence is as much a
    name as the ones listed after it, whose capitals do prove it."""
    out = list(mentions)
    for i in range(len(out) - 2, -1, -1):
        m, nxt = out[i], out[i + 1]
        if m.weak and not nxt.weak and nxt.sentence == m.sentence and LIST_GAP.fullmatch(text[m.end : nxt.start]):
            out[i] = replace(m, weak=False)
    return out


def _longest_spans(text: str, folded: str, gz: Gazetteer) -> list[tuple[int, int, str]]:
    """Spans of whole words, written as names are, whose folded text is a gazetteer name, with that name's key.

    Where spans overlap the longest wins ("Sea of Azov" over "Azov"). Names are only looked for at
    capitalised words because only those can pass :func:`_looks_like_a_name`; that skips most of the text.
    """
    words = [(m.start(), m.end()) for m in ALNUM_RUN.finditer(folded)]
    hits = []
    for i, (start, first_end) in enumerate(words):
        # "southern Africa", "eastern Europe": a lower-case compass word may open an area's name (see
        # _an_area_in_lower_case); the test of case first, as it runs for every word
        upper = text[start].isupper()
        compass = (
            not upper
            and folded[start:first_end] in COMPASS_WORDS
            and i + 1 < len(words)
            and text[words[i + 1][0]].isupper()
        )
        if not upper and not compass:
            continue
        cyrillic = "\u0400" <= text[start] <= "\u04ff"  # starts_cyrillic, inlined: it runs for every capital
        key = ""
        for j in range(i, min(i + MAX_NAME_WORDS, len(words))):
            end = words[j][1]
            if end - start > gz.longest_name:
                break
            # the folded span with each run of white space as one space, grown a word at a time
            key = (
                folded[start:end]
                if j == i
                else key + _gap(folded, words[j - 1][1], words[j][0]) + folded[words[j][0] : end]
            )
            # a Cyrillic span is also looked up by its nominatives; English text keeps to the one key (a loop
            # over one, not a generator: this runs for every word that may start a name)
            keys = declined_keys(text[start:end], key, language(text)) if cyrillic else (key,)
            for k in keys:
                # a name that is not capitalised as one here ("Syvash lagoons" for "the Syvash lagoons") must
                # not hide the shorter name inside it
                if len(k) >= 2 and k in gz and _looks_like_a_name(text[start:end], gz, k):
                    hits.append((start, end, k))
                    break
                if compass and j > i and k in gz and _an_area_in_lower_case(text[start:end], gz, k):
                    hits.append((start, end, k))
                    break
            if folded[end : end + 1] == "." and key + "." in gz:  # "U.S.", "St."
                hits.append((start, end + 1, key + "."))
            if j + 1 < len(words):
                # stop when no name goes on from here: the next span's text up to its last word is no name's start
                gap = _gap(folded, end, words[j + 1][0])
                if not (
                    gz.starts_a_longer_name(key + gap)
                    or (cyrillic and any(gz.starts_a_longer_name(k + gap) for k in keys[1:]))
                ):
                    break
    taken = bytearray(len(folded))
    chosen = []
    # a span that starts inside a hyphenated word yields to one that takes the whole word, however long:
    # "Sud-Ouest region" is Sud-Ouest, not "Sud" and Haiti's "Ouest region"
    for start, end, key in sorted(hits, key=lambda h: (_after_a_hyphen(text, h[0]), -(h[1] - h[0]), h[0])):
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, key))
    return sorted(chosen)


def _qualifies_next_word(text: str, end: int) -> bool:
    """ "на Запорожском направлении": a Cyrillic adjective that agrees with the common noun after it."""
    m = NEXT_CYRILLIC_WORD.match(text, end)
    return bool(m) and qualifies(_previous_word(text, end)[0], m.group(1), language(text))


def _gap(folded: str, start: int, end: int) -> str:
    """The text between two words, each run of white space in it made one space ("  -  " reads " - ")."""
    gap = folded[start:end]
    return gap if gap == " " else WHITESPACE_RUN.sub(" ", gap)


def _looks_like_a_name(text: str, gz: Gazetteer, key: str) -> bool:
    """Capitalised as a name is; short all-capital spans only where the gazetteer spells them so.

    Lower-case words pass in the names of landmarks, which reporters write in lower case ("the Syvash
    lagoons", "the Zaporizhzhia nuclear power plant"); in other names only connectors ("Sea of Azov") and
    generic words ("Kharkiv region") do.
    """
    words = text.replace("-", " ").split()
    if not words or not words[0][:1].isupper():
        return False
    for w in words[1:]:
        # a French article or "de" elided before a capital is a connector too: "Petite-Rivière-de-l'Artibonite"
        w = w[2:] if w[1:2] in ("'", "’") and w[:1].lower() in ("l", "d") else w
        if not w[:1].isupper() and w.lower() not in NAME_CONNECTORS and not generic_kind(w.lower()):
            # or an area's name that the gazetteer writes so ("the Gulf states", "the Baltic states"); not a
            # town's foreign name ("Gaza by", Norwegian for Gaza City, in "the siege of Gaza by the army")
            return any(
                e.kind in LANDMARK_KINDS or (e.is_area and (text == e.name or text in e.names)) for e in gz.lookup(key)
            )
    letters = [c for c in text if c.isalpha()]
    if text.isupper() and len(letters) <= 3:
        return _spelled_in_capitals(text, gz, key)
    if len(letters) <= 3 and not any(text in (e.name, *e.names) for e in gz.lookup(key)):
        return False  # "Ms" is a title and "Sc" no word: the gazetteer has them only as "MS", "SC"
    return len(letters) >= 2


def _an_area_in_lower_case(text: str, gz: Gazetteer, key: str) -> bool:
    """ "southern Africa", "eastern Europe": a compass word in lower case and a name, which together name an
    area (a region, a country: "northern Ireland"), not a town ("north Hollywood" is Hollywood's north)."""
    return _looks_like_a_name(text[0].upper() + text[1:], gz, key) and any(e.is_area for e in gz.lookup(key))


def _names_a_group_s_theatre(text: str, start: int, gz: Gazetteer, key: str) -> bool:
    """ "Islamic State West Africa Province", "al-Qaeda in the Arabian Peninsula": a region of several countries
    in an armed group's name names the group, not a place of the story. A country there stays a place ("Islamic
    State in Iraq and Syria" is also where it fights)."""
    return bool(GROUP_NAME_BEFORE.search(text, max(0, start - 80), start)) and any(
        e.is_area and not e.country for e in gz.lookup(key)
    )


def _a_state_university(text: str, start: int, end: int, gz: Gazetteer, key: str) -> bool:
    """ "Arizona State beat Mississippi State": a US state's name and "State", with no other name after them, is
    the state's university or its team. New York and Washington go by "State" to be told from their cities;
    with a name after them ("Ohio State Highway Patrol") they open an institution of the state, which names it."""
    if text.endswith(" State", start, end):  # the gazetteer has the name with "State" too
        state, after = key.removesuffix(" state"), end
    elif text.startswith(" State", end):
        state, after = key, end + len(" State")
    else:
        return False
    return (
        not CAPITALISED_WORD_NEXT.match(text, after)
        and not text[after : after + 1].isalnum()
        and state not in STATES_CALLED_STATE
        and any(e.kind == "region" and e.country == "US" for e in gz.lookup(state))
    )


def _abbreviates_another_name(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """ "the Temporary Anti-Gang Unit (UTAG)": capitals in brackets after a name abbreviate that name, which
    is no place here (after "United Arab Emirates (UAE)" they would be one)."""
    if not text[start:end].isupper() or text[start - 1 : start] != "(" or text[end : end + 1] != ")":
        return False
    window = max(0, start - 60)
    before = text[window : start - 1].rstrip()
    if not re.search(r"(?:[A-Z][\w’'-]*\s+){1,5}[A-Z][\w’'-]*$", before):
        return False
    name_end = window + len(before)
    return not any(s < name_end <= e for s, e in spans)


def _followed_by_its_area(text: str, end: int, gz: Gazetteer) -> bool:
    """ "Parkland, Florida", "Reading, Pennsylvania": a word followed by a state or a country after a comma is
    written as a place, however common the word."""
    m = AREA_AFTER_COMMA.match(text, end)
    return bool(m) and any(e.kind in ("region", "country") for e in gz.lookup(m.group(1)))


def _names_something_else(text: str, start: int, end: int) -> bool:
    """ "Iran-backed militias", "the US-led coalition", "pro-Russia forces", "the Vostok group of troops",
    "13:00 Moscow time", "the Russia-1 channel", "the State Duma": the name stands for a side in a conflict, one of
    its units, a time zone, a broadcaster or a parliament, not for a place on the map."""
    return bool(
        SIDE_AFTER.match(text, end)
        or NOT_PLACE_AFTER.match(text, end)
        or SIDE_BEFORE.search(text, max(0, start - 5), start)
        or (text[start:end].lower() in LEGISLATURES and LEGISLATURE_BEFORE.search(text, max(0, start - 6), start))
    )


def _a_city(gz: Gazetteer, key: str) -> bool:
    """Whether a name is that of a city of :data:`DEDICATION_CITY` people or more."""
    return any(e.population >= DEDICATION_CITY for e in gz.lookup(key))


def _after_a_hyphen(text: str, start: int) -> bool:
    """Whether a span at ``start`` begins inside a hyphenated word ("Ouest" in "Sud-Ouest")."""
    return text[start - 1 : start] == "-" and text[start - 2 : start - 1].isalpha()


def _inside_a_compound_name(text: str, start: int, end: int, span_starts: set[int], span_ends: set[int]) -> bool:
    """ "Colin Macy-O'Toole", "Green-Karol said": part of a double-barrelled name whose other part is no place
    ("Pokrovsk-Kostiantynivka" and "Russia-Ukraine" join two: the other part starts or ends a span of
    ``span_starts``, ``span_ends``), or a name before or after an apostrophe inside a word ("O'Toole" is no
    Toole, the "Ta'ang National Liberation Army" no Ta), save a possessive ("Kyiv's")."""
    if text[start - 1 : start] in ("'", "’") and text[start - 2 : start - 1].isalpha():
        return True
    if text[end : end + 1] in ("'", "’") and text[end + 1 : end + 2].isalpha():
        return not (text[end + 1 : end + 2] == "s" and not text[end + 2 : end + 3].isalpha())
    if COMPOUND_AFTER.match(text, end):
        return end + 1 not in span_starts
    if text[start - 1 : start] == "-" and (before := COMPOUND_BEFORE.search(text, max(0, start - 30), start)):
        return before.end() - 1 not in span_ends
    return False


def _spelled_in_capitals(text: str, gz: Gazetteer, key: str) -> bool:
    """An all-capital span that the gazetteer spells exactly so ("US", "UAE"): an abbreviation, not a word.

    Only countries, regions and cities of a million keep such abbreviations: a town's are airport codes
    ("HRL" for Harlingen, "SAF" for Santa Fe) that news text uses for other things.
    """
    return text.isupper() and any(
        text in (e.name, *e.names) and (e.is_area or e.population >= 1_000_000) for e in gz.lookup(key)
    )


def _country_spans(folded: str, gz: Gazetteer, spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The spans next to another span that may name a country, to tell a list that lost its commas from one
    longer name (only neighbours are looked up: the rule concerns no other span)."""
    starts, ends = {s for s, _ in spans}, {e for _, e in spans}
    return {
        (s, e)
        for s, e in spans
        if (s - 1 in ends or e + 1 in starts) and _may_name_a_country(gz, " ".join(folded[s:e].split()))
    }


def _may_name_a_country(gz: Gazetteer, key: str) -> bool:
    return any(h.kind == "country" for h in gz.lookup(key))


def _opens_an_institution(text: str, end: int) -> bool:
    """ "U.S. District Judge", "U.S. State Department": a capitalised generic word that goes on to a name."""
    if not text.startswith(" ", end) or not text[end + 1 : end + 2].isupper():
        return False  # the common case, decided without a pattern
    m = re.match(r" ([A-Z][a-z]+) [A-Z]", text[end : end + 40])
    return bool(m) and m.group(1).lower() in GENERIC_KIND


def _listed_without_comma(text: str, start: int, end: int, countries: set[tuple[int, int]]) -> bool:
    """ "Cyprus, Greece Italy or Spain": a country next to another country is a list with a comma lost, not
    one longer name (a name that joins two countries is itself a span: "Bosnia and Herzegovina")."""
    if (start, end) not in countries:
        return False
    before = any(e + 1 == start and text[e] == " " for _, e in countries)
    after = any(s == end + 1 and text[end] == " " for s, _ in countries)
    return before or after


def _address_without_comma(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """ "in Maiduguri Borno State", "Kupiansk Kharkiv oblast": a region written with its generic word right after
    another place's name is that place's address with the comma lost; neither is part of one longer name. Not
    where a capitalised word goes on after the region: "the Seoul Central District Court" is a court's name."""

    def area(s: int, e: int) -> bool:
        after, kind = _generic_suffix(text, e)
        ends_the_name = not CAPITALISED_WORD_NEXT.match(text, after)
        return ends_the_name and (own_generic_kind(text[s:e]) or kind) in ("region", "district", "county")

    return (text[start - 1 : start] == " " and area(start, end) and any(e == start - 1 for _, e in spans)) or (
        text[end : end + 1] == " " and any(s == end + 1 and area(s, e) for s, e in spans)
    )


def _previous_word(text: str, start: int) -> tuple[str, int]:
    """The word right before ``start`` (within 40 characters, nothing but punctuation and spaces after it) and
    where it starts. The last word of the window is found by walking its words: a pattern anchored at the end
    would be tried from every position of the window."""
    lo = max(0, start - 40)
    last = None
    for last in WORD_RUN.finditer(text, lo, start):  # noqa: B007 - the loop keeps the last word
        pass
    if last is None or not NON_WORD_RUN.fullmatch(text, last.end(), start):
        return "", -1
    return last.group(), last.start()


def _inside_longer_name(text: str, start: int, end: int, sentence_start: int) -> bool:
    """ "Adam Tactical Group", "Vladimir Putin", "Mr. Wagner": the span is part of another proper name."""
    if starts_cyrillic(text[start:end]) and (
        generic_kind(text[start:end].rsplit(None, 1)[-1].lower()) or (CYRILLIC_ADDRESS_AFTER.match(text, end))
    ):
        # "Андріївку Донецької області", "Андріївку Бахмутського району": an address follows a name in another
        # case, and an oblast or raion so written is the address, not the end of a longer name
        return False
    gap_before = text[max(0, start - 3) : start]
    prev, prev_at = _previous_word(text, start)
    if prev and prev.lower().rstrip(".") in HONORIFICS and text[prev_at + len(prev) : start].strip() in ("", "."):
        return True
    possessive = prev.endswith(("'s", "’s", "s'", "s’"))  # "Yemen's Aden", "Ukraine's Donbas"
    if (
        prev
        and prev_at >= sentence_start  # the last word of the sentence before is not part of this name
        and prev[:1].isupper()
        and gap_before[-1:] == " "
        and not PUNCTUATION.search(gap_before)
    ):
        if prev_at != _first_word(text, sentence_start) and prev.lower() not in PLACE_ADJECTIVES and not possessive:
            return True
    if text[end - 1 : end] == "." and gap_before.rstrip().endswith(","):
        return False  # "Gainesville, Va. There will be…": an abbreviated state after a comma ends its address
    after = NEXT_WORD.match(text[end : end + 40])
    name_words = text[start:end].split()
    if after and len(name_words) > 1 and GENERIC_KIND.get(name_words[-1].lower()) in ("county", "district", "region"):
        return False  # "Marathon County Sheriff", "Montgomery County Democrats": the area's office, in the area
    if after:
        nxt = after.group(1)
        particle, _, rest = nxt.partition("-")
        if particle.lower() in NAME_PARTICLES and (rest[:1].isupper() or after.group(2)):
            return True  # "Bab al-Mandab", "Abu el Kheir"
        if not nxt[:1].isupper() or nxt.lower() in GENERIC_KIND or nxt in SENTENCE_OPENERS:
            # "Parkland, Florida The controversy...": a copy that lost its full stop; no name goes on with "The"
            return False
        # "Winnipeg Fire Paramedic Service", "Owensboro Public Schools": an institution of the place, which
        # is where it works; "Manchester United" is a name of its own
        words = [w.strip(',.;:!?()"“”') for w in text[end : end + 60].split()[:4]]
        run = list(itertools.takewhile(lambda w: w[:1].isupper(), words))
        if len(run) == 1 and ACRONYM.fullmatch(run[0]) and not text[start:end].isupper():
            return False  # "New Brunswick RCMP", "Kherson OVA": an acronym right after a place is its institution
        return not any(w.lower().rstrip("s") in INSTITUTIONS or w.lower() in INSTITUTIONS for w in run)
    return False


def _after_a_given_name(text: str, start: int, sentence_start: int, gz: Gazetteer, key: str) -> bool:
    """ "Ian Holloway believes…", "Adrian Dunbar added…": a sentence that opens with a given name goes on with
    a surname, even where a village bears it. (Further into a sentence any capitalised word before a name
    joins it, see :func:`_inside_longer_name`; a sentence's first word is spared there, as it may be "Near"
    or "In".) A well-known place keeps its name: "Will Ukraine hold?"."""
    first = _first_word(text, sentence_start)
    prev = text[first : start - 1] if 0 <= first < start - 1 and text[start - 1] == " " else ""
    return (
        prev.isalpha()  # the first word, and only it, stands before the name
        and name_key(prev) in gz.given_names
        and not _a_well_known_place(gz, key)
    )


def _a_well_known_place(gz: Gazetteer, key: str) -> bool:
    """Whether a name is an area's or that of a place of :data:`WELL_KNOWN_POPULATION` people or more: a place
    known by its name even where it follows a given name ("Will Ukraine", "Paris Hilton")."""
    return any(e.is_area or e.population >= WELL_KNOWN_POPULATION for e in gz.lookup(key))


def _names_of_persons(
    text: str, found: list[tuple[int, int, str]], gz: Gazetteer, speakers: AbstractSet[str] = frozenset()
) -> set[str]:
    """The keys of names the article gives a person, wherever it then uses them alone: a surname after a given
    name ("Gino D. Bassett ... Bassett approached", "Sheryl Sandberg ... Sandberg said"), and a given name
    before a surname ("Zachary Brooks ... his father Zachary"). A place whose name is well known keeps it ("Paris
    Hilton" leaves Paris a city), as in :func:`_after_a_given_name`, unless the name is also one of the
    ``speakers`` (:func:`_quoted_speakers`): "Bill Holland ... Holland recalled"; a speaker with no given name is
    a person's where the name is only a small settlement's (:func:`_a_small_settlement`). A relative's name is a
    person's whatever town bears it ("his brother Tyler"), though not an area's ("her daughter Georgia"). Given
    names are the gazetteer's (:attr:`Gazetteer.given_names`): "Chrystia Freeland" is not known as a person's.

    >>> from geomap.folding import fold
    >>> gz = Gazetteer.default()
    >>> text = "Police say Gino D. Bassett, 56, fled. Bassett was held in Omaha."
    >>> sorted(_names_of_persons(text, _longest_spans(text, fold(text), gz), gz))
    ['bassett']
    """
    names, kin = set(), set()
    for start, end, key in found:
        before = WORD_BEFORE_A_SURNAME.search(text, max(0, start - 30), start)
        if (before and name_key(before.group(1)) in gz.given_names) or (
            key in gz.given_names and _followed_by_a_surname(text, end)
        ):
            names.add(key)
        # the kinship word is sought in the few characters before the name (the longest is "granddaughter "), a
        # split of a short slice being cheaper than walking the words before every name
        words = text[max(0, start - 15) : start].split()
        if words and words[-1].lower() in KINSHIP and text[start - 1 : start].isspace():
            at = text.rfind(words[-1], max(0, start - 15), start)
            if POSSESSIVE_BEFORE_KIN.search(text, max(0, at - 25), at):
                kin.add(key)
    known = {key for key in names if key in speakers or not _a_well_known_place(gz, key)}
    quoted = {key for key in speakers if _a_small_settlement(gz, key)}
    # a relative's name is a person's even where a city bears it ("his brother Tyler"); not an area's
    return known | quoted | {key for key in kin if not any(e.is_area for e in gz.lookup(key))}


def _quoted_speakers(text: str, found: list[tuple[int, int, str]]) -> set[str]:
    """The keys of names that the article quotes as speaking and never puts anyone in or near: "Sandberg said",
    '"We will stay," said Pitman.' Such a name is a person's where it is a small settlement's
    (:func:`_a_small_settlement`) or where the article also gives it a given name, as :func:`_names_of_persons`
    decides: a city or a country speaks for its government ("Kyiv said", "Moscow says").

    >>> from geomap.folding import fold
    >>> text = "Shelling hit Bakhmut. “It is on me,” Sandberg said. Kyiv said the town held."
    >>> sorted(_quoted_speakers(text, _longest_spans(text, fold(text), Gazetteer.default())))
    ['kyiv', 'sandberg']
    """
    # the anchored tests of speech first: most articles quote no place's name, and a locative is sought only for
    # the names they do (that search, over a window before every name, would cost a twentieth of a parse)
    spoken = {
        key
        for start, end, key in found
        if SPEECH_AFTER.match(text, end)
        or (CLAUSE_END.match(text, end) and SPEECH_BEFORE.search(text, max(0, start - 12), start))
    }
    placed = {key for start, _, key in found if key in spoken and after_a_locative(text, start)}
    return spoken - placed


def _a_small_settlement(gz: Gazetteer, key: str) -> bool:
    """Whether every place of a name is a town or village under :data:`WELL_KNOWN_POPULATION` people and no
    capital: no government speaks by its name, and no building ("the Kremlin said")."""
    entries = gz.lookup(key)
    return bool(entries) and all(
        e.kind in SETTLEMENT_KINDS and e.population < WELL_KNOWN_POPULATION and e.id not in gz.capitals for e in entries
    )


def _followed_by_a_surname(text: str, end: int) -> bool:
    """Whether a capitalised word that may be a surname follows ``end``: not a generic word ("Chelsea County"),
    an institution ("Chelsea Police") or a sentence's opening word."""
    after = WORD_AFTER_A_GIVEN_NAME.match(text, end)
    if not after:
        return False
    word = after.group(1)
    return word.lower() not in GENERIC_KIND and word.lower() not in INSTITUTIONS and word not in SENTENCE_OPENERS


def _generic_suffix(text: str, end: int) -> tuple[int, str]:
    """Extend over a following generic word ("Kharkiv region", "Dnipro River", "Сумській області") and report
    the kind it asks for."""
    after = text[end : end + 20]
    m = NEXT_LATIN_WORD.match(after) or (starts_cyrillic(after[1:]) and NEXT_CYRILLIC_WORD.match(after))
    if not m:
        return end, ""
    word = m.group(1).lower()
    kind = generic_kind(word)
    if kind:
        return end + m.end(), kind
    return end, _plural_kind(word)  # "Donetsk regions": the hint, not the span


def own_generic_kind(name: str) -> str:
    """The kind a name of several words asks for by its own last word ("Kursk region", "Tillaberi Region"), or "".

    >>> own_generic_kind("Kursk region"), own_generic_kind("Kursk")
    ('region', '')
    """
    return generic_kind(name.rsplit(None, 1)[-1].lower()) if " " in name else ""


def generic_kind(word: str) -> str:
    """The kind a lower-case generic word asks for, in English or in any case of Ukrainian or Russian, or ""."""
    if word in GENERIC_KIND or not starts_cyrillic(word):
        return GENERIC_KIND.get(word, "")
    return next((CYRILLIC_GENERIC_KIND[n] for n in nominatives(word) if n in CYRILLIC_GENERIC_KIND), "")


def _names_its_own_kind(text: str, generic_at: int) -> bool:
    """Whether the generic word at ``generic_at`` follows a name, whose kind it gives ("Kyivskyi district"); a
    country's adjective describes the word instead ("the Ukrainian region of Sumy")."""
    prev, _ = _previous_word(text, generic_at)
    return (
        prev[:1].isupper()
        and prev not in SENTENCE_OPENERS
        and prev.lower() not in PLACE_ADJECTIVES
        and country_of(prev) is None
    )


def _plural_kind(word: str) -> str:
    """The kind a plural generic word asks for ("regions" -> region), or ""."""
    return GENERIC_KIND.get(word[:-1], "") if word.endswith("s") else ""


def _shared_kind(text: str, end: int, start: int) -> str:
    """The kind a name shares with others: "Luhansk and Donetsk regions", "the region of Lviv", "states
    such as California or Washington"."""
    m = COORDINATED_PLURAL.match(text, end)
    if m and _plural_kind(m.group(1).lower()):
        return _plural_kind(m.group(1).lower())
    lo = max(0, start - 30)
    m = GENERIC_OF.search(text[lo:start])
    # "the Kyivskyi district of Kharkiv": the generic word is the name's before it, and Kharkiv holds that
    # district rather than being one
    if m and not _names_its_own_kind(text, lo + m.start()):
        return GENERIC_KIND[(m.group(1) or m.group(2)).lower()]
    window = max(0, start - 120)
    if not any(w in text[window:start] for w in SUCH_AS_WORDS):
        return ""  # the pattern ends at the name, so a search tries every position of the window: skip it
    m = SUCH_AS.search(text, window, start)
    return _plural_kind(m.group(1)) if m else ""


def _river_cue(text: str, start: int, end: int, gz: Gazetteer, key: str) -> str:
    """ "the left bank of Dnipro", "across the Dnipro", "on the Danube": "river", where the gazetteer has a river
    of the name and the words after it do not make it an institution's ("the Dnipro regional governor")."""
    if starts_cyrillic(text[start:end]):
        # "через Дніпро", "на лівому березі Дніпра", "вдоль реки Оскол"
        if not CYRILLIC_RIVER_BEFORE.search(text, max(0, start - 20), start):
            return ""
        return "river" if any(e.kind == "river" for e in gz.lookup(key)) else ""
    if not text[max(0, start - 4) : start].lower().endswith(("the ", "of ")):
        return ""  # the common case, decided without a pattern
    if not RIVER_BANK.search(text, max(0, start - 20), start):
        return ""
    nxt = re.match(r"\s+([A-Za-z]+)", text[end : end + 30])
    if nxt and nxt.group(1).lower() in INSTITUTIONS:
        return ""
    return "river" if any(e.kind == "river" for e in gz.lookup(key)) else ""


def _border_cue(text: str, end: int, gz: Gazetteer, key: str) -> str:
    """ "the Belgorod border": "region", where the gazetteer has a region of the name and no country ("the Lebanon
    border" is the country's)."""
    if not BORDER_WORD_AFTER.match(text, end):
        return ""
    kinds = {e.kind for e in gz.lookup(key)}
    return "region" if "region" in kinds and "country" not in kinds else ""


def _first_word(text: str, sentence_start: int) -> int:
    m = WORD.search(text, sentence_start)
    return m.start() if m else -1


def _headline_span(doc: Document) -> tuple[int, int]:
    if not doc.title:
        return (0, 0)
    at = doc.text.find(doc.title)
    return (at, at + len(doc.title)) if at >= 0 else (0, 0)


def _dateline_spans(text: str) -> list[tuple[int, int]]:
    """ "KYIV, Ukraine (AP) —": an all-capital place at the start of a paragraph, in the first part of the article."""
    spans = [(m.start(1), m.end(1)) for m in DATELINE.finditer(text[:3000])]
    opening = OPENING_DATELINE.match(text)
    if opening and len(opening.group(1)) >= 3:
        spans.append((opening.start(1), opening.end(1)))
    return spans
