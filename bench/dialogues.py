"""How the offline sales manager holds a conversation: the scripted dialogues and the hand-off phrases.

    python -m bench.dialogues [--findings] [--transcripts ID ...] [--save DIR]

Replays the 51 dialogues of tests/data/dialogues through the real offline brain (as POST /chat
drives it) and prints what the judge in tests/support/dialogues.py finds: repeated sentences,
questions left unanswered, wrong needs stored and wrong handoffs (goal 0 each), the other broken
promises by kind, and the brain's time per message. Then the precision and recall of the
request-for-a-person and post-sale detector on tests/data/handoff/phrases.jsonl.
Also times one reply at the end of a long conversation (40 earlier turns), the figure a timed
test used to assert (under 20 ms); tests never assert on time, the bench reports it.
`--transcripts` prints whole conversations; `--save` writes every transcript to DIR.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from salesbot.brain.offline import OfflineBrain
from salesbot.models import Conversation, Turn
from tests.support.businesses import business_settings
from tests.support.dialogues import GOALS, run, score_handoff

LONG_CONVERSATION_BOUND_MS = 20.0


def long_conversation_ms(runs: int = 50) -> float:
    """The mean time of one reply after 40 turns, best of three rounds of `runs`."""
    history = [Turn(role="customer", text="Здравствуйте"), Turn(role="bot", text="Здравствуйте! Что Вас интересует?",
                                                                asked="need")] * 20
    conversation = Conversation(settings=business_settings("kitchen_moscow"), history=[
        *history, Turn(role="customer", text="Меня зовут Анна, нужна кухня из эмали, 3 метра, до 300 тысяч, +7 912 345-67-89")])
    brain = OfflineBrain()
    brain.respond(conversation)
    rounds = []
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(runs):
            brain.respond(conversation)
        rounds.append((time.perf_counter() - started) / runs * 1000)
    return min(rounds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--findings", action="store_true", help="list every finding")
    parser.add_argument("--transcripts", nargs="*", default=[], metavar="ID", help="print these dialogues whole")
    parser.add_argument("--save", type=Path, help="write every transcript to this folder")
    args = parser.parse_args()

    report = run()
    turns = len(report.seconds())
    print(f"{len(report.transcripts)} dialogues, {turns} customer messages, through the offline brain:")
    for kind in GOALS:
        print(f"  {kind:16} {report.count(kind):4}   (goal 0)")
    others = {kind: count for kind, count in sorted(report.kinds().items()) if kind not in GOALS}
    for kind, count in others.items():
        print(f"  {kind:32} {count:4}")
    ms = sorted(s * 1000 for s in report.seconds())
    print(f"  brain time per message: p50 {statistics.median(ms):.2f} ms, p99 {ms[int(0.99 * (len(ms) - 1))]:.2f} ms,"
          f" max {ms[-1]:.2f} ms (POST /chat as a whole: bench/chat.py)")
    long = long_conversation_ms()
    verdict = "within" if long < LONG_CONVERSATION_BOUND_MS else "OVER"
    print(f"  one reply after 40 turns: {long:.2f} ms, {verdict} the {LONG_CONVERSATION_BOUND_MS:.0f} ms bound")
    if args.findings:
        print("findings:", *report.findings, sep="\n  ")

    print("request for a person / post-sale detector, tests/data/handoff/phrases.jsonl:")
    for detection in score_handoff():
        print(f"  {detection.label:14} precision {detection.precision:.3f}  recall {detection.recall:.3f}")
        if args.findings:
            print("    missed:", *detection.missed, sep="\n      ")
            print("    wrong:", *detection.wrong, sep="\n      ")

    wanted = set(args.transcripts)
    for transcript in report.transcripts:
        if transcript.dialogue["id"] in wanted:
            print(transcript.text(), end="\n\n")
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for transcript in report.transcripts:
            (args.save / f"{transcript.dialogue['id']}.txt").write_text(transcript.text() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
