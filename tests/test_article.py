"""The whole chain on the seed article (read by path from ../shared, never copied)."""

import json

from shapely.geometry import Point

import geomap
from geomap.gazetteer import Gazetteer, haversine_km
from geomap.geojson import dumps


def by_name(article):
    return {p.name: p for p in article.places}


def test_seed_places_and_roles(seed_article):
    places = by_name(seed_article)
    for name in ("Bakhmut", "Ukraine", "Russia", "Sea of Azov", "Crimea", "Kyiv", "Berlin"):
        assert name in places, name
        assert places[name].role in ("literal", "reporting"), name
    for name in ("Moscow", "Beijing", "China"):
        assert places[name].role == "metonymic", name
    assert places["Bakhmut"].country == "UA" and abs(places["Bakhmut"].lat - 48.59) < 0.05
    assert places["Berlin"].country == "DE"
    forbidden = {"Wagner", "Bandit", "Sem", "Adam", "Leave", "Reply", "Forward", "BBC"}
    assert not forbidden & {f for p in seed_article.places for f in (p.name, *p.forms)}


def test_seed_distances(seed_article):
    ds = {d.text: d for d in seed_article.distances}
    assert ds["only about three miles"].anchor == "Bakhmut"
    assert round(ds["only about three miles"].meters) == 4828
    assert ds["up to two kilometers"].anchor == "Bakhmut" and ds["up to two kilometers"].qualifier == "up to"
    assert ds["hundreds of miles"].vague and ds["hundreds of miles"].meters is None


def test_every_mention_keeps_its_sentence(seed_article):
    bakhmut = seed_article.place("Bakhmut")
    assert len(bakhmut.mentions) >= 10
    for m in bakhmut.mentions:
        assert seed_article.document.text[m.start : m.end] == m.text and m.text in m.sentence


def test_geojson_contract(seed_article):
    fc = json.loads(dumps(seed_article.to_geojson()))
    assert fc["type"] == "FeatureCollection" and "GeoNames" in fc["metadata"]["attribution"]
    places = [f for f in fc["features"] if f["properties"]["role"] == "place"]
    dists = [f for f in fc["features"] if f["properties"]["role"] == "distance"]
    assert len(places) == len(seed_article.places) and len(dists) == 3
    for f in places:
        p = f["properties"]
        assert {"name", "mentions", "lat", "lon", "confidence", "alternatives", "kind", "country"} <= set(p)
    drawn = [f for f in dists if f["properties"]["meters"]]
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in drawn)
    assert all(f["properties"]["anchor"] == "Bakhmut" for f in dists)


def test_geodataframe(seed_article):
    gdf = seed_article.to_geodataframe()
    assert gdf.crs.to_epsg() == 4326
    assert len(gdf) == len(seed_article.places) + len(seed_article.distances) + len(seed_article.phrases)


def test_namesake_chosen_by_neighbours():
    article = geomap.parse("Ukrainian troops retook Andriivka, south of Bakhmut, and pushed on to Klishchiivka.")
    andriivka = article.place("Andriivka")
    assert andriivka.id == "supplement:andriivka"
    assert andriivka.alternatives and andriivka.confidence < 1


def test_focus_prior_tips_a_close_call():
    plain = geomap.parse("The delegation arrived in Moscow on Monday.")
    assert plain.place("Moscow").country == "RU"
    us = geomap.parse("The delegation arrived in Moscow on Monday.", focus=["US"])
    assert us.place("Moscow").country == "US"


def test_dateline_city_is_the_metropolis_not_a_namesake_in_the_article_country():
    a = geomap.parse("MOSCOW. NEWSWIRE A quake hit San Bernardino County, near Los Angeles, the US agency said.")
    moscow = next(p for p in a.places if p.name == "Moscow")
    assert (moscow.country, moscow.role) == ("RU", "reporting")
    # no county outlines: the county is a place of its own, drawn at its seat
    county = a.place("San Bernardino County")
    assert (county.kind, county.country) == ("district", "US")


def test_a_name_its_sentence_calls_the_city_or_measures_from_is_the_town_not_the_province():
    text = "Houthis fired at Aden. In Marib, government forces repelled an attack 30 km west of the city."
    marib = geomap.parse(text).place("Ma'rib")
    assert marib.kind == "town" and "its sentence calls it the city" in marib.evidence
    # not where another place is named between: "the city" is that one
    text = "In Marib, officials said drones hit Sanaa, 30 km from the city centre."
    assert geomap.parse(text).place("Ma'rib").kind == "region"
    # and a name a distance is measured from is a point: the town, though the article names the region too
    text = "Rebels fought near Tinzaouaten, more than 200 km north of Kidal. The junta holds the Kidal region."
    kidals = [p for p in geomap.parse(text, ner=False).places if p.name == "Kidal"]
    assert sorted((p.kind, [m.text for m in p.mentions]) for p in kidals) == [
        ("region", ["Kidal region"]),
        ("town", ["Kidal"]),
    ]
    assert "a distance is measured from it, as from a point" in kidals[0].evidence + kidals[1].evidence


def test_a_river_the_gazetteer_lacks_is_no_town_of_its_name():
    text = (
        "KERRVILLE, Texas (AP) - Floods killed 43 people in Kerr County as the Guadalupe River rose 26 feet.\n\n"
        "Searchers combed the banks near Hunt, about 15 miles west of Kerrville. Campers were taken to Ingram."
    )
    assert geomap.parse(text).place("Guadalupe") is None  # not Guadalupe, California
    # a town whose own name holds the word stays one
    assert geomap.parse("Police in Fall River, Massachusetts, said.").place("Fall River").kind in ("city", "town")


def test_a_dateline_is_a_town_not_the_province_of_its_name():
    text = (
        "SURIN, Thailand — Troops fought near the Ta Muen Thom temple on Thursday. Villagers were evacuated in "
        "Surin, Sisaket and Buriram provinces, and fighting spread towards the Preah Vihear temple."
    )
    a = geomap.parse(text)
    surins = sorted((p.kind, [m.role for m in p.mentions]) for p in a.places if p.name == "Surin")
    assert surins == [("region", ["literal"]), ("town", ["reporting"])]
    # a temple by its own name, not the province named after it
    assert a.place("Preah Vihear Temple").kind == "other" and a.place("Preah Vihear") is None


def test_containment_written_in_the_text_picks_the_namesake_inside():
    from shapely.geometry import Point

    from geomap.gazetteer import Gazetteer

    gz = Gazetteer.default()
    oblast = next(e for e in gz.lookup("Zaporizhzhia oblast") if e.kind == "region")
    place = geomap.parse("Shelling hit Andriivka, Zaporizhzhia oblast, overnight.").places[0]
    assert gz.area(oblast.id).contains(Point(place.lon, place.lat))
    assert "inside Zaporizhzhia, as the text says" in place.evidence
    without = geomap.parse("Shelling hit Andriivka overnight.").places[0]
    assert (without.lat, without.lon) != (place.lat, place.lon)  # the text, not the prior, made the choice


