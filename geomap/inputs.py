"""Inputs: the articles a file holds, read from whatever a user has, or a one-line reason why not.

A file is plain text (``.txt``, ``.md`` or anything else that decodes as text), a saved web page
(``.html``/``.htm``, or text that starts like one: the article, its title and date are extracted with
trafilatura, so scripts, menus and "Leave a Reply" boxes stay out), or JSON Lines (``.jsonl``: one object
per line with ``text`` and optionally ``title``, ``date``, ``url``, ``id``). ``-`` is standard input.
Encodings are detected (UTF-8 with or without BOM, UTF-16, legacy code pages such as Windows-1251/1252)
with charset-normalizer; binary files, PDFs and images are refused by their signature.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "dispatch.txt"
>>> _ = path.write_bytes("Обстріл Бахмута. Shelling hit Bakhmut.".encode("cp1251"))
>>> [(s.name, s.text) for s in read_sources(str(path))]
[('dispatch', 'Обстріл Бахмута. Shelling hit Bakhmut.')]
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from geomap.errors import InputError

# Far more than any article (a long one is 100 KB); reading stops here, so a 50 MB file costs no memory.
MAX_ARTICLE_BYTES = 4 * 1024 * 1024
# A web page whose extracted text is shorter than this holds menus or captions, not an article.
MIN_PAGE_WORDS = 8
# The encodings news text comes in besides Unicode: detection is only asked to choose among these, since
# in a short text one accented byte fits a dozen code pages and the rarer ones would win by chance.
LEGACY_ENCODINGS = [
    "cp1252",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "iso8859_15",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_kr",
]
# File signatures of formats that are not text, whatever their name says.
SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a Word/ODF document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
    b"RIFF": "a media file",
    b"{\\rtf": "an RTF document",
}
HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<body|<article|<meta|<!--)", re.IGNORECASE)
WORDS = re.compile(r"[^\W\d_]+")
# Control characters that are never text (all but tab, newline, carriage return and form feed).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Source:
    """One article as read: its text, a name for its output files, and what metadata the file gave."""

    text: str
    name: str
    title: str = ""
    date: str = ""
    url: str = ""


def read_sources(arg: str) -> list[Source]:
    """The articles ``arg`` holds: one for a text or HTML file, one per line for JSON Lines."""
    if arg.lower().endswith(".jsonl"):
        return [source for _, _, source in read_json_lines(arg)]
    data, label, name = _read_bytes(arg)
    return [_article(data, label, name, html=arg.lower().endswith((".html", ".htm")))]


def read_one(arg: str) -> Source:
    """The one article ``arg`` holds (commands that write one output per input need exactly one)."""
    sources = read_sources(arg)
    if len(sources) != 1:
        raise InputError(f"{arg}: holds {len(sources)} articles; map it with 'geomap map' to get one map each")
    return sources[0]


def _read_bytes(arg: str) -> tuple[bytes, str, str]:
    if arg == "-":
        return sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1), "standard input", "stdin"
    with _opened(arg) as f:
        data = f.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{arg}: larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB, far more than an article; "
            "split it, or give one article per line as .jsonl"
        )
    return data, arg, _default_name(arg)


@contextmanager
def _opened(arg: str) -> Iterator[BinaryIO]:
    """The file ``arg`` opened for reading bytes; a read error becomes an InputError."""
    path = Path(arg)
    if path.is_dir():
        raise InputError(f"{arg}: is a directory, not an article")
    try:
        with path.open("rb") as f:
            yield f
    except FileNotFoundError:
        raise InputError(f"{arg}: no such file") from None
    except OSError as e:
        raise InputError(f"{arg}: cannot read: {e.strerror or e}") from None


def _article(data: bytes, label: str, name: str, html: bool) -> Source:
    text = decode(data, label)
    if html or HTML_START.match(text[:1024]):
        return _from_html(text, label, name)
    return Source(text=_checked(text, label), name=name)


def decode(data: bytes, label: str) -> str:
    """Bytes as text: BOMs and UTF-8 first, then the encoding charset-normalizer finds most likely."""
    for signature, what in SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{label}: {what}, not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{label}: broken UTF-16 text") from None
    wide = data.count(b"\x00") > len(data) // 10  # UTF-16 without a BOM, or binary
    if not wide:
        try:
            return data.decode("utf-8-sig")  # stray NUL bytes in UTF-8 are dropped with the other controls
        except UnicodeDecodeError as e:
            if e.start >= len(data) - 3:  # a UTF-8 file cut mid-character: drop the partial character
                return data[: e.start].decode("utf-8-sig")
    if wide:
        return _utf16_without_bom(data, label)
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data, cp_isolation=LEGACY_ENCODINGS) if m.chaos <= 0.2]
    if not matches:
        raise InputError(f"{label}: binary data, not text in any known encoding")
    # in a short text several code pages read without "chaos"; the one that makes real words wins
    # (Cyrillic read as Windows-1250 gives "Îáńňđłë": every letter accented), then the commoner code page
    best = min(matches, key=lambda m: (round(m.chaos, 2), _odd_words(str(m)), LEGACY_ENCODINGS.index(m.encoding)))
    return str(best)


def _odd_words(text: str) -> int:
    """Words that no language writes: Latin letters mostly accented, or scripts mixed within a word."""
    odd = 0
    for word in WORDS.findall(text[:20_000]):
        if word.isascii():
            continue
        latin = [c for c in word if c < "\u0250"]
        accented = sum(not c.isascii() for c in latin)
        if (latin and len(latin) < len(word)) or accented > len(word) / 2:
            odd += 1
    return odd


def _utf16_without_bom(data: bytes, label: str) -> str:
    """UTF-16 with no byte-order mark: ASCII letters leave their zero byte on the odd (LE) or even (BE) side."""
    odd, even = data[1::2].count(0), data[0::2].count(0)
    encoding = "utf-16-le" if odd > 3 * even else "utf-16-be" if even > 3 * odd else ""
    try:
        text = data.decode(encoding) if encoding else ""
    except UnicodeDecodeError:
        text = ""
    if not text or sum(c.isprintable() or c.isspace() for c in text) < 0.95 * len(text):
        raise InputError(f"{label}: binary data, not text")
    return text


def _checked(text: str, label: str) -> str:
    text = CONTROL.sub(" ", text)
    if not text.strip():
        raise InputError(f"{label}: empty article")
    letters = sum(map(str.isalpha, text[:100_000]))
    if letters < 0.2 * min(len(text), 100_000):
        raise InputError(f"{label}: binary data or no prose (few letters), not an article")
    return text


def _from_html(html: str, label: str, name: str) -> Source:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None or len((doc.text or "").split()) < MIN_PAGE_WORDS:
        raise InputError(f"{label}: a web page with no article text in it")
    return Source(
        text=_checked(doc.text, label),
        name=name,
        title=doc.title or "",
        date=doc.date or "",
        url=doc.url or "",
    )


def read_json_lines(arg: str) -> list[tuple[int, int, Source]]:
    """The articles of a JSON Lines file, each with its line's number and byte offset (for
    :func:`read_json_line`; -1 in a UTF-16 file). A line that holds no article is an InputError.

    A day's or a month's export can be any size: it is read line by line, and each line is held to an
    article's limit.
    """
    found = []
    for n, offset, article in json_lines(arg):
        if isinstance(article, InputError):
            raise article
        found.append((n, offset, article))
    if not found:
        raise InputError(f"{arg}: no articles in it")
    return found


def json_lines(arg: str) -> Iterator[tuple[int, int, Source | InputError]]:
    """Each line of a JSON Lines file that is not blank: its number, its byte offset (-1 in a UTF-16 file)
    and its article, or the InputError that says why it holds none (for a batch, which goes on past it)."""
    for n, offset, raw in _numbered_lines(arg):
        try:
            article = _json_line(raw if isinstance(raw, str) else _line(raw, arg, n), arg, n)
        except InputError as e:
            article = e
        if article is not None:
            yield n, offset, article


def _numbered_lines(arg: str) -> Iterator[tuple[int, int, bytes | str]]:
    """A JSON Lines file's lines with their numbers and byte offsets, as bytes; a UTF-16 file's as text,
    at offset -1 (UTF-16 does not split at the byte b"\\n": such a file is read whole, as an article is)."""
    with _opened(arg) as f:
        utf16 = f.peek(2)[:2] in (b"\xff\xfe", b"\xfe\xff")
        if not utf16:
            offset = 0
            for n, raw in enumerate(iter(lambda: f.readline(LINE_LIMIT), b""), start=1):
                size = len(raw)
                if size == LINE_LIMIT and not raw.endswith(b"\n"):  # too long (as _line says): the rest of it
                    size += _skip_line(f)  # is not a line of its own
                yield n, offset, raw
                offset += size
    if utf16:
        for n, line in enumerate(decode(_read_bytes(arg)[0], arg).splitlines(), start=1):
            yield n, -1, line


def _skip_line(f: BinaryIO) -> int:
    """Read past the rest of a line; how many bytes that was."""
    skipped = 0
    while chunk := f.readline(LINE_LIMIT):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def read_json_line(arg: str, n: int, offset: int) -> Source:
    """The article on line ``n`` of a JSON Lines file, which starts ``offset`` bytes in (as
    :func:`read_json_lines` found it): a worker reads its own article, not the whole export."""
    with _opened(arg) as f:
        f.seek(offset)
        source = _json_line(_line(f.readline(LINE_LIMIT), arg, n), arg, n)
    if source is None:
        raise InputError(f"{arg}: line {n} is empty now; the file changed while it was being mapped")
    return source


# A line, newline included, may be as long as an article.
LINE_LIMIT = MAX_ARTICLE_BYTES + 1


def _line(raw: bytes, label: str, n: int) -> str:
    if len(raw) == LINE_LIMIT and not raw.endswith(b"\n"):
        raise InputError(
            f"{label}: line {n} is larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB, far more than an article"
        )
    return decode(raw, f"{label} line {n}") if raw.strip() else ""


def _json_line(line: str, label: str, n: int) -> Source | None:
    """The article on line ``n`` of the file ``label``, or None for a blank line."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except ValueError:
        raise InputError(f"{label}: line {n} is not JSON") from None
    fields = {field: _field(obj, names) for field, names in JSON_FIELDS.items()} if isinstance(obj, dict) else {}
    if not fields.get("text"):
        raise InputError(f'{label}: line {n} has no "text" string')
    ident = _file_name(str(obj.get("id") or ""), line_name(label, n))
    text = _checked(fields.pop("text"), f"{label} line {n}")
    return Source(text=text, name=ident, **fields)


