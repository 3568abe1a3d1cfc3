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
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from geomap.article import Article
from geomap.geojson import MAX_DRAWN_DISTANCES, article_to_geojson, point_geometry
from geomap.outputs import atomic

# The dataset's columns, which are a row's keys but its geometry, and their Arrow types.
ROW_TYPES = {
    "article": "string", "title": "string", "date": "string", "url": "string", "role": "string", "name": "string",
    "mention": "string", "kind": "string", "country": "string", "place_role": "string", "confidence": "double",
    "gazetteer_id": "string", "start": "int64", "end": "int64", "sentence": "string", "meters": "double",
    "qualifier": "string", "anchor": "string", "shape": "string", "distance_to_front_km": "double", "side": "string",
}  # fmt: skip
# Rows written at once to each combined file (a Parquet row group, an append to the GeoPackage): a corpus
# passes through in parts this size, so that a month of reporting needs no more memory than a day's.
ROWS_PER_PART = 20_000
# Per-article layers on the combined map while there are few articles; past this, one layer for all.
LAYERS_PER_ARTICLE_UP_TO = 20
# A pin's popup lists the articles that name its place, newest first, up to this many; the combined dataset
# holds every mention. A month of reporting names Bakhmut in hundreds of articles.
PIN_ARTICLES_UP_TO = 50
# Bind each pin's and each distance shape's popup and tooltip in the browser: escaped HTML made by _pin and
# _shape. A tooltip follows the pointer (sticky), or a large shape's would sit at its far-off centre.
POPUP_JS = """function (feature, layer) {
    layer.bindPopup(feature.properties.popup, {maxWidth: 360, maxHeight: 320});
    layer.bindTooltip(feature.properties.tooltip, {sticky: true});
}"""
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")

if TYPE_CHECKING:
    import folium
    import numpy as np
    import pyarrow

    from geomap.frontline import Frontline


def article_rows(article: Article, article_id: str, fc: dict | None = None) -> list[dict]:
    """One row per place mention and per distance of ``article``, each with the article's id and metadata.

    ``fc`` is the article's GeoJSON when the caller has made it already (its distance shapes are reused); made
    with a front line, its places' distances to it and sides (``distance_to_front_km``, ``side``) are kept.
    """
    meta = {"article": article_id, **article.metadata, "date": iso_date(article.document.date)}
    fc = fc or article_to_geojson(article)
    rows = []
    for p, feature in zip(article.places, fc["features"], strict=False):  # the places come first, in order
        props = feature["properties"]
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
                    "distance_to_front_km": props.get("distance_to_front_km"),
                    "side": props.get("side"),
                    "geometry": point_geometry(p),
                }
            )
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
                "distance_to_front_km": None,
                "side": None,
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


def write_datasets(rows: Iterable[dict], out_dir: Path, stem: str = "combined") -> list[Path]:
    """``combined.geojson``, ``combined.parquet`` (GeoParquet) and ``combined.gpkg`` (layers ``places`` and
    ``distances``, so each layer has one geometry type, as QGIS prefers), each written atomically.

    The rows are read once, :data:`ROWS_PER_PART` at a time, and the three files grow together: the memory a
    corpus needs does not grow with it.
    """
    import numpy as np
    import pyarrow

    from geomap.geoparquet import GeoParquetWriter

    out_dir = Path(out_dir)
    paths = [out_dir / f"{stem}.{suffix}" for suffix in ("geojson", "parquet", "gpkg")]
    schema = pyarrow.schema([(column, pyarrow.type_for_alias(kind)) for column, kind in ROW_TYPES.items()])
    with ExitStack() as stack:
        geojson_tmp, parquet_tmp, gpkg_tmp = (stack.enter_context(atomic(path)) for path in paths)
        gpkg_tmp.unlink()  # the GeoPackage driver makes its own file; an empty one is not a GeoPackage
        geojson = stack.enter_context(geojson_tmp.open("wb"))
        parquet = stack.enter_context(GeoParquetWriter(parquet_tmp, schema))
        geojson.write(b'{"type":"FeatureCollection","features":[')
        parts = iter(rows)
        for n, part in enumerate(iter(lambda: list(islice(parts, ROWS_PER_PART)), [])):
            # orjson writes the list's features with commas between; a part after the first needs one before
            geojson.write(b"," * (n > 0) + orjson.dumps([_feature(r) for r in part])[1:-1])
            table = pyarrow.Table.from_pylist(part, schema=schema)
            geometries = _shapes([r["geometry"] for r in part])
            parquet.write(table, geometries)
            _append_layers(table, geometries, gpkg_tmp)
        geojson.write(b"]}")
        if not gpkg_tmp.exists():  # no rows: a GeoPackage with an empty layer of places, not no file
            _write_layer(schema.empty_table(), np.array([], dtype=object), gpkg_tmp, "places", "Point")
    return paths