def test_a_bare_name_holding_the_place_before_it_is_the_region():
    article = geomap.parse("Russian troops attacked Marinka in Donetsk, officials said. Kharkiv was calm.")
    assert article.place("Donetsk").kind == "region"
    # only the mention that holds Marinka is the region: the bare "Donetsk" later on is the city
    text = "Troops attacked Marinka in Donetsk. Artillery in Donetsk itself fell silent."
    both = geomap.parse(text)
    assert sorted((p.kind, [m.start for m in p.mentions]) for p in both.places if p.name == "Donetsk") == [
        ("city", [text.rindex("Donetsk")]),
        ("region", [text.index("Donetsk")]),
    ]
    listed = geomap.parse("Shelling hit Bakhmut, Donetsk and Mariupol on Monday.")
    assert listed.place("Donetsk").kind == "city"  # a list, not containment
    # a landmark in the city does not make the city the region
    landmark = geomap.parse("A missile struck the Okhmatdyt Children's Hospital in Kyiv on Monday.")
    assert landmark.place("Kyiv").kind == "city"


def test_an_article_that_names_a_region_means_it_by_the_bare_name_too():
    text = "Troops crossed into the Kursk region on Tuesday. By Thursday they were 10 km deep into Kursk."
    (kursk,) = [p for p in geomap.parse(text).places if "Kursk" in p.name]
    assert kursk.kind == "region" and len(kursk.mentions) == 2
    # a point to measure from, or a town's own words, keep the city beside the region
    text = "Drones hit the Kharkiv region. Lyptsi lies 20 miles north of Kharkiv; the city of Kharkiv was hit too."
    kharkivs = [p for p in geomap.parse(text).places if p.name == "Kharkiv"]
    assert sorted((p.kind, len(p.mentions)) for p in kharkivs) == [("city", 2), ("region", 1)]
    # so does a sentence about the city's streets: its districts, its blocks of flats
    for text in (
        "Villages in the Kharkiv region were shelled. In Kharkiv, a missile hit the Saltivskyi district.",
        "Villages in the Kharkiv region were shelled. A missile hit a residential building in Kharkiv.",
        "Drones hit the Kharkiv region. In Kharkiv, debris damaged homes in the city's Industrialnyi district.",
        "Drones hit the Kharkiv region. In Kharkiv, about 30 km south of the border, a refinery burned.",
        "Drones hit the Kharkiv region. Later, Kharkiv lies about 30 km from the border.",
        "Drones hit the Kharkiv region. Kharkiv was shelled again, and the city lost power.",
    ):
        kharkivs = [p for p in geomap.parse(text).places if p.name == "Kharkiv"]
        assert sorted(p.kind for p in kharkivs) == ["city", "region"], text
    # and so does the word "capital" before it, with or without a comma
    for text in (
        "Fighting raged in the Zaporizhzhia region. Stepnohirsk is 30 km south of the regional capital, Zaporizhzhia.",
        "Fighting raged in the Zaporizhzhia region. Drones struck the capital Zaporizhzhia overnight.",
        "Fighting raged in the Zaporizhzhia region. Shells hit a village halfway between Zaporizhzhia and Orikhiv.",
        "Fighting raged in the Zaporizhzhia region. Shells hit the road between Orikhiv and Zaporizhzhia.",
        "Fighting raged in the Zaporizhzhia region. Shells hit a village in Zaporizhzhia township.",
    ):
        cities = [p for p in geomap.parse(text).places if p.kind == "city"]
        assert [(p.name, [m.text for m in p.mentions]) for p in cities] == [("Zaporizhzhya", ["Zaporizhzhia"])], text


def test_a_place_written_in_a_region_picks_which_of_its_namesakes_the_region_is():
    text = (
        "Indian troops shelled Poonch and Rajouri, and flights were halted at Amritsar and Jammu. Pakistan said "
        "Indian missiles struck targets in Muzaffarabad and Bahawalpur, in Punjab province."
    )
    article = geomap.parse(text)
    punjab, bahawalpur = article.place("Punjab"), article.place("Bahawalpur")
    # the article's focus is India, whose Punjab holds Amritsar; but the text puts Bahawalpur in this one
    assert punjab.country == "PK" and "holds Bahawalpur, as the text says" in punjab.evidence
    assert "inside Punjab, as the text says" in bahawalpur.evidence


def test_containment_may_name_a_part_of_the_area():
    place = geomap.parse("Fighting raged near Andriivka in the north of the Kharkiv region.").places[0]
    assert place.country == "UA" and "inside Kharkiv, as the text says" in place.evidence


def test_a_village_said_to_lie_in_a_region_none_of_its_namesakes_is_in_is_not_drawn():
    # the gazetteer's only Hlyboka lies in Chernivtsi oblast, 800 km from the Kharkiv region
    article = geomap.parse("Troops fought near Hlyboka in the north of the Kharkiv region.")
    assert [p.name for p in article.places] == ["Kharkiv"]
    # nor is a city of another country, however large: the gazetteer lacks Armenia's Kut, not Iraq's Al-Kut
    article = geomap.parse("Azerbaijani troops shelled the villages of Sotk and Kut in Gegharkunik province.")
    assert [p.name for p in article.places] == ["Sotk", "Gegharkunik"]
    # nor one followed by list members the gazetteer lacks: Kharkiv oblast's Ivanivka and Stelmakhivka are not in
    # it, and its Ivanivkas lie in other oblasts
    text = "Russian troops attacked near Synkivka, Ivanivka and Stelmakhivka in Kharkiv Oblast."
    assert [p.name for p in geomap.parse(text).places] == ["Synkivka", "Kharkiv"]


def test_a_town_addressed_to_a_state_none_of_its_namesakes_is_in_is_not_drawn():
    # an abbreviated state after a comma, or a dateline's, is an address: the gazetteer has no Murray in
    # Washington, and Murray, Utah is not the place meant
    for text in ("CAMP MURRAY, Wash. - The team trained all week.", "He grew up in Murray, Wash., and left."):
        assert [p.name for p in geomap.parse(text).places] == ["Washington"], text
    # where a namesake lies in the state, it is the one
    springfield = geomap.parse("SPRINGFIELD, Ill. - He spoke.").place("Springfield")
    assert "inside Illinois, as the text says" in springfield.evidence
    # a list is no address: Kyiv is not said to lie in Crimea
    assert [p.name for p in geomap.parse("Drones hit Kyiv, Crimea and Donbas.").places] == ["Kyiv", "Crimea", "Donbas"]


def test_an_ocean_by_its_short_name_outweighs_a_town_in_the_focus_country():
    # Atlantic, Iowa lies in the article's country and near Iowa; "the Atlantic" is still the ocean
    text = "Forecasters in Iowa said the storm over the Atlantic would hit Florida, not Texas."
    ocean = geomap.parse(text).place("Atlantic")
    assert ocean is not None and ocean.kind == "sea" and "a large body of water" in ocean.evidence


def test_a_name_several_countries_have_is_not_evidence_of_its_own_focus():
    # Moscow is in Russia and in Idaho: the focus it is weighed in comes from the rest of the article
    (alone,) = geomap.parse("The delegation arrived in Moscow.").places
    assert alone.country == "RU" and not any(e.startswith("in the article's focus") for e in alone.evidence)
    (told,) = geomap.parse("The Russian delegation arrived in Moscow.").places
    assert "in the article's focus (RU, weight 1.00)" in told.evidence
    # a name only one country has counts for it: Sudzha is in Russia, though the troops are Ukrainian
    (sudzha,) = geomap.parse("Ukrainian troops entered Sudzha.").places
    assert sudzha.country == "RU"


