"""Replaying the scripted sales dialogues (tests/data/dialogues) through the offline brain, and
judging each reply the way the set's README says a demanding sales director would.

Only the customer's side is scripted: each customer message goes through the real `OfflineBrain`
the way `POST /chat` drives it (the history with what each bot turn asked and why it handed over,
the lead merged from what the brain learned, contacts kept only if written, the stage handed over
after a handoff). The judge reads the reply text and the stored lead, never the brain's internals:
- `repeated`: a sentence the bot already said in this conversation (goal 0);
- `unanswered`: an expected answer missing from the reply (goal 0);
- `wrong_need`: the lead's need after the turn is not the expected one (goal 0);
- `wrong_handoff`: handed over when it should not, not when it should, or with another reason;
- `must_not:<label>`, `not_urgent`, `contact_pressure`, `language`, `persona`: the other promises;
- `final:<field>`: the lead at the end differs from the script (mostly the parsers' work).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from salesbot.brain.offline import OfflineBrain
from salesbot.lead import merge, storable
from salesbot.models import BrainReply, Conversation, LeadData, Stage, Turn
from salesbot.sanitize import clean_text
from tests.support.businesses import business_facts, business_settings

DATA = Path(__file__).resolve().parents[1] / "data"
DIALOGUES = DATA / "dialogues" / "dialogues.jsonl"
HANDOFF_PHRASES = DATA / "handoff" / "phrases.jsonl"

GOALS = ("repeated", "unanswered", "wrong_need", "wrong_handoff")
"""The figures the issue sets a goal of zero for (wrong handoffs too: a wrong one costs a sale or a
customer)."""
HANDOFF_REASONS = {"human_request": "customer_request", "post_sale": "post_sale", "urgent": "urgent"}
"""The dialogues' hand-off labels, as models.HandoffReason spells them."""

DEMANDING_CUSTOMER = (  # the same wishes over and over, changing their mind, in two languages
    "Здравствуйте! Ищу двухкомнатную квартиру", "Бюджет до 9 млн рублей", "Лучше в Казани, район Вахитовский",
    "Хотим переехать до конца лета", "Меня зовут Анна", "Мой телефон +7 912 345-67-89",
    "Hi, I'm looking for a studio", "Budget is about $450k", "My email is kate@example.com", "Сколько стоит студия?",
)
"""A customer who writes long after every wording of every remark was said (tests of long conversations)."""
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_QUALIFYING = ("need", "budget", "location", "timeline")
_CONTACT_ASKS = ("contact", "phone", "email", "name", "callback")


# --- the data -------------------------------------------------------------------------------------


def load_dialogues(path: Path = DIALOGUES) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_handoff_phrases(path: Path = HANDOFF_PHRASES) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- replaying --------------------------------------------------------------------------------------


@dataclass
class Exchange:
    customer: str
    answer: BrainReply
    lead: LeadData  # the stored lead after this turn
    seconds: float


@dataclass
class Transcript:
    dialogue: dict[str, Any]
    exchanges: list[Exchange] = field(default_factory=list)

    def text(self) -> str:
        """The conversation as a person reads it, with what each bot turn stored."""
        lines = [f"## {self.dialogue['id']} ({self.dialogue['business']})"]
        for exchange in self.exchanges:
            answer = exchange.answer
            notes = [f"asked={answer.asked}"] if answer.asked else []
            if answer.handoff:
                notes.append(f"handoff={answer.handoff_reason}")
            notes.append(f"need={exchange.lead.need!r}")
            lines += [f"customer: {exchange.customer}", f"bot: {answer.reply}", f"      [{', '.join(notes)}]"]
        return "\n".join(lines)


def replay(dialogue: dict[str, Any], brain: OfflineBrain | None = None) -> Transcript:
    """The dialogue's customer messages answered one by one, as the pipeline stores each turn."""
    brain = brain or OfflineBrain()
    settings = business_settings(dialogue["business"])
    transcript = Transcript(dialogue)
    history: list[Turn] = []
    lead, stage = LeadData(), Stage.greeting
    for turn in dialogue["turns"]:
        text = clean_text(turn["text"])
        history.append(Turn(role="customer", text=text))
        started = time.perf_counter()
        answer = brain.respond(Conversation(settings=settings, history=list(history), lead=lead, stage=stage))
        seconds = time.perf_counter() - started
        said = [past.text for past in history if past.role == "customer"][-2:]
        lead = merge(lead, storable(answer.lead, said))
        stage = Stage.handed_over if answer.handoff else answer.stage
        history.append(answer.as_turn())
        transcript.exchanges.append(Exchange(text, answer, lead, seconds))
    return transcript


