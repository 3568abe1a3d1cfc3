"""Anchoring distances: what a stated distance is measured from, and what it reaches (sentences written here)."""

import folium
import pytest

import geomap
from geomap.webmap import render_map


def anchored(text):
    return [(d.text, d.anchor, d.target, d.anchor_rule) for d in geomap.parse(text, ner=False).distances]


def test_a_distance_stated_for_two_targets_is_one_relation_each():
    assert anchored("Russian troops hold Lyman and Kreminna, about 20 km north of Sloviansk.") == [
        ("about 20 km", "Slovyansk", "Lyman", "of-phrase"),
        ("about 20 km", "Slovyansk", "Kreminna", "of-phrase"),
    ]
    assert anchored("Ворог атакував поблизу Мирнограда та Новогродівки, за 10 км на схід від Покровська.") == [
        ("10 км", "Pokrovsk", "Myrnohrad", "of-phrase"),
        ("10 км", "Pokrovsk", "Novohrodivka", "of-phrase"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the city" after a distance: the settlement named before, in its sentence or the one before; the place
        # written right before the distance is what it locates
        (
            "Shelling hit Kramatorsk. Drones struck Sloviansk, 12 km north of the city, on Monday.",
            ("12 km", "Kramatorsk", "Slovyansk", "subject"),
        ),
        ("Kharkiv was hit again. The strike landed 5 km from the city centre.", ("5 km", "Kharkiv", "", "subject")),
        # the one the text calls a town is "the town", not the last one named
        (
            "Siversk, a small town north of Bakhmut, was bombed; troops were within 3 km of the town centre.",
            ("within 3 km", "Siversk", "", "subject"),
        ),
        (
            "Drones struck the town of Siversk and the city of Bakhmut; troops were 3 km from the town.",
            ("3 km", "Siversk", "", "subject"),
        ),
        # failing a place the text calls so, the one the gazetteer does: Lyman is a town, Sloviansk a city
        (
            "A convoy leaving Lyman for Sloviansk was hit by a drone about 2 miles outside the town.",
            ("about 2 miles", "Lyman", "", "subject"),
        ),
        # but within its sentence: the city of the sentence before is not "the city" over one named since
        (
            "Shells hit the city of El Obeid. Fighters besieged El Fasher, attacking Zamzam, 15 km south of the city.",
            ("15 km", "El Fasher", "Zamzam", "subject"),
        ),
        # "downtown" is the city's
        (
            "HOUSTON — A tanker overturned near Conroe, about 40 miles north of downtown, officials said.",
            ("about 40 miles", "Houston", "Conroe", "subject"),
        ),
        (
            "A tanker overturned near Conroe, about 40 miles north of downtown Houston, officials said.",
            ("about 40 miles", "Houston", "Conroe", "of-phrase"),
        ),
        (
            "The RSF shelled El Fasher, and people fled toward the village of Tawila, some 60 km west of the city.",
            ("some 60 km", "El Fasher", "Tawila", "subject"),
        ),
        # "the capital": its country's, named or not; Sanaa is Yemen's, and the airport is Syria's
        (
            "Shelling hit Kyiv. Drones struck Brovary, 20 km east of the capital.",
            ("20 km", "Kyiv", "Brovary", "subject"),
        ),
        (
            "Jets struck Sanaa. In Syria, missiles hit Damascus International Airport, 20 km southeast of the capital.",
            ("20 km", "Damascus", "Damascus International Airport", "subject"),
        ),
        # named anywhere: after the distance too, or with nothing named before it but the article's subject
        (
            "Gangs burned homes in Cabaret, 25 km northwest of the capital. Port-au-Prince has been under siege.",
            ("25 km", "Port-au-Prince", "Cabaret", "subject"),
        ),
        (
            "Police said the convoy was ambushed 30 km north of the capital. Gangs hold most of Port-au-Prince.",
            ("30 km", "Port-au-Prince", "", "subject"),
        ),
        # nor a place of an earlier clause
        (
            "Troops pushed into Khan Younis and tanks massed about 2 km from the outskirts of Deir al-Balah.",
            ("about 2 km", "Dayr al Balaḩ", "", "of-phrase"),
        ),
        (
            "The army held the outskirts of Kurakhove, while fighting continued within 5 miles of Toretsk.",
            ("within 5 miles", "Toretsk", "", "of-phrase"),
        ),
        (
            "The army held the outskirts of Kurakhove; fighting continued within 5 miles of Toretsk.",
            ("within 5 miles", "Toretsk", "", "of-phrase"),
        ),
        # neither a country, nor who acts, nor a dateline is what a distance locates
        (
            "Yemen's Houthis fired at a ship about 50 nautical miles southwest of Hodeidah.",
            ("about 50 nautical miles", "Al Ḩudaydah", "", "of-phrase"),
        ),
        (
            "KYIV (Reuters) - Russian troops advanced about 5 km south of Bakhmut.",
            ("about 5 km", "Bakhmut", "", "of-phrase"),
        ),
        # a region written as a place's address: the distance after it is the place's
        (
            "Drones attacked the Engels air base in Russia's Saratov region, more than 600 km from the front.",
            ("more than 600 km", "Engels-2", "", "sentence"),
        ),
        # from a town's outskirts: from the town; a town named after the distance rather than the article's focus
        (
            "Shelling hit Dnipro. Russian troops are less than 10 kilometers from the outskirts of Pokrovsk.",
            ("less than 10 kilometers", "Pokrovsk", "", "of-phrase"),
        ),
        (
            "Dnipro was hit again. A drone flew about 1,000 kilometers to reach the airfield near Murmansk.",
            ("about 1,000 kilometers", "Murmansk", "", "sentence"),
        ),
        # who holds the place is no bar: "from occupied Crimea", "south of Russian-held Donetsk"
        (
            "Ukrainian forces struck the Tuapse oil refinery in Krasnodar Krai, roughly 130 km from occupied Crimea.",
            ("roughly 130 km", "Crimea", "Tuapse", "of-phrase"),
        ),
        ("Drones hit a depot 20 km south of Russian-held Donetsk.", ("20 km", "Donetsk", "", "of-phrase")),
        # near a place: around it
        (
            "Russian forces advanced up to 1.5 kilometres near the town of Lyman, Ukraine's military said.",
            ("up to 1.5 kilometres", "Lyman", "", "of-phrase"),
        ),
        # "the <adjective> town of": the town
        (
            "The Lachin corridor runs about 65 km from the Armenian town of Goris.",
            ("about 65 km", "Goris", "Lachin corridor", "of-phrase"),
        ),
        # nor the region that holds the place it is measured from
        (
            "In Rakhine State, the Arakan Army said fighting continued about 20 km north of Sittwe.",
            ("about 20 km", "Sittwe", "", "of-phrase"),
        ),
        # what an of-phrase locates is the settlement, not the river it lies on
        (
            "Ukrainian marines hold Krynky on the left bank of the Dnipro, about 30 km east of Kherson.",
            ("about 30 km", "Kherson", "Krynky", "of-phrase"),
        ),
        # an area beside the settlement is its address, not a second place the distance locates
        (
            "Crews contained a fire near Paradise, the Butte County town, about 15 miles northeast of Chico.",
            ("about 15 miles", "Chico", "Paradise", "of-phrase"),
        ),
        # a settlement the gazetteer lacks, introduced with its address or called a community
        (
            "Militants captured the town of Moqokori in Hiran region, about 300 km north of Mogadishu.",
            ("about 300 km", "Mogadishu", "Moqokori", "of-phrase"),
        ),
        (
            "The attack took place in Papiri, a community in Agwara local government area, about 300 km northwest "
            "of Abuja.",
            ("about 300 km", "Abuja", "Papiri", "of-phrase"),
        ),
        (
            "The river rose 26 feet near Hunt, a small community about 15 miles west of Kerrville.",
            ("about 15 miles", "Kerrville", "Hunt", "of-phrase"),
        ),
        (
            "At Githurai, a suburb about 15 km northeast of Nairobi, police opened fire.",
            ("about 15 km", "Nairobi", "Githurai", "of-phrase"),
        ),
        (
            "Protests spread from Tbilisi. Crowds marched in Kutaisi, Georgia's third-largest city, some 230 km west "
            "of the capital.",
            ("some 230 km", "Tbilisi", "Kutaisi", "subject"),
        ),
    ],
)
def test_what_a_distance_is_measured_from_and_what_it_locates(text, expected):
    assert anchored(text) == [expected]


