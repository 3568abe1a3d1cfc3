"""The map: an article drawn with Folium as one self-contained HTML file that needs no network.

Leaflet and jQuery are inlined from the pinned ``xstatic`` packages, the basemap is Natural Earth
country and region outlines from the embedded gazetteer on a sea-coloured background, and every string
from the article passes through :func:`safe_text` before it reaches a popup, a tooltip or a template.

>>> safe_text("<img src=x onerror=alert(1)> ${x} `y` C:\\\\temp")
'&lt;img src=x onerror=alert(1)&gt; &#36;&#123;x&#125; &#96;y&#96; C:&#92;temp'
"""

from __future__ import annotations

import base64
import html
import re
import webbrowser
from functools import cache
from pathlib import Path

import folium
import numpy as np
import shapely
from branca.element import Element
from shapely.geometry import box, mapping

from geomap.article import Article
from geomap.distances import Distance
from geomap.errors import InputError, OutputError
from geomap.frontline import Frontline
from geomap.gazetteer import ADMIN1_PREFIX, ATTRIBUTION, Gazetteer
from geomap.geojson import MAX_DRAWN_DISTANCES, distance_geometry, phrase_feature
from geomap.outputs import write_atomic
from geomap.places import Place
from geomap.relations import relation_of

ROLE_COLORS = {"literal": "#c0392b", "metonymic": "#7d3c98", "reporting": "#1f618d"}
SHAPE_STYLES = {
    "disc": {"color": "#d35400", "fillOpacity": 0.18, "dashArray": None},
    "band": {"color": "#b9770e", "fillOpacity": 0.25, "dashArray": None},
    "annulus": {"color": "#b9770e", "fillOpacity": 0.25, "dashArray": "6 4"},
    "ring beyond": {"color": "#922b21", "fillOpacity": 0.12, "dashArray": "2 6"},
    "sector": {"color": "#1e8449", "fillOpacity": 0.22, "dashArray": "8 3"},
    "corridor": {"color": "#2874a6", "fillOpacity": 0.18, "dashArray": "4 4"},
    "border band": {"color": "#6c3483", "fillOpacity": 0.2, "dashArray": "10 4"},
    "front band": {"color": "#641e16", "fillOpacity": 0.15, "dashArray": "10 4"},
}
SEA = "#aad3df"
LAND = "#f5f3ed"
# plain string, not an f-string: CSS braces stay single
MAP_CSS = (
    ".geomap-pin{border-radius:50%;border:2px solid #fff;box-shadow:0 0 3px #333} "
    ".geomap-site{border-radius:2px} "
    ".geomap-box{background:#fff;padding:6px 9px;font:12px sans-serif;border-radius:4px;"
    "box-shadow:0 0 4px #888;max-width:320px}"
)
EXTERNAL_REF = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*["']?https?:""", re.IGNORECASE)
TILE_REF = re.compile(r"""L\.tileLayer\(\s*["']https?:""")


class RawHTML(Element):
    """HTML or script inserted as is: branca's Element would compile it as a Jinja template."""

    def __init__(self, content: str) -> None:
        super().__init__()  # no template: branca would compile one per element, for nothing
        self.content = content

    def render(self, **kwargs) -> str:
        return self.content


def safe_text(text: str) -> str:
    """HTML-escape ``text`` and neutralise what JavaScript template strings interpret (``$``, backtick,
    backslash) and what Jinja does (braces).

    Braces matter on the machine that draws the map, not only in the browser: branca compiles each rendered
    piece of a page once more as a Jinja template, so an article's "{{ ... }}" would run as Python there.
    """
    escaped = html.escape(text, quote=True).replace("\\", "&#92;").replace("$", "&#36;").replace("`", "&#96;")
    return escaped.replace("{", "&#123;").replace("}", "&#125;")


