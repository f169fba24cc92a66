"""Applicants' details reach no log line.

A real web server (`ckan run`, its own process) takes appeals with planted details in every
field, through the Action API and the web form, right and with mistakes, and while the database
fails under it (the applicant table locked, the waiting connection killed with
pg_terminate_backend); a real jobs worker then sends the e-mails. Everything those processes
wrote is read back: none of the planted details may be in it. A CLI process is checked to carry
the filter on every handler."""
from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg2
import pytest
import requests

import ckan.plugins.toolkit as tk

from ckanext.transparency import log_privacy

from .conftest import appeal_data

pytestmark = [pytest.mark.system, pytest.mark.usefixtures("people")]

ROOT = Path(__file__).resolve().parents[2]
CKAN = str(Path(sys.executable).parent / "ckan")
PLANTED = {"full_name": "Plantedname Qwxzyv", "address": "Plantaddress Vjqkxobod 13",
           "phone": "+998 93 481-26-57", "email": "planted.vjqkx@example.com",
           "subject": "Plantsubject Zqvxw", "text": "Planttext Zqvxw dry tap for a week"}
MISTAKES = {"email": "planted-bad-mail-vjqkx", "phone": "+998 93 481-26-57 ext. Qwxzyv"}
NEEDLES = ("Qwxzyv", "Vjqkx", "vjqkx", "481-26-57", "93 481", "Plantedname", "Plantaddress",
           "Plantsubject", "Planttext", "Zqvxw", "planted")


def assert_clean(where: str, text: str) -> None:
    found = [n for n in NEEDLES if n.lower() in text.lower()]
    assert not found, f"planted details {found} in {where}"


@pytest.mark.parametrize("message, kept", [
    ("Validation error (Action API): \"{'email': ['Email planted-bad-mail-vjqkx is not a valid "
     "format'], 'subject': ['Missing value']}\"", "'subject': ['Missing value']"),
    ("Sent email to planted.vjqkx@example.com", "Sent email to"),
    ("(psycopg2.errors.AdminShutdown) terminating connection\n[SQL: INSERT INTO "
     "appeal_applicant (full_name) VALUES (%(full_name)s)]\n[parameters: {'full_name': "
     "'Plantedname Qwxzyv', 'phone': '+998 93 481-26-57'}]\n(Background on this error at: "
     "https://sqlalche.me/e/20/e3q8)", "[SQL: INSERT INTO appeal_applicant"),
    ("applicant full_name='Plantedname Qwxzyv' address=\"Plantaddress Vjqkxobod 13\"",
     "applicant full_name="),
    ("call 998934812657 or +998 (93) 481 26 57", "call "),
])
def test_the_filter_removes_personal_details(message, kept):
    cleaned = log_privacy.scrub(message)
    assert_clean("the cleaned message", cleaned)
    assert kept in cleaned


def test_the_filter_keeps_numbers_dates_and_ids():
    line = ("appeal 2026-000123 due 2026-12-17 09:30:00, job 4f3c2a1e-1234-4567-89ab-"
            "123456789012 (PID 81234) took 1234 ms")
    assert log_privacy.scrub(line) == line


def test_the_filter_cleans_arguments_and_tracebacks():
    try:
        raise ValueError("bad address planted.vjqkx@example.com")
    except ValueError:
        record = logging.LogRecord("ckan", logging.ERROR, __file__, 1, "failed for %s: %s",
                                   ("Plantedname", {"phone": "+998 93 481-26-57"}),
                                   sys.exc_info())
    log_privacy.FILTER.filter(record)
    text = logging.Formatter().format(record)
    assert "ValueError" in text and "failed for" in text
    assert "Plantedname" in text  # a name alone is not recognisable: it is not logged by us
    assert "vjqkx" not in text and "481-26-57" not in text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ini(tmp_path: Path) -> Path:
    ini = tmp_path / "server.ini"
    ini.write_text(f"[app:main]\nuse = config:{tk.config['__file__']}\n"
                   "ckanext.transparency.appeals.rate_limit = 0\n")
    return ini


def _env() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith("CKAN_")}