def test_a_foreign_province_far_from_the_story_is_not_believed():
    # the Gambia's "West Coast" region, 7,000 km from Louisville, in an American story
    text = "The storm that battered the West Coast reached Louisville on Tuesday; Kentucky, Ohio and Texas braced."
    assert [p.country for p in geomap.parse(text).places] == ["US"] * 4


def test_a_town_written_with_its_state_is_the_one_in_that_state():
    # Parkland is a common word and there is a Parkland in Washington state, nearer Gillette, Wyoming
    text = "A school shooting in Parkland, Florida shocked the nation. Lawmakers in Gillette, Wyoming, spoke of it."
    parkland = geomap.parse(text).place("Parkland")
    assert parkland is not None and round(parkland.lat) == 26  # Broward County, Florida
    assert "inside Florida, as the text says" in parkland.evidence


def test_a_state_written_after_its_town_is_the_state_not_the_city_of_its_name():
    buffalo, state = geomap.parse("Police in Buffalo, New York, arrested a man.", ner=False).places
    assert (buffalo.name, state.name, state.kind) == ("Buffalo", "New York", "region")
    oceanside, state = geomap.parse("He grew up in Oceanside, New York.", ner=False).places
    assert state.kind == "region" and round(oceanside.lat) == 41  # on Long Island, not California's city
    # a list goes on after it: "Donetsk" is the city
    places = geomap.parse("Shelling hit Bakhmut, Donetsk and Mariupol.", ner=False).places
    assert [p.kind for p in places] == ["town", "city", "city"]


def test_a_state_that_no_large_town_is_named_after_beats_a_small_namesake_near_the_story():
    # California, Maryland lies 80 km from Washington; the bare name is still the state
    text = "Trump told Marines in California last month that Kelly, in Washington, liked the job."
    california = geomap.parse(text).place("California")
    assert california.kind == "region" and "no large town of its name rivals it" in california.evidence
    # the village of Florida lies 56 km from New York; Cuba's town of Florida (63,000 people) is far from this
    # story, and Colombia's Floridablanca only goes by the name
    text = "Tickets were sold in Riverdale, in Morris County and in New York. A man in Florida won $451 million."
    florida = geomap.parse(text).place("Florida")
    assert florida.kind == "region" and "no large town of its name rivals it" in florida.evidence
    # but a city of 100,000 or more that bears the name rivals a region of it anywhere: Gaza City, not
    # Mozambique's Gaza province, in a story told from Yemen
    text = "Yemen's Houthis, in Sanaa and Hodeidah, said they acted in solidarity with the fighters in Gaza."
    assert geomap.parse(text).place("Gaza").country == "PS"
    # and so does a country's capital of any size: Port of Spain (49,031 people), not the region of its name
    text = "Venezuela held drills on its coast. An American destroyer docked in Port of Spain this week."
    assert geomap.parse(text).place("Port of Spain").kind == "city"


def test_an_area_of_interest_tips_namesakes_and_keeps_small_places_inside_it():
    text = "Drones hit Sem, Bakhmut and Kupiansk."
    assert "Sem" not in [p.name for p in geomap.parse(text).places]  # a nickname, far from the front
    norway = geomap.parse(text, focus_bbox=(4.0, 58.0, 12.0, 62.0)).place("Sem")
    assert norway is not None and norway.country == "NO" and "inside the area of interest" in norway.evidence


def test_a_city_is_famous_by_its_own_name_not_by_one_that_translates_it():
    # GeoNames gives Casablanca the alternate name "White House"; the city's three million people are no reason
    # to read the landmark so, while "Bombay" is still Mumbai, which nothing else of its name rivals
    text = "Azerbaijani and Armenian leaders signed a peace framework at the White House on Friday."
    assert geomap.parse(text, ner=False).place("White House").country == "US"
    assert geomap.parse("He flew to Bombay on Friday.", ner=False).place("Bombay").name == "Mumbai"


def test_a_name_written_short_is_the_place_the_article_names_in_full():
    text = "Fires destroyed homes in Pacific Palisades and Altadena. The Palisades fire has burned 15,000 acres."
    palisades = geomap.parse(text, ner=False).place("Pacific Palisades")
    assert [m.text for m in palisades.mentions] == ["Pacific Palisades", "Palisades"]
    assert "Palisade" not in [p.name for p in geomap.parse(text, ner=False).places]
    # but not where the short name is a place of its own: a state, a city
    text = "Miners in West Virginia and farmers in Virginia protested; so did workers in New York and York."
    names = [p.name for p in geomap.parse(text, ner=False).places]
    assert {"West Virginia", "Virginia", "New York City", "York"} <= set(names)


def test_a_name_written_as_a_place_is_named_beats_an_alternate_spelling():
    # Borisovka is the Belgorod town's own name and a Russian spelling of the Ukrainian border village Borysivka
    text = "Ukrainian drones hit Belgorod oblast overnight; Borisovka and Graivoron were shelled, the governor said."
    borisovka = geomap.parse(text).place("Borisovka")
    assert borisovka is not None and borisovka.country == "RU"
    assert "its own name, not an alternate one" in borisovka.evidence


def test_a_town_in_the_focus_by_its_own_name_beats_a_country_by_another_name():
    # "Uman" is an alternate name of Oman; in a Ukrainian story it is the town of 80,000 whose own name it is
    text = "Air raid alerts sounded across central Ukraine, including in Kropyvnytskyi and Uman, and in Odesa."
    uman = geomap.parse(text).place("Uman")
    assert uman is not None and uman.country == "UA"
    # Oman by its own name stays Oman, in any story
    assert geomap.parse("Drones from Yemen fell in Oman, Ukraine said.").place("Oman").country == "OM"


def test_a_qualifier_after_a_comma_is_no_part_of_the_name():
    # the supplement names namesakes "Vodiane, Pokrovsk Raion": "Vodiane" is still that village's own name
    vodiane = geomap.parse("Fighting went on near Vodiane and Avdiivka.").place("Vodiane")
    assert vodiane is not None and vodiane.id == "supplement:vodiane-pokrovsk-raion"
    assert "its own name, not an alternate one" in vodiane.evidence


def test_the_places_around_outweigh_the_spelling():
    text = "Shelling hit Vovchansk and Lyptsi, north of Kharkiv, on Monday; Borisovka was hit too."
    borisovka = geomap.parse(text).place("Borisovka")
    assert borisovka is not None and borisovka.country == "UA"  # the village 12 km from Lyptsi
    assert any("from another place in the article" in e for e in borisovka.evidence)


def test_country_adjectives_weigh_in_the_focus_but_are_never_places(monkeypatch):
    # Kirovsk: towns in Russia and in Luhansk oblast (now Holubivka); "Ukrainian" is no place of its own
    text = "Shelling hit Kirovsk, a Ukrainian town, on Monday."
    assert [(p.forms, p.country) for p in geomap.parse(text).places] == [(("Kirovsk",), "UA")]
    monkeypatch.setattr("geomap.resolve.ADJECTIVE_WEIGHT", 0.0)
    assert geomap.parse(text).place("Kirovsk").country == "RU"  # the larger namesake, without the adjective


def test_a_city_of_millions_is_what_its_bare_name_means_abroad(monkeypatch):
    text = "Officials in Ohio and Kentucky said flights to London were cancelled."
    assert geomap.parse(text).place("London").country == "GB"
    monkeypatch.setattr("geomap.resolve.MILLION_CITY", 1.0)
    assert geomap.parse(text).place("London").country == "US"  # London, Kentucky, by the focus alone


