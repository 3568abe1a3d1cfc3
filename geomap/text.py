"""A document: the article's text, its sentences as character spans, and its metadata.

>>> doc = Document.from_text("Strikes near Bakhmut\\n\\nKYIV, Ukraine — Shelling hit Bakhmut. Mr. Smith left.")
>>> doc.title
'Strikes near Bakhmut'
>>> [doc.text[s:e] for s, e in doc.sentences][1:]
['KYIV, Ukraine — Shelling hit Bakhmut.', 'Mr. Smith left.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col maj sgt capt adm cmdr rep sen gov st mt ft vs jan feb mar apr jun jul aug "
    "sep sept oct nov dec u.s u.k u.n e.g i.e etc approx est inc corp co jr sr prof".split()
)
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
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
        sentences = split_sentences(text)
        if not title:
            title = guess_title(text)
        if not date:
            found = DATE.search(text[:2000])
            date = found.group(0) if found else ""
        return cls(text=text, sentences=tuple(sentences), title=title, date=date, url=url)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The (start, end) span of the sentence holding character ``offset``."""
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return (0, len(self.text))

    def sentence_text(self, offset: int) -> str:
        start, end = self.sentence_of(offset)
        return self.text[start:end]


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
    """The first line, when it reads like a headline (short, no closing full stop)."""
    first = text.strip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 200 and not first.endswith(".") else ""
