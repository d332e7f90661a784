"""Per-field precision and recall of the offline engine on the labelled conversations.

    python bench/extraction.py [--mistakes]

Goals: phone and email >= 0.97, name and budget >= 0.9, no invented contacts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.support, the scorer the tests use

from tests.support.labelled import evaluate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mistakes", action="store_true", help="list every field that differs from its label")
    show_mistakes = parser.parse_args().mistakes
    result = evaluate()
    print(f"offline engine on {result.conversations} labelled conversations "
          f"({len(result.seconds_per_message)} customer messages):")
    print(f"  {'field':10} {'precision':>9} {'recall':>7}   correct/predicted/labelled")
    for name, score in result.fields.items():
        print(f"  {name:10} {score.precision:9.3f} {score.recall:7.3f}   {score.correct}/{score.predicted}/{score.expected}")
    print(f"  invented or wrong contacts: {len(result.invented_contacts)}", *result.invented_contacts, sep="\n    ")
    ms = sorted(s * 1000 for s in result.seconds_per_message)
    print(f"  time per message: p50 {statistics.median(ms):.2f} ms, p99 {ms[int(0.99 * (len(ms) - 1))]:.2f} ms, max {ms[-1]:.2f} ms")
    if show_mistakes:
        print("mistakes:", *result.mistakes, sep="\n  ")


if __name__ == "__main__":
    main()
