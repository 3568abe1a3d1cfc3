"""Sites: streets and buildings no gazetteer holds, found by their head word and drawn at their town."""

import json

import pytest

from geomap.article import parse
from geomap.geojson import article_to_geojson
from geomap.sites import find_site_names
from geomap.webmap import render_map


def names(text: str, taken=()) -> list[str]:
    return [s.text for s in find_site_names(text, taken)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Crowds filled Royal Street and Frenchmen Street.", ["Royal Street", "Frenchmen Street"]),
        (
            "Police found him at 2700 North Fourth Street, then on 14th St. near the park.",
            ["2700 North Fourth Street", "14th St."],
        ),
        ("She studied at the University of St. Thomas and President Park spoke.", ["University of St. Thomas"]),
        ("A guard at the Embassy of the Republic of Armenia said.", ["Embassy of the Republic of Armenia"]),
        ("The Colony Theatre reopened.", ["Colony Theatre"]),
        ("Monks fled the Shwe Taung Pagoda at dawn.", ["Shwe Taung Pagoda"]),
        ("Mass at the Church of the Holy Redeemer.", ["Church of the Holy Redeemer"]),
        ("Cavan Town Hall and Ramor Theatre reopened.", ["Cavan Town Hall", "Ramor Theatre"]),
        ("Crowds on Park Avenue. He and Kyiv Street.", ["Park Avenue", "Kyiv Street"]),
        ("Shelling hit Soborna Street in Kharkiv.", ["Soborna Street"]),
        # a name in quotes: from its first word, quote left out
        ('They marched to the "No. 2 Detention Centre" in Tianjin.', ["No. 2 Detention Centre"]),
        ("A missile hit the “Kharkiv Tractor Plant” at dawn.", ["Kharkiv Tractor Plant"]),
        # a head right after a site's name ends it
        ("He was held at Kendale Lakes Elementary School.", ["Kendale Lakes Elementary School"]),
    ],
)
def test_site_names_end_in_a_head_word(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Flights to St. Louis resumed.",  # the saint, not the street
        "The crew of the International Space Station landed.",  # an institution before the head
        "Kharkiv. Hospital staff left.",  # a head word alone; never over a sentence's end
        "The Catholic Church and the Ukrainian Orthodox Church condemned it.",  # churches as institutions
        "Officials met President Park on Tuesday.",  # a title and a surname
        "Prices on the Money Market fell.",  # "Market" is not a head: it names trading more than places
        "Crowds filled the 300 Square.",  # a number alone is no name
    ],
)
def test_what_is_no_site(text):
    assert names(text) == []


def test_a_name_the_gazetteer_holds_is_not_a_site_too():
    text = "Crowds gathered on Red Square."
    assert names(text, taken=[(19, 29)]) == []
    assert names(text) == ["Red Square"]
    assert parse(text).place("Red Square").kind == "other"  # the gazetteer's landmark


def test_a_place_named_again_inside_an_institution_s_name_is_no_site_of_its_own():
    a = parse("Traffic through the Suez Canal fell by half, Egypt's Suez Canal Authority said in Ismailia.")
    canals = [p for p in a.places if p.name == "Suez Canal"]
    assert [p.kind for p in canals] == ["other"]  # the gazetteer's canal, not also a site at Ismailia


def test_a_site_is_drawn_at_the_town_written_after_it():
    a = parse("A missile hit a school on Soborna Street in Kharkiv on Tuesday. Shelling also hit Lviv and Kyiv.")
    site = a.place("Soborna Street")
    kharkiv = a.place("Kharkiv")
    assert site.kind == "site" and (site.lat, site.lon) == (kharkiv.lat, kharkiv.lon)
    assert site.evidence == ("a site the gazetteer does not hold, drawn at Kharkiv: written right after it",)
    assert site.confidence <= 0.5


