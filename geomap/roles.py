"""Roles: is a mention the place itself, a government or people named by it, or where the reporter was?

- ``literal``: the place ("fighting near Bakhmut", "in Ukraine", "Russia's southern coast");
- ``metonymic``: what the place stands for ("Moscow said", "Kyiv's gains", "make Beijing do more");
- ``reporting``: where the story was filed ("KYIV, Ukraine (AP) —", "contributed reporting from Berlin").

>>> text = "Moscow’s forces fell back from Bakhmut, Kyiv said."
>>> [mention_role(text, s, e) for s, e in [(0, 6), (32, 39), (41, 45)]]
['metonymic', 'literal', 'metonymic']
>>> text = "Москва заявила, что в Москве тихо."
>>> [mention_role(text, s, e) for s, e in [(0, 6), (22, 28)]]
['metonymic', 'literal']
"""

from __future__ import annotations

import re

from geomap.inflection import starts_cyrillic

LOCATIVE = re.compile(
    r"\b(?:in|into|inside|within|near|nearby|around|across|at|to|toward|towards|from|outside|through|throughout|"
    r"over|along|of|on|off|past|beyond|between|behind|via|visit|visited|entered|captured|recaptured|liberated|"
    r"seized|took|shelled|struck|hit|attacked|bombed|reached)\s+(?:the\s+)?"
    # a part of it: "in northern Shan State", "across south-eastern Ukraine"
    r"(?:(?:central|northern|southern|(?:(?:north|south)-?)?(?:east|west)ern)\s+)?$",
    re.IGNORECASE,
)
GEOGRAPHIC_NOUNS = frozenset(
    "coast coastline border borders territory territories soil airspace waters side frontier outskirts "
    "region regions oblast part parts north south east west northeast northwest southeast southwest "
    "capital city cities towns villages countryside interior heartland mainland shore shores ports port "
    "skies sky land lands frontline front "
    # its parts and works: "Montego Bay's airport was closed", "Kharkiv's streets"
    "airport airports airfield harbour harbor bridge bridges streets roads station hospital hospitals suburbs "
    "suburb district districts neighbourhood neighbourhoods neighborhood neighborhoods downtown centre center "
    "beaches".split()
)
AGENT_VERBS = re.compile(
    r"^\s*(?:has|have|had|is|was|will|would|could|should|may|might|must|can|did|does)?\s*(?:not\s+)?"
    r"(?:said|says|say|announced|announces|claimed|claims|accused|accuses|denied|denies|warned|warns|wants|"
    r"wanted|insisted|insists|demanded|demands|responded|reported|stated|told|urged|urges|believes|hopes|"
    r"plans|refused|rejected|agreed|decided|launched|sent|signed|threatened|pledged|vowed|promised|comment|"
    r"commented|confirm|confirmed|respond|acknowledged|admitted|trying|tries|tried|seeks|sought|seeking|aims|"
    r"intends|expects)\b",
    re.IGNORECASE,
)
# The same cues in Ukrainian and Russian: a preposition before the name ("у Москві", "под Бахмутом") makes it
# the place; a verb of speaking or deciding after it ("Москва заявила", "Київ відповів") the government.
CYRILLIC_LOCATIVE = re.compile(
    r"(?:^|[\s(«\"])(?:у|в|во|на|біля|під|поблизу|неподалік|до|з|із|зі|від|над|за|через|між|по|около|под|"
    r"возле|вблизи|неподалеку|к|ко|от|из|со|вглиб|углиб|вглубь)\s+$",
    re.IGNORECASE,
)
CYRILLIC_AGENT_VERBS = re.compile(
    r"^\s*(?:не\s+)?(?:заяв|повідом|сообщ|наголос|подчеркн|вважа|счита|відпов|ответ|вимага|требу|звинуват|"
    r"обвин|заклика|призв|призыва|погрож|угрож|пообіця|пообеща|обіця|обеща|відмов|отказ|погоди|согласи|"
    r"виріши|решил|визна|призна|попереди|предупреди|запевни|заверил|підтверди|подтверди|запереч|отрица|"
    r"відкину|отверг|хоче|хочет|хотят|хочуть|прагне|стремит)[а-яіїєё]*",
    re.IGNORECASE,
)
# "contributed reporting from Berlin"; not with a distance between ("fighters were reported 20 km from Babanusa")
REPORTING = re.compile(
    r"(?:reporting|reported|contributed|writing|filed)\s+"
    r"(?:(?!\d|(?:km|kilomet\w*|miles?|met(?:re|er)s?)\b)\w+\s+){0,3}from\s+$",
    re.IGNORECASE,
)
POSSESSIVE = re.compile(r"^(?:'s|’s|')\s+(?:[\w-]+\s+)?([\w-]+)")
METONYMIC_OBJECT = re.compile(
    r"\b(?:make|makes|urging|urged|urge|pressed|pressing|asked|asking|told|telling)\s+$", re.I
)