def test_an_abbreviation_in_capitals_is_the_place_spelled_so():
    article = geomap.parse("The EU and NATO met in Brussels.")
    assert article.place("EU").name == "European Union"  # not Eu, the town in Normandy
    assert "spelled in capitals as the text writes it" in article.place("EU").evidence


def test_parts_of_countries_made_of_regions():
    article = geomap.parse("Rallies in England, Scotland and Wales; leaders of Latin America met.")
    assert [(p.name, p.kind) for p in article.places] == [
        ("England", "region"),
        ("Scotland", "region"),
        ("Wales", "region"),
        ("Latin America", "region"),
    ]
    assert article.place("England").geometry.contains(Point(-1.26, 51.75))  # Oxford
    assert not article.place("England").geometry.contains(Point(-3.19, 55.95))  # Edinburgh


def test_a_district_is_a_place_of_its_own_drawn_at_its_town():
    article = geomap.parse("Fighting spread from the Sudzhansky district of Kursk region into Sudzha itself.")
    district, town = article.place("Sudzhansky"), article.place("Sudzha")
    assert (district.name, district.kind) == ("Sudzhansky District", "district")
    assert town.name == "Sudzha" and town.kind != "district"
    assert district.id == town.id + "#district" and (district.lat, district.lon) == (town.lat, town.lon)
    assert "a district drawn at its administrative centre, Sudzha" in district.evidence


def test_a_state_is_not_given_up_for_a_larger_town_of_its_name_outside_it():
    # Wyoming, Michigan (75,000 people) lies outside the state: the bare name is the state
    article = geomap.parse("WASHINGTON (AP) — A federal judge in Wyoming has halted the clean-air rule indefinitely.")
    assert (article.place("Wyoming").kind, article.place("Wyoming").country) == ("region", "US")
    # Donetsk the city lies inside its oblast: the bare name is the city
    assert geomap.parse("Shelling hit Donetsk on Monday.").place("Donetsk").kind == "city"


def test_a_region_holding_the_articles_places_outweighs_a_namesake_near_one_of_them():
    # Middle East, Maryland lies 55 km from Washington; the region holds Dubai, Doha and Riyadh
    text = "Officials from Dubai, Doha and Riyadh met a delegate from Washington on malware across the Middle East."
    place = geomap.parse(text).place("Middle East")
    assert place.kind == "region"
    assert "holds 3 other places of the article" in place.evidence


def test_a_republic_in_the_name_may_be_a_country():
    article = geomap.parse("The bronze statue was cast in the Czech Republic and shipped to Yerevan.")
    assert article.place("Czech Republic").kind == "country"


def test_a_county_is_the_namesake_near_the_story():
    text = "Schools in Owensboro, Kentucky and in Muhlenberg County and Orange County asked for funds."
    article = geomap.parse(text)
    muhlenberg = article.place("Muhlenberg County")
    assert muhlenberg.kind == "district"  # not Mühlenberg in Lower Saxony, but Kentucky's county
    assert muhlenberg.geometry.contains(Point(-87.15, 37.23))  # Greenville, its seat
    # of eight Orange Counties, the one across the Ohio from Owensboro, and not surely
    orange = article.place("Orange County")
    assert orange.geometry.contains(Point(-86.46, 38.55)) and orange.confidence < 0.5  # Paoli, Indiana
    seat = geomap.parse("Firefighters in Orange County, California, fought the blaze near Anaheim.")
    assert seat.place("Orange County").geometry.contains(Point(-117.91, 33.84))  # Anaheim
    # so is one of a state the article names anywhere, not Florida's by default
    text = "California lawmakers met in Sacramento on Monday. Officials said Orange County has 3.2 million people."
    county = geomap.parse(text).place("Orange County")
    assert county.geometry.contains(Point(-117.91, 33.84)) and any("in California" in w for w in county.evidence)


def test_oceans_by_their_short_names_and_a_sea_by_the_places_it_washes():
    atlantic = geomap.parse("The Atlantic hurricane season lasts from June to November, forecasters said.")
    assert atlantic.place("Atlantic").name == "Atlantic Ocean"  # not Atlantic, Iowa
    pacific = geomap.parse("Ships crossed the Pacific from Shanghai to Los Angeles.").place("Pacific")
    assert (pacific.name, pacific.kind) == ("Pacific Ocean", "sea")  # not Pacific, Missouri
    assert "washes 1 other place of the article" in pacific.evidence
    assert geomap.parse("Boats crossed the Mediterranean from Libya.").place("Mediterranean").kind == "sea"


def test_a_town_inside_a_country_the_article_names_is_believed_however_far_its_other_places():
    text = (
        "A British soldier from Manchester, who trained in Colchester, was killed in Syria on Thursday. "
        "He had been embedded with US Special Forces in Manbij when a bomb exploded."
    )
    manbij = geomap.parse(text).place("Manbij")
    assert manbij is not None and manbij.country == "SY"


def test_a_landmark_named_in_full_is_believed_however_far_the_articles_other_places():
    # thousands of km apart, neither is near the other; before, both were dropped as if surnames
    places = geomap.parse("The Crimean Bridge and Belaya air base were hit overnight.").places
    assert [(p.name, p.country) for p in places] == [("Crimean Bridge", "UA"), ("Belaya air base", "RU")]


def test_a_storm_named_like_a_town_is_no_place():
    assert [p.name for p in geomap.parse("Hurricane Harvey flooded Houston, Texas.").places] == ["Houston", "Texas"]


def test_a_name_after_the_is_the_river_where_there_is_one():
    def kinds(text):
        return [(p.name, p.kind) for p in geomap.parse(text).places]

    assert ("Dnipro River", "river") in kinds("Russian forces shelled Kherson and Nikopol across the Dnipro.")
    assert kinds("Strikes across Dnipro killed two.") == [("Dnipro", "city")]
    assert kinds("The Dnipro regional governor said so.") == [("Dnipro", "city")]
    # the Danube is a river, not the Serbian district that lists it as an alternate name
    assert kinds("Vienna and Budapest lie on the Danube.")[-1] == ("Danube", "river")


def test_a_city_is_not_lost_to_a_village_that_spells_its_name_in_the_newer_romanisation():
    # GeoNames calls the city "Zaporizhzhya"; a village of 656 people near Melitopol is "Zaporizhzhia"
    article = geomap.parse("Explosions rocked the occupied city of Melitopol, 120 km southeast of Zaporizhzhia.")
    assert max(p.population for p in article.places if p.name.startswith("Zaporizhzh")) > 700_000
    assert [p.country for p in geomap.parse("Russian forces hit Borisovka in the Belgorod region.").places] == [
        "RU",
        "RU",
    ]


def test_a_governor_governs_a_region_and_a_list_proves_its_first_name():
    places = geomap.parse("The attack wounded 15 people, Dnipropetrovsk governor Serhiy Lysak said.").places
    assert [(p.name, p.kind) for p in places] == [("Dnipropetrovsk", "region")]
    # the first word of a sentence proves nothing alone; listed with names whose capitals do, it is one of them
    listed = geomap.parse("Lyman, Siversk and Bilohorivka remain under pressure.", ner=False).places
    assert [p.name for p in listed] == ["Lyman", "Siversk", "Bilohorivka"]


