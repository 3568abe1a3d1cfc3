"""Ukrainian and Russian reports decline their place names: every case must reach the same place."""

from __future__ import annotations

from pathlib import Path

import pytest
from shapely.geometry import Point

import geomap
from geomap.inflection import language, nominatives, qualifies
from geomap.mentions import find_mentions
from geomap.text import Document


def places(text: str) -> list[tuple[str, str, str]]:
    return [(p.mentions[0].text, p.name, p.kind) for p in geomap.parse(text).places]


@pytest.mark.parametrize(
    ("word", "nominative"),
    [
        ("Бахмута", "бахмут"),  # genitive
        ("Харкові", "харків"),  # locative, with the і/о alternation
        ("Авдіївку", "авдіївка"),  # accusative
        ("Мирнограді", "мирноград"),
        ("Авдеевкой", "авдеевка"),  # Russian instrumental
        ("Харькове", "харьков"),  # Russian prepositional
        ("Часового", "часів"),  # a possessive adjective: Часів Яр
    ],
)
def test_a_case_form_leads_to_its_nominative(word, nominative):
    assert nominative in nominatives(word, language(word))


def test_ukrainian_report_finds_every_place_in_any_case():
    found = places(
        "Бої тривають біля Бахмута та Авдіївки, у напрямку Покровська. У Херсоні пролунали вибухи. "
        "Ворог атакував Кліщіївку. Під Часовим Яром і біля Великої Новосілки тривають штурми."
    )
    assert [(m, n) for m, n, _ in found] == [
        ("Бахмута", "Bakhmut"),
        ("Авдіївки", "Avdiyivka"),
        ("Покровська", "Pokrovsk"),
        ("Херсоні", "Kherson"),
        ("Кліщіївку", "Klishchiivka"),
        ("Часовим Яром", "Chasiv Yar"),
        ("Великої Новосілки", "Velyka Novosilka"),
    ]


def test_russian_report_finds_regions_by_their_generic_word_and_colloquial_name():
    found = places("В Курской области продолжаются бои у Суджи. На Харьковщине слышны взрывы.")
    assert found == [
        ("Курской области", "Kursk", "region"),
        ("Суджи", "Sudzha", "village"),
        ("Харьковщине", "Kharkiv", "region"),
    ]


def test_an_adjective_of_a_common_noun_is_no_place():
    # "the Zaporizhzhia axis", "the Kharkiv district": a village bears the adjective's nominative, the text
    # does not name it
    assert qualifies("Запорожском", "направлении", "ru")
    assert not qualifies("Степового", "вчора", "uk")
    text = "На Запорожском направлении идут бои."
    assert [m.text for m in find_mentions(Document.from_text(text))] == []


def test_text_language_by_its_letters():
    assert language("Бої тривають біля Бахмута") == "uk"
    assert language("Бои идут под Бахмутом") == "ru"
    assert language("Fighting near Bakhmut") == ""


def test_a_ukrainian_dispatch_end_to_end():
    # seeds/pokrovsk-zvedennia-uk.txt: a dispatch written for this project, in Ukrainian
    path = Path(__file__).parent.parent / "seeds" / "pokrovsk-zvedennia-uk.txt"
    article = geomap.parse(path.read_text(encoding="utf-8"))
    roles = {p.name: p.mentions[0].role for p in article.places}
    assert roles == {
        "Kramatorsk": "reporting",
        "Pokrovsk": "literal",
        "Myrnohrad": "literal",
        "Novoekonomichne": "literal",
        "Kostyantynivka": "literal",
        "Druzhkivka": "literal",
        "Kharkiv": "literal",
        "Kupyansk": "literal",
        "Vovchansk": "literal",
        "Sumy": "literal",
    }
    assert {p.name: p.kind for p in article.places}["Sumy"] == "region"
    first = article.distances[0]
    assert (first.text, first.meters, first.direction, first.anchor, first.anchor_rule) == (
        "5 км",
        5000.0,
        "S",
        "Pokrovsk",
        "of-phrase",
    )


def test_a_capital_proves_a_cyrillic_name_save_an_everyday_word_opening_a_sentence():
    found = places("Мир можливий. Надія є. Кремль заявив, що Андріївка під контролем. Бої йдуть біля Бахмута.")
    assert [(m, n) for m, n, _ in found] == [
        ("Кремль", "Moscow Kremlin"),
        ("Андріївка", "Andriivka"),
        ("Бахмута", "Bakhmut"),
    ]
    roles = {p.name: p.mentions[0].role for p in geomap.parse("Кремль заявив, що удари триватимуть.").places}
    assert roles == {"Moscow Kremlin": "metonymic"}


