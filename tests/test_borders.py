"""Distances from a border: which border, and the band drawn along it (sentences written here)."""

import pytest
from shapely.geometry import Point, shape

import geomap
from geomap.borders import band_along, border_band, border_line

SUDZHA = Point(35.27, 51.19)  # Kursk oblast, a few km from the Ukrainian border
KURSK = Point(36.19, 51.73)  # about 90 km from it
KHARKIV = Point(36.23, 49.99)  # across it, in Ukraine


def borders(text):
    return [(d.text, d.anchor, d.border) for d in geomap.parse(text, ner=False).distances]


@pytest.mark.parametrize(
    "text,expected",
    [
        # the border nearest the anchor, the anchor's side first
        ("Ukrainian troops entered Sudzha, about 8 km from the border.", ("about 8 km", "Sudzha", ("RU", "UA"))),
        # a country adjective names the other side
        (
            "Strikes hit Sidon, about 30 kilometres from the Israeli border.",
            ("about 30 kilometres", "Sidon", ("LB", "IL")),
        ),
        # "the border with X"
        (
            "Drones flew north of Chernihiv, within 20 km of the border with Belarus.",
            ("within 20 km", "Chernihiv", ("UA", "BY")),
        ),
        # both countries named
        ("Shelling hit Vovchansk, 5 km from the Russia-Ukraine border.", ("5 km", "Vovchansk", ("UA", "RU"))),
        # the UN's Blue Line follows the border of Lebanon and Israel
        (
            "A drone struck a car in Bint Jbeil, about 4 km north of the Blue Line.",
            ("about 4 km", "Bent Jbaïl", ("LB", "IL")),
        ),
        # whatever border the anchor lies nearest: the Bekaa is nearer Syria
        (
            "Jets hit the Bekaa Valley and a launch site less than 5 km north of the Blue Line.",
            ("less than 5 km", "Beqaa Valley", ("LB", "IL")),
        ),
        # inside, across or beyond the border; "inside the Russian border" is on that side, wherever the anchor
        ("Troops from Sumy advanced 12 km inside the Russian border.", ("12 km", "Sumy", ("RU", "UA"))),
        ("Fighting raged near Korenevo, roughly 25 km across the border.", ("roughly 25 km", "Korenevo", ("RU", "UA"))),
        # a zone along the border, in the region named; the capital that acts is no anchor
        (
            "In the northeastern Kharkiv region, Moscow is trying to carve out a 10-km buffer zone along the border.",
            ("10-km", "Kharkiv", ("UA", "RU")),
        ),
        # "from the Ukrainian border" lies outside Ukraine, whatever the anchor: on the side of the neighbour named
        (
            "Russia struck Odesa. Moldova said a drone crashed near the village of Etulia, 3 miles from the Ukrainian "
            "border.",
            ("3 miles", "Odesa", ("MD", "UA")),
        ),
        # Ukrainian and Russian reports
        ("Вибухи пролунали в Шебекиному, що за 6 км від українського кордону.", ("6 км", "Shebekino", ("RU", "UA"))),
        ("ВСУ обстреляли Белгород, в 40 км от границы с Украиной.", ("40 км", "Belgorod", ("RU", "UA"))),
        # the town, not the oblast written as its address
        ("Обстрел Волчанска Харьковской области, в 5 км от границы.", ("5 км", "Vovchansk", ("UA", "RU"))),
        ("Обстріл Вовчанська, за 5 км від адміністративного кордону.", ("5 км", "Vovchansk", ())),
        # the namesake that lies that far from that border, not the Volchansk in the Urals that a bare name and
        # Russia's focus chose; none moves where none fits
        ("Russian troops shelled Volchansk, 5 km from the border with Russia.", ("5 km", "Vovchansk", ("UA", "RU"))),
        ("Российские войска обстреляли Волчанск, в 5 км от границы с Россией.", ("5 км", "Vovchansk", ("UA", "RU"))),
        ("Troops left Volchansk, 300 km from the border with Russia.", ("300 km", "Volchansk", ("RU", "KZ"))),
        # a bare "the border": with the neighbour its sentence names, by name or adjective, over the nearest one
        (
            "Israeli troops remain at five hilltop positions near Beirut, within about 1 km of the border.",
            ("about 1 km", "Beirut", ("LB", "IL")),
        ),
        ("Shells hit Beirut, about 60 km from the border.", ("about 60 km", "Beirut", ("LB", "SY"))),
        # "the Kharkiv border" is the Kharkiv region's, no state border: measured from an outline geomap does not
        # draw, so from nothing on the map (a ring around the region's point would mislead); "from the region" stays
        ("Shelling hit Vovchansk, 5 km from the Kharkiv border.", ("5 km", "", ())),
        ("Russia took Novopavlivka, 3 km from the Dnipropetrovsk region border.", ("3 km", "", ())),
        ("Shelling hit Vovchansk, 5 km from the Kharkiv region.", ("5 km", "Kharkiv", ())),
        # a distance into a country or region: from the border it crossed, the area's side first, the other side
        # the country the move came from
        ("Ukrainian troops pushed 10 km into Russia near Sudzha.", ("10 km", "Russia", ("RU", "UA"))),
        ("Belarusian troops moved 20 km inside Ukraine.", ("20 km", "Ukraine", ("UA", "BY"))),
        # a country by its adjective, where the article names it
        (
            "Ukrainian troops advanced 10 km deep into Russian territory near Sudzha, Russia said.",
            ("10 km", "Russia", ("RU", "UA")),
        ),
        # a region: the border it lies on
        ("Russian troops advanced 5 km deep into the Kharkiv region.", ("5 km", "Kharkiv", ("UA", "RU"))),
        # a region entered across no state border: no band
        ("The shell landed 3 km inside the Kherson region.", ("3 km", "Kherson", ())),
        # "inside its territory": no area the text names after it, so no border the rules could tell
        (
            "Refugees fled to Bangladesh, whose guards said shells landed a mile inside its territory near Teknaf.",
            ("a mile", "Teknāf", ()),
        ),
    ],
)
def test_which_border(text, expected):
    assert borders(text) == [expected]


