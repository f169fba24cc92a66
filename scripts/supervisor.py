"""Keeps the processes of `make up` running until Ctrl-C (SIGINT) or SIGTERM.

A child process that ends is started again after a back-off (1 s, doubling up to 30 s; back to
1 s once it has run for a minute), and the others keep running. A service (the embedded
PostgreSQL and Redis, daemons of scripts/services.py) found down is started again the same way.
Every restart is logged.
"""
from __future__ import annotations

import signal
import subprocess
import time
from dataclasses import dataclass, field
from typing import Callable

FIRST_DELAY = 1.0
MAX_DELAY = 30.0
STEADY_SECONDS = 60.0  # a child that ran this long was fine: its next failure starts afresh
CHECK_EVERY = 1.0
STOP_SECONDS = 20


@dataclass
class _Backoff:
    failures: int = 0
    not_before: float = 0.0

    def failed(self, ran_for: float) -> float:
        if ran_for >= STEADY_SECONDS:
            self.failures = 0
        delay = min(FIRST_DELAY * 2 ** self.failures, MAX_DELAY)
        self.failures += 1
        self.not_before = time.monotonic() + delay
        return delay

    def due(self) -> bool:
        return time.monotonic() >= self.not_before


@dataclass
class Child:
    name: str
    argv: list[str]
    env: dict[str, str]
    cwd: str | None = None
    process: subprocess.Popen | None = None
    started: float = 0.0
    backoff: _Backoff = field(default_factory=_Backoff)

    def start(self) -> None:
        self.process = subprocess.Popen(self.argv, env=self.env, cwd=self.cwd)
        self.started = time.monotonic()


@dataclass
class Service:
    name: str
    alive: Callable[[], bool]
    start: Callable[[], object]
    backoff: _Backoff = field(default_factory=_Backoff)
    down_since: float | None = None


class Supervisor:
    def __init__(self, log: Callable[[str], None]):
        self.log = log
        self.children: list[Child] = []
        self.services: list[Service] = []
        self.stopping = False

    def child(self, name: str, argv: list[str], env: dict[str, str],
              cwd: str | None = None) -> Child:
        child = Child(name, argv, env, cwd)
        child.start()
        self.children.append(child)
        return child

    def service(self, name: str, alive: Callable[[], bool], start: Callable[[], object]) -> None:
        self.services.append(Service(name, alive, start))

    def _request_stop(self, *_: object) -> None:
        self.stopping = True

    def run(self) -> None:
        """Watch until SIGINT or SIGTERM, then stop the children (the services are the
        caller's)."""
        signal.signal(signal.SIGTERM, self._request_stop)
        signal.signal(signal.SIGINT, self._request_stop)  # Ctrl-C reaches the children too
        self.watch()
        self.stop_children()

    def watch(self) -> None:
        while not self.stopping:
            for service in self.services:
                self._check_service(service)
            for child in self.children:
                if not self.stopping:
                    self._check_child(child)
            time.sleep(CHECK_EVERY)

    def _check_child(self, child: Child) -> None:
        if child.process is None:
            if child.backoff.due():
                self.log(f"starting the {child.name} again")
                child.start()
            return
        code = child.process.poll()
        if code is None:
            return
        delay = child.backoff.failed(time.monotonic() - child.started)
        self.log(f"the {child.name} (pid {child.process.pid}) ended with exit code {code}; "
                 f"starting it again in {delay:.0f} s")
        child.process = None

    def _check_service(self, service: Service) -> None:
        if service.alive():
            if service.down_since is not None:
                self.log(f"{service.name} is back after "
                         f"{time.monotonic() - service.down_since:.1f} s")
                service.down_since = None
            return
        if service.down_since is None:
            service.down_since = time.monotonic()
            self.log(f"{service.name} is down; starting it again")
        if not service.backoff.due():
            return
        try:
            service.start()
        except (Exception, SystemExit) as error:  # noqa: BLE001 - any failure: try again later
            delay = service.backoff.failed(0)
            self.log(f"{service.name} did not start ({error}); trying again in {delay:.0f} s")
        else:
            service.backoff.failures = 0

    def stop_children(self) -> None:
        running = [c.process for c in self.children if c.process and c.process.poll() is None]
        for process in reversed(running):
            process.terminate()
        deadline = time.monotonic() + STOP_SECONDS
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
