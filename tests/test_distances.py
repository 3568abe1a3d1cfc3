import pytest

from geomap.distances import find_distances, parse_number

CASES = [
    ("about three miles", 4828.032, "about", ""),
    ("up to two kilometers", 2000.0, "up to", ""),
    ("13 km south of Bakhmut", 13000.0, "exact", "S"),
    ("20-25 km", 25000.0, "about", ""),
    ("between 5 and 10 kilometres", 10000.0, "about", ""),
    ("some 7 kilometers (4 miles) north", 7000.0, "about", "N"),
    ("Khan Younis, 10 km to the north", 10000.0, "exact", "N"),
    ("40 nautical miles", 74080.0, "exact", ""),
    ("a mile and a half", 2414.016, "exact", ""),
    # a half after a number in words, hyphenated or not, is no range from a half
    ("one and a half km", 1500.0, "exact", ""),
    ("two-and-a-half kilometres", 2500.0, "exact", ""),
    ("two and a half miles north", 4023.36, "exact", "N"),
    # "and" joins a range's ends, and only after "hundred" or "thousand" a number's words
    ("between three and five kilometres", 5000.0, "about", ""),
    ("a hundred and fifty miles", 241401.6, "exact", ""),
    # fractions, as AP style writes them and as typeset
    ("2 1/2 miles north", 4023.36, "exact", "N"),
    ("2½ miles", 4023.36, "exact", ""),
    ("¾ mile", 1207.008, "exact", ""),
    ("less than a mile", 1609.344, "less than", ""),
    ("more than 600 kilometres (370 miles)", 600000.0, "more than", ""),
    ("within 1 mile", 1609.344, "up to", ""),
    ("windows shattered as far as 2 km away", 2000.0, "up to", ""),
    ("1.5km", 1500.0, "exact", ""),
    ("the 1,200-kilometer-long front", 1200000.0, "exact", ""),
]


@pytest.mark.parametrize(("text", "meters", "qualifier", "direction"), CASES)
def test_distance_grammar(text, meters, qualifier, direction):
    (d,) = find_distances(text)
    assert d.meters == pytest.approx(meters)
    assert (d.qualifier, d.direction) == (qualifier, direction)


def test_doubled_units_are_one_distance():
    (d,) = find_distances("about 730 km (450 miles) southeast of Moscow")
    assert d.text == "about 730 km (450 miles)" and d.direction == "SE"


def test_a_qualifier_is_a_whole_word():
    # the "about" inside "roundabout" qualifies nothing
    (d,) = find_distances("a roundabout 5 km north of the city")
    assert (d.text, d.qualifier) == ("5 km", "exact")


@pytest.mark.parametrize("text", ["hundreds of miles", "a few kilometers", "dozens of kilometres"])
def test_vague_amounts_are_listed_without_meters(text):
    (d,) = find_distances(text)
    assert d.vague and d.meters is None and d.qualifier == "vague"


@pytest.mark.parametrize("text", ["10,000,000 km", "-3 km", "0 miles", "1e309 km", "$5 m", "three three miles"])
def test_absurd_or_broken_distances_are_not_drawn(text):
    assert [d for d in find_distances(text) if d.meters and d.meters > 4828.1] == []
    assert all(d.meters is None or 0 < d.meters <= 20_037_508 for d in find_distances(text))


def test_range_bounds():
    (d,) = find_distances("20-25 km")
    assert (d.min_meters, d.max_meters) == (20000.0, 25000.0)


def test_number_words():
    assert parse_number("twenty-five") == 25
    assert parse_number("a") == 1
    assert parse_number("1,200") == 1200


CYRILLIC_CASES = [
    ("за 13 км на південь від Бахмута", "13 км", 13000.0, 13000.0, "exact", "S"),
    ("около 10 км южнее Авдеевки", "около 10 км", 10000.0, 10000.0, "about", "S"),
    ("до 2 кілометрів від лінії фронту", "до 2 кілометрів", 2000.0, 0.0, "up to", ""),
    ("у 1,5 км на північний схід від села", "1,5 км", 1500.0, 1500.0, "exact", "NE"),
    ("в 3 километрах к северо-западу от Угледара", "3 километрах", 3000.0, 3000.0, "exact", "NW"),
    ("на відстані 20-25 кілометрів", "20-25 кілометрів", 25000.0, 20000.0, "about", ""),
    ("понад 1 200 км", "понад 1 200 км", 1_200_000.0, 1_200_000.0, "more than", ""),
    ("500 м від позицій", "500 м", 500.0, 500.0, "exact", ""),
    ("от 5 до 10 км", "от 5 до 10 км", 10000.0, 5000.0, "about", ""),
]