@cache
def _asset(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _leaflet_dir() -> Path:
    from xstatic.pkg import leaflet

    return Path(leaflet.BASE_DIR)


def _inline_css() -> str:
    """leaflet.css with its images as data URIs, so nothing is fetched next to the HTML file."""
    folder = _leaflet_dir()
    css = _asset(folder / "leaflet.css")

    def data_uri(m: re.Match[str]) -> str:
        target = folder / m.group(1)
        return f"url(data:image/png;base64,{base64.b64encode(target.read_bytes()).decode()})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)


def offline_assets(m: folium.Map) -> None:
    """Leaflet, jQuery and the map's CSS inlined into ``m``'s page, in place of folium's CDN links."""
    from xstatic.pkg import jquery

    # per instance: folium's module-level lists must stay untouched for other maps in the process
    m.default_js = []
    m.default_css = []
    header = m.get_root().header
    header.add_child(RawHTML(f"<style>{_inline_css()}</style>"), name="leaflet_css")
    header.add_child(_script(_asset(_leaflet_dir() / "leaflet.js")), name="leaflet")
    header.add_child(_script(_asset(Path(jquery.BASE_DIR) / "jquery.min.js")), name="jquery")
    header.add_child(
        RawHTML(f"<style>.leaflet-container{{background:{SEA}}} {MAP_CSS}</style>"),
        name="geomap_css",
    )


def basemap(m: folium.Map, countries: set[str], bounds: tuple[float, float, float, float]) -> None:
    """Country outlines around ``bounds``, and the first-level regions of ``countries``."""
    gz = Gazetteer.default()
    west, south, east, north = bounds
    window = box(max(-180, west - 15), max(-85, south - 10), min(180, east + 15), min(85, north + 10))
    outlines = {
        ident: geom
        for ident, geom in gz.outlines.within(*window.bounds).items()
        if not ident.startswith(ADMIN1_PREFIX) or ident.split(":")[2].split("-")[0] in countries
    }
    is_region = [ident.startswith(ADMIN1_PREFIX) for ident in outlines]
    # the outlines are simplified at build time; clipped in one GEOS call, and rounded rather than snapped
    # where the window cuts them: they are only drawn, and Leaflet draws a ring that touches itself as well
    clipped = shapely.intersection(np.array(list(outlines.values()), dtype=object), window)
    clipped = shapely.transform(clipped, lambda xy: np.round(xy, 3))
    features, regions = [], []
    for geom, region in zip(clipped, is_region, strict=True):
        if not geom.is_empty:
            (regions if region else features).append({"type": "Feature", "properties": {}, "geometry": mapping(geom)})
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="Countries",
        interactive=False,
        style_function=lambda _: {"color": "#777", "weight": 1, "fillColor": LAND, "fillOpacity": 1},
    ).add_to(m)
    if regions:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": regions},
            name="Regions",
            interactive=False,
            style_function=lambda _: {"color": "#999", "weight": 0.6, "dashArray": "3 3", "fill": False},
        ).add_to(m)


def _bounds(article: Article) -> tuple[float, float, float, float]:
    pts = [(p.lon, p.lat) for p in article.places if p.role == "literal" and p.kind not in ("country", "sea")]
    return bounds_of(pts or [(p.lon, p.lat) for p in article.places])


