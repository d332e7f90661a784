"""The product exactly as a newcomer runs it: `salesbot dev` on its local default (embedded
Postgres, offline engine, no keys, the seeded demo company), called over HTTP with the demo user's
token. For benches that must see what an outside caller of the functions sees, not an in-process
imitation of the pipeline.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.ports import free_port

BIN = Path(sys.executable).parent
DEMO_EMAIL = "demo@salesbot.local"
START_SECONDS = 120


class LocalDefault:
    """One kept-alive HTTP connection to the functions, as the demo company's owner."""

    def __init__(self, port: int, token: str) -> None:
        self._connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self._headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: Any) -> Any:
        """The function's JSON answer; anything but a 200 ends the bench with what it said."""
        self._connection.request(method, path, body=json.dumps(body), headers=self._headers)
        response = self._connection.getresponse()
        answer = response.read()
        if response.status != 200:
            raise SystemExit(f"{method} {path} answered {response.status}: {answer.decode(errors='replace')}")
        return json.loads(answer)

    def close(self) -> None:
        self._connection.close()


@contextmanager
def serve_local_default() -> Iterator[LocalDefault]:
    """`salesbot dev` in a fresh SALESBOT_HOME, served until the block ends; then it and its
    embedded database are stopped and the folder removed."""
    with tempfile.TemporaryDirectory(prefix="salesbot-local-default-") as home:
        port = free_port()
        env = {**os.environ, "SALESBOT_HOME": home, "PORT": str(port)}
        for name in ("DATABASE_URL", "OPENAI_API_KEY"):
            env.pop(name, None)
        log = Path(home) / "dev.log"  # a file, not a pipe nobody reads while the bench runs
        with log.open("w") as output:
            process = subprocess.Popen([BIN / "salesbot", "dev"], env=env, stdout=output, stderr=output)
        try:
            _wait_until_served(process, log)
            token = subprocess.run([BIN / "salesbot", "token", "--email", DEMO_EMAIL], env=env, check=True,
                                   capture_output=True, text=True).stdout.strip()
            stack = LocalDefault(port, token)
            try:
                yield stack
            finally:
                stack.close()
        finally:
            process.terminate()
            process.wait()
            subprocess.run([BIN / "salesbot", "stop"], env=env, check=False, capture_output=True)


def _wait_until_served(process: subprocess.Popen[bytes], log: Path) -> None:
    """Until `salesbot dev` says it is ready: it listens before its database is, so an open port is not enough."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"salesbot dev exited before serving:\n{log.read_text()}")
        if "salesbot: ready" in log.read_text():
            return
        time.sleep(0.05)
    raise SystemExit(f"salesbot dev did not serve within {START_SECONDS} s:\n{log.read_text()}")
