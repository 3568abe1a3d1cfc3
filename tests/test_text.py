from geomap.text import Document, split_sentences


def test_sentences_do_not_break_after_abbreviations():
    text = "Mr. Prigozhin spoke. The U.S. said no. Gen. Syrsky agreed!"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Mr. Prigozhin spoke.", "The U.S. said no.", "Gen. Syrsky agreed!"]


def test_title_is_a_short_first_line_without_full_stop():
    assert Document.from_text("Strikes near Bakhmut\n\nBody text.").title == "Strikes near Bakhmut"
    assert Document.from_text("A first sentence.\nMore.").title == ""


def test_sentence_of_offset(seed_text):
    doc = Document.from_text(seed_text)
    at = seed_text.index("up to two kilometers")
    assert "retreated to a distance of up to two kilometers" in doc.sentence_text(at)
