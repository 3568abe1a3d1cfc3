"""Anchoring: which place a stated distance is measured from or drawn around.

Rules, first match wins, each recorded in ``Distance.anchor_rule``:

0. before the others, a distance written with what it refers back to: "12 km north of the city" is measured
   from the settlement named before it (``subject``), "20 km southeast of the capital" from its country's
   capital and "100 km southwest of the regional capital" from its region's seat, named in the article or not
   (:func:`unnamed_capitals`), and "Khan Younis, 10 km to the north" or
   "Tuapse, some 90 miles down the coast" from the settlement named before the place it locates (``sentence``),
   or from a place named earlier where only from there does the gazetteer put it so far that way;
1. ``of-phrase``: the place right after the distance ("13 km south of Bakhmut", "within 1 mile of
   Pokrovsk", "3 km into the Kursk region", "near the town of Lyman"); a country after "from"/"of" yields to
   the sentence's subject;
2. ``to-phrase``: "it is 10 km to Konstantinovka" measures from the subject: the first place of the
   sentence, or of the last one that names a place, that is not itself the end of a "to" phrase;
   the named place becomes the target;
3. ``subject``: what a sentence opening "The plant", "The airbase", "The town" refers to: the last place
   of that sort named before it ("The plant ... is about 45 km from the Ukrainian troops");
4. ``sentence``: the nearest place named before the distance in the same sentence, not a country nor one that
   acts ("Moscow is trying…"), and the place rather than the region written as its address; in this rule and
   in rule 1's yielding, the place an earlier distance was measured from ("Klishchiivka, 9 km south of Bakhmut
   and 2 km from the railway") counts only if no other is named; failing one, the first settlement or landmark
   the sentence names after the distance;
5. ``focus``: the article's main place (most mentioned literal place that is not a country), where it is a point
   to measure from: not a region.

What the distance locates (``target``) is the place it refers back to, else the settlement introduced right
before it, known or not ("the village of Novoselydivka, about 20 km east of Pokrovsk", "fled toward Tawila, about
60 km west of El Fasher"), else the last settlement or landmark named before it; never a dateline, a country or
one that acts. Of a list, the one a distance is in apposition to is its only target ("Huliaipole and
Stepnohirsk, a village about 5 km west of Kamianske").

>>> from geomap.places import MentionRef, Place
>>> from geomap.distances import find_distances
>>> text = "Andriivka is about 13 km south of Bakhmut."
>>> m1, m2 = MentionRef("Andriivka", 0, 9, text, "literal"), MentionRef("Bakhmut", 34, 41, text, "literal")
>>> places = [Place("a", "Andriivka", "village", "UA", 48.5, 37.96, mentions=(m1,)),
...           Place("b", "Bakhmut", "town", "UA", 48.59, 38.0, mentions=(m2,))]
>>> d = anchor_distances(text, find_distances(text), places)[0]
>>> (d.anchor, d.anchor_rule, d.target)
('Bakhmut', 'of-phrase', 'Andriivka')
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from geomap.demonyms import country_of
from geomap.distances import Distance, opposite
from geomap.errors import GazetteerError
from geomap.gazetteer import SETTLEMENT_KINDS, Entry, Gazetteer, haversine_km
from geomap.mentions import CALLED_A_PLACE, SETTLEMENT_APPOSITION
from geomap.places import MentionRef, Place, entry_fields
from geomap.relations import SMALL_TOWN, TARGET_KINDS, lies_as_said, stated_slack_km
from geomap.text import Document, sentence_at, split_sentences

# What may stand between a distance and the preposition that names its anchor: "13 km south(-east)(ern)
# (away) of", "8 km away from", "a 30-km radius of", "7 miles upstream from".
AFTER_DISTANCE = (
    r"^[\s,]*(?:(?:north|south|east|west)(?:[\s-]?(?:east|west))?(?:ern)?\s+)?"
    r"(?:(?:away|radius|upstream|downstream|upriver|downriver|inland|offshore)\s+)?"
)
OF_PHRASE = re.compile(
    AFTER_DISTANCE
    + r"(?P<prep>of|from|outside|into|inside|beyond|deep\s+into|further\s+into|off|short\s+of|near|around)\s+"
    r"(?:the\s+)?"
    # who holds it: "from occupied Crimea", "of Russian-held Donetsk", "of the embattled city of Pokrovsk"
    r"(?:(?:[A-Z][a-z]+[-\s])?(?:occupied|held|controlled|annexed)\s+|(?:embattled|besieged)\s+)?"
    # "of the town of Goris", "from the Armenian town of Goris", "of the frontline town of Pokrovsk"
    r"(?:(?:[\w-]+\s+)?(?:city|town|village|port|settlement|region)\s+of\s+"
    # "south of the centre of Damascus", "from the outskirts of Pokrovsk", "north of downtown Houston", "of the
    # region's capital of Stepanakert", "of the Ukrainian capital, Kyiv", "off the coast of the Paria peninsula"
    r"|(?:centre|center|heart|middle|outskirts|edge|suburbs|approaches|coast|coastline|shores?)\s+of\s+(?:the\s+)?"
    r"|downtown\s+"
    r"|(?:[\w-]+(?:'s|’s)?\s+)?capital(?:\s+city)?(?:\s+of|,)?\s+)?$",
    re.IGNORECASE,
)
# The same in Ukrainian and Russian: "13 км на південь від Бахмута", "в 5 км от Покровска", "в 10 км южнее
# Орехова" (the comparative direction is part of the distance), "у 3 км від міста Вовчанськ"
CYRILLIC_OF_PHRASE = re.compile(
    r"^[\s,]*(?:(?P<prep>від|од|от|вглиб|углиб|вглубь)\s+)?"
    r"(?:(?:міста|селища|села|города|поселка|посёлка|области|області|района|району)\s+)?$",
    re.IGNORECASE,
)
# "Vovchansk and Lyptsi", "Druzhkovka, Kramatorsk", "Мирнограда та Новогродівки": places a distance's target
# shares it with
COORDINATION = re.compile(
    r"^\s*(?:,\s*(?:and\s+|or\s+|та\s+|і\s+|и\s+)?|and\s+|or\s+|&\s+|та\s+|і\s+|й\s+|и\s+)(?:the\s+)?$", re.IGNORECASE
)
POSSESSIVE_GAP = re.compile(r"^(?:'s|’s|')\s+$")
TO_BEFORE = re.compile(r"\b(?:to|toward|towards)\s+(?:the\s+)?$", re.IGNORECASE)
TO_PHRASE = re.compile(r"^[\s,]*(?:to|toward|towards)\s+(?:the\s+)?$", re.IGNORECASE)
# "10 km deep into Russian territory": a distance into a country, named by its adjective
INTO_TERRITORY = re.compile(
    AFTER_DISTANCE + r"(?:(?:deep|further)\s+)?(?:into|inside)\s+(?P<adjective>[A-Z][a-z]+)\s+(?:territory|soil|land)\b"
)
# The words "the <head>" refers back to a landmark by (see HEAD_WORDS)
LANDMARK_HEAD = r"(?:nuclear\s+|power\s+)?plant|air\s?base|airfield|airport|base|refinery|depot|bridge|dam"
# A sentence that opens by referring back to a place: "The plant, which supplies…", "The airbase is…", "The
# ruby-mining town lies…", "The Red Sea city, some 800 km from…"
DESCRIBED_SUBJECT = re.compile(
    rf"\W*The\s+(?:[A-Za-z][\w-]*\s+){{0,2}}?(?P<head>{LANDMARK_HEAD}|city|town|village|port)\b"
)
# The words a landmark's name holds for each head ("the airbase" is the Engels air base); settlements by kind.
HEAD_WORDS = {"air base": ("air base", "airbase", "airfield"), "airbase": ("air base", "airbase", "airfield"),
              "base": ("base",), "airfield": ("airfield", "air base", "airbase"), "airport": ("airport",),
              "refinery": ("refinery",), "depot": ("depot",), "bridge": ("bridge",), "dam": ("dam",)}  # fmt: skip
SETTLEMENT_HEADS = {"city", "town", "village", "port"}
# "fled toward Tawila, some 60 km west of the city", "Conroe, about 40 miles north of downtown": the distance is
# measured from a settlement named before; "of the capital", "of the regional capital" from a capital, and so
# are "of the Ukrainian capital" (whose country its adjective says) and "of the country's capital". Where a name
# follows ("of the city Kharkiv"), see _the_settlement_after.
THE_SETTLEMENT_AFTER = re.compile(
    AFTER_DISTANCE + r"(?:of|from|outside)\s+(?:(?P<the>the\s+"
    r"(?:(?P<owner>[A-Z][a-z]+|(?:country|nation)(?:'s|’s))\s+(?=capital\b))?"
    r"(?:[a-z]+(?:-[a-z]+)?\s+(?=(?:city|town|village|port)\b))?(?P<head>city|town|village|port|capital"
    r"|(?P<regional>(?:regional|provincial|oblast|state)\s+capital|regional\s+cent(?:re|er))))|downtown)"
    r"\b(?!\s+of\b)(?:,?\s+(?P<name>[A-Z]))?"
)
# "within 400 metres of the plant('s reactors)", "2 km from the air base": a landmark named before
THE_LANDMARK_AFTER = re.compile(AFTER_DISTANCE + rf"(?:of|from)\s+the\s+(?P<head>{LANDMARK_HEAD})\b")
# A clause of its own after a place: "and tanks massed", "and that fighting continued", "while shelling went on",
# "; fighting continued"; not more places ("and the village of ...")
NEW_CLAUSE = re.compile(r"\s(?:and|but|while)\s+(?!(?:the|a|an)\b)[a-z]|;")
# Between a place and the area written as its address: "the Engels air base in Russia's Saratov region", "Sudzha,
# Kursk region", "Волчанска Харьковской области"; a distance after the address is the place's
ADDRESS_GAP = re.compile(r"\s*(?:(?:,|\(|\bin\b|\bу\b|\bв\b)\s*)?(?:the\s+)?(?:[A-Z][\w’'-]*(?:'s|’s)\s+)?")
AREA_KINDS = frozenset({"region", "district", "country"})
# "Khan Younis, 10 km to the north, …", "Hinche, some 30 miles further north": a direction with no place after it,
# from the place named before
TO_THE_DIRECTION = re.compile(r"\s+(?:(?:further|farther)(?:\s+to\s+the)?|to\s+the)\s+\S+$")
NOT_OF_AFTER = re.compile(r"(?!\s+(?:of|from)\b)")
# Between a place and the distance that locates it: "Tawila, some 60 km west of the city", "Sake, a town 25 km to
# the west", "Hinche, the departmental capital, some 30 miles further north", "Kharkiv city, some 70 km to the
# southwest", and the place's site that the distance locates: "the Tuapse refinery, about 150 km down the coast",
# "the Nur Shams and Tulkarm camps about 50 km to the west"
LOCATED_GAP = re.compile(
    rf"\s*(?:{SETTLEMENT_APPOSITION},?\s+|,\s*|\s+(?:city|town)\s*,\s*"
    rf"|\s+(?:(?:refugee\s+)?camps?|port|{LANDMARK_HEAD})\s*,?\s*)"
)
# "captured the village of Novoselydivka, about 20 km east of Pokrovsk", "fled toward Tawila, about 60 km west of
# El Fasher": the settlement so introduced right before a distance is what it locates, whether the gazetteer knows
# it or not (see geomap.sites); so is one the text calls a settlement there: "Kalehe, a lakeside town in South
# Kivu some 55 km southwest of Goma"
ADDRESS_TAIL = (
    r"(?:\s+(?:in|on|near)\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}"
    r"(?:\s+(?:region|oblast|province|state|district|county|parish|local\s+government\s+area))?)?"
)
APPOSITION_TAIL = rf"{SETTLEMENT_APPOSITION}{ADDRESS_TAIL}"
# with an Arabic article's particle: "the town of Busra al-Harir"; and its address: "the town of Moqokori in Hiran
# region, about 300 km north of Mogadishu"
INTRODUCED_BEFORE = re.compile(
    r"(?:\bthe\s+(?:village|town|settlement|hamlet)\s+of|\b(?:towards?|into|near|reached|captured|seized|entered))"
    r"\s+(?P<name>[A-Z][\w’'-]+(?:\s+(?:(?:al|el|an|ar|as|ash|ad|adh|at|az)-)?[A-Z][\w’'-]+)?)"
    rf"(?:{ADDRESS_TAIL}\s*,|{APPOSITION_TAIL}\s*,?)\s*$"
)
# no possessive in the name: "Ukraine's Pokrovsk, a town ..." introduces Pokrovsk; nor the preposition that opens a
# sentence: "At Githurai, a suburb ..." introduces Githurai
CALLED_BEFORE = re.compile(
    rf"(?<![\w’'-])(?!(?:At|In|On|Near|From|Outside|Inside|By|To)\s)"
    rf"(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?){APPOSITION_TAIL}\s*,?\s*$"
)
# A thing the text does not name, right before the distance that locates it: "a glide bomb hit a village about 5 km
# from Lyman", "struck an oil depot 40 km from the border"; but "Borova is a village 5 km from Lyman" names it
UNNAMED_BEFORE = re.compile(r"(?P<word>[\w’'-]+)\s+(?:a|an|another)\s+(?:[a-z][\w-]*\s+){1,3}$")
COPULAS = frozenset({"is", "was", "are", "were", "remains", "became", "becomes", "as"})
# A distance from a thing the map does not hold: "within a mile of its hull", "200 m from the ship", "a 2-km radius of
# the plant"; it is no distance from the place the article is most about, as one from a part of a place may be
# ("3 kilometers from the southern edge of the city")
OWN_OBJECT_AFTER = re.compile(
    r"\s+(?:radius\s+)?(?:of|from|around)\s+(?:the|its|a|an|their|his|her|our)\s+"
    r"(?!(?:[a-z-]+\s+)?(?:edges?|outskirts|centre|center|limits|side|part|border|front|frontline|line)\b)[a-z]"
)
# The front line, as a distance's far end: "15 km north of the front", "10 km west of the front line"
FROM_THE_FRONT = re.compile(
    r"\s+(?:of|from)\s+the\s+(?:(?:nearest|closest)\s+)?(?:front(?:\s*-?\s*line)?s?|line\s+of\s+contact|contact\s+line)\b"
)
# A river is held as one point, a town it passes or its mouth: a distance from it is drawn there only where what it
# locates lies within this much more than the distance of that point. "Manbij, about 30 km west of the Euphrates" is
# 870 km from the Euphrates' point, at its mouth; "Krynky, 3 km from the Dnipro" 30 km from the Dnipro's, at Kherson.
RIVER_POINT_KM = 100.0
# "Tuapse, some 90 miles down the Black Sea coast", "Tawila, 60 km away", "Beryslav, some 70 km upstream": measured
# from the place named before
ALONG_AFTER = re.compile(
    r"[\s,]*(?:away|upstream|downstream|upriver|downriver"
    r"|(?:down|up|along)\s+the\s+(?:[A-Z][\w’'-]*\s+)*(?:coast|coastline|shore|road|highway|river))\b"
    r"(?!\s+(?:of|from)\b)"
)


def anchor_distances(
    text: str,
    distances: list[Distance],
    places: list[Place],
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[Distance]:
    """``distances`` with anchor, anchor_id, anchor_rule and target filled in where a place fits.

    ``sentences`` are the text's sentence spans when the caller has them (a :class:`~geomap.text.Document`
    does); otherwise the text is split here.
    """
    refs = _mentions_in_order(places)
    starts = [m.start for m, _ in refs]
    sentences = split_sentences(text) if sentences is None else sentences
    focus = _focus_place(places)
    out = []
    # starts of the mentions that end an of-phrase ("730 km southeast of Moscow"): the point a distance is
    # measured from is not what the sentence locates, so a later distance in it ("and 600 km from
    # Ukraine") is not drawn around it while another place is named
    landmarks: set[int] = set()
    countries = {p.country: p for p in places if p.kind == "country"}
    capitals = {p.country: p for p in places if p.id in Gazetteer.default().capitals}
    by_id = {p.id: p for p in places}
    by_name = {p.name: p for p in places}
    distance_starts = sorted(d.start for d in distances)
    for d in distances:
        sent = sentence_at(sentences, d.start, len(text))
        # mentions are disjoint and sorted, so those before and after a distance are two slices; those after
        # end at the next distance, whose anchor they are: "within a mile of its hull some 50 nautical miles
        # southeast of Aden" is no mile from Aden
        i = bisect.bisect_right(distance_starts, d.start)
        upto = min(sent[1], distance_starts[i]) if i < len(distance_starts) else sent[1]
        after = refs[bisect.bisect_left(starts, d.end) : bisect.bisect_left(starts, upto)]
        before = refs[: bisect.bisect_left(starts, d.start)]
        before = before if not before or before[-1][0].end <= d.start else before[:-1]
        before_here = before[bisect.bisect_left(starts, sent[0]) :]
        subjects = [(m, p) for m, p in before_here if m.start not in landmarks] or before_here
        described = _described_subject(text, sent, before)
        territory = _territory_entered(text, d, countries)
        if territory is not None:  # "10 km deep into Russian territory": the country, measured from its border
            anchored = replace(d, anchor=territory.name, anchor_id=territory.id, anchor_rule="of-phrase")
        else:
            anchored = _anchor(text, d, before, subjects, after, sentences, sent, focus, described, capitals, by_id)
            if anchored.anchor_rule == "of-phrase":
                landmarks.add(next(m.start for m, p in after if p.id == anchored.anchor_id))
            elif anchored.direction and anchored.anchor_id and FROM_THE_FRONT.match(text, d.end):
                # "Pokrovske, some 15 km north of the front": measured from the front, which the map does not
                # hold, and drawn around the place it locates, on whose other side the front lies
                anchored = replace(anchored, direction=opposite(anchored.direction))
        out += [_off_the_river(t, by_id, by_name) for t in _with_each_target(text, anchored, refs, sent)]
    return out


def _off_the_river(d: Distance, by_id: dict[str, Place], by_name: dict[str, Place]) -> Distance:
    """``d`` without its anchor where that is a river whose one point lies far from what ``d`` locates (see
    :data:`RIVER_POINT_KM`): no mark beats one drawn around a point of another stretch of the river."""
    anchor, target = by_id.get(d.anchor_id), by_name.get(d.target)
    if anchor is None or anchor.kind != "river" or target is None or d.meters is None:
        return d
    if haversine_km(anchor.lat, anchor.lon, target.lat, target.lon) <= d.meters / 1000 + RIVER_POINT_KM:
        return d
    return replace(d, anchor="", anchor_id="", anchor_rule="")


def _with_each_target(text: str, d: Distance, refs, sent: tuple[int, int]) -> list[Distance]:
    """One distance per target where the text gives it several ("Vovchansk and Lyptsi, roughly 20 miles
    north of Kharkiv", "20-25 km to Druzhkovka and Kramatorsk"): each is its own relation."""
    if not d.target:
        return [d]
    # the target is the coordinated name nearest the distance: before it for of-phrases, after for to-phrases
    here = [i for i, (m, p) in enumerate(refs) if p.name == d.target and sent[0] <= m.start < sent[1]]
    if not here:
        return [d]
    i = min(here, key=lambda k: abs(refs[k][0].start - d.start))
    if CALLED_A_PLACE.match(text, refs[i][0].end, d.start):
        return [d]  # "Huliaipole and Stepnohirsk, a village about 5 km west of Kamianske": the village alone
    group = [*reversed(_coordinated(text, refs, i, -1)), refs[i][1], *_coordinated(text, refs, i, 1)]  # text order
    # an area beside a settlement is its address, not a second target: "Paradise, the Butte County town destroyed
    # in 2018, about 15 miles northeast of Chico" locates Paradise
    located = [p for p in group if p.kind not in AREA_KINDS] or group
    names = list(dict.fromkeys(p.name for p in located if p.id != d.anchor_id))
    return [replace(d, target=name) for name in names] or [d]


def _coordinated(text: str, refs, i: int, step: int) -> list[Place]:
    """The places joined to ``refs[i]`` by "and" or commas, walking back (step -1) or forward (+1)."""
    out = []
    while 0 <= i + step < len(refs):
        first, second = sorted((refs[i], refs[i + step]), key=lambda r: r[0].start)
        if not COORDINATION.match(text[first[0].end : second[0].start]):
            break
        i += step
        out.append(refs[i][1])
    return out


def _anchor(
    text,
    d: Distance,
    before,
    before_here,
    after,
    sentences,
    sent,
    focus: Place | None,
    described: Place | None,
    capitals: dict[str, Place],
    by_id: dict[str, Place],
) -> Distance:
    settlement = _the_settlement_after(text, d.end, {after[0][0].start} if after else set())
    capital = settlement is not None and _of_a_capital(settlement)
    if capital:
        if settlement["regional"]:
            seat = _regional_seat(before, sentences, sent)
            referent = by_id.get(seat[0].id) if seat else None
        else:
            referent = _capital_referred(before, sentences, sent, focus, capitals, settlement["owner"])
    else:
        referent = settlement and _settlement_before(text, d.start, before, sentences, sent, settlement["head"])
    if referent:
        right_before = _written_right_before(text, d, before)
        # the other end of a pair the referent opens only where it lies about so far: "the road between Addis Ababa
        # and Ambo, about 110 km west of the capital" locates Ambo, "the road between Palmyra and Homs, about 30 km
        # east of the ancient city" a convoy, not Homs, 150 km off
        paired = right_before and [p.id for p in _coordinated(text, before, len(before) - 1, -1)[:1]] == [referent.id]
        if paired and not _within_reach(d, referent, right_before[1]):
            right_before = None
        target = _introduced(text, d.start, before) or (right_before[1].name if right_before else "")
        return replace(d, anchor=referent.name, anchor_id=referent.id, anchor_rule="subject", target=target)
    if capital:
        return d  # a capital of no country or region the text makes out: no mark beats one around another place
    # "within 400 metres of the plant's reactors": the landmark named before; failing one, it is a thing off the map
    landmark = THE_LANDMARK_AFTER.match(text[d.end : d.end + 60])
    if landmark and (referent := _named_before(landmark["head"], before)):
        return replace(d, anchor=referent.name, anchor_id=referent.id, anchor_rule="subject")
    to_the = d.direction and TO_THE_DIRECTION.search(text, d.start, d.end) and NOT_OF_AFTER.match(text, d.end)
    if to_the or ALONG_AFTER.match(text, d.end):
        target = _written_right_before(text, d, before)
        # a country is nothing a few km locate: "The Rafah crossing with Egypt, about 4 km to the west"
        if target is not None and target[1].kind != "country":
            # from the settlement named before the list it ends: "Jenin ... the Nur Shams and Tulkarm camps about
            # 50 km to the west" are measured from Jenin, not from Nur Shams; after a comma the distance is the
            # last one's alone ("hospitals in Jalalabad and Kabul, about 150 km to the west")
            apposed = "," in text[target[0].end : d.start]
            listed = 0 if apposed else len(_coordinated(text, before, len(before) - 1, -1))
            first = before[-1 - listed]
            origin, rule = _settlement_before(text, first[0].start, before, sentences, sent), "sentence"
            if origin is None and focus is not None and focus.kind in SETTLEMENT_KINDS and focus.id != target[1].id:
                # none named since the sentence before: from the town the story is about ("Bodies were found on the
                # highway to Mazatlán, about 200 km to the south" in a story from Culiacán)
                origin, rule = focus, "focus"
            if origin is not None:
                origin = _fitting_origin(d, origin, target[1], before)
                return replace(d, anchor=origin.name, anchor_id=origin.id, anchor_rule=rule, target=target[1].name)
    if after:
        m, p = after[0]
        gap = text[d.end : m.start]
        of_phrase = OF_PHRASE.match(gap) or CYRILLIC_OF_PHRASE.match(gap)
        if len(gap) <= 60 and of_phrase:
            prep = (of_phrase.group("prep") or "").lower()
            prep = "from" if prep in ("від", "од", "от") else prep
            owned = _possessed(text, m, after[1:])
            if p.kind == "country" and owned is not None:  # "60 nautical miles southeast of Yemen's Aden"
                m, p = owned
            elif p.kind == "country" and prep in ("of", "from") and (described or before_here):
                subject, rule = (described, "subject") if described else (before_here[-1][1], "sentence")
                return replace(d, anchor=subject.name, anchor_id=subject.id, anchor_rule=rule, target=p.name)
            return replace(
                d,
                anchor=p.name,
                anchor_id=p.id,
                anchor_rule="of-phrase",
                target=_located(text, d, before_here, described, p),
            )
        if len(gap) <= 20 and TO_PHRASE.match(gap) and before:
            origin = _subject(text, before, sentences, sent)
            if origin.id != p.id:
                return replace(d, anchor=origin.name, anchor_id=origin.id, anchor_rule="to-phrase", target=p.name)
    if described is not None:
        return replace(d, anchor=described.name, anchor_id=described.id, anchor_rule="subject")
    # not a country, nor a capital that acts ("Moscow is trying to carve out a 10-km buffer zone")
    literal_before = [(m, p) for m, p in before_here if p.kind != "country" and m.role != "metonymic"]
    if literal_before:
        p = literal_before[-1][1]
        if len(literal_before) > 1 and p.kind in AREA_KINDS:
            (inner_at, inner), (area_at, _) = literal_before[-2:]
            if inner.kind not in AREA_KINDS and ADDRESS_GAP.fullmatch(text, inner_at.end, area_at.start):
                p = inner  # "the Engels air base in Russia's Saratov region, more than 600 km from the front"
        return replace(d, anchor=p.name, anchor_id=p.id, anchor_rule="sentence")
    # a place its sentence names after it, over the article's focus: "the drone flew about 1,000 km to reach
    # the airfield near Murmansk" in a story about Dnipro; a settlement or landmark, not the sea or peninsula a
    # route goes through or around
    literal_after = [p for m, p in after if (p.kind in SETTLEMENT_KINDS or p.kind == "other") and m.role != "metonymic"]
    if literal_after:
        return replace(d, anchor=literal_after[0].name, anchor_id=literal_after[0].id, anchor_rule="sentence")
    # the article's focus, failing all else, but not a region (a ring around its middle marks nothing the text says);
    # not for the size of a thing its sentence names no place for ("Officials closed a 10-mile stretch of Highway
    # 101"), nor for a distance from a thing off the map
    if focus is not None and focus.kind != "region" and not d.extent and not OWN_OBJECT_AFTER.match(text, d.end):
        return replace(d, anchor=focus.name, anchor_id=focus.id, anchor_rule="focus")
    return d


def _fitting_origin(d: Distance, origin: Place, target: Place, before) -> Place:
    """What "``target``, some 140 km to the east" is measured from: ``origin``, the settlement named before it,
    unless the gazetteer puts the target nowhere near where that makes it and puts it there from a place named
    earlier. "Officials in Phnom Penh said jets bombed the Preah Vihear temple, some 140 km to the east" is
    measured from the Ta Muen Thom temple the story opened with, not from Phnom Penh, 315 km south of it; and
    "Hinche, some 30 miles further north" from Mirebalais, the town the residents fled, not from Port-au-Prince."""
    if not d.direction or d.meters is None or target.kind not in TARGET_KINDS:
        return origin
    if lies_as_said(d, origin, target):
        return origin
    # each place once, the last named first
    earlier = {p.id: p for _, p in reversed(before) if p.id not in (origin.id, target.id) and p.kind in TARGET_KINDS}
    return next((p for p in earlier.values() if lies_as_said(d, p, target)), origin)


def introduced_before(text: str, at: int) -> re.Match[str] | None:
    """The settlement a sentence introduces right before ``at``, a distance's start, whether the gazetteer knows
    it or not: "captured the village of Novoselydivka, about 20 km east of Pokrovsk" (its name is the group
    ``name``); None if there is none."""
    start = max(0, at - 80)
    return INTRODUCED_BEFORE.search(text, start, at) or CALLED_BEFORE.search(text, start, at)


def _introduced(text: str, at: int, before) -> str:
    """The name of the settlement introduced right before ``at`` (see :func:`introduced_before`): the place's own
    name where the gazetteer knows it ("captured Huliaipole, 10 km ..." locates Hulyaypole), else as written;
    "" if there is none."""
    introduced = introduced_before(text, at)
    if introduced is None:
        return ""
    start = introduced.start("name")
    return next((p.name for m, p in reversed(before) if m.start == start), introduced.group("name"))


def _written_right_before(text: str, d: Distance, before):
    """The mention and place written right before a distance, as what it locates ("Sloviansk, 12 km north of
    the city", "Sake, a town 25 km to the west"); None if another word comes between."""
    return before[-1] if before and LOCATED_GAP.fullmatch(text, before[-1][0].end, d.start) else None


def _settlement_before(
    text: str, at: int, before, sentences, sent: tuple[int, int], head: str | None = None
) -> Place | None:
    """The last settlement named before ``at`` in its sentence or the one before, but not one written right
    before ``at`` (the place a distance there locates): what "the city" after a distance refers back to
    ("Tawila, some 60 km west of the city"), and what "Khan Younis, 10 km to the north" is measured from. Where
    the text calls one of its sentence's by the ``head`` it refers back with, that one: "Siversk, a small town
    north of Bakhmut, ... within 3 km of the town centre" is measured from Siversk (but "the city of El Obeid" a
    sentence before does not make "El Fasher ... 15 km south of the city" El Obeid's); failing such a one, the
    nearest in its sentence of the ``head``'s kind in the gazetteer."""
    named = [
        (m, p)
        for m, p in _named_since_last_sentence(before, sentences, sent)
        if m.end <= at and p.kind in SETTLEMENT_KINDS and not LOCATED_GAP.fullmatch(text, m.end, at)
    ]
    called = [p for m, p in named if head and m.start >= sent[0] and _called(text, m, head)]
    # failing that, one of the sort the gazetteer makes it: "leaving Lyman for Sloviansk ... 2 miles outside the
    # town" is Lyman's, Sloviansk being a city
    alike = [p for m, p in named if m.start >= sent[0] and p.kind == head]
    return (called or alike or [p for _, p in named] or [None])[0]


def _called(text: str, m, head: str) -> bool:
    """Whether the text calls the place it names at ``m`` a ``head``: "Siversk, a small town", "the town of
    Siversk"."""
    after = CALLED_A_PLACE.match(text, m.end)
    if after is not None and after.group().rsplit(None, 1)[-1] == head:
        return True
    return text[max(0, m.start - 20) : m.start].endswith(f"the {head} of ")


def _capital_referred(
    before, sentences, sent: tuple[int, int], focus: Place | None, capitals: dict[str, Place], owner: str | None
) -> Place | None:
    """What "the capital" after a distance refers to: the national capital of its country
    (:func:`_capital_country`), wherever the article names it, or where :func:`unnamed_capitals` made it a
    place. "Gangs burned homes in Cabaret, 25 km northwest of the capital. Port-au-Prince has been..." is measured
    from Port-au-Prince; "an area near Damascus airport, 20 km southeast of the capital" is no distance from
    Sanaa, named a sentence before."""
    return capitals.get(_capital_country(before, sentences, sent, focus, owner))


def _capital_country(before, sentences, sent: tuple[int, int], focus: Place | None, owner: str | None) -> str:
    """The country whose capital "the capital" is: the one its ``owner`` names ("the Ukrainian capital"); else
    the last place's named before it in its sentence or the one before; failing one, the country of the place
    the article is most about; "" if none."""
    if owner and (country := country_of(owner)):
        return country
    named = _named_since_last_sentence(before, sentences, sent)
    return named[0][1].country if named else focus.country if focus else ""


def unnamed_capitals(doc: Document, distances: list[Distance], places: list[Place]) -> list[Place]:
    """The capitals that ``distances`` are measured from but the article never names, each a place whose
    mentions are what the text calls it: a national capital ("about 40 km north of the capital"; see
    :func:`_capital_country` for whose) or a region's seat ("100 km southwest of the regional capital"; see
    :func:`_regional_seat` for which). None where the article names that capital: the distance is measured from
    the place it names.

    >>> from geomap import parse
    >>> article = parse("Gunmen killed 12 people in Kaya province, about 40 km north of the capital, the army said.")
    >>> [(m.text, article.distances[0].anchor) for m in article.place("Ouagadougou").mentions]
    [('the capital', 'Ouagadougou')]
    >>> article = parse("Glide bombs hit Nikopol, about 100 km southwest of the regional capital.")
    >>> [(m.text, article.distances[0].anchor) for m in article.place("Dnipro").mentions]
    [('the regional capital', 'Dnipro')]
    """
    text = doc.text
    refs = _mentions_in_order(places)
    starts = {m.start for m, _ in refs}
    heads = ((d, _the_settlement_after(text, d.end, starts)) for d in distances)  # as _anchor reads it
    from_a_capital = [(d, the) for d, the in heads if the is not None and _of_a_capital(the)]
    if not from_a_capital:  # as in most articles: nothing more to read
        return []
    gz = Gazetteer.default()
    named = {p.country for p in places if p.id in gz.capitals}
    ids = {p.id for p in places}
    focus = _focus_place(places)
    found: dict[str, tuple[Entry, str]] = {}  # by entry id: the capital, and why it is the one meant
    mentions: dict[str, list[MentionRef]] = {}
    for d, the in from_a_capital:
        sent = sentence_at(doc.sentences, d.start, len(text))
        before = [r for r in refs if r[0].end <= d.start]
        entry, why = None, ""
        if the["regional"]:
            seat = _regional_seat(before, doc.sentences, sent)
            if seat is not None and seat[0].id not in ids:
                entry, of = seat
                region = of.name if of.kind == "region" else f"{of.name}'s region"
                called = " ".join(the["regional"].split())
                why = f"the seat of {region}, which the text calls the {called} without naming it"
        else:
            country = _capital_country(before, doc.sentences, sent, focus, the["owner"])
            if country and country not in named:
                entry = gz.capital(country)
                called = " ".join(the["the"].split())
                why = f"the national capital of {country}, which the text calls {called} without naming it"
        if entry is not None:
            found.setdefault(entry.id, (entry, why))
            span = (d.end + the.start("the"), d.end + the.end("the"))
            mentions.setdefault(entry.id, []).append(MentionRef.of(doc, *span))
    return [
        Place(**entry_fields(entry), confidence=0.6, mentions=tuple(mentions[i]), evidence=(why,))
        for i, (entry, why) in found.items()
    ]


def _the_settlement_after(text: str, end: int, mention_starts: set[int]) -> re.Match[str] | None:
    """:data:`THE_SETTLEMENT_AFTER` right after a distance that ends at ``end``; None where a name follows it
    (the distance is then that place's: "of the capital, Kyiv"), save a name that is no place the text makes
    out after a capital: "898 km north of the country's capital Addis Abada", misspelt, is measured from the
    capital still."""
    the = THE_SETTLEMENT_AFTER.match(text[end : end + 60])
    if the is not None and the["name"] and (not _of_a_capital(the) or end + the.start("name") in mention_starts):
        return None
    return the


def _of_a_capital(the: re.Match[str]) -> bool:
    """Whether a :data:`THE_SETTLEMENT_AFTER` match names a capital, national or regional, not a city or town."""
    return the["head"] == "capital" or the["regional"] is not None


def _regional_seat(before, sentences, sent: tuple[int, int]) -> tuple[Entry, Place] | None:
    """The seat of the region "the regional capital" refers to (see :meth:`Gazetteer.regional_capital`), with the
    place whose region it is: the last settlement, landmark or region named before it in its sentence or the one
    before, not a river or a sea ("Nikopol, a town on the Dnipro river about 100 km southwest of the regional
    capital" is measured from Dnipro, the seat of Nikopol's region); None if there is none, or no seat is known."""
    gz = Gazetteer.default()
    for _, p in _named_since_last_sentence(before, sentences, sent):
        if p.kind in SETTLEMENT_KINDS or p.kind in ("region", "other"):
            try:
                seat = gz.regional_capital(gz.get(p.id))
            except GazetteerError:  # a place of no gazetteer
                continue
            return (seat, p) if seat is not None else None
    return None


def _mentions_in_order(places: list[Place]) -> list[tuple[MentionRef, Place]]:
    """Each mention of ``places`` with its place, in text order."""
    return sorted(((m, p) for p in places for m in p.mentions), key=lambda t: t[0].start)


def _named_since_last_sentence(before, sentences, sent: tuple[int, int]) -> list[tuple]:
    """The (mention, place) pairs of ``before`` in the sentence ``sent`` or the one before, nearest first."""
    earlier = [s for s in sentences if s[1] <= sent[0]]
    since = earlier[-1][0] if earlier else sent[0]
    return [(m, p) for m, p in reversed(before) if m.start >= since]


def _located(text: str, d: Distance, before_here, described: Place | None, anchor: Place) -> str:
    """What a sentence locates with an of-phrase from ``anchor``: the place it refers back to ("The town lies 80 km
    southwest of Kursk"), else the settlement it introduces right before the distance, known or not ("the village
    of Novoselydivka, about 20 km east of Pokrovsk"), else the last place it names before the distance, but not a
    dateline's ("KYIV (Reuters) - ...") nor an area holding the anchor ("In Rakhine State ... fighting about 20 km
    north of Sittwe")."""
    if described is not None:
        return described.name
    introduced = _introduced(text, d.start, before_here)
    if introduced:
        return introduced
    unnamed = UNNAMED_BEFORE.search(text, max(0, d.start - 60), d.start)
    if unnamed is not None and unnamed.group("word").lower() not in COPULAS:
        return ""
    # not a dateline, and not a country or who acts ("Yemen's Houthis fired at a ship 50 miles off Hodeidah"), and
    # not one of an earlier clause ("troops pushed into Khan Younis and tanks massed 2 km from Deir al-Balah")
    since = before_here[0][0].start if before_here else d.start  # the sentence's places lie after it
    clause = max((m.end() for m in NEW_CLAUSE.finditer(text, since, d.start)), default=since)
    named = [
        p
        for m, p in before_here
        if m.role not in ("reporting", "metonymic")
        and p.kind != "country"
        and not p.holds(anchor)
        and m.start >= clause
    ]
    # not a town the distance cannot reach: "near Isfahan and a site at Parchin, about 30 km southeast of Tehran"
    # locates Parchin, which the map lacks, not Isfahan, 340 km off (a village so far off is the text's other
    # village of that name, which geomap.relations puts where the distance does)
    named = [p for p in named if _within_reach(d, anchor, p)]
    # a settlement or landmark over a river or region named after it: "Krynky on the left bank of the Dnipro"
    pinned = [p for p in named if p.kind in SETTLEMENT_KINDS or p.kind == "other"]
    return (pinned or named)[-1].name if named else ""


def _within_reach(d: Distance, anchor: Place, p: Place) -> bool:
    """Whether ``p`` may be what ``d`` from ``anchor`` locates: a village, a small town or an area wherever it lies
    (an area's population is none), a larger place only about as far from the anchor as the text says, where the
    anchor's point is where it is measured from (a town's or a landmark's; not an area's or a river's)."""
    if p.kind == "village" or p.population < SMALL_TOWN or not d.meters:
        return True
    if anchor.kind not in SETTLEMENT_KINDS and anchor.kind != "other":
        return True
    return abs(haversine_km(anchor.lat, anchor.lon, p.lat, p.lon) - d.meters / 1000) <= stated_slack_km(d)


def _territory_entered(text: str, d: Distance, countries: dict[str, Place]) -> Place | None:
    """The country a distance goes into by its adjective ("10 km deep into Russian territory", "3 km inside
    Ukrainian soil"), where the article names that country; else None."""
    m = INTO_TERRITORY.match(text[d.end : d.end + 80])
    code = country_of(m.group("adjective")) if m else None
    return countries.get(code) if code else None


def _described_subject(text: str, sent: tuple[int, int], before) -> Place | None:
    """The place a sentence opening "The plant", "The airbase", "The town" refers back to: the last place of
    that sort named before the sentence (a landmark whose name holds the word, a settlement for a town)."""
    m = DESCRIBED_SUBJECT.match(text, sent[0], sent[1])
    return None if m is None else _named_before(m.group("head"), [(r, p) for r, p in before if r.start < sent[0]])


def _named_before(head: str, before) -> Place | None:
    """The last place of ``before`` that "the <head>" can refer to: a landmark whose name holds the word ("the
    plant" is the Zaporizhzhia Nuclear Power Plant), a settlement for "the town"; None if there is none."""
    head = " ".join(head.lower().split())
    words = HEAD_WORDS.get(head, ("plant",) if head.endswith("plant") else ())
    for _, p in reversed(before):
        if head in SETTLEMENT_HEADS and p.kind in SETTLEMENT_KINDS:
            return p
        if words and p.kind == "other" and any(w in name.lower() for name in (p.name, *p.forms) for w in words):
            return p
    return None


def _possessed(text: str, owner, rest):
    """The place named right after a possessive owner ("Yemen's Aden"), if any."""
    if rest and POSSESSIVE_GAP.match(text[owner.end : rest[0][0].start]):
        return rest[0]
    return None


def _subject(text: str, before, sentences, sent: tuple[int, int]) -> Place:
    """What "it is 10 km to X, 20 km to Y" measures from: the first place of this sentence, or of the last
    sentence that names one, that is not itself the end point of a "to" phrase."""
    for s, e in [sent, *reversed([x for x in sentences if x[1] <= sent[0]])]:
        here, to_end = [], None  # to_end: the last mention that ends a "to" phrase
        for m, p in before:
            if not s <= m.start < e:
                continue
            # "to Druzhkovka and Kramatorsk": both are end points, neither the subject
            joined = to_end is not None and COORDINATION.match(text[to_end.end : m.start])
            if TO_BEFORE.search(text[max(0, m.start - 12) : m.start]) or joined:
                to_end = m
            else:
                to_end = None
                if p.kind != "country":
                    here.append(p)
        if here:
            return here[0]
    return before[-1][1]


def _focus_place(places: list[Place]) -> Place | None:
    """The place the article is most about: most literal mentions, not a country or sea."""
    candidates = [p for p in places if p.kind not in ("country", "sea")]
    if not candidates:
        return None

    def literal_count(p: Place) -> tuple[int, int]:
        return (sum(m.role == "literal" for m in p.mentions), len(p.mentions))

    return max(candidates, key=literal_count)
