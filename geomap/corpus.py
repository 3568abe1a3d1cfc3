"""A corpus: many articles' places and distances as rows, written as one dataset and drawn as one map.

A row is one place mention or one distance, with the article it comes from (id, title, date, url) and the
sentence that states it; rows are plain dicts holding a GeoJSON geometry, so workers can send them back.

>>> import geomap
>>> article = geomap.parse("Shelling hit Bakhmut, 13 km from Soledar, officials in Kyiv said.", date="2024-05-01")
>>> rows = article_rows(article, "a1")
>>> [(r["role"], r["name"], r["article"], r["date"]) for r in rows][:2]
[('place', 'Bakhmut', 'a1', '2024-05-01'), ('place', 'Soledar', 'a1', '2024-05-01')]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.article import Article
from geomap.geojson import MAX_DRAWN_DISTANCES, article_to_geojson, encode, point_geometry
from geomap.outputs import write_atomic, write_file_atomic

# Per-article layers on the combined map while there are few articles; past this, one layer for all.
LAYERS_PER_ARTICLE_UP_TO = 20
# A pin's popup lists the articles that name its place, newest first, up to this many; the combined dataset
# holds every mention. A month of reporting names Bakhmut in hundreds of articles.
PIN_ARTICLES_UP_TO = 50
# Bind each pin's popup and tooltip, and each distance shape's tooltip, in the browser: escaped HTML made
# by _pin and render_corpus_map.
PIN_POPUP_JS = """function (feature, layer) {
    layer.bindPopup(feature.properties.popup, {maxWidth: 360, maxHeight: 320});
    layer.bindTooltip(feature.properties.tooltip);
}"""
SHAPE_TOOLTIP_JS = """function (feature, layer) {
    layer.bindTooltip(feature.properties.tooltip, {sticky: true});
}"""
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")

if TYPE_CHECKING:
    import folium


def article_rows(article: Article, article_id: str, fc: dict | None = None) -> list[dict]:
    """One row per place mention and per distance of ``article``, each with the article's id and metadata.

    ``fc`` is the article's GeoJSON when the caller has made it already (its distance shapes are reused).
    """
    meta = {"article": article_id, **article.metadata, "date": iso_date(article.document.date)}
    rows = []
    for p in article.places:
        for m in p.mentions:
            rows.append(
                {
                    **meta,
                    "role": "place",
                    "name": p.name,
                    "mention": m.text,
                    "kind": p.kind,
                    "country": p.country,
                    "place_role": m.role,
                    "confidence": p.confidence,
                    "gazetteer_id": p.id,
                    "start": m.start,
                    "end": m.end,
                    "sentence": m.sentence,
                    "meters": None,
                    "qualifier": "",
                    "anchor": "",
                    "shape": "",
                    "geometry": point_geometry(p),
                }
            )
    fc = fc or article_to_geojson(article)
    distances = [f for f in fc["features"] if f["properties"]["role"] == "distance"]
    for f in distances:
        props = f["properties"]
        rows.append(
            {
                **meta,
                "role": "distance",
                "name": props["text"],
                "mention": props["text"],
                "kind": "distance",
                "country": "",
                "place_role": "",
                "confidence": None,
                "gazetteer_id": props["anchor_id"] or "",
                "start": props["span"][0],
                "end": props["span"][1],
                "sentence": props["sentence"],
                "meters": props["meters"],
                "qualifier": props["qualifier"],
                "anchor": props["anchor"] or "",
                "shape": props["shape"],
                "geometry": f["geometry"],
            }
        )
    return rows


def iso_date(text: str) -> str:
    """ "2024-05-01", "May 1, 2024", "1 May 2024" as an ISO date; "" when there is none to be read."""
    if not text:
        return ""
    if ISO_DATE.match(text):
        return text[:10]
    from datetime import datetime

    for fmt in ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d %B %Y", "%d %b %Y", "%b. %d, %Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def rows_to_geojson(rows: list[dict]) -> dict:
    """The rows as one RFC 7946 FeatureCollection."""
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": r["geometry"], "properties": _without_geometry(r)} for r in rows],
    }


def _without_geometry(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "geometry"}


def write_datasets(rows: list[dict], out_dir: Path, stem: str = "combined") -> list[Path]:
    """``combined.geojson``, ``combined.parquet`` (GeoParquet) and ``combined.gpkg`` (layers ``places`` and
    ``distances``, so each layer has one geometry type, as QGIS prefers), each written atomically."""
    import geopandas
    from shapely.geometry import shape

    out_dir = Path(out_dir)
    geojson_path = out_dir / f"{stem}.geojson"
    write_atomic(geojson_path, encode(rows_to_geojson(rows)))
    columns = [k for k in (rows[0] if rows else {"role": ""}) if k != "geometry"]
    frame = geopandas.GeoDataFrame(
        [{k: r[k] for k in columns} for r in rows],
        columns=columns,
        geometry=[shape(r["geometry"]) if r["geometry"] else None for r in rows],
        crs="EPSG:4326",
    )
    parquet_path = out_dir / f"{stem}.parquet"
    write_file_atomic(parquet_path, lambda tmp: frame.to_parquet(tmp))
    gpkg_path = out_dir / f"{stem}.gpkg"

    def gpkg(tmp: Path) -> None:
        tmp.unlink()  # the GeoPackage driver makes its own file; an empty one is not a GeoPackage
        areal = frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])
        layers = {
            "places": frame[frame["role"] == "place"],
            # one geometry type per layer: drawn shapes as multipolygons; vague or undrawn ones at their anchor
            "distances": frame[(frame["role"] == "distance") & areal].assign(
                geometry=lambda f: f.geometry.apply(_as_multipolygon)
            ),
            "distance_points": frame[(frame["role"] == "distance") & (frame.geometry.geom_type == "Point")],
        }
        for layer, part in layers.items():
            if len(part):
                part.to_file(tmp, layer=layer, driver="GPKG")

    write_file_atomic(gpkg_path, gpkg)
    return [geojson_path, parquet_path, gpkg_path]


def _as_multipolygon(geom):
    from shapely.geometry import MultiPolygon

    return geom if geom.geom_type == "MultiPolygon" else MultiPolygon([geom])


def render_corpus_map(rows: list[dict], title: str = "geomap corpus") -> folium.Map:
    """One offline map of many articles: pins linking back to their article and sentence, a heat layer of
    mention density, a time slider by article date, distance shapes, and per-article layers when few."""
    # here, not at the top: a Dask worker builds rows and never a map, and folium costs it ~80 MB
    import folium
    from folium.plugins import HeatMap, Timeline, TimelineSlider
    from folium.utilities import JsCode

    from geomap import webmap

    places = [r for r in rows if r["role"] == "place" and r["place_role"] != "reporting"]
    points = [(r["geometry"]["coordinates"][0], r["geometry"]["coordinates"][1]) for r in places]
    bounds = webmap.bounds_of(points)
    m = folium.Map(tiles=None, control_scale=True)
    webmap.offline_assets(m)
    webmap.basemap(m, {r["country"] for r in places if r["country"]}, bounds)
    articles = list(dict.fromkeys(r["article"] for r in rows))
    layers: dict[str, list[dict]] = {}
    for r in places:
        name = f"Article {r['article']}" if len(articles) <= LAYERS_PER_ARTICLE_UP_TO else "Places"
        layers.setdefault(name, []).append(r)
    for name, mentions in layers.items():
        pins = [_pin(group) for group in _by_place(mentions)]
        # one GeoJSON layer of pins, not a folium marker per pin: folium compiles templates for every
        # marker, popup and tooltip, which took minutes for a corpus of thousands of articles
        folium.GeoJson(
            {"type": "FeatureCollection", "features": pins},
            name=name,
            marker=folium.CircleMarker(radius=5, fill=True, fill_opacity=0.8),
            on_each_feature=JsCode(PIN_POPUP_JS),
        ).add_to(m)
    drawn = [r for r in rows if r["role"] == "distance" and r["geometry"] and r["geometry"]["type"] != "Point"]
    shapes = [
        {
            "type": "Feature",
            "geometry": r["geometry"],
            "properties": {"style": webmap.shape_style(r["shape"]), "tooltip": "<br>".join(_provenance(r))},
        }
        for r in drawn[:MAX_DRAWN_DISTANCES]
    ]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": shapes}, name="Distances", on_each_feature=JsCode(SHAPE_TOOLTIP_JS)
    ).add_to(m)
    if points:
        heat = HeatMap([[lat, lon] for lon, lat in points], name="Mention density", show=False)
        heat.add_to(m)
        webmap.inline_plugin_js(m, heat, {"leaflet_heat": webmap.folium_template("leaflet_heat.min.js")})
    dated = [r for r in places if r["date"]]
    if dated:
        # circle markers: Leaflet's default marker is an image file, which an offline page does not have
        circles = JsCode("function (f, at) { return L.circleMarker(at, {radius: 6, color: '#1f618d'}); }")
        timeline = Timeline(_timeline_features(dated), name="By article date", pointToLayer=circles)
        timeline.add_to(m)
        slider = TimelineSlider(auto_play=False, date_options="YYYY-MM-DD", enable_keyboard_controls=True)
        slider.add_timelines(timeline)
        slider.add_to(m)
        for element in (timeline, slider):
            scripts = {"moment": webmap.asset("moment.min.js"), "timeline": webmap.asset("leaflet.timeline.js")}
            webmap.inline_plugin_js(m, element, scripts)
    folium.LayerControl(collapsed=True).add_to(m)
    webmap.title_box(m, title, f"{len(articles)} articles, {len(places)} place mentions")
    west, south, east, north = bounds
    m.fit_bounds([[south, west], [north, east]])
    return m


def _by_place(mentions: list[dict]) -> list[list[dict]]:
    """Place mentions grouped by the place they resolved to: pins at one point hide all but the top one."""
    groups: dict[tuple, list[dict]] = {}
    for r in mentions:
        groups.setdefault((r["gazetteer_id"], *r["geometry"]["coordinates"]), []).append(r)
    return list(groups.values())


def _pin(mentions: list[dict]) -> dict:
    """A place as a GeoJSON point whose properties hold its colour (its mentions' commonest role), its size
    (by mentions) and its escaped popup (the articles that name it) and tooltip."""
    from geomap.webmap import ROLE_COLORS, safe_text

    role = Counter(r["place_role"] for r in mentions).most_common(1)[0][0]
    color = ROLE_COLORS.get(role, "#333")
    by_article: dict[str, list[dict]] = {}
    for r in sorted(mentions, key=lambda r: r["date"] or "", reverse=True):
        by_article.setdefault(r["article"], []).append(r)
    parts = [
        "<br>".join([_heading(mentions[0]), f"{_counted(mentions, 'mention')} in {_counted(by_article, 'article')}"])
    ]
    for same in list(by_article.values())[:PIN_ARTICLES_UP_TO]:
        sentences = dict.fromkeys(f"&ldquo;{safe_text(r['sentence'])}&rdquo;" for r in same)
        parts.append("<br>".join([*_source(same[0]), *sentences]))
    if len(by_article) > PIN_ARTICLES_UP_TO:
        rest = list(by_article)[PIN_ARTICLES_UP_TO:]
        parts.append(f"and {_counted(rest, 'more article')}: the combined dataset lists them all")
    return {
        "type": "Feature",
        "geometry": mentions[0]["geometry"],
        "properties": {
            "style": {"color": color, "fillColor": color, "radius": 5 + min(7.0, math.sqrt(len(mentions) - 1))},
            "popup": "<hr>".join(parts),
            "tooltip": safe_text(mentions[0]["name"]),
        },
    }


def _counted(items, noun: str) -> str:
    return f"{len(items)} {noun}{'s' * (len(items) != 1)}"


def _provenance(r: dict) -> list[str]:
    """A distance's tooltip lines: what, from which article (title, date, link), and the sentence that says so."""
    from geomap.webmap import safe_text

    return [_heading(r), *_source(r), f"&ldquo;{safe_text(r['sentence'])}&rdquo;"]


def _heading(r: dict) -> str:
    from geomap.webmap import safe_text

    country = f", {safe_text(r['country'])}" if r["country"] else ""
    return f"<b>{safe_text(r['name'])}</b> ({safe_text(r['kind'])}{country})"


def _source(r: dict) -> list[str]:
    """The article a row comes from: title and date, and its link when it is a web address."""
    from geomap.webmap import safe_text

    url = r.get("url") or ""
    lines = [
        f"{safe_text(r.get('title') or r['article'])}" + (f" &middot; {safe_text(r['date'])}" if r["date"] else "")
    ]
    if url.startswith(("https://", "http://")):  # never a javascript: or data: link
        lines.append(f'<a href="{safe_text(url)}" target="_blank" rel="noopener noreferrer">{safe_text(url)}</a>')
    return lines


def _timeline_features(rows: list[dict]) -> dict:
    """Places named on each date, as points that show from that date to the day after (one per place and
    date, however many articles of that day name it)."""
    from datetime import date, timedelta

    days = {(tuple(r["geometry"]["coordinates"]), r["date"]): r["geometry"] for r in rows}
    features = []
    for (_, iso), geometry in days.items():
        day = date.fromisoformat(iso)
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {"start": day.isoformat(), "end": (day + timedelta(days=1)).isoformat()},
            }
        )
    return {"type": "FeatureCollection", "features": features}