# How far before a mention its cue words are looked for: a reporting line's few words, and a locative's
# longest word ("throughout") with "the", a part ("north-eastern") and room for runs of spaces. The patterns
# end at the mention, so searching the text up to it (not a copy) from this far back finds the same; a shorter
# reach is faster.
REACH = 60
LOCATIVE_REACH = 45
# Capitalised names listed before another, joined by commas and at most one "and" or "or", the last: "in Daraa
# and " before "Sweida", "near Homs, Hama or " before "Aleppo" (not "Shevchenko and Udachne, " before "Ukraine's
# General Staff said": a list ends at its "and"); sought this far back
_LISTED_NAME = r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*"
LISTED_BEFORE = re.compile(rf"(?:{_LISTED_NAME}, )*{_LISTED_NAME}(?:,? (?:and|or) |, )$")
LISTED_REACH = 80


def after_a_locative(text: str, start: int) -> bool:
    """Whether a locative ("in", "near", "shelled") comes before the name at ``start``, or before the first of
    the names listed with it: "fighters in Daraa and Sweida said" puts both in a place.

    >>> after_a_locative("Fighters in Daraa and Sweida said they held.", 22)
    True
    >>> after_a_locative("Daraa and Sweida said they held.", 10)
    False
    """
    listed = LISTED_BEFORE.search(text, max(0, start - LISTED_REACH), start)
    at = listed.start() if listed else start
    return bool(LOCATIVE.search(text, max(0, at - LOCATIVE_REACH), at))


def mention_role(text: str, start: int, end: int, dateline: bool = False) -> str:
    """The role of the mention at ``text[start:end]``, judged from the words around it."""
    after = text[end : end + 60]
    if dateline or REPORTING.search(text, max(0, start - REACH), start):
        return "reporting"
    cyrillic = starts_cyrillic(text[start:end])  # the Cyrillic cues only for a Cyrillic name
    if after_a_locative(text, start) or (
        cyrillic and CYRILLIC_LOCATIVE.search(text, max(0, start - LOCATIVE_REACH), start)
    ):
        return "literal"
    m = POSSESSIVE.match(after)
    if m:
        words = after.split()[1:3]
        return "literal" if any(w.strip(".,;:").lower() in GEOGRAPHIC_NOUNS for w in words) else "metonymic"
    if (
        AGENT_VERBS.match(after)
        or (cyrillic and CYRILLIC_AGENT_VERBS.match(after))
        or re.match(r"^\s*,\s*(?:which|who)\b", after)
    ):
        return "metonymic"
    if METONYMIC_OBJECT.search(text, max(0, start - REACH), start):
        return "metonymic"
    return "literal"


def place_role(roles: list[str]) -> str:
    """A place is literal if any mention is; else a reporting location if any mention is; else metonymic."""
    for role in ("literal", "reporting", "metonymic"):
        if role in roles:
            return role
    return "literal"