def test_the_band_runs_along_the_border_on_the_anchors_side():
    band = border_band(("RU", "UA"), 30_000)
    assert band.is_valid and band.contains(SUDZHA)
    assert not band.contains(KURSK) and not band.contains(KHARKIV)
    assert not border_band(("RU", "UA"), 1_000).contains(SUDZHA)
    assert border_band(("UA", "RU"), 30_000).contains(Point(36.35, 50.20))  # Lyptsi, on the Ukrainian side
    assert border_line("UA", "JP") is None


def test_geojson_and_map_carry_the_border():
    article = geomap.parse("Ukrainian troops advanced near Sudzha, up to 30 km from the Russian border.", ner=False)
    [feature] = [f for f in article.to_geojson()["features"] if f["properties"]["role"] == "distance"]
    assert feature["properties"]["border"] == ["RU", "UA"] and feature["properties"]["shape"] == "border band"
    drawn = shape(feature["geometry"])
    assert drawn.is_valid and drawn.contains(SUDZHA) and not drawn.contains(KHARKIV)
    html = geomap.render(article).get_root().render()
    assert "from the RU–UA border" in html


@pytest.mark.parametrize("codes", [("RU", "KZ"), ("RU", "UA"), ("UA", "BY")])
def test_the_band_is_true_to_its_width_along_long_borders(codes):
    import shapely
    from pyproj import CRS, Transformer

    line = border_line(*codes)
    band = band_along(line, 50_000)  # before it is cut to one side: every edge is then 50 km off
    widths = []
    for poly in getattr(band, "geoms", [band]):
        for x, y in poly.exterior.coords[::11]:
            # the true distance to the border: planar distance from the centre of a projection centred here
            local = CRS.from_proj4(f"+proj=aeqd +lat_0={y} +lon_0={x} +datum=WGS84 +units=m")
            to_local = Transformer.from_crs("EPSG:4326", local, always_xy=True).transform
            near = shapely.clip_by_rect(line, x - 3, y - 2, x + 3, y + 2)
            flat = shapely.transform(near, lambda a, b, f=to_local: f(a, b), interleaved=False)
            widths.append(flat.distance(Point(0, 0)))
    # every edge of the band is 50 km from the border, within 1 %
    assert 49_500 <= min(widths) and max(widths) <= 50_500


def test_a_band_into_a_region_is_drawn_inside_that_region():
    article = geomap.parse("Ukrainian forces advanced up to 35 km into the Kursk region.", ner=False)
    [band] = [f for f in article.to_geojson()["features"] if f["properties"]["role"] == "distance"]
    assert band["properties"]["shape"] == "border band"
    drawn = shape(band["geometry"])
    assert drawn.contains(SUDZHA) and not drawn.contains(KURSK) and not drawn.contains(KHARKIV)
    kursk_region = article.place("Kursk").geometry
    assert drawn.difference(kursk_region.buffer(0.01)).area < 1e-6  # nothing of it outside the region