def test_a_place_n_km_to_the_north_lies_so_from_the_place_named_before():
    text = "Tanks pushed deeper into Rafah, and residents of Khan Younis, 10 km to the north, reported shelling."
    assert anchored(text) == [("10 km", "Rafaḩ", "Khān Yūnis", "sentence")]
    (d,) = geomap.parse(text, ner=False).distances
    assert d.direction == "N" and d.text == "10 km"
    # "Sake, a town": a common word in apposition to what it names is a place
    text = "M23 rebels advanced on Goma after seizing Sake, a town 25 km to the west."
    assert anchored(text) == [("25 km", "Goma", "Sake", "sentence")]
    # so does one "N miles down the coast" or "N km away"
    text = "Drones struck a depot in Novorossiysk and a refinery near Tuapse, some 90 miles down the Black Sea coast."
    assert anchored(text) == [("some 90 miles", "Novorossiysk", "Tuapse", "sentence")]
    text = "Shelling hit Kramatorsk, and Sloviansk, 12 km away, lost power."
    assert anchored(text) == [("12 km", "Kramatorsk", "Slovyansk", "sentence")]
    text = "Russian troops shelled Kherson and the town of Beryslav, some 70 km upstream."
    assert anchored(text) == [("some 70 km", "Kherson", "Beryslav", "sentence")]
    # but not one "away from" a place named after it
    text = "Shelling hit Kramatorsk, and Sloviansk, 12 km away from Bakhmut, lost power."
    assert anchored(text)[0][1] == "Bakhmut"