def test_a_border_named_after_a_region_is_the_region_s_and_a_country_s_the_country_s():
    places = geomap.parse("Drones struck villages along the Belgorod border, the governor said.", ner=False).places
    assert [(p.name, p.kind, p.country) for p in places] == [("Belgorod", "region", "RU")]
    places = geomap.parse("Israeli troops shelled villages near the Lebanon border.", ner=False).places
    assert [(p.name, p.kind) for p in places] == [("Lebanon", "country")]


def test_an_adjective_naming_who_acts_is_no_evidence_of_where():
    # Engels on the Volga was once called Pokrovsk; "Russian forces" fight in Ukraine
    for text in ("Russian troops close in on Pokrovsk.", "Russian forces are now 3 to 5 km from Pokrovsk."):
        assert [(p.name, p.country) for p in geomap.parse(text).places] == [("Pokrovsk", "UA")]


def test_an_acronym_after_a_place_is_its_institution_and_holland_is_the_netherlands():
    names = [p.name for p in geomap.parse("New Brunswick RCMP say the dogs were taken near Fredericton.").places]
    assert names == ["New Brunswick", "Fredericton"]
    assert not geomap.parse("Photo: Felix Marquez AP Photo.").places  # a credit line, not a place
    assert [p.country for p in geomap.parse("The cannabis comes from Holland, her mother said.").places] == ["NL"]


def test_a_town_named_with_a_generic_word_is_that_town():
    # "Bay" marks a sea; "Montego Bay" and "Palm Bay" are towns by their full names, and no sea has them
    places = geomap.parse("She flew from Miami to Montego Bay, then on to Palm Bay.").places
    assert [(p.name, p.country) for p in places] == [("Miami", "US"), ("Montego Bay", "JM"), ("Palm Bay", "US")]


def test_names_that_vouch_for_each_other_outweigh_namesakes_abroad():
    # alone, each name could be American: a Rockingham in North Carolina, WA as Washington state; Western
    # Australia holds the Rockingham of Western Australia, and so each vouches for the other
    text = "The water authority in WA warned swimmers off the beach at Rockingham on Tuesday."
    places = geomap.parse(text).places
    assert [(p.name, p.country) for p in places] == [("Western Australia", "AU"), ("Rockingham", "AU")]


def test_a_sizeable_town_in_the_countrys_story_is_believed_however_far_its_other_places():
    text = "The chain opened stores in Tacoma, Fresno and Boise last year and will open one in Miami Beach next."
    assert geomap.parse(text).place("Miami Beach") is not None


def test_a_landmark_in_the_articles_country_is_believed_however_far_its_other_places():
    # the only other places are Moscow and Washington, thousands of km off; Syria makes the base believable
    article = geomap.parse("Moscow accused Washington of keeping troops in Syria at al-Tanf, a base in the desert.")
    tanf = article.place("Al-Tanf")
    assert tanf is not None and tanf.country == "SY"


def test_the_ap_abbreviation_of_a_state_is_the_state_even_at_a_sentences_end():
    text = "He lived in Slidell, La., for years. The school is in Gainesville, Va. There are 70 pupils."
    article = geomap.parse(text)
    assert [(p.name, p.forms) for p in article.places if p.kind == "region"] == [
        ("Louisiana", ("La.",)),
        ("Virginia", ("Va.",)),
    ]


def test_a_national_capital_is_what_its_bare_name_means():
    # "New Delhi" is also an alternate name of Delhi, the larger city: the capital is meant
    place = geomap.parse("Talks in New Delhi ended on Friday.").place("New Delhi")
    assert place.name == "New Delhi" and place.id in Gazetteer.default().capitals
    assert "a national capital" in place.evidence


def test_a_continent_vouches_for_no_namesake():
    from geomap.resolve import _mutual_support

    gz = Gazetteer.default()
    europe = [e for e in gz.lookup("europe") if e.kind == "region"]
    support = _mutual_support(gz, {("europe", ""): europe, ("washington", ""): gz.lookup("washington")})
    assert not support[("washington", "")]  # every English Washington lies in Europe


def test_parse_many_gives_each_article_as_parse_does(seed_path):
    # the NER model reads the doubtful sentences of all the articles in one batch; each article must come
    # out as if parsed alone (Vovchansk, first in its sentence, needs the model's word to be kept)
    articles = [
        "Shells hit Kharkiv. Vovchansk was evacuated on Monday.",
        {"text": seed_path.read_text(encoding="utf-8"), "title": "Seed", "date": "2023-09-18", "url": "https://x.y"},
        "Nothing happened here.",
        {"text": "Sake was shelled, officials near Goma said."},
    ]
    many = geomap.parse_many(articles)
    alone = [geomap.parse(a) if isinstance(a, str) else geomap.parse(**a) for a in articles]
    assert [dumps(a.to_geojson()) for a in many] == [dumps(a.to_geojson()) for a in alone]
    assert [p.name for p in many[0].places] == ["Kharkiv", "Vovchansk"] and many[1].title == "Seed"


def test_a_place_named_only_by_an_unrelated_other_name_is_believed_as_a_small_place_is():
    # "Julia" is a Latin name of Plovdiv: a first name here, and no evidence of Bulgaria
    text = "The patient lives in Toronto. His wife, Julia, has taken on the search for a donor."
    assert [p.name for p in geomap.parse(text).places] == ["Toronto"]
    # an old name of a place in the article's focus still is that place
    lemberg = geomap.parse("Troops marched from Lemberg towards Kyiv in 1918.")
    assert [p.name for p in lemberg.places] == ["Lviv", "Kyiv"]


def test_a_district_written_with_its_city_is_the_one_in_that_city_or_a_site_at_it():
    def places(text):
        return {p.name: (p.kind, round(p.lat, 2), round(p.lon, 2)) for p in geomap.parse(text).places}

    # Kyiv's own Shevchenkivskyi, not a namesake elsewhere; and Kyiv stays the city, not a district called Kyiv
    got = places("Shelling hit the Shevchenkivskyi district of Kyiv.")
    assert got["Kyiv"][0] == "city" and got["Shevchenkivskyi District"][1:] == (50.46, 30.47)
    # Kharkiv's Kyivskyi is a section of the city that only the newer GeoNames holds, under its bare name; the
    # Kyivskyi districts so called in full are Donetsk's and Poltava's, 130 km and more away
    for text in (
        "A missile hit Kharkiv's Kyivskyi district.",
        "A missile hit the Kyivskyi district of Kharkiv.",
        # or named in the sentence of what happened in the city
        "In Kharkiv, a glide bomb damaged a children's hospital in the Kyivskyi district, the mayor said.",
    ):
        assert places(text) == {"Kharkiv": ("city", 49.98, 36.25), "Kyivskyi District": ("district", 50.04, 36.29)}
    # the gazetteer knows no Darnytskyi district in Kyiv: it is a site drawn at Kyiv (see geomap.sites)
    for text in ("A missile hit the Darnytskyi district of Kyiv.", "In Kyiv, debris fell on the Darnytskyi district."):
        assert places(text) == {"Kyiv": ("city", 50.45, 30.52), "Darnytskyi district": ("site", 50.45, 30.52)}
    # so in Russian: Kharkiv's Kyivskyi district is not drawn at Kyiv
    assert [p.name for p in geomap.parse("В Харькове повреждены жилые дома в Киевском районе.").places] == ["Kharkiv"]
    # "the city's" district is the city's named last, in its sentence or before: Odesa's Kyivskyi, not Poltava's
    got = places("Drones struck Odesa overnight. Debris fell on a kindergarten in the city's Kyivskyi district.")
    assert got["Kyivskyi district"] == ("site", *got["Odesa"][1:])
    # Zaporizhzhia's Komunarskyi district is not the district of a Kommunar near St Petersburg
    got = places("In Zaporizhzhia, a strike hit the Komunarskyi district.")
    assert got["Komunarskyi district"] == ("site", *got["Zaporizhzhya"][1:])
    # Kyiv's own district, so named, is the one the gazetteer holds
    got = places("In Kyiv, debris fell on the Shevchenkivskyi district.")
    assert got["Shevchenkivskyi District"][1:] == (50.46, 30.47)
    # a raion of the city's region stays as ranked; so do districts in the sentence of a city named otherwise
    got = places("In Kharkiv, shelling also hit the Chuhuivskyi district.")
    assert got["Chuhuivskyi District"][1:] == (49.84, 36.69)
    got = places("Reports of a Kyiv ground attack spoke of fighting in the Sudzhansky and Korenevsky districts.")
    assert got["Sudzhansky District"][1:] == (51.19, 35.27) and got["Korenevsky District"][1:] == (51.41, 34.9)


