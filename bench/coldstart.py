"""Cold start: process start to the first answered request, for our entry point and for a
hello-world functions-framework function measured in the same run.

    python bench/coldstart.py [--runs 5]

Both are started the way a host starts them (`functions-framework --source ... --target ...`).
Ours answers a request without a token (401): importing, routing, and answering, without a
database; hello world answers 200.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELLO = '''
import functions_framework


@functions_framework.http
def hello(request):
    return "hello"
'''


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_answer_seconds(source: Path, target: str) -> float:
    port = free_port()
    command = [Path(sys.executable).parent / "functions-framework", "--source", source, "--target", target, "--port", str(port)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/", data=b"{}"), timeout=1)
                return time.perf_counter() - started
            except urllib.error.HTTPError:
                return time.perf_counter() - started
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None:
                    raise SystemExit(f"{target} exited before answering")
                time.sleep(0.005)
    finally:
        process.terminate()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "main.py"
        hello.write_text(HELLO)
        results: dict[str, list[float]] = {"hello world": [], "chat": [], "extract_leads": []}
        for _ in range(runs):  # interleaved, so both see the same machine
            results["hello world"].append(first_answer_seconds(hello, "hello"))
            results["chat"].append(first_answer_seconds(ROOT / "functions" / "main.py", "chat"))
            results["extract_leads"].append(first_answer_seconds(ROOT / "functions" / "main.py", "extract_leads"))
    base = statistics.median(results["hello world"])
    print(f"process start to first answered request, median of {runs} runs:")
    for name, samples in results.items():
        median = statistics.median(samples)
        print(f"  {name:14} {median * 1000:7.0f} ms   {median / base:4.2f}x hello world")


if __name__ == "__main__":
    main()