def test_a_site_of_the_place_named_before_lies_so_from_the_place_before_it():
    # the place's site between it and the distance: "the Tuapse refinery, about 150 km down the coast"
    text = "Drones set fire to the port of Novorossiysk and to the Tuapse refinery, about 150 km down the coast."
    assert anchored(text) == [("about 150 km", "Novorossiysk", "Tuapse", "sentence")]
    # a list the distance follows with no comma is all located, from the settlement named before the list
    text = "Troops raided Jenin, and the raid spread to the Nur Shams and Tulkarm camps about 50 km to the west."
    assert anchored(text) == [
        ("about 50 km", "Janīn", "Nur Shams", "sentence"),
        ("about 50 km", "Janīn", "Ţūlkarm", "sentence"),
    ]
    # after a comma, the last of the list alone, from the one before it
    text = "Helicopters flew the injured to hospitals in Jalalabad and Kabul, about 150 km to the west."
    assert anchored(text) == [("about 150 km", "Jalālābād", "Kabul", "sentence")]


def test_a_distance_in_apposition_to_the_last_of_a_list_locates_it_alone():
    text = "Russian forces pressed toward Huliaipole and Stepnohirsk, a village about 5 km west of Kamianske."
    assert anchored(text) == [("about 5 km", "Kamyanske", "Stepnohirsk", "of-phrase")]
    # the settlement a move is toward, or one captured, is what the distance locates, by its gazetteer name
    text = "Russian forces captured Huliaipole, about 75 km east of Zaporizhzhia, on Sunday, Moscow said."
    assert anchored(text) == [("about 75 km", "Zaporizhzhya", "Hulyaypole", "of-phrase")]


def test_a_distance_from_a_thing_off_the_map_is_no_distance_from_a_place():
    # the hull lies 50 nautical miles from Aden: the mile is from the hull, neither from Aden nor from the
    # article's Hodeidah
    text = (
        "Houthi missiles were fired at a tanker off Hodeidah. A second vessel reported an explosion within a mile "
        "of its hull some 50 nautical miles southeast of Aden."
    )
    assert anchored(text) == [
        ("within a mile", "", "", ""),
        ("some 50 nautical miles", "Aden", "", "of-phrase"),
    ]
    # a part of a place is still the place: "from the southern edge of the city" falls to the article's city
    text = "Shelling hit Pokrovsk on Monday. Troops are as close as 3 kilometers from the southern edge of the city."
    assert anchored(text)[0][1] == "Pokrovsk"
    # a radius of a thing is as much off the map as a distance from it
    text = "Shelling hit Kharkiv. Drones struck a refinery in Saratov. Debris fell within a 2-km radius of the plant."
    assert anchored(text) == [("2-km", "", "", "")]


def test_a_list_of_to_phrases_measures_each_from_the_subject():
    text = (
        "From Chasiv Yar it is about 12 km to Kostiantynivka, 25 km to Druzhkivka and Kramatorsk, 35 km to Sloviansk."
    )
    got = [(t, a, target) for t, a, target, _ in anchored(text)]
    assert got == [
        ("about 12 km", "Chasiv Yar", "Kostyantynivka"),
        ("25 km", "Chasiv Yar", "Druzhkivka"),
        ("25 km", "Chasiv Yar", "Kramatorsk"),
        ("35 km", "Chasiv Yar", "Slovyansk"),
    ]