def test_districts_listed_with_one_generic_word_are_sites_at_the_city_of_their_sentence_or_the_one_before():
    a = parse("Missiles hit Kyiv overnight. Debris fell in the Darnytskyi and Solomianskyi districts.")
    kyiv = a.place("Kyiv")
    for name in ("Darnytskyi district", "Solomianskyi district"):
        site = a.place(name)
        assert site is not None and site.kind == "site" and (site.lat, site.lon) == (kyiv.lat, kyiv.lon), name
        assert site.evidence[0].endswith("drawn at Kyiv: the city of the sentence before")
    # one the gazetteer lacks, listed after two it holds, is the city's, not drawn at the district before it
    a = parse("Kharkiv was hit. Shells landed in the Kyivskyi, Saltivskyi and Osnovianskyi districts.")
    site, kharkiv = a.place("Osnovianskyi district"), a.place("Kharkiv")
    assert (site.lat, site.lon) == (kharkiv.lat, kharkiv.lon)
    assert a.place("Saltivskyi District").kind == "district"


def test_a_part_of_a_town_written_with_its_town_is_a_site_there():
    text = (
        "The RSF shelled Omdurman's Karari district. Strikes hit the Tuffah neighbourhood of Gaza City and the "
        "Christian quarter in Aleppo, and the Crown Heights neighborhood of Brooklyn was quiet."
    )
    a = parse(text)
    for name, town in (
        ("Karari district", "Omdurman"),
        ("Tuffah neighbourhood", "Gaza"),
        ("Christian quarter", "Aleppo"),
        ("Crown Heights neighborhood", "Brooklyn"),  # not the village of Crown Heights, 110 km up the Hudson
    ):
        site, at = a.place(name) or a.place(name.rsplit(" ", 1)[0]), a.place(town)
        assert site is not None and site.kind == "site" and (site.lat, site.lon) == (at.lat, at.lon), name
    assert {p.kind for p in a.places} == {"site", "city"}
    # with no town written with it, it makes no mark
    assert parse("Shells hit the Karari district and Omdurman.").place("Karari district") is None
    # nor is it drawn at a town written past another name
    assert parse("Drones struck the Barmal district of Paktika and in Khost.").place("Barmal district") is None
    # a part the gazetteer holds is drawn at its own point: the Beach camp, not Ash Shati, a region of Libya
    shati = parse("Strikes hit the Shati neighbourhood of Gaza City.").place("Shati neighbourhood")
    assert (shati.country, shati.lat, shati.lon) == ("PS", 31.5321972, 34.4453944)


def test_a_town_written_after_a_site_in_another_clause_or_sentence_does_not_hold_it():
    # the town after "in" belongs to the next clause or sentence: the district is the city's of its own sentence
    for text in (
        "In Kyiv, a missile hit the Darnytskyi district, and two people died in Irpin.",
        "In Kyiv, a school in the Darnytskyi district was damaged. Shelling was reported in Irpin.",
    ):
        a = parse(text)
        site, kyiv = a.place("Darnytskyi district"), a.place("Kyiv")
        assert (site.lat, site.lon) == (kyiv.lat, kyiv.lon), text
    # a clause of the site's own still says where it is: "the hospital where Alfie is admitted in Liverpool"
    a = parse("The boy is at Alder Hey Children's Hospital where he is treated in Liverpool. London was quiet.")
    assert a.place("Alder Hey Children's Hospital").lat == a.place("Liverpool").lat


def test_a_site_whose_sentence_names_no_town_is_in_the_city_or_the_streets_town_of_the_sentence_before():
    text = "Israeli tanks entered Khan Younis in the south. Nasser Hospital was hit twice, officials said."
    a = parse(text)
    assert a.place("Nasser Hospital").evidence[0].endswith("drawn at Khān Yūnis: the city of the sentence before")
    text = (
        "Police in Southport, Merseyside, charged a 17-year-old. The attack happened at a community centre on Hart "
        "Street. Riots later spread to Hartlepool, Rotherham and Manchester."
    )
    assert parse(text).place("Hart Street").evidence[0].endswith("drawn at Southport: the town of the sentence before")


def test_a_town_written_before_with_a_possessive():
    a = parse("Crowds marched down Harare’s Third Street on Friday.")
    assert a.place("Third Street").evidence[0].endswith("drawn at Harare: its town written before it")


def test_a_street_named_after_a_city_is_not_in_it():
    a = parse("In Kramatorsk, a shell hit Kyiv Street on Monday.")
    assert a.place("Kyiv Street").evidence[0].split("drawn at ")[1].startswith("Kramatorsk")