@pytest.fixture
def server(tmp_path):
    """`ckan run` on a free port; yields (base url, path of everything it writes)."""
    port, output = _free_port(), tmp_path / "server.log"
    with open(output, "wb") as sink:
        process = subprocess.Popen(
            [CKAN, "-c", str(_ini(tmp_path)), "run", "-H", "127.0.0.1", "-p", str(port),
             "--disable-reloader", "--threaded"],
            stdout=sink, stderr=subprocess.STDOUT, env=_env(), cwd=ROOT)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(240):
                try:
                    requests.get(url + "/api/3/action/status_show", timeout=5)
                    break
                except requests.ConnectionError:
                    assert process.poll() is None, output.read_text()
                    time.sleep(0.5)
            yield url, output
        finally:
            process.terminate()
            process.wait(30)


def _post_form(url: str, data: dict) -> requests.Response:
    session = requests.Session()
    page = session.get(url + "/appeals/new", timeout=60).text
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page).group(1)
    key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
    return session.post(url + "/appeals/new", timeout=120,
                        data=dict(data, _csrf_token=token, submission_key=key))


def _post_api(url: str, data: dict) -> requests.Response:
    return requests.post(url + "/api/3/action/appeal_submit", json=data, timeout=120)


def _while_the_database_fails(send) -> requests.Response:
    """`send()` while the applicant table is locked; its waiting connection is then killed."""
    locker = psycopg2.connect(tk.config["sqlalchemy.url"])
    watcher = psycopg2.connect(tk.config["sqlalchemy.url"])
    watcher.autocommit = True  # pg_stat_activity is read afresh only outside a transaction
    try:
        with locker.cursor() as locked, watcher.cursor() as watch:
            locked.execute("LOCK TABLE appeal_applicant IN ACCESS EXCLUSIVE MODE")
            result: list = []
            thread = threading.Thread(target=lambda: result.append(send()))
            thread.start()
            killed = False
            for _ in range(240):
                watch.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE wait_event_type = 'Lock' "
                              "AND query LIKE 'INSERT INTO appeal_applicant%'")
                if watch.fetchall():
                    killed = True
                    break
                time.sleep(0.25)
            locker.rollback()
            thread.join(120)
        assert killed, "the insert of the applicant never waited on the lock"
        return result[0]
    finally:
        locker.close()
        watcher.close()


def test_no_log_carries_applicants_details(server, tmp_path):
    url, output = server
    right = appeal_data(**PLANTED)
    wrong = dict(right, **MISTAKES)
    assert _post_api(url, right).status_code == 200
    assert _post_api(url, wrong).status_code == 409
    assert _post_api(url, dict(right, junk="Plantedname Qwxzyv")).status_code == 409
    assert _post_form(url, right).status_code == 200
    assert _post_form(url, wrong).status_code == 400
    failed_api = _while_the_database_fails(lambda: _post_api(url, right))
    failed_form = _while_the_database_fails(lambda: _post_form(url, right))
    assert failed_api.status_code >= 500 and failed_form.status_code >= 500
    assert_clean("the API's answer to a database failure", failed_api.text)
    assert_clean("the page shown on a database failure", failed_form.text)
    assert _post_api(url, right).status_code == 200  # the server recovered
    worker = subprocess.run([CKAN, "-c", str(_ini(tmp_path)), "jobs", "worker", "--burst"],
                            capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=300)
    assert worker.returncode == 0, worker.stderr

    written = output.read_text(errors="replace")
    # the server logged the failures it met, and the worker its jobs
    assert "Validation error (Action API)" in written
    assert "OperationalError" in written or "AdminShutdown" in written
    assert "[SQL: INSERT INTO appeal_applicant" in written
    assert "starts job" in worker.stdout + worker.stderr
    assert_clean("the web server's log", written)
    assert_clean("the worker's log", worker.stdout + worker.stderr)


CLI_CHECK = """
import logging, sys
from ckan.cli.cli import ckan
from ckanext.transparency.log_privacy import PersonalDataFilter
ckan.main(["-c", sys.argv[1], "jobs", "list"], standalone_mode=False)
loggers = [logging.getLogger()] + [l for l in logging.Logger.manager.loggerDict.values()
                                   if isinstance(l, logging.Logger)]
handlers = {id(h): h for l in loggers for h in l.handlers}
missing = [repr(h) for h in handlers.values()
           if not any(isinstance(f, PersonalDataFilter) for f in h.filters)]
print("HANDLERS", len(handlers), "MISSING", missing)
"""


def test_every_handler_of_a_cli_process_has_the_filter(tmp_path):
    done = subprocess.run([sys.executable, "-c", CLI_CHECK, str(_ini(tmp_path))],
                          capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    count, missing = re.search(r"HANDLERS (\d+) MISSING (.*)", done.stdout).groups()
    assert int(count) >= 1 and missing == "[]"
