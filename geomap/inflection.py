"""Cyrillic place names in any grammatical case.

Ukrainian and Russian decline their place names: a report says "бої біля Бахмута", "у Харкові",
"под Авдеевкой", where the gazetteer knows Бахмут, Харків and Авдеевка. The morphological analyser
pymorphy3 (with its Ukrainian and Russian dictionaries) gives each word's nominative forms, and the
gazetteer decides which of them is a place.

>>> nominatives("Бахмута")[0]
'бахмут'
>>> "харків" in nominatives("Харкові")
True
>>> "авдеевка" in nominatives("Авдеевкой")
True
>>> nominative_phrases(["Великої", "Новосілки"])[0]
'велика новосілка'
>>> nominatives("Kharkiv")
()
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from geomap.folding import name_key

if TYPE_CHECKING:
    import pymorphy3

CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
# letters only one of the two languages writes: they say which analyser to ask first
UKRAINIAN_ONLY = re.compile(r"[іїєґ]", re.IGNORECASE)
RUSSIAN_ONLY = re.compile(r"[ыэёъ]", re.IGNORECASE)
# a word rarely has more readings than this that differ in their nominative
MAX_FORMS = 6
# a name of several words is looked up in at most this many combinations of its words' forms
MAX_PHRASES = 12
# the words of a name: "Ростове-на-Дону" declines its first word alone
NAME_PARTS = re.compile(r"[\s\-‑]+")
# prepositions inside names, after which the words keep their case: "Ростов-на-Дону", "Комсомольськ-на-Амурі"
NAME_PREPOSITIONS = frozenset({"на", "над", "под", "під"})


@lru_cache(maxsize=1)
def _analysers() -> dict[str, pymorphy3.MorphAnalyzer]:
    # loaded on the first Cyrillic word only: an English article never pays for the analyser or its dictionaries
    import pymorphy3

    return {"uk": pymorphy3.MorphAnalyzer(lang="uk"), "ru": pymorphy3.MorphAnalyzer(lang="ru")}


def starts_cyrillic(text: str) -> bool:
    """Whether ``text`` opens with a Cyrillic letter: the cheap test that keeps English text off this module."""
    return "\u0400" <= text[:1] <= "\u04ff"


@lru_cache(maxsize=8)
def language(text: str) -> str:
    """ "uk" or "ru" by the letters only one of the two writes, "" for a text with no Cyrillic.

    Remembered for the few texts last asked about: a whole article's language is asked once per name in it.

    >>> language("Бої тривають біля Бахмута"), language("Бои идут под Бахмутом"), language("Kyiv")
    ('uk', 'ru', '')
    """
    return _language_by_letters(text)


def _language_by_letters(text: str) -> str:
    uk, ru = len(UKRAINIAN_ONLY.findall(text)), len(RUSSIAN_ONLY.findall(text))
    if uk > ru:
        return "uk"
    # a Ukrainian sentence seldom lacks і or ї, so Cyrillic without them is Russian
    return "ru" if ru or CYRILLIC.search(text) else ""


def _languages(word: str, text_language: str) -> tuple[str, ...]:
    # the word's own letters decide first, then the text's; a word and text that show neither try both
    # (not through language()'s memory: single words would push the article out of it)
    own = _language_by_letters(word) if UKRAINIAN_ONLY.search(word) or RUSSIAN_ONLY.search(word) else ""
    first = own or text_language or "uk"
    return (first,) if own else (first, "ru" if first == "uk" else "uk")


@lru_cache(maxsize=65536)
def nominatives(word: str, text_language: str = "") -> tuple[str, ...]:
    """The nominative forms ``word`` may be a case of, lower-cased, the likeliest first.

    ``text_language`` ("uk", "ru" or "") is the language of the text around the word (see :func:`language`);
    the analyser of that language is asked first.

    Each reading keeps its gender and number ("Великої" -> "велика"), and its dictionary form follows
    ("Покровська" -> "покровська", "покровський"). A word with no Cyrillic letter has none.
    """
    if not CYRILLIC.search(word):
        return ()
    analysers = _analysers()
    forms: list[str] = []
    for lang in _languages(word, text_language):
        for parse in analysers[lang].parse(word):
            nominative = parse.inflect({"nomn"})
            for form in (nominative.word if nominative else "", parse.normal_form):
                if form and form not in forms:
                    forms.append(form)
    return tuple(forms[:MAX_FORMS])


def declined_keys(span: str, key: str, text_language: str = "") -> tuple[str, ...]:
    """The span's folded ``key``, then the keys of its nominative forms: the names to look a Cyrillic name up by,
    whatever its case ("біля Бахмута" names Бахмут).

    >>> declined_keys("Великої Новосілки", "великоі новосілки", "uk")[:2]
    ('великоі новосілки', 'велика новосілка')
    >>> declined_keys("Ростове-на-Дону", "ростове на дону", "ru")[1]
    'ростов на дону'
    """
    words = NAME_PARTS.split(span)
    return tuple(dict.fromkeys([key, *(name_key(p) for p in nominative_phrases(words, text_language))]))


def nominative_phrases(words: list[str], text_language: str = "") -> list[str]:
    """The nominative forms of a name of several words, each word declined alone, the likeliest first.

    A word with no Cyrillic letter stays as it is, and so do the words after a preposition, which governs their
    case whatever the sentence's: "Ростове-на-Дону" is Ростов-на-Дону, not Ростов-на-Дон.
    """
    choices = []
    governed = False
    for w in words:
        choices.append((w.lower(),) if governed else nominatives(w, text_language) or (w.lower(),))
        governed = governed or w.lower() in NAME_PREPOSITIONS
    return [" ".join(p) for p in itertools.islice(itertools.product(*choices), MAX_PHRASES)]


@lru_cache(maxsize=65536)
def qualifies(adjective: str, noun: str, text_language: str = "") -> bool:
    """Whether ``adjective`` may be an attribute of the common ``noun`` after it: same case, gender and number.

    "на Запорожском направлении" speaks of an axis, "Харківського району" of a district: the adjective is
    no place of its own, though a village may bear its nominative.

    >>> qualifies("Запорожском", "направлении")
    True
    >>> qualifies("Степового", "вчора")
    False
    """
    for lang in _languages(adjective + noun, text_language):
        analyser = _analysers()[lang]
        # a guess for an unknown word is no evidence: "вчора" is only a noun to the Russian analyser
        nouns = [q.tag for q in analyser.parse(noun) if q.tag.POS == "NOUN" and q.is_known]
        for p in analyser.parse(adjective):
            if p.tag.POS != "ADJF":
                continue
            for tag in nouns:
                if p.tag.case == tag.case and p.tag.number == tag.number:
                    if tag.number == "plur" or p.tag.gender == tag.gender:
                        return True
    return False
