"""A reply being written: sentence by sentence, never one the customer has already read.

Every text of the offline engine has several wordings (phrases.TEXTS); the reply takes the first
one none of whose sentences was said in the conversation, rewords a repeated fact from the settings
("Повторю: ..."), and leaves out a remark it has no fresh wording for. A long conversation runs out
of fresh wordings: a reply that would be left with nothing to say says again the first thing it
meant to, in the wording said longest ago and in none of the last replies (`add_least_recent`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from salesbot.brain.phrases import DEFAULT_CONTACTS, Voice, ask, contact_names, wordings
from salesbot.models import Asked

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_MAX_ITEM_CHARS = 60
RECENT_REPLIES = 3
"""A sentence said in one of the last this many replies is never said again, even as a last resort."""


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text.strip()) if part]


def normalised(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


class Reply:
    """The reply being written: it takes no sentence the customer has already read. `said`: each
    sentence said in the conversation, with how many replies ago it was said last (1: the last one).
    `contacts`: the kinds of contact the company accepts, which its requests for one name."""

    def __init__(self, said: Mapping[str, int], language: str, voice: Voice,
                 contacts: Sequence[str] = DEFAULT_CONTACTS) -> None:
        self.said = set(said)
        self._replies_ago = dict(said)
        self.language, self.voice, self.contacts = language, voice, contacts
        self.parts: list[str] = []
        self._left_out: list[tuple[str, ...]] = []  # what it meant to say, each wording said before

    def add(self, *texts: str) -> bool:
        """The first of `texts` none of whose sentences was said; False when each was."""
        text = self._fresh(texts)
        if text is None:
            if any(wording.strip() for wording in texts):
                self._left_out.append(texts)
            return False
        self._take(text)
        return True

    def add_least_recent(self) -> bool:
        """For a reply left with nothing to say, every wording of everything it meant to say having
        been said before: the first of them said again, in its wording said longest ago, if that is
        in none of the last RECENT_REPLIES replies (else the next one's); False when there is none."""
        for texts in self._left_out:
            allowed = [text for text in texts if self._last_said(text) > RECENT_REPLIES]
            if allowed:
                self._take(max(allowed, key=self._last_said))
                return True
        return False

    def _fresh(self, texts: Sequence[str]) -> str | None:
        for text in texts:
            parts = sentences(text)
            if parts and not any(normalised(sentence) in self.said for sentence in parts):
                return text
        return None

    def _last_said(self, text: str) -> float:
        """How many replies ago a sentence of `text` was said last (infinity: never)."""
        return min((self._replies_ago.get(normalised(sentence), float("inf")) for sentence in sentences(text)),
                   default=float("inf"))

    def add_key(self, key: str, **values: str) -> bool:
        return self.add(*wordings(key, self.language, voice=self.voice,
                                  contacts=contact_names(self.contacts, self.language), **values))

    def add_fact(self, text: str) -> bool:
        """Text from the settings: what was said before is said again reworded ("Повторю: ..."), once."""
        fresh = [sentence for sentence in sentences(text) if normalised(sentence) not in self.said]
        if fresh:
            return self.add(" ".join(fresh))
        first = sentences(text)[0] if text.strip() else ""
        return bool(first) and self.add_key("repeat", text=first)

    def already_said(self, text: str) -> bool:
        """Every sentence of `text` was said in this conversation or this reply."""
        parts = sentences(text)
        return bool(parts) and all(normalised(sentence) in self.said for sentence in parts)

    def add_question(self, field: Asked, wordings_in_order: list[str], *, prefix: str = "") -> Asked | None:
        """The first wording of the question for `field` not asked before; None when each was."""
        texts = [ask(field, self.language, wording, voice=self.voice, contacts=self.contacts)
                 for wording in wordings_in_order]
        fresh = self._fresh([f"{prefix}{text[0].lower()}{text[1:]}" if prefix else text for text in texts])
        if fresh is None:  # asked before in every wording: not asked again (no question is left out to repeat)
            return None
        self._take(fresh)
        return field

    def withdraw(self, texts: list[str]) -> None:
        """Takes back what this reply was going to say, when something later says it better."""
        for text in texts:
            if text in self.parts:
                self.parts.remove(text)
                self.said.difference_update(normalised(sentence) for sentence in sentences(text))

    def _take(self, text: str) -> None:
        self.parts.append(text)
        self.said.update(normalised(sentence) for sentence in sentences(text))

    def text(self) -> str:
        return " ".join(self.parts)


def short(value: str, limit: int = _MAX_ITEM_CHARS) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"
