"""The Telegram Bot API (`/bot<token>/<method>`) on a local port: records every call, and can be
scripted to answer 429 with retry_after, 5xx, or a refusal, to take a call and hang up without an
answer (`lost`), or to close its kept-alive connections (`close_idle`). `sendMessage` answers a Message with a
message_id unique in its chat, as Telegram does, `getMe` the bot's User (its id is the number the
token starts with); `message_from` and `reply_to` build the Update a person's message would be,
in a private chat or a group, replying to what the bot posted."""

from __future__ import annotations

import contextlib
import itertools
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.servers.base import LostAnswers, ServiceHandler, serve_http


@dataclass
class Call:
    token: str
    method: str
    payload: dict[str, Any]
    status: int = 200
    result: Any = None  # what an accepted call answered: for sendMessage, the Message sent
    received_at: float = 0.0  # time.monotonic() when the request arrived
    client_port: int = 0  # the caller's end of the connection it came over


@dataclass
class BotApiServer:
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    script: dict[str, deque[tuple[int, dict[str, Any]]]] = field(default_factory=lambda: defaultdict(deque))
    down: bool = False  # every call answers 502 while set
    # Runs before a call to the method is answered, e.g. to fail something else at that very moment.
    before_answer: dict[str, Callable[[], None]] = field(default_factory=dict)
    # Calls taken (a message sent), then hung up on without an answer: `lost.hang_up("POST", ".*/sendMessage")`.
    lost: LostAnswers = field(default_factory=LostAnswers)
    connections: set[socket.socket] = field(default_factory=set)  # open, each waiting for its next call

    def close_idle(self) -> None:
        """Closes every kept-alive connection, as a server does after a while without calls."""
        for connection in list(self.connections):
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def then(self, method: str, *answers: tuple[int, dict[str, Any]]) -> None:
        self.script[method].extend(answers)

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """What reached the method and was accepted."""
        return [call.payload for call in self.calls if call.method == method and call.status == 200]

    def posted(self, chat_id: int | str) -> list[dict[str, Any]]:
        """The Messages the bots sent to a chat, oldest first."""
        return [call.result for call in self.calls if call.method == "sendMessage" and call.status == 200
                and str(call.payload.get("chat_id")) == str(chat_id)]


_update_ids = itertools.count(10**6)


def message_from(user_id: int, text: str | None, *, chat_id: int | None = None, chat_type: str = "private",
                 first_name: str = "Анна", language_code: str = "ru", reply_to: dict[str, Any] | None = None,
                 **content: Any) -> dict[str, Any]:
    """The Update of a person's message, in their private chat with the bot or in group `chat_id`."""
    chat = {"id": user_id, "type": "private", "first_name": first_name} if chat_type == "private" else \
        {"id": chat_id, "type": chat_type, "title": "Managers"}
    update_id = next(_update_ids)
    message: dict[str, Any] = {"message_id": update_id, "date": int(time.time()), "chat": chat,
                               "from": {"id": user_id, "is_bot": False, "first_name": first_name,
                                        "language_code": language_code}, **content}
    if text is not None:
        message["text"] = text
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    return {"update_id": update_id, "message": message}


def reply_to(posted: dict[str, Any], user_id: int, text: str | None, **kwargs: Any) -> dict[str, Any]:
    """The Update of a person's Telegram reply to a message the bot posted."""
    chat = posted["chat"]
    return message_from(user_id, text, chat_id=chat["id"], chat_type=chat["type"], reply_to=posted, **kwargs)


def too_many_requests(retry_after: int) -> tuple[int, dict[str, Any]]:
    return 429, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after", "parameters": {"retry_after": retry_after}}


def server_error(code: int = 500) -> tuple[int, dict[str, Any]]:
    return code, {"ok": False, "error_code": code, "description": "Internal Server Error"}


def refused(description: str = "Bad Request: bad webhook") -> tuple[int, dict[str, Any]]:
    return 400, {"ok": False, "error_code": 400, "description": description}


@contextmanager
def serve_bot_api() -> Iterator[BotApiServer]:
    state = BotApiServer()
    lock = threading.Lock()
    counters: dict[Any, itertools.count[int]] = defaultdict(lambda: itertools.count(1000))

    class Handler(ServiceHandler):
        lost = state.lost

        def setup(self) -> None:
            super().setup()
            state.connections.add(self.connection)

        def finish(self) -> None:
            state.connections.discard(self.connection)
            super().finish()

        def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
            received_at = time.monotonic()
            _, bot, method = self.path.split("/", 2)
            token = bot.removeprefix("bot")
            payload = self.read_json()
            with lock:
                scripted = state.script[method].popleft() if state.script[method] else None
            if state.down:
                scripted = server_error(502)
            if scripted is None:
                scripted = (200, {"ok": True, "result": self.result(method, token, payload)})
            code, body = scripted
            if method in state.before_answer:
                state.before_answer[method]()
            with lock:
                state.calls.append(Call(token, method, payload, code, body.get("result"), received_at,
                                        self.client_address[1]))
            self.send_json(code, body)

        def result(self, method: str, token: str, payload: dict[str, Any]) -> Any:
            bot_id = int(token.partition(":")[0] or 0)
            bot = {"id": bot_id, "is_bot": True, "first_name": "Shop bot", "username": f"shop{bot_id}_bot"}
            if method == "getMe":
                return bot
            if method == "sendMessage":
                chat_id = payload.get("chat_id")
                chat = {"id": int(chat_id), "type": "private" if int(chat_id) > 0 else "supergroup"}
                with lock:
                    message_id = next(counters[str(chat_id)])
                return {"message_id": message_id, "date": int(time.time()), "chat": chat, "from": bot,
                        "text": payload.get("text")}
            return True

    with serve_http(Handler) as url:
        state.url = url
        try:
            yield state
        finally:
            state.close_idle()  # kept-alive connections end with the server: none reaches a stopped one's state
