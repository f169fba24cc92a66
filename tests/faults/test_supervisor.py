"""scripts/supervisor.py on real processes: a child that ends is started again after a
back-off, the others keep running, a service found down is started again, and SIGTERM stops
the children."""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import supervisor  # noqa: E402

pytestmark = pytest.mark.system

SLEEPER = [sys.executable, "-c", "import time; time.sleep(600)"]


@pytest.fixture
def watched(monkeypatch):
    monkeypatch.setattr(supervisor, "CHECK_EVERY", 0.1)
    lines: list[str] = []
    boss = supervisor.Supervisor(lines.append)
    boss._lines = lines
    yield boss
    boss.stop_children()


def _until(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _run_in_background(boss) -> threading.Thread:
    # signal handlers belong to the main thread: the test ends the watch itself
    thread = threading.Thread(target=boss.watch)
    thread.start()
    return thread


def test_a_dead_child_is_started_again_with_back_off_and_the_others_keep_running(watched):
    worker = watched.child("jobs worker", SLEEPER, dict(os.environ))
    web = watched.child("web server", SLEEPER, dict(os.environ))
    web_pid, first = web.process.pid, worker.process.pid
    loop = _run_in_background(watched)
    try:
        os.kill(first, signal.SIGKILL)
        _until(lambda: worker.process is not None and worker.process.pid != first)
        second = worker.process.pid
        os.kill(second, signal.SIGKILL)  # again at once: the back-off doubles
        _until(lambda: worker.process is not None and worker.process.pid != second)
    finally:
        watched.stopping = True
        loop.join()
    assert web.process.pid == web_pid and web.process.poll() is None
    ended = [line for line in watched._lines if "ended with exit code -9" in line]
    assert ended[0].endswith("starting it again in 1 s")
    assert ended[1].endswith("starting it again in 2 s")


def test_a_service_found_down_is_started_again(watched):
    state = {"up": False, "starts": 0}

    def start():
        state["starts"] += 1
        if state["starts"] == 1:
            raise RuntimeError("port in use")  # the first try fails: tried again later
        state["up"] = True

    watched.service("Redis", lambda: state["up"], start)
    loop = _run_in_background(watched)
    try:
        _until(lambda: state["up"])
        _until(lambda: any("Redis is back" in line for line in watched._lines))
    finally:
        watched.stopping = True
        loop.join()
    assert state["starts"] == 2
    assert any("did not start (port in use); trying again in 1 s" in line
               for line in watched._lines)


def test_sigterm_stops_every_child(watched):
    children = [watched.child(name, SLEEPER, dict(os.environ)) for name in ("a", "b")]
    threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGTERM)).start()
    previous = signal.getsignal(signal.SIGTERM)
    try:
        watched.run()
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    assert all(child.process.poll() is not None for child in children)