# --- judging ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    dialogue: str
    turn: int  # 1-based; 0 for the final lead
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.dialogue} #{self.turn} {self.kind}: {self.detail}"


def sentences(reply: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(reply.strip()) if part.strip()]


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _digit_runs(text: str) -> set[str]:
    return {_digits(run) for run in re.findall(r"\d(?:[\d\u00a0\u202f ,.]*\d)?", text)}


def judge(transcript: Transcript) -> list[Finding]:
    """Every broken promise in the transcript."""
    dialogue = transcript.dialogue
    facts = business_facts()[dialogue["business"]]
    offerings = {offering["name"]: offering for offering in facts["offerings"]}
    findings: list[Finding] = []

    def found(turn: int, kind: str, detail: str) -> None:
        findings.append(Finding(dialogue["id"], turn, kind, detail))

    said: Counter[str] = Counter()
    need_before: str | None = None
    language = dialogue["lang"]
    refused_contacts = False
    for number, (turn, exchange) in enumerate(zip(dialogue["turns"], transcript.exchanges, strict=False), 1):
        expect, answer, reply = turn["expect"], exchange.answer, exchange.answer.reply
        for sentence in sentences(reply):
            if said[_norm(sentence)]:
                found(number, "repeated", sentence)
            said[_norm(sentence)] += 1

        for reference in expect.get("answers", []):
            if not _answers(reference, reply, facts):
                found(number, "unanswered", json.dumps(reference, ensure_ascii=False))

        need = exchange.lead.need
        if "need" in expect and not _need_matches(expect["need"], need, need_before, offerings):
            found(number, "wrong_need", f"{need!r}, expected {expect['need']!r}")

        if "handoff" in expect:
            wanted = HANDOFF_REASONS.get(expect["handoff"]) if expect["handoff"] else None
            got = answer.handoff_reason if answer.handoff else None
            if got != wanted and not (wanted is None and got is None):
                found(number, "wrong_handoff", f"{got}, expected {wanted}")

        if expect.get("urgent"):
            phones = [_digits(facts["contacts"][key])[-10:] for key in ("phone", "whatsapp") if facts["contacts"].get(key)]
            if not any(phone in _digits(reply) for phone in phones) or answer.asked in _QUALIFYING:
                found(number, "not_urgent", "no number to call now, or a sales question")

        refused_contacts = refused_contacts or bool(expect.get("no_contact_pressure"))
        if refused_contacts and re.search(r"без контакта|without a contact|can'?t get back|не сможет", reply, re.IGNORECASE):
            found(number, "contact_pressure", reply)

        for label in expect.get("must_not", []):
            if _earns(label, number, exchange, expect, facts, offerings):
                found(number, f"must_not:{label}", reply)

        language = expect.get("reply_lang", language)
        if _language_of(reply, facts) not in (language, None):
            found(number, "language", f"expected {language}: {reply}")
        persona = _persona_slip(reply, facts["persona"])
        if persona:
            found(number, "persona", persona)
        need_before = need

    final = dialogue["final"]
    lead = transcript.exchanges[-1].lead if transcript.exchanges else LeadData()
    for name, value in _final_fields(lead).items():
        if not _final_matches(name, value, final.get(name), offerings):
            found(0, f"final:{name}", f"{value!r}, expected {final.get(name)!r}")
    return findings


def _answers(reference: dict[str, Any], reply: str, facts: dict[str, Any]) -> bool:
    """The reply holds the answer the reference points to, as the settings state it."""
    text = _norm(reply)
    source = reference["source"]
    if source == "faq":
        entry = next(entry for entry in facts["faq"] if entry["id"] == reference["id"])
        return any(_norm(part)[:40] in text for part in sentences(entry["answer"]) if len(part) >= 20)
    if source == "offering":
        offering = next(o for o in facts["offerings"] if o["name"] == reference["name"])
        if reference["about"] == "includes":
            return any(_norm(item) in text for item in offering["includes"])
        if reference["about"] == "exists":
            return any(_norm(name) in text for name in [offering["name"], *offering["synonyms"]])
        return _quotes_price(offering["price"], reply)
    if source == "not_offered":
        return _norm(reference["item"]) in text and bool(re.search(r"\bне\b|\bnot?\b|n't\b", text))
    if source == "manager":
        return bool(re.search(r"(менеджер|коллег|manager|colleague|reception|team)", text)) and bool(
            re.search(r"уточн|подтверд|ответ|сообщ|свяж|confirm|check|get back|let you know|contact", text))
    if source == "hours":
        spans = [span for day, span in facts["hours"].items() if day != "time_zone" and span]
        times = {time for span in spans for time in span.split("-")}
        return any(time in reply for time in times) or bool(re.search(r"выходн|не работа|closed", text))
    if source == "contacts":
        value = facts["contacts"][reference["field"]]
        return _digits(value)[-10:] in _digits(reply) if reference["field"] != "email" else value.lower() in text
    raise ValueError(f"unknown source {source}")