def test_without_a_written_town_the_one_the_other_places_lie_around():
    # Boyundere is a village the gazetteer knows, named here as a person; Cairo has its country and a neighbour
    text = (
        "Boyundere said the school was ready. Boyundere added that Boyundere would stay. Pupils in Cairo and "
        "New Cairo, Egypt, are waiting. Classes were delayed. They start at the British International School soon."
    )
    site = parse(text).place("British International School")
    assert "drawn at Cairo: the settlement of the article that its other places lie around" in site.evidence[0]
    assert site.confidence <= 0.3


def test_a_town_named_before_it_in_its_sentence():
    a = parse("Shelling hit Kyiv at dawn. In Kharkiv, Ukraine, a strike hit Sumska Street and the Palace of Sports.")
    for name in ("Sumska Street", "Palace of Sports"):
        assert a.place(name).evidence[0].endswith("drawn at Kharkiv: named before it in its sentence")
    # a city needs no neighbour of the article's to hold its streets: Mombasa, 440 km from the story's other towns
    a = parse("Police fired tear gas in Nairobi and Nakuru. In Mombasa, on the coast, shops were looted on Moi Avenue.")
    assert a.place("Moi Avenue").evidence[0].endswith("drawn at Mombasa: named before it in its sentence")


def test_a_town_its_own_name_holds_though_not_a_mention_of_its_own():
    a = parse(
        "Shelling hit Kharkiv, Ukraine, at dawn. Rescuers then reached the Kharkiv Palace of Sports. Kyiv was calm."
    )
    assert a.place("Kharkiv Palace of Sports").evidence[0].endswith("drawn at Kharkiv: its own name holds it")


def test_a_site_named_after_a_town_the_article_does_not_name_is_drawn_there_if_its_places_lie_near():
    london = "Crowds gathered in London as the couple left Windsor Castle. Police closed roads around Slough."
    castle = parse(london).place("Windsor Castle")
    assert castle.evidence[0].endswith("drawn at Windsor: its own name holds it")
    assert (round(castle.lat, 1), round(castle.lon, 1), castle.country) == (51.5, -0.6, "GB")  # not Ontario's
    # none near: the town the places lie around, as before
    assert (
        "drawn at Kingston upon Hull"
        in parse("Fans in Hull, England, cheered. Windsor Castle was shut.").place("Windsor Castle").evidence[0]
    )
    # a garden honours a president, not Madison, New Jersey, 40 km from New York
    garden = parse("Fans packed Madison Square Garden in New York and Brooklyn.").place("Madison Square")
    assert "drawn at New York City" in garden.evidence[0]


def test_a_site_whose_name_holds_a_region_is_drawn_only_inside_it():
    kept = parse("Students at Colorado State University in Fort Collins protested. Fans in Omaha cheered.")
    assert "drawn at Fort Collins" in kept.place("Colorado State University").evidence[0]
    dropped = parse("Fans in Omaha cheered. Colorado State University lost.")
    assert dropped.place("Colorado State University") is None


def test_a_site_its_country_is_written_before_is_drawn_only_inside_it():
    text = "The storm hit Negril in Jamaica, the U.S. National Hurricane Center said."
    assert parse(text).place("National Hurricane Center") is None  # in Miami, which the article does not name
    kept = parse("Russian bombs hit Kharkiv overnight, and Ukraine's Saltivka Children's Hospital was damaged.")
    assert "drawn at Kharkiv" in kept.place("Saltivka Children's Hospital").evidence[0]


def test_no_town_no_site():
    assert parse("Crowds filled Royal Street on Friday.").place("Royal Street") is None


def test_sites_in_geojson_and_on_the_map(tmp_path):
    a = parse("Police closed Royal Street in New Orleans.<script>alert(1)</script>")
    fc = json.loads(json.dumps(article_to_geojson(a)))
    site = next(f for f in fc["features"] if f["properties"]["name"] == "Royal Street")
    assert site["properties"]["kind"] == "site" and site["properties"]["mentions"] == ["Royal Street"]
    assert site["geometry"]["type"] == "Point"
    html = render_map(a).get_root().render()
    assert "drawn at New Orleans" in html and "geomap-site" in html and "<script>alert(1)" not in html