@pytest.mark.parametrize(
    "text,anchor",
    [
        ("The depot lies 15 km south of the centre of Kharkiv.", "Kharkiv"),
        ("Izium lies 120 km south-east of the region's capital, Kharkiv.", "Kharkiv"),
        ("Drones hit a refinery 40 km east of the Russian capital Moscow.", "Moscow"),
        ("Bakhmut was shelled. Roads were closed within a 30-km radius of Kramatorsk.", "Kramatorsk"),
        ("Bakhmut was shelled. Moscow declared a 5-km radius around Belgorod a closed zone.", "Belgorod"),
        ("A boat was struck in the Caribbean about 100 miles off the coast of the Paria peninsula.", "Paria Peninsula"),
    ],
)
def test_of_phrases_reach_past_centre_and_capital(text, anchor):
    [(_, got, _, rule)] = anchored(text)
    assert (got, rule) == (anchor, "of-phrase")


def test_a_shared_distance_is_drawn_once():
    article = geomap.parse("Russian troops hold Lyman and Kreminna, about 20 km north of Sloviansk.", ner=False)
    assert len(article.distances) == 2
    m = render_map(article)
    [layer] = [c for c in m._children.values() if isinstance(c, folium.FeatureGroup) and c.layer_name == "Distances"]
    shapes = [c for c in layer._children.values() if isinstance(c, folium.GeoJson)]
    dots = [c for c in layer._children.values() if isinstance(c, folium.CircleMarker)]
    assert len(shapes) == 1 and len(dots) == 2  # one sector; an estimated position for each town
    assert "to Lyman, Kreminna" in m.get_root().render()


def test_ukrainian_and_russian_distances_are_measured_from_the_place_after_vid_or_ot():
    assert anchored("Андріївка лежить за 13 км на південь від Бахмута.") == [
        ("13 км", "Bakhmut", "Andriivka", "of-phrase")
    ]
    assert anchored("Село Работино расположено примерно в 10 км южнее Орехова.") == [
        ("примерно в 10 км", "Orikhiv", "Robotyne", "of-phrase")
    ]


@pytest.mark.parametrize(
    "text,second",
    [
        # the country yields to what the sentence locates, not to the place the first distance was from
        (
            "Ukrainian troops retook Klishchiivka, 9 km south of Bakhmut and 600 km from Russia.",
            ("600 km", "Klishchiivka", "Russia", "sentence"),
        ),
        (
            "Ukrainian troops retook Klishchiivka, 9 km south of Bakhmut and about 2 km from the railway line.",
            ("about 2 km", "Klishchiivka", "", "sentence"),
        ),
    ],
)
def test_a_second_distance_belongs_to_the_subject_not_to_the_first_ones_landmark(text, second):
    first, got = anchored(text)
    assert first == ("9 km", "Bakhmut", "Klishchiivka", "of-phrase")
    assert got == second


def test_a_landmark_still_anchors_a_distance_when_the_sentence_names_nothing_else():
    assert anchored("Shelling hit 13 km south of Bakhmut and 5 km from the front.")[1][:2] == ("5 km", "Bakhmut")


@pytest.mark.parametrize(
    "text,expected",
    [
        # the subject is the plant named before, not the district named inside the relative clause
        (
            "Ukrainian troops neared the Kursk Nuclear Power Plant. The plant, which supplies power to the Central "
            "Federal District, is about 45 kilometers away from the Ukrainian troops.",
            ("about 45 kilometers", "Kursk Nuclear Power Plant", "", "subject"),
        ),
        (
            "Drones hit Sudzha overnight. The town, near Kursk, is about 8 km from the front line.",
            ("about 8 km", "Sudzha", "", "subject"),
        ),
        # an of-phrase still wins: the distance is measured from what it names
        (
            "Drones hit Sudzha overnight. The town lies 80 km southwest of Kursk.",
            ("80 km", "Kursk", "Sudzha", "of-phrase"),
        ),
    ],
)
def test_a_sentence_opening_with_the_plant_or_the_town_measures_from_the_place_it_refers_to(text, expected):
    assert anchored(text)[-1] == expected