def test_a_village_across_a_border_from_the_storys_places_is_believed():
    # Kerem Shalom is Israel's, a village of no recorded population, in a story whose places are all Gaza's
    text = (
        "GAZA CITY — Israeli tanks pushed into Gaza City on Monday, as strikes hit Deir al-Balah and the Nuseirat "
        "camp in the central Gaza Strip. Medics said 12 people were killed in Jabalia and in Khan Younis.\n\n"
        "Near the Kerem Shalom crossing, some 3 km from the Egyptian border, aid trucks waited for a second day. "
        "In the West Bank, troops raided Jenin and Tulkarm."
    )
    article = geomap.parse(text)
    assert article.place("Kerem Shalom").country == "IL"
    assert [(d.anchor, d.border) for d in article.distances] == [("Kerem Shalom", ("IL", "EG"))]


def test_an_oblast_by_its_capitals_name_and_the_city_beside_it():
    # "the Dnipro region" is Dnipropetrovsk oblast; a bare "Dnipro" beside it stays the city, as no region goes by
    # that name alone (it had crashed the ranking with no candidate)
    assert [(p.name, p.kind) for p in geomap.parse("A missile struck the Dnipro region overnight.").places] == [
        ("Dnipropetrovsk", "region")
    ]
    places = geomap.parse("Explosions shook Dnipro and the wider Dnipro Oblast.").places
    assert [(p.name, p.kind, [m.text for m in p.mentions]) for p in places] == [
        ("Dnipro", "city", ["Dnipro"]),
        ("Dnipropetrovsk", "region", ["Dnipro Oblast"]),
    ]


def test_a_name_both_holding_a_place_and_listed_with_regions_is_one_region():
    # "Crimea" holds the air base and is listed with regions: moved to the region once, not twice (it crashed)
    text = (
        "Ukraine struck the Saky air base in Crimea. A railway connects Donetsk with Crimea, Zaporizhia and Kherson "
        "regions."
    )
    crimea = geomap.parse(text).place("Crimea")
    assert crimea is not None and crimea.kind == "region" and len(crimea.mentions) == 2


def test_a_town_named_as_a_region_where_none_has_its_name_is_the_town():
    text = "A railway connects Donetsk with Mariupol, Zaporizhia and Kherson regions."
    assert [(p.name, p.kind) for p in geomap.parse(text).places] == [
        ("Donetsk", "city"),
        ("Mariupol", "city"),
        ("Zaporizhzhia", "region"),
        ("Kherson", "region"),
    ]
    assert [(p.name, p.kind) for p in geomap.parse("Fighting raged in the Pokrovsk region.").places] == [
        ("Pokrovsk", "town")
    ]


def test_a_province_named_after_its_seat_in_a_spelling_only_the_town_has_is_the_province():
    # Natural Earth spells the governorates Sa`dah and As-Suwayda; GeoNames knows their seats as Saada and Sweida
    saada = geomap.parse("Air strikes hit Saada province in Yemen.").places[0]
    assert (saada.id, saada.kind) == ("ne:admin1:YE-SD", "region")  # not the town of Sa'dah
    assert geomap.parse("Protests spread in Sweida province, Syria.").places[0].id == "ne:admin1:SY-SU"


def test_the_ends_of_a_road_the_text_names_lie_near_each_other():
    # a Kostiantynivka lies 5 km from Melitopol; the one on the highway from Pokrovsk is Donetsk oblast's
    text = "Troops shelled Melitopol's outskirts. Fighting raged along the Pokrovsk-Kostiantynivka highway."
    kostiantynivka = geomap.parse(text).place("Kostyantynivka")
    assert (round(kostiantynivka.lat, 1), round(kostiantynivka.lon, 1)) == (48.5, 37.7)
    assert "on a road to Pokrovsk, as the text says" in kostiantynivka.evidence


def test_a_bare_name_is_the_city_its_region_is_named_after_even_at_the_regions_edge():
    # Kherson, on the Dnipro, lies 40 m outside its oblast's simplified outline
    for text in ("Shelling hit Kherson and Nova Kakhovka.", "Nova Kakhovka lies about 70 km east of Kherson."):
        assert geomap.parse(text).place("Kherson").kind == "city", text
    # and the Dnipro River, whose point is Kherson's, is no nearer to it than any river: Dnipro is the city
    text = "A strike hit the centre of Dnipro, Ukraine's fourth-largest city. Shelling also hit Kherson."
    assert geomap.parse(text).place("Dnipro").kind == "city"
    # though being in the article's theatre still counts: the Danube by Izmail is the river, not Serbia's region
    text = "Drones struck Izmail, a Danube port across the river from Romania."
    assert geomap.parse(text).place("Danube").kind == "river"


def test_a_name_the_text_calls_a_village_is_a_village_not_the_city_that_once_bore_it():
    # Melitopol was Novooleksandrivka once; GeoNames keeps the name, and the city's size had outweighed the villages
    place = geomap.parse("Russian forces said they captured the village of Novooleksandrivka on Monday.").places[0]
    assert place.kind == "village" and place.name == "Novooleksandrivka"
    assert "the text calls it a village" in place.evidence


def test_a_distance_the_text_states_again_is_drawn_once_and_traceable_to_each_statement():
    lede = "Andriivka is about 13 kilometers south of Bakhmut."
    text = f"{lede} Fighting went on all week near Klishchiivka. {lede}"
    article = geomap.parse(text)
    (d,) = article.distances
    second = text.rindex("about 13 kilometers")
    length = d.end - d.start  # "about 13 kilometers south"
    assert d.start == text.index("about 13 kilometers") and d.restated == ((second, second + length),)
    (feature,) = [f for f in article.to_geojson()["features"] if f["properties"]["role"] == "distance"]
    assert feature["properties"]["restated_at"] == [[second, second + length]]
    # stated otherwise, or around another place, it is another distance
    text = f"{lede} Andriivka is some 13 kilometers south of Bakhmut."
    assert len(geomap.parse(text).distances) == 2


