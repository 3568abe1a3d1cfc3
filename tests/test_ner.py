"""NER hints from the pinned spaCy model: asked only about doubtful mentions, used only as evidence."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import geomap
from geomap import ner
from geomap.mentions import find_mentions
from geomap.text import Document


def test_the_pinned_model_is_installed():
    assert ner.available()  # scripts/setup.sh installs it by hash; without it the default pipeline is weaker


def test_the_model_tokenizer_left_unloaded_is_the_default_one():
    import spacy

    saved = spacy.load(ner.MODEL, exclude=[c for c in ner.NOT_LOADED if c != "tokenizer"]).tokenizer
    assert ner._model().tokenizer.to_bytes(exclude=["vocab"]) == saved.to_bytes(exclude=["vocab"])  # rules only


def test_only_doubtful_mentions_are_labelled():
    doc = Document.from_text("Shells hit Kharkiv. Vovchansk was evacuated on Monday.")
    labelled = ner.label_mentions(doc, find_mentions(doc))
    assert [(m.text, m.ner) for m in labelled] == [("Kharkiv", ""), ("Vovchansk", "GPE")]


def test_a_place_label_keeps_a_small_place_named_first_in_its_sentence():
    text = "Shells hit Kharkiv. Vovchansk was evacuated on Monday."
    assert [p.name for p in geomap.parse(text).places] == ["Kharkiv", "Vovchansk"]
    assert [p.name for p in geomap.parse(text, ner=False).places] == ["Kharkiv"]
    assert "the NER model labels it a place" in geomap.parse(text).place("Vovchansk").evidence


def test_run_on_text_is_not_sent_to_the_model():
    text = "Shells hit Kharkiv and " + "then " * 600 + "Vovchansk was evacuated"  # one 3,000-character sentence
    doc = Document.from_text(text)
    assert all(m.ner == "" for m in ner.label_mentions(doc, find_mentions(doc)))


def test_no_ner_on_the_command_line(tmp_path, capsys):
    from geomap.cli import main

    src = tmp_path / "a.txt"
    src.write_text("Shells hit Kharkiv. Vovchansk was evacuated on Monday.")
    assert main(["places", str(src), "--no-ner"]) == 0
    assert "Vovchansk" not in capsys.readouterr().out
    assert main(["places", str(src)]) == 0
    assert "Vovchansk" in capsys.readouterr().out


def test_a_helper_process_reads_and_its_labels_are_the_ones_read_here(seed_text):
    doc = Document.from_text(seed_text + " Vovchansk was evacuated on Monday.")
    mentions = find_mentions(doc)
    here = ner.label_mentions(doc, mentions)
    ner._pipeline.cache_clear()  # as in a fresh process: no model loaded here
    ner._model.cache_clear()
    try:
        ner.warm_up()
        assert ner._helper is not None
        process = ner._helper[1]
        helped = ner.label_mentions(doc, mentions)
        assert ner._model.cache_info().currsize == 0  # the helper's reading was enough
        assert helped == here and any(m.ner for m in helped)
        process.kill()  # a helper that died: this process reads by itself again
        process.join()
        assert ner.label_mentions(doc, mentions) == here and ner._helper is None
    finally:
        ner._helper = None


def _running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie waiting to be reaped does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def test_the_helper_ends_when_its_caller_is_killed():
    """A killed command line must not leave its helper (and the model's memory) behind for good."""
    code = "from geomap import ner; ner.warm_up(); print(ner._helper[1].pid, flush=True); import time; time.sleep(60)"
    caller = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    helper = int(caller.stdout.readline())
    assert _running(helper)
    caller.kill()
    caller.wait()
    deadline = time.monotonic() + 60
    while _running(helper) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(helper)


def test_the_helper_loads_the_model_without_spacy_s_command_line(seed_text):
    """The helper's process leaves spaCy's command line unimported (0.3 s of its load) and reads the same."""
    code = (
        "import json, sys; from geomap import ner; ner._without_spacy_cli(); nlp = ner._model();"
        "print(json.dumps(['typer' in sys.modules, ner._entities(nlp, [sys.stdin.read()])]))"
    )
    run = subprocess.run([sys.executable, "-c", code], input=seed_text, capture_output=True, text=True, check=True)
    cli_imported, entities = json.loads(run.stdout)
    assert not cli_imported
    assert json.loads(json.dumps(ner._entities(ner._model(), [seed_text]))) == entities  # labels as a list's