def test_a_capital_the_article_never_names_is_its_countrys():
    text = "Sudan's army pushed the RSF from positions some 30 miles south of the capital. Fighting flared in El Obeid."
    article = geomap.parse(text)
    khartoum = article.place("Khartoum")
    assert khartoum is not None and [m.text for m in khartoum.mentions] == ["the capital"]
    assert khartoum.confidence < 1 and "without naming it" in khartoum.evidence[0]
    assert [d.anchor for d in article.distances] == ["Khartoum"]
    # named anywhere, the capital is the place named, not a second one
    article = geomap.parse(text + " Khartoum itself has been shelled for months.")
    assert [m.text for m in article.place("Khartoum").mentions] == ["Khartoum"]
    assert [d.anchor for d in article.distances] == ["Khartoum"]
    # with no country to make out, no capital and no mark
    article = geomap.parse("The convoy was ambushed 30 km north of the capital, officials said.")
    assert not article.places and [d.anchor for d in article.distances] == [""]


def test_the_capital_an_adjective_or_the_country_owns_is_that_countrys():
    # the adjective says whose capital, even where the place before it is another country's
    article = geomap.parse("Drones hit Bucha in Ukraine, 600 km west of the Russian capital.")
    moscow = article.place("Moscow")
    assert [m.text for m in moscow.mentions] == ["the Russian capital"] and "the Russian capital" in moscow.evidence[0]
    assert [d.anchor for d in article.distances] == ["Moscow"]
    article = geomap.parse("Troops reached Adigrat, some 900 km north of the country’s capital.")
    assert [(d.anchor, d.anchor_rule) for d in article.distances] == [("Addis Ababa", "subject")]
    # named in the article, the capital is the place named
    article = geomap.parse("Shelling hit Kyiv. Drones struck Bucha, 25 km northwest of the Ukrainian capital.")
    assert [p.name for p in article.places] == ["Kyiv", "Bucha"] and article.distances[0].anchor == "Kyiv"


def test_a_capital_followed_by_a_name_that_is_no_place_is_the_capital_still():
    # "Addis Abada", misspelt, is no place: the distance is from the capital, not from Adigrat
    text = "Fighting reached Tigray. Adigrat is located 898 km north of the country's capital Addis Abada."
    article = geomap.parse(text)
    assert [(d.anchor, d.anchor_rule) for d in article.distances] == [("Addis Ababa", "subject")]
    # spelt right, it is the place named; and a name after "the city" stays what it was
    article = geomap.parse(text.replace("Abada", "Ababa"))
    assert [(d.anchor, d.anchor_rule) for d in article.distances] == [("Addis Ababa", "of-phrase")]
    assert [m.text for m in article.place("Addis Ababa").mentions] == ["Addis Ababa"]
    article = geomap.parse("Strikes hit Bucha, 25 km northwest of the city Monday.")
    assert [(d.anchor, d.anchor_rule) for d in article.distances] == [("Bucha", "sentence")]


def test_the_regional_capital_is_the_seat_of_the_region_of_the_place_before_it():
    # Nikopol lies in Dnipropetrovsk oblast, whose seat is Dnipro; the river named in between is not measured from
    text = "Glide bombs struck Nikopol, a town on the Dnipro river, about 100 km southwest of the regional capital."
    article = geomap.parse(text)
    dnipro = article.place("Dnipro")
    assert (dnipro.kind, [m.text for m in dnipro.mentions]) == ("city", ["the regional capital"])
    assert dnipro.confidence < 1 and "the seat of Nikopol's region" in dnipro.evidence[0]
    assert [(d.anchor, d.anchor_id, d.direction) for d in article.distances] == [("Dnipro", dnipro.id, "SW")]
    # of a region named before it, the seat inside that region
    article = geomap.parse("In the Kherson region, a drone hit a bus 15 km east of the regional centre.")
    kinds = {p.id: p.kind for p in article.places}
    assert [(d.anchor, kinds[d.anchor_id]) for d in article.distances] == [("Kherson", "city")]
    # named anywhere, the seat is the place named, not a second one
    article = geomap.parse(text + " Dnipro itself was hit the night before.")
    assert [m.text for m in article.place("Dnipro").mentions] == ["Dnipro"]
    assert [d.anchor for d in article.distances] == ["Dnipro"]
    # with no region to make out, no seat and no mark, rather than one around another place
    article = geomap.parse("Shelling hit the Dnipro river bank 30 km south of the provincial capital.")
    assert [d.anchor for d in article.distances] == [""]