def _feature(row: dict) -> dict:
    properties = row.copy()
    del properties["geometry"]
    return {"type": "Feature", "geometry": row["geometry"], "properties": properties}


def _shapes(geometries: list[dict | None]):
    """GeoJSON geometries (or None) as an array of shapely's: the points, most of them, made in one call,
    five times faster than reading each as GeoJSON; the shapes read by GEOS."""
    import numpy as np
    import shapely

    shapes = np.full(len(geometries), None, dtype=object)
    points = [i for i, g in enumerate(geometries) if g and g["type"] == "Point"]
    if points:
        shapes[points] = shapely.points([geometries[i]["coordinates"] for i in points])
    others = [i for i, g in enumerate(geometries) if g and g["type"] != "Point"]
    if others:
        shapes[others] = shapely.from_geojson([orjson.dumps(geometries[i]) for i in others])
    return shapes


def _append_layers(table: pyarrow.Table, geometries: np.ndarray, gpkg: Path) -> None:
    """Add a part of the rows (``table``, with their shapely ``geometries``) to the GeoPackage's layers, each
    of one geometry type: places; drawn distance shapes, as multipolygons; vague or undrawn distances, at
    their anchor's point. Through pyogrio's Arrow writer: no GeoDataFrame is made for a part (that took
    as long as writing it)."""
    import numpy as np
    import pyarrow
    import shapely

    kinds = shapely.get_type_id(geometries)  # -1 for none
    place = table["role"].to_numpy(zero_copy_only=False) == "place"
    areal = [shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON]
    layers = {
        "places": (place, "Point"),
        "distances": (~place & np.isin(kinds, areal), "MultiPolygon"),
        "distance_points": (~place & (kinds == shapely.GeometryType.POINT), "Point"),
    }
    for layer, (rows, kind) in layers.items():
        if rows.any():
            shapes = geometries[rows]
            if kind == "MultiPolygon":  # one type to a layer: each polygon made a multipolygon of one
                single = kinds[rows] == shapely.GeometryType.POLYGON
                shapes[single] = shapely.multipolygons(shapes[single], indices=np.arange(single.sum()))
            _write_layer(table.filter(pyarrow.array(rows)), shapes, gpkg, layer, kind)


def _write_layer(table: pyarrow.Table, shapes: np.ndarray, gpkg: Path, layer: str, kind: str) -> None:
    """Rows of one geometry type (``kind``) added to a GeoPackage layer, made if it is not there."""
    import pyarrow
    import pyogrio
    import shapely

    pyogrio.write_arrow(
        table.append_column("geometry", pyarrow.array(shapely.to_wkb(shapes), pyarrow.binary())), gpkg,
        layer=layer, driver="GPKG", append=gpkg.exists(), geometry_name="geometry", geometry_type=kind,
        crs="EPSG:4326",
    )  # fmt: skip


def render_corpus_map(rows: Iterable[dict], title: str = "geomap corpus") -> folium.Map:
    """One offline map of many articles: pins linking back to their article and sentence, a heat layer of
    mention density, a time slider by article date, distance shapes, and per-article layers when few (see
    :class:`CorpusMap`, which gathers the rows one by one)."""
    corpus_map = CorpusMap()
    for r in rows:
        corpus_map.add(r)
    return corpus_map.render(title)


