import pytest

from geomap.roles import mention_role, place_role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Moscow said the attack failed.", "Moscow", "metonymic"),
        ("Moscow is trying to carve out a buffer zone.", "Moscow", "metonymic"),
        ("Kyiv’s gains near Bakhmut alarmed bloggers.", "Kyiv", "metonymic"),
        ("urging Moscow to commit more resources", "Moscow", "metonymic"),
        ("fighting in Bakhmut went on", "Bakhmut", "literal"),
        # a part of it, in a speaker's name: the groups speak, the state is where they are
        ("Ethnic armed groups in northern Shan State said they took Lashio.", "Shan State", "literal"),
        ("Officials throughout the north-eastern Kharkiv region said", "Kharkiv", "literal"),
        ("Russia's southeastern coast was hit", "Russia", "literal"),
        ("Montego Bay's airport was closed", "Montego Bay", "literal"),
        ("contributed reporting from Berlin.", "Berlin", "reporting"),
        # a distance between: where the fighters were, not a reporter
        ("Fighters were reported 20 km from Babanusa.", "Babanusa", "literal"),
        # the locative before a list places each name in it; a list ends at its "and"
        ("Fighters in Daraa and Sweida said they held.", "Sweida", "literal"),
        ("Strikes near Homs, Hama or Aleppo, Syria said.", "Hama", "literal"),
        ("It shelled the villages of Shevchenko and Udachne, Ukraine's General Staff said.", "Ukraine", "metonymic"),
    ],
)
def test_mention_roles(text, name, role):
    start = text.index(name)
    assert mention_role(text, start, start + len(name)) == role


def test_dateline_is_reporting():
    assert mention_role("KYIV, Ukraine —", 0, 4, dateline=True) == "reporting"


def test_place_role_prefers_literal():
    assert place_role(["metonymic", "literal"]) == "literal"
    assert place_role(["metonymic", "reporting"]) == "reporting"
