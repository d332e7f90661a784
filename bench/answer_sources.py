"""Where the offline engine's answers come from, against the labelled questions of
tests/data/settings_qa (four businesses, written by an independent author).

    python -m bench.answer_sources [--mistakes]

Each question is the first message of a conversation with that business's bot, through the real
offline brain; its reply records what of the settings it answered from. Prints how many came from
the wrong source (the goal is none) and the time per question. `--mistakes` lists them.
"""

from __future__ import annotations

import argparse
import statistics
import time

from salesbot.brain.offline import OfflineBrain
from salesbot.models import Conversation, Turn
from tests.support.answer_sources import score
from tests.support.businesses import business_settings, questions


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mistakes", action="store_true", help="list the questions answered from the wrong source")
    args = parser.parse_args()
    report = score()
    print(report.summary())
    if args.mistakes:
        for mistake in report.wrong:
            print(" ", mistake)
    brain, timings = OfflineBrain(), []
    for question in questions():
        settings = business_settings(question["business"])
        conversation = Conversation(settings=settings, history=[Turn(role="customer", text=question["text"])])
        started = time.perf_counter()
        brain.respond(conversation)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(f"time per question (settings already read): p50 {statistics.median(timings):.2f} ms, "
          f"p99 {timings[int(len(timings) * 0.99)]:.2f} ms")


if __name__ == "__main__":
    main()