def bounds_of(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """West, south, east, north around (lon, lat) ``points``, padded; Ukraine when there are none."""
    pts = points or [(31.2, 48.4)]
    lons, lats = [x for x, _ in pts], [y for _, y in pts]
    pad = 0.2
    return min(lons) - pad, min(lats) - pad, max(lons) + pad, max(lats) + pad


def popup(lines: list[str]) -> folium.Popup:
    """A popup of already escaped HTML lines."""
    return folium.Popup("<br>".join(lines), max_width=360)


def asset(name: str) -> str:
    """A JavaScript file geomap ships in ``geomap/assets`` (see the README there for sources and licences)."""
    return _asset(Path(__file__).parent / "assets" / name)


def folium_template(name: str) -> str:
    """A JavaScript file folium ships beside its templates (it links the same file from a CDN)."""
    return _asset(Path(folium.__file__).parent / "templates" / name)


def inline_plugin_js(m: folium.Map, element, scripts: dict[str, str]) -> None:
    """Replace a folium plugin's CDN script links with the scripts themselves (by name, once per page)."""
    element.default_js = []
    header = m.get_root().header
    for name, js in scripts.items():
        if name not in header._children:
            header.add_child(_script(js), name=name)


def _script(js: str) -> RawHTML:
    """A script inlined in the page; a "</script" inside it must not end the element early."""
    return RawHTML("<script>" + js.replace("</script", "<\\/script") + "</script>")


def estimated_position(d: Distance, anchor: Place | None, target: Place | None) -> folium.CircleMarker | None:
    """Where a directional distance puts its target ("13 km south of Bakhmut"), as a hollow dot with its
    uncertainty; None for other distances."""
    rel = relation_of(d, anchor, target)
    if rel is None:
        return None
    lon, lat = rel["estimated_target"]
    what = f"estimated position of {safe_text(d.target)}" if d.target else "estimated position"
    tip = f"{what}: {safe_text(d.text)} {safe_text(d.direction)} of {safe_text(d.anchor)}"
    tip += f", ± {rel['uncertainty_km']:.1f} km"
    if rel.get("agrees") is False:
        tip += f"; the gazetteer puts it {rel['target_distance_km']:.0f} km away at {rel['target_bearing']:.0f}°"
    color = SHAPE_STYLES["sector"]["color"]
    return folium.CircleMarker([lat, lon], radius=5, color=color, weight=2, fill=False, tooltip=tip)


def shape_style(shape_name: str) -> dict:
    """The Leaflet path style of a drawn distance or relation, by its shape ("disc", "sector", ...)."""
    style = SHAPE_STYLES.get(shape_name, SHAPE_STYLES["band"])
    return {
        "color": style["color"],
        "weight": 2,
        "fillColor": style["color"],
        "fillOpacity": style["fillOpacity"],
        "dashArray": style["dashArray"],
    }


def shape_layer(geometry: dict, shape_name: str, tip: str) -> folium.GeoJson:
    """A drawn distance or relation (a GeoJSON geometry), styled by its shape, with an escaped tooltip."""
    style = shape_style(shape_name)
    layer = folium.GeoJson({"type": "Feature", "properties": {}, "geometry": geometry}, style_function=lambda _: style)
    folium.Tooltip(tip, sticky=True).add_to(layer)
    return layer


def render_map(
    article: Article, tiles: str | None = None, attribution: str | None = None, front: Frontline | None = None
) -> folium.Map:
    """A Folium map of ``article``: a pin per place, a shape per distance, legend, title and layers.

    Offline by default. ``tiles`` ("osm", or a URL template with ``{z}/{x}/{y}``) adds an online tile layer
    over the vector basemap, for a user who asks for one; a URL needs its ``attribution``. A ``front`` line
    is drawn, and each place's popup gives its distance to it.
    """
    bounds = _bounds(article)
    m = folium.Map(tiles=None, control_scale=True, prefer_canvas=False)
    offline_assets(m)
    basemap(m, {p.country for p in article.places if p.country}, bounds)
    if tiles:
        _tile_layer(tiles, attribution).add_to(m)
    layers = {role: folium.FeatureGroup(name=f"Places: {role}") for role in ROLE_COLORS}
    distances_layer = folium.FeatureGroup(name="Distances")
    for p in article.places:
        color = ROLE_COLORS.get(p.role, "#333")
        size = 16 if p.kind in ("country", "region", "sea", "peninsula") else 12
        # a site (geomap.sites) is drawn at its town, or where a distance puts it: a square pin tells it from a town
        pin = "geomap-pin geomap-site" if p.kind == "site" else "geomap-pin"
        icon = folium.DivIcon(
            html=f'<div class="{pin}" style="width:{size}px;height:{size}px;background:{color}"></div>',
            icon_size=(size, size),
            icon_anchor=(size // 2, size // 2),
        )
        sentences = list(dict.fromkeys(ref.sentence for ref in p.mentions))
        lines = [
            f"<b>{safe_text(p.name)}</b> ({safe_text(p.kind)}, {safe_text(p.country or '-')})",
            f"{p.lat:.4f}, {p.lon:.4f} &middot; confidence {p.confidence:.2f} &middot; {safe_text(p.role)}",
            *[f"&ldquo;{safe_text(s)}&rdquo;" for s in sentences[:5]],
        ]
        if p.kind == "site":
            lines.insert(2, safe_text(p.evidence[0]))
        if front is not None:
            pos = front.position(p.lat, p.lon)
            side = f", {pos['side']} the control area" if pos["side"] else ""
            lines.insert(2, f"{pos['distance_to_front_km']:.1f} km from the front line{side}")
        folium.Marker([p.lat, p.lon], icon=icon, popup=popup(lines), tooltip=folium.Tooltip(safe_text(p.name))).add_to(
            layers.get(p.role, layers["literal"])
        )
    by_id = {p.id: p for p in article.places}
    # a distance stated for several targets ("20-25 km to Druzhkovka and Kramatorsk") is one shape
    targets: dict[tuple[int, str | None], list[str]] = {}
    for d in article.distances[:MAX_DRAWN_DISTANCES]:
        targets.setdefault((d.start, d.anchor_id), []).append(d.target)
    for d in article.distances[:MAX_DRAWN_DISTANCES]:
        anchor = by_id.get(d.anchor_id)
        dot = estimated_position(d, anchor, article.place(d.target) if d.target else None)
        if dot is not None:
            dot.add_to(distances_layer)
        shared = targets.pop((d.start, d.anchor_id), None)
        shape_name, geometry = distance_geometry(d, anchor, front)
        if shared is None or geometry is None or shape_name not in SHAPE_STYLES:  # vague, a length: listed only
            continue
        sentence = article.document.sentence_text(d.start)
        to = ", ".join(t for t in shared if t)
        around = f"from the {'–'.join(d.border)} border" if d.border else f"around {safe_text(d.anchor)}"
        around = f"from the front line, on {safe_text(d.anchor)}'s side" if shape_name == "front band" else around
        tip = f"{safe_text(d.text)} ({safe_text(d.qualifier)}) {around}"
        tip += f" to {safe_text(to)}" if to else ""
        tip += f": {safe_text(sentence)}"
        for start, _ in d.restated:
            tip += f" Stated again: {safe_text(article.document.sentence_text(start))}"
        shape_layer(geometry, shape_name, tip).add_to(distances_layer)
    for ph in article.phrases:
        if ph.kind != "between":
            continue
        feature = phrase_feature(article, ph)
        tip = f"{safe_text(ph.text)}: {safe_text(feature['properties']['sentence'])}"
        shape_layer(feature["geometry"], "corridor", tip).add_to(distances_layer)
    if front is not None:
        front_layer(front).add_to(m)
    for layer in [*layers.values(), distances_layer]:
        layer.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    _title_and_legend(m, article)
    west, south, east, north = bounds
    m.fit_bounds([[south, west], [north, east]])
    return m


def front_layer(front: Frontline) -> folium.GeoJson:
    """The user's front line and control areas, as a layer named after their file."""
    return folium.GeoJson(
        front.to_geojson(),
        name=f"Front line ({safe_text(front.name)})",
        interactive=False,
        style_function=lambda _: {"color": "#641e16", "weight": 3, "fillColor": "#641e16", "fillOpacity": 0.08},
    )


def _swatch(color: str, label: str, pin: str = "geomap-pin") -> str:
    """A legend line: a pin as the map draws it, and what it stands for."""
    return (
        f'<div><span class="{pin}" style="display:inline-block;width:10px;height:10px;background:{color}"></span> '
        f"{label}</div>"
    )


def _title_and_legend(m: folium.Map, article: Article) -> None:
    swatches = "".join(_swatch(c, f"{role} place") for role, c in ROLE_COLORS.items())
    if any(p.kind == "site" for p in article.places):
        swatches += _swatch(ROLE_COLORS["literal"], "site, drawn where the text puts it", "geomap-pin geomap-site")
    shapes = "".join(
        f'<div><span style="display:inline-block;width:14px;height:8px;border:2px solid {s["color"]}"></span> '
        f"{name}</div>"
        for name, s in SHAPE_STYLES.items()
    )
    title_box(m, article.title or "geomap", article.document.date)
    box_html = (
        f'<div class="geomap-box" style="position:fixed;bottom:30px;right:10px;z-index:1000">{swatches}{shapes}'
        f'<div style="margin-top:4px;color:#555">{safe_text(ATTRIBUTION)}</div></div>'
    )
    m.get_root().html.add_child(RawHTML(box_html))


def title_box(m: folium.Map, title: str, subtitle: str = "") -> None:
    """The map's title (and a date or count under it), escaped, in a box at the top left."""
    sub = f"<br>{safe_text(subtitle)}" if subtitle else ""
    m.get_root().html.add_child(
        RawHTML(
            f'<div class="geomap-box" style="position:fixed;top:10px;left:50px;z-index:1000">'
            f"<b>{safe_text(title)}</b>{sub}</div>"
        )
    )


def _tile_layer(tiles: str, attribution: str | None) -> folium.TileLayer:
    if tiles.lower() == "osm":
        return folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)")
    if not tiles.startswith(("https://", "http://")) or not all(k in tiles for k in ("{z}", "{x}", "{y}")):
        raise InputError(f"--tiles takes 'osm' or an http(s) URL with {{z}}, {{x}} and {{y}}, not {tiles!r}")
    if not attribution:
        raise InputError("--tiles URL needs --attribution TEXT (tile providers require it)")
    return folium.TileLayer(tiles, attr=safe_text(attribution), name="Tiles (online)")


def check_offline(html_text: str, allow_tiles: bool = False) -> None:
    """Raise if the saved map would fetch anything from the network (tiles only when the user asked)."""
    found = EXTERNAL_REF.search(html_text) or (not allow_tiles and TILE_REF.search(html_text))
    if found:
        raise OutputError(f"the map refers to a network resource ({found.group(0)[:60]}); refusing to save it")


def save_map(m: folium.Map, path: Path, allow_tiles: bool = False) -> None:
    """Render, check that nothing points at the network, then write atomically."""
    text = m.get_root().render()
    check_offline(text, allow_tiles)
    write_atomic(Path(path), text)


def open_in_browser(path: Path) -> None:
    """Open the map in the user's browser; where there is none, say where the file is."""
    uri = Path(path).resolve().as_uri()
    if not webbrowser.open(uri):
        print(f"no web browser found; open {uri} yourself")