class _Mentions:
    """The rows of one pin's place, or of one distance shape, as they pass: how many, in how many articles,
    by which roles, and the rows of its newest articles (see :meth:`trim`)."""

    def __init__(self) -> None:
        self.mentions = 0
        self.articles = 0
        self.roles: Counter[str] = Counter()
        self.by_article: dict[str, list[dict]] = {}
        self._last = ""

    @classmethod
    def of(cls, rows: list[dict]) -> _Mentions:
        place = cls()
        for r in rows:
            place.add(r)
        return place

    def add(self, r: dict) -> None:
        self.mentions += 1
        self.roles[r["place_role"]] += 1
        if r["article"] != self._last:  # an article's rows come together
            self.articles += 1
            self._last = r["article"]
        self.by_article.setdefault(r["article"], []).append(r)

    def newest(self) -> list[list[dict]]:
        """Each article's rows, newest article first (articles of one date, or none, in the order read)."""
        return sorted(self.by_article.values(), key=lambda same: same[0]["date"] or "", reverse=True)

    def trim(self) -> None:
        """Keep the rows of no more articles than a popup lists; now and then, not at every row."""
        if len(self.by_article) > 2 * PIN_ARTICLES_UP_TO:
            self.by_article = {same[0]["article"]: same for same in self.newest()[:PIN_ARTICLES_UP_TO]}


