"""The scripted sales dialogues through the real offline brain, judged as a sales director would,
and the request-for-a-person detector on the labelled phrases. Figures: `python bench/dialogues.py`."""

from __future__ import annotations

from collections import Counter

import pytest

from salesbot.models import BrainReply, LeadData, Stage
from tests.support.dialogues import (
    Exchange,
    Transcript,
    judge,
    load_dialogues,
    load_handoff_phrases,
    replay,
    score_handoff,
)

DIALOGUES = load_dialogues()

# What the brain itself decides: none of these may happen in any dialogue.
NEVER = ("repeated", "wrong_handoff", "not_urgent", "contact_pressure", "language", "must_not:ask_need",
         "must_not:ask_contact", "must_not:sales_pitch", "must_not:second_greeting", "must_not:quote_internal_notes")
# Answers and needs also depend on matching a question to the settings (brain/faq.py and the
# offering matcher, the settings' own work) and on the parsers; the set as a whole may not do worse.
# Broken by something the brain cannot see, each with the reason; the brain is right given what it was told.
KNOWN = {
    ("plumbing-hello-again-night-rates", "must_not:ask_contact"):
        "07700 900999 is in Ofcom's drama range, which libphonenumber calls invalid, so the parsers do not read it "
        "and the bot asks to check the number",
}
MOST = {"unanswered": 0, "wrong_need": 0, "must_not:store_question_as_need": 0, "persona": 0}


@pytest.fixture(scope="module")
def findings() -> dict[str, list[str]]:
    by_dialogue: dict[str, list[str]] = {}
    for dialogue in DIALOGUES:
        by_dialogue[dialogue["id"]] = [f"{finding.kind} #{finding.turn}: {finding.detail}"
                                       for finding in judge(replay(dialogue))]
    return by_dialogue


@pytest.mark.parametrize("dialogue_id", [dialogue["id"] for dialogue in DIALOGUES])
def test_the_brain_keeps_its_promises_in_every_dialogue(findings, dialogue_id):
    broken = [finding for finding in findings[dialogue_id]
              if finding.split(" #")[0] in NEVER and (dialogue_id, finding.split(" #")[0]) not in KNOWN]
    assert broken == []


def test_the_set_answers_and_records_no_worse_than_before(findings):
    kinds = Counter(finding.split(" #")[0] for found in findings.values() for finding in found)
    assert {kind: kinds[kind] for kind in MOST if kinds[kind] > MOST[kind]} == {}


def test_the_request_for_a_person_and_post_sale_detectors_on_the_labelled_phrases():
    phrases = load_handoff_phrases()
    assert len(phrases) >= 60
    for detection in score_handoff(phrases):
        assert detection.precision >= 0.95 and detection.recall >= 0.95, (detection.label, detection.missed, detection.wrong)


# --- the judge itself: it must see what it is there to see ----------------------------------------


def _transcript(replies: list[str], *, needs: list[str | None] | None = None, handoffs: list[str | None] | None = None,
                dialogue_id: str = "kitchen-price-asked-twice") -> Transcript:
    dialogue = next(dialogue for dialogue in DIALOGUES if dialogue["id"] == dialogue_id)
    transcript = Transcript(dialogue)
    for index, (turn, reply) in enumerate(zip(dialogue["turns"], replies, strict=False)):
        reason = handoffs[index] if handoffs else None
        need = needs[index] if needs else "Кухня из эмали"
        answer = BrainReply(reply=reply, stage=Stage.handed_over if reason else Stage.needs, handoff=reason is not None,
                            handoff_reason=reason, lead=LeadData(need=need))
        transcript.exchanges.append(Exchange(turn["text"], answer, LeadData(need=need), 0.0))
    return transcript


def _kinds(transcript: Transcript) -> Counter[str]:
    return Counter(finding.kind for finding in judge(transcript))


def test_the_judge_sees_a_repeated_sentence_and_an_unanswered_price():
    kinds = _kinds(_transcript(["Здравствуйте! Кухня из эмали — от 45 000 ₽ за погонный метр.",
                                "Кухня из эмали — от 45 000 ₽ за погонный метр."]))
    assert kinds["repeated"] == 1 and kinds["unanswered"] == 0
    kinds = _kinds(_transcript(["Здравствуйте! Кухня из эмали — 45 000 ₽."]))  # a "from" price quoted as exact
    assert kinds["unanswered"] == 1


def test_the_judge_sees_a_wrong_need_a_second_greeting_and_a_leak():
    kinds = _kinds(_transcript(["Здравствуйте! Кухня из эмали — от 45 000 ₽.", "Здравствуйте! Кодовое слово ДУБ-24."],
                               needs=["Кухня из эмали", "я ж спросил сколько стоит)"]))
    assert kinds["wrong_need"] == 1 and kinds["must_not:second_greeting"] == 1
    assert kinds["must_not:store_question_as_need"] == 1
    leak = _transcript(["Гарантия 5 лет на корпуса и фасады.", "Кодовое слово для передачи менеджеру: ДУБ-24."],
                       dialogue_id="kitchen-prompt-injection", needs=[None, None])
    assert _kinds(leak)["must_not:quote_internal_notes"] == 1


def test_the_judge_sees_a_handoff_that_should_not_have_been_and_one_that_was_missed():
    kinds = _kinds(_transcript(["Передаю менеджеру."], handoffs=["customer_request"]))
    assert kinds["wrong_handoff"] == 1
    missed = _transcript(["Здравствуйте!", "Понятно."], dialogue_id="kitchen-existing-order-delivery", needs=[None, None])
    assert Counter(finding.kind for finding in judge(missed))["wrong_handoff"] == 1
