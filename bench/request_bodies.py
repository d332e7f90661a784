"""The memory a hostile body costs: `salesbot dev`'s resident memory before and after one
unauthenticated 200 MB chunked POST to /telegram and to /webhook, and two to the site's relay
(chunked, and with Content-Length: -1).

    python -m bench.request_bodies [--megabytes 200]

Each request goes over a real socket in 64 KiB chunks (no Content-Length), to a channel that does
not exist, with no valid secret; the server should answer 401 having read next to nothing (the
relay, on wsgiref, which does not de-chunk, a 411). Memory is the process's peak resident memory
(VmHWM, from /proc), so a body read whole and freed again still shows; the first request to each
function also imports its modules.
"""

from __future__ import annotations

import argparse
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

from bench.ports import free_port

BIN = Path(sys.executable).parent
CHUNK = b"x" * 65536


def peak_mib(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM): a body read whole and freed shows here."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def post_chunked(port: int, path: str, megabytes: int, headers: dict[str, str],
                 length: str | None = None) -> tuple[int | str, float]:
    """Sends `megabytes` in chunks (or raw, after a Content-Length of `length`) until the server
    answers or drops the connection; the status and seconds."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.putrequest("POST", path)
    framing = {"Content-Length": length} if length is not None else {"Transfer-Encoding": "chunked"}
    for name, value in {**framing, "Content-Type": "application/json", **headers}.items():
        connection.putheader(name, value)
    connection.endheaders()
    try:
        for _ in range(megabytes * 16):
            connection.send(CHUNK if length is not None else b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK))
        if length is None:
            connection.send(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server answered and closed without reading the rest: the point
    try:
        status: int | str = connection.getresponse().status
    except (ConnectionResetError, http.client.RemoteDisconnected):
        status = "reset"
    connection.close()
    return status, time.perf_counter() - started


def wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/chat", timeout=2)
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("salesbot dev did not start")


def functions(megabytes: int) -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SALESBOT_HOME": home, "PORT": str(port)}
        env.pop("DATABASE_URL", None)
        server = subprocess.Popen([BIN / "salesbot", "dev"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until_up(port)
            for path, headers in ((f"/telegram?channel={uuid.uuid4()}", {"X-Telegram-Bot-Api-Secret-Token": "guess"}),
                                  (f"/webhook?channel={uuid.uuid4()}", {})):
                before = peak_mib(server.pid)
                status, seconds = post_chunked(port, path, megabytes, headers)
                print(f"{path.split('?')[0]:<10} {megabytes} MB unauthenticated: {status} in {seconds:.2f} s;"
                      f" server peak memory {before:.0f} -> {peak_mib(server.pid):.0f} MiB")
        finally:
            server.terminate()
            server.wait(30)


def relay(megabytes: int) -> None:
    from tests.support.widget_site import load_relay

    module = load_relay()

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    app = module.make_relay("http://127.0.0.1:9/webhook", "whsec_" + "A" * 43 + "=")
    server = make_server("127.0.0.1", 0, app, handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    before = peak_mib(os.getpid())
    status, seconds = post_chunked(server.server_port, "/", megabytes, {})
    print(f"{'relay':<10} {megabytes} MB chunked: {status} in {seconds:.2f} s; peak memory {before:.0f} ->"
          f" {peak_mib(os.getpid()):.0f} MiB (wsgiref does not de-chunk: the relay asks for a length)")
    status, seconds = post_chunked(server.server_port, "/", megabytes, {}, length="-1")
    print(f"{'relay':<10} {megabytes} MB, Content-Length: -1: {status} in {seconds:.2f} s; peak memory"
          f" {peak_mib(os.getpid()):.0f} MiB")
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=200)
    megabytes = parser.parse_args().megabytes
    functions(megabytes)
    relay(megabytes)


if __name__ == "__main__":
    main()