class CorpusMap:
    """The combined map of many articles, gathered row by row in memory that grows with the places, days and
    drawn shapes, not with the rows: pins by place, mention weights for the heat layer, places by date for
    the time slider, the first :data:`MAX_DRAWN_DISTANCES` distinct distance shapes (each with the articles
    that state it), and per-article pins while the articles are few (:data:`LAYERS_PER_ARTICLE_UP_TO`). An
    article's rows come together, as :func:`article_rows` makes them.

    >>> import geomap
    >>> corpus_map = CorpusMap()
    >>> rows = list(corpus_map.gather(article_rows(geomap.parse("Drones struck Odesa."), "a1")))
    >>> corpus_map.render().get_root().render().count("Odesa") > 0, len(rows)
    (True, 1)
    """

    def __init__(self) -> None:
        self.articles: dict[str, None] = {}
        self.mentions = 0
        self.countries: set[str] = set()
        self.places: dict[tuple, _Mentions] = {}
        # while the articles are few: each article's places, in the order it names them (their rows are
        # the places' own, which are not trimmed until there are more)
        self.per_article: dict[str, dict[tuple, None]] | None = {}
        self.heat: Counter[tuple[float, float]] = Counter()
        self.days: dict[tuple, dict] = {}
        # distance shapes by their geometry: "within 30 km of the border", stated in a hundred articles, is
        # one shape whose popup lists them; past MAX_DRAWN_DISTANCES shapes, the rest are only counted
        self.shapes: dict[bytes, _Mentions] = {}
        self.undrawn: set[int] = set()
        self._corners = [math.inf, math.inf, -math.inf, -math.inf]

    def add(self, r: dict) -> None:
        self.articles.setdefault(r["article"])
        if self.per_article is not None and len(self.articles) > LAYERS_PER_ARTICLE_UP_TO:
            self.per_article = None
        if r["role"] == "distance":
            if r["geometry"] and r["geometry"]["type"] != "Point":
                self._add_shape(r)
            return
        if r["place_role"] == "reporting":  # a dateline, not a place the article reports on
            return
        self.mentions += 1
        lon, lat = r["geometry"]["coordinates"]
        west, south, east, north = self._corners
        self._corners = [min(west, lon), min(south, lat), max(east, lon), max(north, lat)]
        if r["country"]:
            self.countries.add(r["country"])
        key = (r["gazetteer_id"], lon, lat)  # pins at one point hide all but the top one: one per place
        place = self.places.setdefault(key, _Mentions())
        place.add(r)
        if self.per_article is not None:
            self.per_article.setdefault(r["article"], {})[key] = None
        else:
            place.trim()
        self.heat[lon, lat] += 1
        if r["date"]:
            self.days.setdefault(((lon, lat), r["date"]), r["geometry"])

    def _add_shape(self, r: dict) -> None:
        key = orjson.dumps(r["geometry"])
        shape = self.shapes.get(key)
        if shape is None:
            if len(self.shapes) >= MAX_DRAWN_DISTANCES:
                self.undrawn.add(hash(key))
                return
            shape = self.shapes[key] = _Mentions()
        shape.add(r)
        shape.trim()

    def gather(self, rows: Iterable[dict]) -> Iterator[dict]:
        """The rows, each passed on once it is added: one pass over a corpus makes its map and its dataset."""
        for r in rows:
            self.add(r)
            yield r

    def render(self, title: str = "geomap corpus", front: Frontline | None = None) -> folium.Map:
        """The offline map of what was gathered; with the user's ``front`` line, drawn as on a single map."""
        # here, not at the top: a Dask worker builds rows and never a map, and folium costs it ~80 MB
        import folium
        from folium.plugins import HeatMap, Timeline, TimelineSlider
        from folium.utilities import JsCode

        from geomap import webmap

        west, south, east, north = bounds = webmap.bounds_of(self.corners())
        m = folium.Map(tiles=None, control_scale=True)
        webmap.offline_assets(m)
        webmap.basemap(m, self.countries, bounds)
        for name, pins in self.layers().items():
            # one GeoJSON layer of pins, not a folium marker per pin: folium compiles templates for every
            # marker, popup and tooltip, which took minutes for a corpus of thousands of articles
            folium.GeoJson(
                {"type": "FeatureCollection", "features": pins},
                name=name,
                marker=folium.CircleMarker(radius=5, fill=True, fill_opacity=0.8),
                on_each_feature=JsCode(POPUP_JS),
            ).add_to(m)
        shapes = {"type": "FeatureCollection", "features": [_shape(shape) for shape in self.shapes.values()]}
        name = "Distances"
        if self.undrawn:
            drawn, every = len(self.shapes), len(self.shapes) + len(self.undrawn)
            name += f" ({drawn:,} of {every:,} shapes drawn; the combined dataset holds all)"
        folium.GeoJson(shapes, name=name, on_each_feature=JsCode(POPUP_JS)).add_to(m)
        if front is not None:
            webmap.front_layer(front).add_to(m)
        if self.heat:
            # a point's weight is its mentions: leaflet.heat adds the weights of the points in a cell, so a
            # weight of 3 draws as three points at one place do
            heat = HeatMap([[lat, lon, k] for (lon, lat), k in self.heat.items()], name="Mention density", show=False)
            heat.add_to(m)
            webmap.inline_plugin_js(m, heat, {"leaflet_heat": webmap.folium_template("leaflet_heat.min.js")})
        if self.days:
            # circle markers: Leaflet's default marker is an image file, which an offline page does not have
            circles = JsCode("function (f, at) { return L.circleMarker(at, {radius: 6, color: '#1f618d'}); }")
            timeline = Timeline(_timeline_features(self.days), pointToLayer=circles)
            timeline.layer_name = "By article date"  # folium's Timeline takes no name: the control showed its id
            timeline.add_to(m)
            slider = TimelineSlider(auto_play=False, date_options="YYYY-MM-DD", enable_keyboard_controls=True)
            slider.add_timelines(timeline)
            slider.add_to(m)
            for element in (timeline, slider):
                scripts = {"moment": webmap.asset("moment.min.js"), "timeline": webmap.asset("leaflet.timeline.js")}
                webmap.inline_plugin_js(m, element, scripts)
        folium.LayerControl(collapsed=True).add_to(m)
        webmap.title_box(m, title, f"{len(self.articles)} articles, {self.mentions} place mentions")
        m.fit_bounds([[south, west], [north, east]])
        return m

    def corners(self) -> list[tuple[float, float]]:
        """The south-west and north-east corners of the places' points; none when there are none."""
        west, south, east, north = self._corners
        return [(west, south), (east, north)] if self.mentions else []

    def layers(self) -> dict[str, list[dict]]:
        """Pins by layer: one layer per article while they are few, else one for all."""
        if self.per_article is not None:
            return {
                f"Article {article}": [_pin(_Mentions.of(self.places[key].by_article[article])) for key in keys]
                for article, keys in self.per_article.items()
            }
        return {"Places": [_pin(place) for place in self.places.values()]} if self.places else {}


