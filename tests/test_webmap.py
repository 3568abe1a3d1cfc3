"""The HTML map: self-contained, escaped, one marker per place."""

import os
import re

import pytest

import geomap
from geomap.errors import OutputError
from geomap.webmap import check_offline, render_map, safe_text, save_map

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> ${alert(3)} `x` C:\\temp </script>"


def test_safe_text_neutralises_html_and_template_literals():
    out = safe_text(HOSTILE)
    assert "<" not in out and ">" not in out and "$" not in out and "`" not in out and "\\" not in out


def test_article_text_never_runs_as_a_template(tmp_path, monkeypatch):
    """branca compiles rendered map pieces as Jinja templates: "{{ ... }}" in an article must stay text."""
    monkeypatch.delenv("GEOMAP_TEMPLATE_RAN", raising=False)
    payload = "{{ cycler.__init__.__globals__.os.environ.__setitem__('GEOMAP_TEMPLATE_RAN', '1') }} {{ 6*7 }}"
    article = geomap.parse(f"Shelling hit Bakhmut on Monday, {payload} said {{% raw %}} officials in Kramatorsk.")
    path = tmp_path / "jinja.html"
    save_map(render_map(article), path)
    html = path.read_text()
    assert "GEOMAP_TEMPLATE_RAN" not in os.environ and " 42 " not in html
    assert "&#123;&#123; 6*7 &#125;&#125;" in html


def test_corpus_map_text_never_runs_as_a_template(tmp_path, monkeypatch):
    from geomap.corpus import article_rows, render_corpus_map

    monkeypatch.delenv("GEOMAP_TEMPLATE_RAN", raising=False)
    payload = "{{ cycler.__init__.__globals__.os.environ.__setitem__('GEOMAP_TEMPLATE_RAN', '1') }} {{ 6*7 }}"
    text = f"Shelling hit Bakhmut on Monday, {payload} said officials in Kramatorsk."
    article = geomap.parse(text, title=f"Report {payload}", url=f"https://example.org/{payload}")
    path = tmp_path / "corpus.html"
    save_map(render_corpus_map(article_rows(article, "a1")), path)
    assert "GEOMAP_TEMPLATE_RAN" not in os.environ and " 42 " not in path.read_text()


def test_seed_map_is_offline_and_complete(seed_article, tmp_path):
    path = tmp_path / "seed.html"
    save_map(render_map(seed_article), path)
    html = path.read_text()
    check_offline(html)
    assert len(html) < 2_000_000
    assert html.count("L.marker(") == len(seed_article.places)
    drawn = [d for d in seed_article.distances if d.meters and d.anchor_id]
    assert html.count("geo_json_") >= len(drawn)
    assert "GeoNames" in html and "Natural Earth" in html


def test_hostile_text_is_escaped(tmp_path):
    article = geomap.parse(f"{HOSTILE}\n\nShelling hit Bakhmut. {HOSTILE}")
    path = tmp_path / "hostile.html"
    save_map(render_map(article), path)
    html = path.read_text()
    assert "<script>alert(1)" not in html and "onerror=alert(2)>" not in html and "${alert(3)}" not in html


def test_a_distance_stated_twice_is_one_shape_whose_tip_gives_both_sentences(tmp_path):
    lede = "Andriivka is about 13 kilometers south of Bakhmut."
    article = geomap.parse(f"{lede} Shelling went on. Reporters saw it <b>again</b>: {lede}")
    path = tmp_path / "twice.html"
    save_map(render_map(article), path)
    html = path.read_text()
    assert html.count("about 13 kilometers (about) around Bakhmut") == 1
    assert "Stated again: Reporters saw it &lt;b&gt;again&lt;/b&gt;" in html


def test_guard_refuses_network_references():
    with pytest.raises(OutputError):
        check_offline('<script src="https://cdn.example/leaflet.js"></script>')
    with pytest.raises(OutputError):
        check_offline('L.tileLayer("https://tile.example/{z}/{x}/{y}.png")')


def test_module_level_folium_lists_are_untouched(seed_article):
    import folium

    before = list(folium.Map.default_js)
    render_map(seed_article)
    assert folium.Map.default_js == before
    assert any(re.match(r"https?://", url) for _, url in before)


def test_geomap_render_stays_a_function_once_the_map_module_is_loaded():
    import geomap.webmap  # the CLI and batch load it; it must not shadow geomap.render

    m = geomap.render(geomap.parse("Shelling hit Kharkiv.", ner=False))
    assert "Kharkiv" in m.get_root().render()
