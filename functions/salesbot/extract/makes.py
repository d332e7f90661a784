"""Makes of cars and phones, one list for every parser that must not read them as what else they look like:
GeoNames knows many as towns somewhere ("в Тойоте", "на Мерседесе"), and a reply opening with one and
going on with no name ("Kia Seltos", "Хендай Солярис") names a model, not who nor where."""

from __future__ import annotations

MAKES = frozenset("""
apple audi bmw byd cadillac changan chery chevrolet citroen dacia exeed fiat ford geely haval honda honor huawei
hyundai infiniti iphone jaguar jeep kia lada lexus mazda mercedes mitsubishi nissan nokia opel oppo peugeot poco
porsche realme renault samsung skoda subaru suzuki tesla toyota vivo volkswagen volvo vw xiaomi
айфон ауди бмв вольво джили джип инфинити кадиллак киа ксиоми лада лексус мазда мерседес митсубиси мицубиси ниссан
нокиа опель пежо порше реалми рено самсунг ситроен субару сузуки сяоми тесла тойота фиат фольксваген форд хавал
хендай хендэ хёндай хонда хонор хуавей хундай чанган чери шевроле шкода эксид ягуар
""".split())
"""The makes in the nominative, lower-case, as they are written in Latin and Cyrillic letters."""

_MIN_STEM = 3  # "киа" has no stem of its own: "ки" begins "Киев"


def _stem(make: str) -> str:
    """What every case form of a Russian make begins with: "тойот" of "в Тойоте", "опел" of "на Опеле"; a make
    ending in another vowel is not declined ("на Рено", "в Чери", not the "Чер" of "Черкесск")."""
    return make[:-1] if make[-1] in "аяьй" and len(make) > _MIN_STEM else make


MAKE_STEMS = tuple(sorted({_stem(make) for make in MAKES if not make.isascii()}))
"""The Cyrillic makes' stems, for `str.startswith` on a lower-case word in any case."""