def test_a_city_district_the_gazetteer_lacks_is_a_site_at_its_city():
    article = parse("A missile hit the Darnytskyi district of Kyiv on Monday.")
    site = article.place("Darnytskyi district")
    assert site is not None and site.kind == "site" and site.id.startswith(article.place("Kyiv").id + "#site:")
    # one whose adjective is not a place's: Kherson's Korabelnyi (of the shipyards)
    article = parse("Officials in Kherson said shelling killed a man in the Korabelnyi district.")
    site = article.place("Korabelnyi district")
    assert site is not None and site.id.startswith(article.place("Kherson").id + "#site:")
    # a district the gazetteer holds stays that district
    assert parse("Shelling hit the Shevchenkivskyi district of Kyiv.").place("Shevchenkivskyi District").kind == (
        "district"
    )


def test_a_village_the_gazetteer_lacks_placed_by_a_bare_direction_is_a_site_at_that_place():
    text = (
        "Russian forces attacked southeast of Pokrovsk near Novopustynka and Myrolyubivka. Armored vehicles were "
        "seen near Dalne (south of Kurakhove). Russian forces (north of Kharkiv) and the Russian Army (north of "
        "Kharkiv) attacked."
    )
    article = parse(text)
    pokrovsk, kurakhove = article.place("Pokrovsk"), article.place("Kurakhove")
    for name, town in (("Novopustynka", pokrovsk), ("Myrolyubivka", pokrovsk), ("Dalne", kurakhove)):
        site = article.place(name)
        assert site is not None and site.kind == "site" and (site.lat, site.lon) == (town.lat, town.lon), name
    assert {p.kind for p in article.places} == {"site", "town", "city"}  # who acts is no site: "Russian forces"
    assert len(article.places) == 6


def test_a_village_the_gazetteer_lacks_placed_by_a_directional_distance_is_drawn_where_it_puts_it():
    from pyproj import Geod

    text = (
        "KYIV (Reuters) - Russian troops captured the village of Novoselydivka, about 20 km east of Pokrovsk, "
        "Russia's Defence Ministry said. Ukraine's army said it held the town of Kurakhove."
    )
    article = parse(text)
    pokrovsk, site = article.place("Pokrovsk"), article.place("Novoselydivka")
    assert pokrovsk.country == "UA"  # "Pokrovsk, Russia's Defence Ministry": the country speaks, it holds nothing
    assert site is not None and site.kind == "site" and site.confidence <= 0.5
    azimuth, _, metres = Geod(ellps="WGS84").inv(pokrovsk.lon, pokrovsk.lat, site.lon, site.lat)
    assert round(metres / 1000) == 20 and round(azimuth) == 90
    assert "placed about 20 km east of Pokrovsk, as the text says" in site.evidence[0]
    assert [d.target for d in article.distances] == ["Novoselydivka"]
    # a distance without a direction places nothing: the village has no point the text gives
    assert parse(text.replace("20 km east of", "20 km from")).place("Novoselydivka") is None
    # a settlement a move is toward, so placed, is one too
    text = "Thousands fled El Fasher toward Abu Shouk, about 5 kilometers north of El Fasher, aid groups said."
    article = parse(text)
    fasher, camp = article.place("El Fasher"), article.place("Abu Shouk")
    assert camp is not None and camp.kind == "site" and camp.country == "SD"
    azimuth, _, metres = Geod(ellps="WGS84").inv(fasher.lon, fasher.lat, camp.lon, camp.lat)
    assert round(metres / 1000) == 5 and round(azimuth) == 0
    # so is one the text calls a settlement, even with its region: not the region, which is no "town" 55 km off
    for text in (
        "Troops fell back toward Kalehe, a lakeside town in South Kivu some 55 km southwest of Goma, residents said.",
        "Shells hit Kalehe, a lakeside town in South Kivu some 55 km southwest of Goma, residents said.",
    ):
        article = parse(text)
        goma, kalehe = article.place("Goma"), article.place("Kalehe")
        assert kalehe is not None and kalehe.kind == "site", text
        azimuth, _, metres = Geod(ellps="WGS84").inv(goma.lon, goma.lat, kalehe.lon, kalehe.lat)
        assert round(metres / 1000) == 55 and round(azimuth) == -135
        assert [(d.anchor, d.target) for d in article.distances] == [("Goma", "Kalehe")]


def test_a_head_that_opens_an_institution_s_name_is_no_site():
    text = "China's Eastern Theater Command held drills. A shell hit the Drama Theater in Mariupol."
    assert [s.text for s in find_site_names(text)] == ["Drama Theater"]