@pytest.mark.parametrize(("text", "span", "meters", "low", "qualifier", "direction"), CYRILLIC_CASES)
def test_ukrainian_and_russian_distances(text, span, meters, low, qualifier, direction):
    (d,) = find_distances(text)
    assert (d.text, d.meters, d.min_meters, d.qualifier, d.direction) == (span, meters, low, qualifier, direction)


def test_the_abbreviation_of_misto_is_no_metre():
    # "м. Харків" is "the city of Kharkiv"
    assert find_distances("Вибухи пролунали у 2 м. Харків") == []


@pytest.mark.parametrize(
    "text",
    [
        "The quake occurred about 18 kilometers (11 miles) below the surface.",
        "The aftershock had a depth of 10 kilometers (6.2 miles).",
        "It struck at a depth of 5.6 kilometers, USGS said.",
        "The epicentre was 35 km deep.",
        "The drone flew at an altitude of 3,000 feet over the city.",
        "A peak 2,000 m above sea level.",
        "In Florence the Arno rose to within a metre of its banks.",
        "Soldiers dug in 20 metres from the trench near Bakhmut.",
        "Землетрус стався на глибині 10 км.",
        # speeds
        "The storm made landfall with winds of up to 150 km/h.",
        "Gusts reached 90 kilometres per hour and a car sped at 60 km an hour.",
        "Вітер до 90 км/год.",
    ],
)
def test_depths_heights_speeds_and_a_few_metres_are_no_distances_on_a_map(text):
    assert find_distances(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Troops advanced 10 km deep into the Kursk region.",
        "The Golan Heights, 60 km from Damascus.",
        "A 300 km high-speed line links the cities.",
    ],
)
def test_horizontal_distances_near_vertical_words_stay(text):
    assert len(find_distances(text)) == 1


@pytest.mark.parametrize(
    "text,extent",
    [
        ("Kyiv must hold the 1,200-kilometer-long (750 miles) front line.", "length"),
        ("A convoy 40 miles long stood north of Kyiv.", "length"),
        ("The Kerch Strait is 4.5 km wide at Kerch.", "width"),
        ("Траншея завдовжки: 20 км завдовжки біля Бахмута.", "length"),
        ("Andriivka lies 13 km south of Bakhmut.", ""),
        # a distance written before a line's noun is its length, not before a zone's
        ("Pakistan and Afghanistan fought along their 2,600-km border.", "length"),
        ("Shelling hit the Donbas along a 1,000 km (620-mile) front line.", "length"),
        ("Residents of the 20-km border zone were evacuated.", ""),
        ("Troops were 8 km from the frontier.", ""),
        # a line's length, after a verb of extent, where no place follows
        ("A power line running 330 km to the Dniprovska substation was cut.", "length"),
        ("The front runs 5 km east of Pokrovsk.", ""),
        ("Troops pushed 10 km deep into Kursk.", ""),
    ],
)
def test_a_length_or_width_is_marked(text, extent):
    (d,) = find_distances(text)
    assert d.extent == extent


def test_a_length_is_listed_at_its_anchor_and_not_drawn():
    import geomap

    article = geomap.parse("The 1,200-kilometer-long front line runs east of Kramatorsk, 13 km south of Bakhmut.")
    shapes = {
        f["properties"]["text"]: f for f in article.to_geojson()["features"] if f["properties"]["role"] == "distance"
    }
    length = shapes["1,200-kilometer-long"]
    assert length["properties"]["shape"] == "length" and length["geometry"]["type"] == "Point"
    assert length["properties"]["relation"] is None
    assert shapes["13 km"]["properties"]["shape"] == "sector"
    import folium

    from geomap.webmap import render_map

    m = render_map(article)
    [layer] = [c for c in m._children.values() if isinstance(c, folium.FeatureGroup) and c.layer_name == "Distances"]
    assert len([c for c in layer._children.values() if isinstance(c, folium.GeoJson)]) == 1  # the sector only


def test_a_vague_amount_is_one_distance_not_the_number_inside_it():
    found = find_distances("Debris fell a few hundred metres from the Potemkin Stairs.")
    assert [(d.text, d.vague) for d in found] == [("a few hundred metres", True)]