def test_an_oblast_or_raion_written_after_a_village_is_its_address():
    article = geomap.parse("Обстріляли Андріївку Бахмутського району.")
    assert [(p.name, p.kind) for p in article.places] == [("Andriivka", "village"), ("Бахмутський район", "district")]
    assert abs(article.places[0].lat - 48.50) < 0.05  # the Andriivka near Bakhmut, of eleven
    # "Андріївку Донецької області", "у Донецькій області": one of the Andriivkas inside Donetsk oblast
    oblast = shape_of_region("ne:admin1:UA-14")
    for text in ("Обстріляли Андріївку Донецької області.", "Андріївка у Донецькій області знову під обстрілом."):
        village, region = geomap.parse(text).places
        assert (region.name, region.kind) == ("Donetsk", "region")
        assert oblast.buffer(0.01).contains(Point(village.lon, village.lat))
    district = geomap.parse("Бои идут в Суджанском районе Курской области.").places[0]
    assert (district.name, district.kind, district.country) == ("Суджанский район", "district", "RU")
    # a krai is an address too
    for text in ("Вибухи в Туапсе Краснодарського краю.", "Взрывы прогремели в Туапсе Краснодарского края."):
        assert [p.name for p in geomap.parse(text).places] == ["Tuapse", "Krasnodar Krai"]


def test_a_city_district_written_before_its_city_in_the_genitive_is_a_site_at_that_city():
    # Kharkiv's districts are not in the gazetteer; Kyiv's Shevchenkivskyi is, by its Latin name only: each was
    # drawn at a namesake of its adjective's town, Kyiv or a Shevchenkove in Cherkasy oblast
    for text, site, city in (
        ("Ворог завдав удару по Київському району Харкова.", "Київський район", "Kharkiv"),
        ("Удар пришёлся по Киевскому району Харькова.", "Киевский район", "Kharkiv"),
        ("У Шевченківському районі Києва впали уламки.", "Шевченківський район", "Kyiv"),
    ):
        article = geomap.parse(text)
        place, town = article.place(site), article.place(city)
        assert place is not None and place.kind == "site" and (place.lat, place.lon) == (town.lat, town.lon)
    # a raion before its oblast stays the raion
    assert [p.kind for p in geomap.parse("Обстріляли Андріївку Бахмутського району.").places] == ["village", "district"]


def test_russian_places_in_ukrainian_spelling():
    # GeoNames names most Russian places in Russian only; Ukrainian news spells them its own way
    text = "Дрони атакували Новоросійськ, Шебекіно та Єйськ, а також нафтобазу в Липецьку."
    assert [(m, n) for m, n, _ in places(text)] == [
        ("Новоросійськ", "Novorossiysk"),
        ("Шебекіно", "Shebekino"),
        ("Єйськ", "Yeysk"),
        ("Липецьку", "Lipetsk"),
    ]


def shape_of_region(entry_id: str):
    from geomap.gazetteer import Gazetteer

    return Gazetteer.default().area(entry_id)


def test_oblasts_listed_before_one_generic_word_and_a_river_by_its_bank():
    found = places("Дрони атакували Брянську та Курську області. На Кубані тихо.")
    assert [(n, k) for _, n, k in found] == [("Bryansk", "region"), ("Kursk", "region"), ("Krasnodar Krai", "region")]
    found = places("Морпіхи переправилися через Дніпро; на лівому березі Дніпра тривають бої.")
    assert [(n, k) for _, n, k in found] == [("Dnipro River", "river")]
    assert [(n, k) for _, n, k in places("Вибухи пролунали у Дніпрі.")] == [("Dnipro", "city")]


def test_a_name_with_a_preposition_declines_its_first_word_only():
    # the words after "на" keep their case: Ростов-на-Дону, Комсомольськ-на-Амурі
    found = places("Дрони атакували завод у Ростові-на-Дону. В Комсомольске-на-Амуре тихо.")
    assert [(m, n) for m, n, _ in found] == [
        ("Ростові-на-Дону", "Rostov-on-Don"),
        ("Комсомольске-на-Амуре", "Komsomolsk-on-Amur"),
    ]