# The keys of an article's fields in a JSON Lines line: geomap's own first, then those of common news
# exports (news-please's maintext and date_publish, newspaper's and Media Cloud's publish_date, NewsAPI's
# publishedAt), so that their files need no conversion.
JSON_FIELDS = {
    "text": ("text", "maintext"),
    "title": ("title", "headline"),
    "date": ("date", "date_publish", "publish_date", "publishedAt", "published"),
    "url": ("url", "link"),
}


def _field(obj: dict, names: tuple[str, ...]) -> str:
    """The first of ``names`` that ``obj`` holds as a string with more than spaces in it."""
    return next((obj[k] for k in names if isinstance(obj.get(k), str) and obj[k].strip()), "")


def line_name(arg: str, n: int) -> str:
    """The output name of line ``n`` of a JSON Lines file whose object has no id.

    >>> line_name("exports/day.jsonl", 3)
    'day-3'
    """
    return f"{_default_name(arg)}-{n}"


def _default_name(arg: str) -> str:
    """The output name of a file's article (a JSON Lines line without an id adds its number)."""
    return _file_name(Path(arg).stem, "article")


def _file_name(text: str, fallback: str) -> str:
    """``text`` made safe as an output file name ("$(rm -rf ~) <x>" -> "rm_-rf_x"), or ``fallback``."""
    return re.sub(r"[^\w.-]+", "_", text).strip("._") or fallback


def unique_names(names: list[str], reserved: Iterable[str] = ()) -> list[str]:
    """Output names, one per article: "report", then "report-2" when a second input has the same name. No
    two are the same, nor any the same as a ``reserved`` one (the outputs a run writes besides), compared
    case-blind, as file names are on macOS and Windows.

    >>> unique_names(["report", "day", "report", "report-2", "Day"])
    ['report', 'day', 'report-2', 'report-2-2', 'Day-2']
    >>> unique_names(["combined"], reserved=["combined"])
    ['combined-2']
    """
    taken = {name.casefold() for name in reserved}
    tried: dict[str, int] = {}  # the last number tried for each name: many repeats cost no more than one
    out = []
    for name in names:
        n = tried.get(name.casefold(), 1)
        candidate = name if n == 1 else f"{name}-{n}"
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{name}-{n}"
        tried[name.casefold()] = n
        taken.add(candidate.casefold())
        out.append(candidate)
    return out