def test_a_story_about_a_country_takes_in_its_dependencies():
    # Saipan lies in the Northern Mariana Islands, a dependency of the United States, 9,000 km from Seattle
    text = "The team is based near Seattle. Its trips to Saipan, Guam, Alaska and Florida went well, the colonel said."
    saipan = geomap.parse(text).place("Saipan")
    assert saipan is not None and saipan.country == "MP"
    assert "in the article's focus (MP, weight 1.00)" in saipan.evidence


def test_sudan_s_kordofan_and_gaza_s_netzarim_corridor_are_drawn():
    article = geomap.parse(
        "Troops withdrew from the Netzarim corridor. RSF fighters took Babanusa in West Kordofan and advanced "
        "across Kordofan toward El Obeid."
    )
    places = {p.mentions[0].text: p for p in article.places}
    assert places["Netzarim corridor"].country == "PS"
    assert (places["West Kordofan"].kind, places["Kordofan"].kind) == ("region", "region")
    # Kordofan is North and South Kordofan together: El Obeid, North Kordofan's capital, lies inside it
    obeid = places["El Obeid"]
    assert Gazetteer.default().area(places["Kordofan"].id).covers(Point(obeid.lon, obeid.lat))


def test_pakistan_s_tribal_districts_are_drawn():
    text = (
        "SOUTH WAZIRISTAN, April 5: The army chief opened projects in South Waziristan Agency. Militants attacked "
        "posts in North Waziristan, in Kurram district near Parachinar, and in Bajaur."
    )
    article = geomap.parse(text)
    assert [p.name for p in article.places] == [
        "South Waziristan",
        "North Waziristan",
        "Kurram",
        "Parachinar",
        "Bajaur",
    ]
    # each district's point lies near its seat: Miranshah, Wana, Parachinar and Khar are GeoNames towns
    gz = Gazetteer.default()
    for district, seat in [("North Waziristan", "Miran Shah"), ("South Waziristan", "Wana"), ("Bajaur", "Khar")]:
        town = next(e for e in gz.lookup(seat) if e.country == "PK")
        place = article.place(district)
        assert haversine_km(place.lat, place.lon, town.lat, town.lon) < 15, district


def test_the_former_agencies_khyber_orakzai_and_mohmand_are_districts():
    text = "Militants attacked a post in Khyber district, a convoy in Orakzai and a school in Mohmand Agency."
    article = geomap.parse(text)
    assert [(p.name, p.kind, p.country) for p in article.places] == [
        ("Khyber", "district", "PK"),
        ("Orakzai", "district", "PK"),
        ("Mohmand", "district", "PK"),
    ]
    # neighbours on the Afghan border, from Orakzai in the south to Mohmand in the north
    lat = {p.name: p.lat for p in article.places}
    assert lat["Orakzai"] < lat["Khyber"] < lat["Mohmand"]


def test_congo_s_provinces_since_2015_are_drawn_at_their_capitals():
    text = "CODECO fighters attacked a camp in Ituri province. Miners protested in Haut-Katanga and Lualaba."
    places = {p.name: p for p in geomap.parse(text).places}
    assert {name: p.kind for name, p in places.items()} == {
        "Ituri": "region",
        "Haut-Katanga": "region",
        "Lualaba": "region",
    }
    gz = Gazetteer.default()
    for province, capital in [("Ituri", "Bunia"), ("Haut-Katanga", "Lubumbashi"), ("Lualaba", "Kolwezi")]:
        town = next(e for e in gz.lookup(capital) if e.country == "CD")
        assert (places[province].lat, places[province].lon) == (town.lat, town.lon), province


def test_the_nile_is_the_river_and_river_nile_state_the_state():
    article = geomap.parse("Boats crossed the Nile north of Khartoum. Aid reached River Nile state.")
    assert [(p.mentions[0].text, p.kind) for p in article.places] == [
        ("Nile", "river"),
        ("Khartoum", "city"),
        ("River Nile state", "region"),
    ]


def test_burkina_faso_s_regions_and_somalia_s_member_states_are_unions_of_their_provinces():
    text = (
        "Gunmen killed civilians in Barsalogho, in the Centre-Nord region, and attacked a convoy in the Est "
        "region near Fada N'Gourma. Al-Shabaab attacked a base in Jubaland near Kismayo and a town in South West "
        "State, while Hirshabelle forces fought near Beledweyne."
    )
    places = {p.name: p for p in geomap.parse(text).places}
    gz = Gazetteer.default()
    for region, town in [
        ("Centre-Nord", "Barsalogho"),
        ("Est", "Fada N'gourma"),
        ("Jubaland", "Kismayo"),
        ("Hirshabelle", "Beledweyne"),
    ]:
        assert places[region].kind == "region", region
        assert gz.area(places[region].id).covers(Point(places[town].lon, places[town].lat)), region
    assert places["South West State"].country == "SO"


def test_a_short_name_written_with_its_generic_word_keeps_its_spelling_check():
    # "Est" (three letters) must be spelled as an entry spells it; "the Est region" is written "Est"
    est = geomap.parse("Gunmen attacked a convoy in the Est region of Burkina Faso.").place("Est region")
    assert (est.kind, est.country) == ("region", "BF")
    east = geomap.parse("Rebels took a town in Cameroon's Est region, near Bertoua.").place("Est region")
    assert (east.name, east.country) == ("East", "CM")


def test_a_crossing_a_lake_and_a_member_state_no_package_holds():
    torkham = geomap.parse("Pakistan closed the Torkham crossing with Afghanistan.").place("Torkham")
    assert (torkham.kind, torkham.country) == ("village", "PK")
    places = {p.name: p for p in geomap.parse("Boats sank on Lake Tana, near Bahir Dar.").places}
    tana, bahir_dar = places["Lake Tana"], places["Bahir Dar"]
    assert tana.kind == "sea" and haversine_km(tana.lat, tana.lon, bahir_dar.lat, bahir_dar.lon) < 60
    galmudug = geomap.parse("Troops retook a port town in Galmudug state, Somalia.").place("Galmudug")
    assert (galmudug.kind, galmudug.country) == ("region", "SO")


def test_kashmir_is_the_whole_region_and_each_side_by_the_press_s_names():
    whole = geomap.parse("Tensions rose over Kashmir, the Himalayan region claimed by India and Pakistan.")
    kashmir = whole.place("Kashmir")
    assert kashmir.id == "union:kashmir"  # not the disputed piece by the Siachen glacier, as large a name
    gz = Gazetteer.default()
    srinagar = next(e for e in gz.lookup("Srinagar") if e.country == "IN")
    assert gz.area(kashmir.id).covers(Point(srinagar.lon, srinagar.lat))
    sides = geomap.parse(
        "Militants killed tourists near Pahalgam in Indian-administered Kashmir. Floods hit Muzaffarabad in "
        "Pakistan-administered Kashmir."
    )
    assert [(p.name, p.country) for p in sides.places if p.kind == "region"] == [
        ("Jammu and Kashmir", "IN"),
        ("Azad Kashmir", "PK"),
    ]


def test_somalia_s_regions_by_the_press_s_spelling():
    article = geomap.parse("Al-Shabaab attacked a base in Lower Shabelle and a town in Middle Shabelle.")
    assert [(p.name, p.country, p.kind) for p in article.places] == [
        ("Lower Shebelle", "SO", "region"),
        ("Middle Shebelle", "SO", "region"),
    ]


