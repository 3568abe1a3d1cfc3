from geomap.folding import fold, name_key


def test_fold_keeps_length_and_maps_marks_apostrophes_and_dashes():
    text = "Zaporizhzhia’s Velyka‑Novosilka Mar’ïnka"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "zaporizhzhia's velyka novosilka mar'inka"


def test_name_key_collapses_spaces_and_case():
    assert name_key("  Sea   of AZOV ") == "sea of azov"
    assert name_key("Київ") == name_key("КИЇВ")
