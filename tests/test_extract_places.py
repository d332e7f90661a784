"""The GeoNames places file: what the build makes from the pinned data is what ships, and it knows
the small places it is there for."""

from __future__ import annotations

import gzip

import pytest

from salesbot.extract import places


def test_the_shipped_file_is_what_the_build_makes():
    shipped = gzip.decompress(places.PLACES_FILE.read_bytes()).decode().splitlines()
    assert shipped == places.build()


@pytest.mark.parametrize("name,known", [
    ("Chorlton", True), ("round rock", True), ("Zürich", True), ("zurich", True), ("Кубинка", True), ("Королёв", True),
    ("Анталья", True),  # the world's towns by their Cyrillic names too
    ("Chorltonbury", False), ("Кубинкаград", False), ("", False),
])
def test_small_places_in_either_script(name, known):
    assert places.is_place(name) is known