def test_deserts_mountain_ranges_islands_and_great_rivers_are_drawn():
    text = (
        "Jihadists crossed the Sahara. A rocket hit the Negev. Drones flew beyond the Urals. Fires raged on Maui "
        "and Oahu. Troops clashed in Mindanao. Climbers died in the Andes and the Alps. Floods hit the Indus "
        "River. The Amazon River is low. Amazon said its sales rose."
    )
    article = geomap.parse(text)
    assert [p.name for p in article.places] == [
        "Sahara",
        "Negev",
        "Ural Mountains",
        "Maui",
        "Oahu",
        "Mindanao",
        "Andes",
        "Alps",
        "Indus",
        "Amazon River",
    ]
    # each point lies in (or, for a range's highest peak on a border, within 10 km of) the country its row gives
    gz = Gazetteer.default()
    for place in article.places:
        if place.country:
            country = gz.country(place.country)
            assert gz.area(country.id).distance(Point(place.lon, place.lat)) < 0.1, place.name


def test_south_lebanon_s_border_villages_are_drawn_and_houla_stays_syrian_in_a_syrian_story():
    text = (
        "Israeli strikes hit Khiam, Odaisseh and Meiss el-Jabal. Troops raided tunnels near Aita al-Shaab, less "
        "than 1 km from the border, and clashed near Maroun al-Ras, Aitaroun, Houla and Shebaa."
    )
    article = geomap.parse(text)
    assert [(p.name, p.country) for p in article.places] == [
        ("Khiam", "LB"),
        ("Odaisseh", "LB"),
        ("Mais al-Jabal", "LB"),
        ("Ayta ash Shab", "LB"),
        ("Maroun al-Ras", "LB"),
        ("Aitaroun", "LB"),
        ("Houla", "LB"),
        ("Shebaa", "LB"),
    ]
    # each lies in Lebanon (to within 2 km: Natural Earth's border is drawn coarser than that, and Mais al-Jabal
    # sits on it), and within 15 km of Israel
    gz = Gazetteer.default()
    lebanon, israel = gz.area(gz.country("LB").id), gz.area(gz.country("IL").id)
    for place in article.places:
        point = Point(place.lon, place.lat)
        assert lebanon.distance(point) < 0.02 and israel.distance(point) < 0.15, place.name
    assert article.distances[0].anchor == "Ayta ash Shab"
    assert [p.country for p in geomap.parse("Government forces shelled Houla, near Homs, in 2012.").places] == [
        "SY",
        "SY",
    ]


def test_gaza_s_neighbourhoods_and_camps_are_drawn_where_they_are_not_at_the_city_s_point():
    text = (
        "Tanks advanced into Zeitoun and Shujaiya in Gaza City. Strikes hit al-Mawasi, west of Khan Younis, and "
        "Tel al-Sultan in Rafah; the Beach camp and Maghazi were shelled. Troops raided Nur Shams camp near "
        "Tulkarm and entered Qalqilya."
    )
    places = {p.mentions[0].text: p for p in geomap.parse(text).places}
    for name in ("Zeitoun", "Shujaiya", "Mawasi", "Tel al-Sultan", "Beach camp", "Maghazi", "Nur Shams camp"):
        assert places[name].country == "PS", name
    city = places["Gaza City"]
    # a neighbourhood lies within Gaza City, 1-4 km from its point; al-Mawasi on the coast west of Khan Younis
    for name in ("Zeitoun", "Shujaiya", "Beach camp"):
        assert 0.3 < haversine_km(places[name].lat, places[name].lon, city.lat, city.lon) < 4, name
    assert places["Mawasi"].lon < places["Khan Younis"].lon
    assert places["Qalqilya"].name == "Qalqīlyah"


def test_front_places_no_package_holds_and_the_press_s_spellings_of_others():
    palma = geomap.parse("Insurgents overran Palma, near the gas project in Cabo Delgado, Mozambique.").place("Palma")
    assert palma.country == "MZ"  # GeoNames' cities hold only Palma de Mallorca's name
    texts = {
        "Jets struck the Fordow enrichment plant near Qom, Iran.": {"Fordow enrichment plant": "IR"},
        "Gunmen attacked an army post in Rajouri, near Poonch, in Indian Kashmir.": {"Rajouri": "IN"},
        "The RSF reached Heglig, in South Kordofan, Sudan.": {"Heglig": "SD"},
        "Somali troops retook Harardhere, in Mudug.": {"Harardhere": "SO"},
        "Jihadists attacked Banibangou, in Niger's Tillaberi region.": {"Banibangou": "NE"},
        "Strikes hit Rimal and Sheikh Radwan in Gaza City.": {"Rimal": "PS", "Sheikh Radwan": "PS"},
        "Ukrainian drones struck the Crimea bridge on Saturday.": {"Crimea bridge": "UA"},
    }
    for text, expected in texts.items():
        places = {p.forms[0]: p for p in geomap.parse(text).places}
        assert {form: places[form].country for form in expected if form in places} == expected, text
    bridge = geomap.parse("Ukrainian drones struck the Crimea bridge on Saturday.").place("Crimea bridge")
    assert bridge.name == "Crimean Bridge"  # not the peninsula, with the bridge's generic word
    fordow, qom = (
        geomap.parse("Jets struck the Fordow enrichment plant near Qom.").place(n) for n in ("Fordow", "Qom")
    )
    assert haversine_km(fordow.lat, fordow.lon, qom.lat, qom.lon) < 40  # not the village Fordu, 50 km south of Qom


def test_a_place_the_text_gives_its_country_is_believed_far_from_the_story():
    text = (
        "Clashes in Tripoli killed dozens. Flights were diverted to Misrata, and forces in Benghazi, Zawiya and "
        "Gharyan were put on alert. Boats left Zuwara for the Italian island of Lampedusa."
    )
    lampedusa = geomap.parse(text).place("Lampedusa")
    assert lampedusa is not None and lampedusa.country == "IT"
    # the country the text gives it vouches for it, as a state written after a town does
    assert "the text calls it Italian" in lampedusa.evidence


def test_georgia_in_an_american_story_is_the_state_and_in_a_caucasian_one_the_country():
    us = geomap.parse(
        "The hurricane hit Sarasota, Venice and Fort Myers, crossed Florida from Tampa to Orlando and weakened "
        "as it moved over Georgia and the Carolinas."
    ).place("Georgia")
    assert (us.kind, us.country) == ("region", "US")  # the country's 3.7 million people are no city's fame
    caucasus = geomap.parse("Russian troops remain in Georgia's breakaway regions. Protests filled Tbilisi.")
    assert caucasus.place("Georgia").country == "GE"


def test_a_region_that_opens_a_sentence_as_its_setting_holds_the_places_it_names():
    # a Pokrovske of Dnipropetrovsk region, not the one of Zaporizhzhia region near Huliaipole
    text = (
        "Russian troops pushed toward Huliaipole. In Dnipropetrovsk region, shelling hit the village of Pokrovske, "
        "25 km north of the regional border."
    )
    pokrovske = geomap.parse(text, ner=False).place("Pokrovske")
    assert "inside Dnipropetrovsk, which its sentence is set in" in pokrovske.evidence