def test_a_distance_from_a_river_is_drawn_at_its_point_only_near_what_it_locates():
    # the Euphrates is held at its mouth, 870 km from Manbij: no sector there
    assert anchored("Kurdish-led forces clashed in Manbij, about 30 km west of the Euphrates.") == [
        ("about 30 km", "", "Manbij", "")
    ]
    # the Dnipro's point, at Kherson, lies some 40 km from Krynky: near enough to stand for the river there
    assert anchored("Ukrainian marines held a bridgehead at Krynky, about 3 km from the Dnipro.") == [
        ("about 3 km", "Dnipro River", "Krynky", "of-phrase")
    ]


def test_a_distance_from_the_plant_is_from_the_plant_named_before():
    text = (
        "Explosions were heard in Enerhodar, home to the Zaporizhzhia nuclear power plant. The IAEA said a drone "
        "struck within 400 metres of the plant's reactors."
    )
    assert anchored(text) == [("within 400 metres", "Zaporizhzhia Nuclear Power Plant", "", "subject")]
    # with no plant named, the plant is a thing off the map: no distance from the town
    assert anchored(text.replace("home to the Zaporizhzhia nuclear power plant", "a town on the Dnipro")) == [
        ("within 400 metres", "", "", "")
    ]


def test_the_size_of_a_thing_no_place_is_named_for_is_not_the_focus_places():
    text = "Wildfires forced evacuations in Ventura County. Officials closed a 10-mile stretch of Highway 101."
    [d] = geomap.parse(text).distances
    assert (d.extent, d.anchor) == ("length", "")
    # a place its sentence names still holds it
    [d] = geomap.parse("Officials closed a 10-mile stretch of road near Ventura.").distances
    assert (d.extent, d.anchor) == ("length", "Ventura")


def test_a_place_n_km_north_of_the_front_has_the_front_to_its_south():
    text = "Russian drones struck Pokrovske, some 15 km north of the front, on Tuesday."
    (d,) = geomap.parse(text, ner=False).distances
    # the front is off the map: the distance is drawn around the place it locates, towards the front
    assert (d.anchor, d.direction) == ("Pokrovske", "S")
    text = "Russian drones struck Pokrovske, some 15 km north of Huliaipole, on Tuesday."
    (d,) = geomap.parse(text, ner=False).distances
    assert (d.anchor, d.direction) == ("Hulyaypole", "N")  # from a place on the map, as written


def test_a_distance_locates_no_city_it_cannot_reach():
    # Isfahan, named before the distance, lies 340 km from Tehran, not about 30: the depot is off the map
    text = "Jets struck batteries near Isfahan and a depot in the hills, about 30 km southeast of Tehran."
    assert anchored(text) == [("about 30 km", "Tehran", "", "of-phrase")]
    text = "Jets struck batteries near Isfahan and a site at Parchin, about 30 km southeast of Tehran."
    assert anchored(text) == [("about 30 km", "Tehran", "Parchin", "of-phrase")]
    text = "Jets struck a base near Varamin, about 40 km southeast of Tehran."
    assert anchored(text)[0][2] == "Varāmīn"  # a town as far off as the text says is what it locates


def test_the_ancient_city_after_a_distance_is_the_settlement_named_before():
    text = "Jets struck a convoy on the road between Palmyra and Homs, about 30 km east of the ancient city."
    # the pair's other end is not what the distance locates where it lies far off: Homs is 150 km from Palmyra
    assert anchored(text) == [("about 30 km", "Tadmur", "", "subject")]
    text = "Gunmen abducted travellers on the road between Addis Ababa and Ambo, about 110 km west of the capital."
    assert anchored(text) == [("about 110 km", "Addis Ababa", "Hāgere Hiywet", "subject")]


def test_a_place_n_km_to_the_south_with_no_town_named_near_lies_so_from_the_story_s_town():
    text = (
        "Gunmen fought soldiers across Culiacán, the capital of Sinaloa state. Culiacán's schools closed. The army "
        "sent more troops to the city. Bodies were found on the highway to Mazatlán, about 200 kilometres to the south."
    )
    assert anchored(text) == [("about 200 kilometres", "Culiacán", "Mazatlán", "focus")]


def test_a_town_introduced_with_an_arabic_article_is_what_the_distance_locates():
    text = "Fighters set up roadblocks around the town of Busra al-Harir, about 25 km west of Sweida city."
    assert anchored(text) == [("about 25 km", "As-Suwayda", "Busra al-Harir", "of-phrase")]


