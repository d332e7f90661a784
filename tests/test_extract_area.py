"""Floor areas as people write them beside the home they want: the room a few words before its
"метров" ("квартиру не меньше 75 метров", "трёшка, метров 80"), "м" or "metres" alone after a home,
"metres squared"; and lengths and distances, which are no area, however near a home they stand."""

from __future__ import annotations

import pytest

from salesbot.extract import find_area_m2


@pytest.mark.parametrize("text,expected", [
    ("ищем квартиру не меньше 75 метров", 75.0),  # the home a few words before, a bound between
    ("квартира где-то 70 метров", 70.0),
    ("трешка, 75 метров, 3 этаж", 75.0),
    ("нужна трёшка метров 80", 80.0),  # "метров" first
    ("помещение под кафе метров 100", 100.0),
    ("студия 25м, пятый этаж", 25.0),  # "м" alone after a home
    ("looking for a flat of about 70 metres", 70.0),
    ("the house is 120 meters squared", 120.0),
])
def test_a_homes_metres_a_few_words_after_it_are_its_area(text, expected):
    assert find_area_m2(text) == expected


@pytest.mark.parametrize("text", [
    "дом, забор метров 40",  # a fence's length, after a home
    "дача, метров 30 забора",
    "квартира, метров 500 до метро",  # a distance
    "дом в 200 м от моря",
    "потолки 2,7 м",
    "a house with 30 metres of garden",
    "flat 500 metres from the station",
    "кухня 3 м по стене",
])
def test_a_length_or_a_distance_beside_a_home_is_no_area(text):
    assert find_area_m2(text) is None
