"""A document: the article's text, its sentences as character spans, and its metadata.

>>> doc = Document.from_text("Strikes near Bakhmut\\n\\nKYIV, Ukraine — Shelling hit Bakhmut. Mr. Smith left.")
>>> doc.title
'Strikes near Bakhmut'
>>> [doc.text[s:e] for s, e in doc.sentences][1:]
['KYIV, Ukraine — Shelling hit Bakhmut.', 'Mr. Smith left.']
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col maj sgt capt adm cmdr rep sen gov st mt ft vs jan feb mar apr jun jul aug "
    "sep sept oct nov dec u.s u.k u.n e.g i.e etc approx est inc corp co jr sr prof".split()
)
# Characters that change no word but split one for a matcher ("Bakh\u00admut") or reorder text on screen
# (bidirectional overrides, used to disguise hostile text): dropped before anything reads the text.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# The longest sentence quoted whole; longer ones are quoted as a window around the place or distance.
MAX_QUOTE = 600
SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9А-ЯЁІЇЄҐ])|\n\s*\n|\n(?=\S)")
DATE = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}"
    r"|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}|\d{4}-\d{2}-\d{2})\b"
)


@dataclass(frozen=True)
class Document:
    """Normalised article text with sentence spans and metadata (title, date, url)."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    title: str = ""
    date: str = ""
    url: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, title: str = "", date: str = "", url: str = "") -> Document:
        text = INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        sentences = split_sentences(text)
        if not title:
            title = guess_title(text)
        if not date:
            found = DATE.search(text[:2000])
            date = found.group(0) if found else ""
        return cls(text=text, sentences=tuple(sentences), title=title, date=date, url=url)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The (start, end) span of the sentence holding character ``offset``."""
        return sentence_at(self.sentences, offset, len(self.text))

    def sentence_text(self, offset: int) -> str:
        """The sentence holding ``offset``, as quoted on maps; a run-on "sentence" (a text with no full stops,
        a 5 MB line) is quoted as the words around the offset, so that no quote outgrows a popup."""
        start, end = self.sentence_of(offset)
        if end - start <= MAX_QUOTE:
            return self.text[start:end]
        lo, hi = max(start, offset - MAX_QUOTE // 2), min(end, offset + MAX_QUOTE // 2)
        return ("…" if lo > start else "") + self.text[lo:hi].strip() + ("…" if hi < end else "")


def sentence_at(sentences: Sequence[tuple[int, int]], offset: int, text_length: int) -> tuple[int, int]:
    """The span among ``sentences`` (sorted, disjoint) that holds ``offset``, or the whole text.

    A binary search: a 5 MB text has a hundred thousand sentences, and every mention asks.
    """
    i = bisect.bisect_right(sentences, (offset, math.inf)) - 1
    if i >= 0 and sentences[i][0] <= offset < sentences[i][1]:
        return sentences[i]
    return (0, text_length)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: breaks at ., ! or ? before a capital, and at line breaks; not after "Mr." or "U.S."."""
    spans = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        before = text[start : m.start()].rsplit(None, 1)
        last = before[-1].lower().rstrip(".") if before else ""
        if m.group(0).startswith(".") and (last in ABBREVIATIONS or re.fullmatch(r"[a-z]", last)):
            continue
        end = m.start() + len(m.group(0).rstrip())
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def guess_title(text: str) -> str:
    """The first line, when it reads like a headline (short, no closing full stop) above a body of text."""
    first, _, body = text.strip().partition("\n")
    first = first.strip()
    return first if 0 < len(first) <= 200 and not first.endswith(".") and body.strip() else ""