def _quotes_price(price: dict[str, Any], reply: str) -> bool:
    """The price as the settings state it: the figures, and "from" never quoted as exact."""
    text = _norm(reply)
    runs = _digit_runs(reply)
    kind = price["kind"]
    if kind == "free":
        return bool(re.search(r"бесплатн|free|no charge", text))
    if kind == "on_request":
        return bool(re.search(r"индивидуальн|по запросу|рассчита|on request|individual|quote|work out", text))
    if kind == "range":
        return {str(price["min"]), str(price["max"])} <= runs
    if str(price["amount"]) not in runs:
        return False
    if kind == "from":
        return bool(re.search(r"\bот\b|\bfrom\b", text))
    return True


def _need_matches(expected: str | None, need: str | None, before: str | None, offerings: dict[str, Any]) -> bool:
    if expected == "unchanged":
        return need == before
    if expected is None or need is None or expected in offerings:
        return need == expected
    return _norm(expected) in _norm(need) or _norm(need) in _norm(expected)  # the customer's own phrase


def _earns(label: str, number: int, exchange: Exchange, expect: dict[str, Any], facts: dict[str, Any],
           offerings: dict[str, Any]) -> bool:
    answer, reply = exchange.answer, exchange.answer.reply
    text = _norm(reply)
    if label == "ask_contact":
        return answer.asked in _CONTACT_ASKS or bool(re.search(
            r"(оставьте|напишите|подскажите|дайте|назовите|leave|share|send|what'?s|what is|could you|can i have)"
            r"[^.!?]{0,40}(телефон|номер|email|почт|имя|phone|number|e-?mail|name)", text))
    if label == "ask_need":
        return answer.asked == "need" or bool(re.search(
            r"что (именно )?вас интересует|что вы ищете|what (exactly )?are you looking for|what can i help", text))
    if label == "sales_pitch":
        named = {reference.get("name") for reference in expect.get("answers", [])} | {exchange.lead.need}
        other_prices = [
            offering for name, offering in offerings.items() if name not in named and offering["price"].get("amount")
            and str(offering["price"]["amount"]) in _digit_runs(reply) and _norm(name) in text]
        return answer.asked in _QUALIFYING or bool(other_prices)
    if label == "second_greeting":
        return number > 1 and bool(re.match(
            r"\W*(здравствуйте|добрый|доброе|привет|hello|hi\b|hey\b|good (morning|afternoon|evening)|welcome)", text))
    if label == "quote_internal_notes":
        return any(secret in text for secret in _internal_secrets(facts["id"]))
    if label == "store_question_as_need":
        learned = answer.lead.need
        wanted = expect.get("need")
        return learned is not None and learned not in offerings and not (
            isinstance(wanted, str) and wanted not in ("unchanged", *offerings) and _need_matches(wanted, learned, None, offerings))
    raise ValueError(f"unknown label {label}")


@cache
def _internal_secrets(business_id: str) -> tuple[str, ...]:
    """What only `internal_notes` says: its names, codes and figures that no public field holds."""
    facts = business_facts()[business_id]
    public = _norm(json.dumps({key: value for key, value in facts.items() if key != "internal_notes"}, ensure_ascii=False))
    secrets = []
    for sentence in sentences(facts["internal_notes"]):
        words = re.findall(r"[\w%-]+(?:,\d+%?)?", sentence)
        for word in words[1:]:  # not the first word of a sentence, capitalised as any first word is
            distinctive = word[0].isupper() or any(char.isdigit() for char in word)
            if distinctive and len(word) >= 2 and _norm(word) not in public:
                secrets.append(_norm(word))
    return tuple(secrets)


def _language_of(reply: str, facts: dict[str, Any]) -> str | None:
    """ru or en by the letters of the reply, leaving out what the company wrote (names, answers, descriptions)."""
    text = reply
    for offering in sorted(facts["offerings"], key=lambda offering: -len(offering["name"])):
        text = text.replace(offering["name"], "")
    written = [facts["company_name"], facts["contacts"]["address"], *facts["not_offered"],
               *(entry["answer"] for entry in facts["faq"]),
               *(part for offering in facts["offerings"] for part in (offering["description"], *offering["includes"]))]
    for value in sorted(written, key=len, reverse=True):  # what the company wrote is quoted, not translated
        text = text.replace(value, "")
    text = re.sub(r"WhatsApp|Telegram|e-?mail", "", text, flags=re.IGNORECASE)  # channels' own names
    cyrillic = len(re.findall(r"[а-яё]", text, re.IGNORECASE))
    latin = len(re.findall(r"[a-z]", text, re.IGNORECASE))
    if not cyrillic and not latin:
        return None
    return "ru" if cyrillic > latin else "en"


