"""A link to the embedded Postgres that loses answers: every byte goes through, but while `losing`
counts down, the next query naming `needle` runs to its end (committed, since each RPC is one
implicit transaction) and its answer is dropped and the connection cut, as a server crashing while
it flushes the commit, or a network that fails right then, leaves the client not knowing whether it
ran. Listens on a Unix socket in a folder of its own, as the embedded server does in its own."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict, make_conninfo


@dataclass
class LossyLink:
    url: str
    needle: bytes = b""
    losing: int = 0  # how many answers to lose yet
    lost: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def lose(self, needle: str, times: int = 1) -> None:
        with self._lock:
            self.needle, self.losing = needle.encode(), times

    def _takes(self, chunk: bytes) -> bool:
        """Whether the answer to this query, sent by the client, is to be lost."""
        with self._lock:
            if self.losing and self.needle in chunk:
                self.losing -= 1
                self.lost += 1
                return True
            return False


@contextlib.contextmanager
def lossy_link(url: str, folder: Path) -> Iterator[LossyLink]:
    """A link to the server of `url` (a Unix socket), as `url` with the link's socket instead."""
    params = conninfo_to_dict(url)
    port = params.get("port") or "5432"
    server_path = f"{params['host']}/.s.PGSQL.{port}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f".s.PGSQL.{port}"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen()
    link = LossyLink(make_conninfo(url, host=str(folder)))
    open_sockets: list[socket.socket] = []

    def relay(client: socket.socket) -> None:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.connect(server_path)
        open_sockets.extend((client, server))
        losing = threading.Event()

        def upstream() -> None:
            # The protocol is request and answer: a query goes out once the last answer is in, so
            # whatever the server sends after a lost query is its answer.
            while chunk := client.recv(65536):
                if link._takes(chunk):
                    losing.set()
                server.sendall(chunk)

        def downstream() -> None:
            pending = b""
            while chunk := server.recv(65536):
                if not losing.is_set():
                    client.sendall(chunk)
                    continue
                pending += chunk
                while len(pending) >= 5:  # a message: its type, its length (itself included), the rest
                    size = 1 + int.from_bytes(pending[1:5], "big")
                    if len(pending) < size:
                        break
                    if pending[:1] == b"Z":  # ReadyForQuery: the query's transaction has ended
                        return
                    pending = pending[size:]

        def run(half) -> None:
            with contextlib.suppress(OSError):
                half()
            for end in (client, server):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

        for half in (upstream, downstream):
            threading.Thread(target=run, args=(half,), daemon=True).start()

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                relay(listener.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield link
    finally:
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)  # wakes the accept
        listener.close()
        path.unlink()
        for end in open_sockets:
            with contextlib.suppress(OSError):
                end.close()
