"""geomap: a front-line mapper for war reporting.

>>> import geomap
>>> article = geomap.parse("Ukrainian troops advanced up to two kilometers near Bakhmut.")
>>> [(p.name, p.country) for p in article.places], article.distances[0].meters
([('Bakhmut', 'UA')], 2000.0)

``geomap.render(article)`` draws it on an offline Folium map; ``article.to_geojson()`` exports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geomap.errors import GeomapError

if TYPE_CHECKING:
    import folium

    from geomap.article import Article

__version__ = "0.1.0"
__all__ = ["Article", "GeomapError", "__version__", "parse", "parse_many", "render"]


def render(article: Article, **options) -> folium.Map:
    """Draw ``article`` on a self-contained Folium map (see :func:`geomap.webmap.render_map`)."""
    from geomap.webmap import render_map

    return render_map(article, **options)


def __getattr__(name: str):
    # The pipeline (shapely, pyproj, the parsers) loads on first use of geomap.parse, not on every
    # "import geomap.x": the CLI's --help and the gazetteer tools need none of it.
    if name in ("Article", "parse", "parse_many"):
        from geomap import article

        return getattr(article, name)
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