_MASCULINE_VERBS = re.compile(r"\b(записал|исправил|передал|добавил|отметил|понял|уточнил|поправил|обновил|сохранил)\b", re.IGNORECASE)
_FEMININE_VERBS = re.compile(r"\b(записала|исправила|передала|добавила|отметила|поняла|уточнила|поправила|обновила|сохранила)\b", re.IGNORECASE)
_INFORMAL_RU = re.compile(r"\b(ты|тебя|тебе|тобой|твой|твоя|твоё|твои)\b", re.IGNORECASE)
_FORMAL_RU = re.compile(r"\b(Вы|Вас|Вам|Вами|Ваш|Ваша|Ваше|Ваши)\b")


def _persona_slip(reply: str, persona: dict[str, Any]) -> str | None:
    """A Russian sentence that does not match the persona's gender or formality."""
    wrong_gender = _MASCULINE_VERBS if persona["gender"] == "female" else _FEMININE_VERBS
    slip = wrong_gender.search(reply) or (_INFORMAL_RU if persona["formal"] else _FORMAL_RU).search(reply)
    return f"{slip.group()!r} in: {reply}" if slip else None


def _final_fields(lead: LeadData) -> dict[str, Any]:
    budget = None
    if lead.budget_amount is not None:  # one figure without "до" or "от" is both bounds, as the labels write it
        low, high = lead.budget_min, lead.budget_max
        if low is None and high is None:
            low = high = lead.budget_amount
        budget = {"min": low, "max": high, "currency": lead.budget_currency}
    return {"need": lead.need, "name": lead.name, "phone": lead.phone, "email": lead.email, "budget": budget,
            "location": lead.location, "timeline": lead.timeline}


def _final_matches(name: str, got: Any, want: Any, offerings: dict[str, Any]) -> bool:
    if got is None or want is None:
        return got is None and want is None
    if name == "budget":
        return all((got[key] is None and want[key] is None) or (got[key] is not None and want[key] is not None
                   and Decimal(str(got[key])) == Decimal(str(want[key]))) for key in ("min", "max")) \
            and got["currency"] == want["currency"]
    if name in ("phone", "email", "name"):
        return str(got).casefold() == str(want).casefold()
    if name == "need":
        return _need_matches(want, got, None, offerings)
    return _norm(want) in _norm(got) or _norm(got) in _norm(want)


# --- the figures ------------------------------------------------------------------------------------


@dataclass
class Report:
    transcripts: list[Transcript]
    findings: list[Finding]

    def count(self, kind: str) -> int:
        return sum(1 for finding in self.findings if finding.kind == kind)

    def kinds(self) -> Counter[str]:
        return Counter(finding.kind for finding in self.findings)

    def seconds(self) -> list[float]:
        return [exchange.seconds for transcript in self.transcripts for exchange in transcript.exchanges]


def run(dialogues: list[dict[str, Any]] | None = None) -> Report:
    brain = OfflineBrain()
    transcripts = [replay(dialogue, brain) for dialogue in (load_dialogues() if dialogues is None else dialogues)]
    return Report(transcripts, [finding for transcript in transcripts for finding in judge(transcript)])


# --- the request-for-a-person detector --------------------------------------------------------------


def handoff_label(text: str) -> str:
    """What the offline brain's detector makes of one message, in the phrase set's labels."""
    from salesbot.brain.intents import asks_for_a_person, is_after_sale

    if asks_for_a_person(text):
        return "human_request"
    return "post_sale" if is_after_sale(text) else "neither"


@dataclass
class Detection:
    label: str
    precision: float
    recall: float
    missed: list[str]
    wrong: list[str]


def score_handoff(phrases: list[dict[str, Any]] | None = None) -> list[Detection]:
    """Precision and recall of each hand-off label over the labelled phrases."""
    phrases = load_handoff_phrases() if phrases is None else phrases
    got = [(phrase, handoff_label(phrase["text"])) for phrase in phrases]
    scores = []
    for label in ("human_request", "post_sale"):
        predicted = [phrase for phrase, guess in got if guess == label]
        expected = [phrase for phrase in phrases if phrase["label"] == label]
        correct = [phrase for phrase in predicted if phrase["label"] == label]
        scores.append(Detection(
            label,
            precision=len(correct) / len(predicted) if predicted else 1.0,
            recall=len(correct) / len(expected) if expected else 1.0,
            missed=[phrase["text"] for phrase in expected if phrase not in correct],
            wrong=[f"{phrase['text']} ({phrase['label']})" for phrase in predicted if phrase["label"] != label],
        ))
    return scores