def test_a_distance_upstream_from_a_town_is_measured_from_it():
    text = "Campers were evacuated to Ingram, a small town 7 miles upstream from Kerrville, Texas."
    assert anchored(text) == [("7 miles", "Kerrville", "Ingram", "of-phrase")]


def test_a_distance_after_a_thing_the_text_does_not_name_locates_none_of_its_places():
    text = "Troops attacked near Kupiansk and Borova, and a glide bomb hit a village about 5 km from Lyman."
    assert anchored(text) == [("about 5 km", "Lyman", "", "of-phrase")]
    text = "Troops shelled Borova, which is a village about 5 km from Lyman."
    assert anchored(text)[0][2] == "Borova"  # a named place the sentence calls a village


def test_a_region_the_story_is_about_is_no_point_to_measure_from():
    text = (
        "Gangs attacked towns across the Artibonite. Families fled the Artibonite for Saint-Marc. The gang raided "
        "Pont-Sondé, about 10 km to the west, in October."
    )
    assert anchored(text) == [("about 10 km", "", "", "")]


def test_a_sentence_opening_with_the_town_and_its_adjectives_refers_back_to_it():
    text = "Rebels handed the town of Mogoke to the army. The ruby-mining town lies about 115 km north of Mandalay."
    assert anchored(text) == [("about 115 km", "Mandalay", "Mogok", "of-phrase")]
    # and a name before its head: "The Red Sea city" is Port Sudan, not the sea
    text = "Drones struck the port of Port Sudan. The Red Sea city, some 800 km from the nearest front line, was calm."
    assert [(d.anchor, d.anchor_rule) for d in geomap.parse(text, ner=False).distances] == [("Port Sudan", "subject")]


def test_a_country_written_before_a_distance_to_the_west_is_nothing_it_locates():
    text = "Trucks entered near Rafah. The Rafah crossing with Egypt, about 4 km to the west, remains closed."
    assert [(d.anchor, d.target) for d in geomap.parse(text, ner=False).distances] == [("Rafaḩ", "")]


def test_a_city_named_with_its_word_city_before_a_distance_to_the_southwest_is_what_it_locates():
    text = (
        "Vovchansk, about 5 km from the Russian border, lies in ruins. "
        "Guided bombs also hit Kharkiv city, some 70 km to the southwest, wounding 12 people."
    )
    (_, second) = geomap.parse(text, ner=False).distances
    assert (second.anchor, second.target) == ("Vovchansk", "Kharkiv")


def test_the_city_a_distance_refers_back_to_is_the_city_its_region_is_named_after():
    text = (
        "A missile struck the center of Sumy. Sumy lies about 25 km from the Russian border. "
        "Troops pushed into Sumy region, seizing villages near Yunakivka, about 20 km northeast of the city."
    )
    (_, second) = geomap.parse(text, ner=False).distances
    assert (second.anchor, second.target) == ("Sumy", "Yunakivka")
    assert second.anchor_id == geomap.parse(text, ner=False).places[0].id


def test_a_place_so_far_further_north_is_measured_from_the_place_it_lies_so_from():
    text = (
        "Gangs attacked Mirebalais, about 35 miles northeast of Port-au-Prince. Thousands fled toward Hinche, "
        "the departmental capital, some 30 miles further north."
    )
    (_, d) = geomap.parse(text, ner=False).distances
    assert (d.text, d.direction, d.anchor, d.target) == ("some 30 miles", "N", "Mirebalais", "Hinche")


def test_a_place_some_distance_to_the_east_is_measured_from_the_earlier_place_it_lies_so_from():
    text = (
        "Thai and Cambodian troops clashed around the temple of Ta Muen Thom. Officials in Phnom Penh said jets "
        "had bombed positions near the Preah Vihear temple, some 140 km to the east."
    )
    (d,) = geomap.parse(text, ner=False).distances
    assert (d.anchor, d.target) == ("Prasat Ta Muen Thom", "Preah Vihear Temple")
    # where the place named right before fits, it is the one: Homs lies 45 km south of Hama, not of Aleppo
    text = "Rebels took Aleppo. The army left Hama and was reinforcing Homs, about 45 km to the south."
    (d,) = geomap.parse(text, ner=False).distances
    assert (d.anchor, d.target) == ("Ḩamāh", "Homs")
