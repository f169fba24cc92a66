"""Browser tests: the portal served by `ckan run` on the test database, driven by Playwright in
Debian's chromium (installed by `make test` when it runs as root). Screenshots and the server's log go to var/e2e/."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ckan.common import config

from ..plugins.xdist_workers import own_path

SHOTS = Path(__file__).resolve().parents[2] / "var" / "e2e"
CKAN = str(Path(sys.executable).with_name("ckan"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def live_server():
    """The base URL of a real web server on the test configuration."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CKAN_")}
    env["CKAN_SITE_URL"] = base  # redirects (after logging in, say) come back here
    SHOTS.mkdir(parents=True, exist_ok=True)
    log_path = own_path(SHOTS / "server.log")  # each xdist worker runs a server of its own
    log = open(log_path, "wb")
    ini = own_path(SHOTS / "e2e.ini")  # the test configuration, with CSRF on as in production
    ini.write_text(f"[app:main]\nuse = config:{config['__file__']}\nWTF_CSRF_ENABLED = true\n")
    server = subprocess.Popen(
        [CKAN, "-c", str(ini), "run", "-H", "127.0.0.1", "-p", str(port),
         "--disable-reloader"], env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while not _answers(f"{base}/api/3/action/status_show"):
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail("the test web server did not start: "
                        + log_path.read_text(errors="replace")[-2000:])
        time.sleep(0.3)
    yield base
    server.terminate()
    server.wait(timeout=15)
    log.close()


@pytest.fixture
def phone(browser):
    """A page the size of a phone screen."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SHOTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path
    return take