def _pin(place: _Mentions) -> dict:
    """A place as a GeoJSON point whose properties hold its colour (its mentions' commonest role), its size
    (by mentions) and its escaped popup (see :func:`_popup`) and tooltip."""
    from geomap.webmap import ROLE_COLORS, safe_text

    color = ROLE_COLORS.get(place.roles.most_common(1)[0][0], "#333")
    articles = place.newest()
    first = articles[0][0]
    return {
        "type": "Feature",
        "geometry": first["geometry"],
        "properties": {
            "style": {"color": color, "fillColor": color, "radius": 5 + min(7.0, math.sqrt(place.mentions - 1))},
            "popup": _popup(place, articles),
            "tooltip": safe_text(first["name"]),
        },
    }


def _shape(shape: _Mentions) -> dict:
    """A distance shape as a GeoJSON feature, styled as its kind (buffer, ring, sector), with the popup of
    the articles that state it (see :func:`_popup`) and a tooltip saying what it is."""
    from geomap.webmap import shape_style

    articles = shape.newest()
    first = articles[0][0]
    tooltip = f"{_heading(first)}<br>{_counted(shape.articles, 'article')}"
    properties = {"style": shape_style(first["shape"]), "popup": _popup(shape, articles), "tooltip": tooltip}
    return {"type": "Feature", "geometry": first["geometry"], "properties": properties}


def _popup(mentions: _Mentions, articles: list[list[dict]]) -> str:
    """Escaped HTML: what a pin or shape is and how often it is named, then each article that names it,
    newest first (title, date, link and the sentences), up to :data:`PIN_ARTICLES_UP_TO` of them.
    ``articles`` are ``mentions.newest()``, which the caller has sorted already."""
    counts = f"{_counted(mentions.mentions, 'mention')} in {_counted(mentions.articles, 'article')}"
    parts = [f"{_heading(articles[0][0])}<br>{counts}"]
    for same in articles[:PIN_ARTICLES_UP_TO]:
        sentences = dict.fromkeys(_quoted(r) for r in same)
        parts.append("<br>".join([*_source(same[0]), *sentences]))
    if mentions.articles > PIN_ARTICLES_UP_TO:
        rest = _counted(mentions.articles - PIN_ARTICLES_UP_TO, "more article")
        parts.append(f"and {rest}: the combined dataset lists them all")
    return "<hr>".join(parts)


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _quoted(r: dict) -> str:
    """The sentence a row comes from, escaped, in quotation marks."""
    from geomap.webmap import safe_text

    return f"&ldquo;{safe_text(r['sentence'])}&rdquo;"


def _heading(r: dict) -> str:
    """What a row names, escaped, its name in bold: "<b>Bakhmut</b> (city, UA)", "<b>13 km</b> (distance
    from Bakhmut)"."""
    from geomap.webmap import safe_text

    if r["role"] == "distance":
        # a band's anchor is the place the article is about, not where its measure starts
        if r["shape"] in ("border band", "front band"):
            whence = f" from the {r['shape'].split()[0]}" + " line" * (r["shape"] == "front band")
        else:
            whence = f" from {safe_text(r['anchor'])}" if r["anchor"] else ""
        return f"<b>{safe_text(r['name'])}</b> (distance{whence})"
    country = f", {safe_text(r['country'])}" if r["country"] else ""
    heading = f"<b>{safe_text(r['name'])}</b> ({safe_text(r['kind'])}{country})"
    if r.get("distance_to_front_km") is not None:  # mapped with the user's front line
        side = f", {safe_text(r['side'])} the control area" if r.get("side") else ""
        heading += f"<br>{r['distance_to_front_km']:.1f} km from the front line{side}"
    return heading


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


def _timeline_features(days: dict[tuple, dict]) -> dict:
    """Places named on each date, as points that show from that date to the day after: ``days`` holds one
    point per place and date, however many articles of that day name it, keyed by (place, date)."""
    from datetime import date, timedelta

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
