"""The system tests (they serve the portal over HTTP, drive a browser, or start programs: the
portal's scripts, servers, pip, pg_dump) carry `pytest.mark.system`; `make test-unit` leaves
them out, so that part stays quick. A new module of that kind that forgets the mark fails here."""
from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SYSTEM_FOLDERS = ("e2e", "cluster")  # every test there runs a browser or the cluster
RUNS_SOMETHING = re.compile(r"live\.serve\(|subprocess\.(Popen|run)\(\[(sys\.executable|CKAN)"
                            r"|def \w+\([^)]*\b(browser|chromium)\b|services\.py|pg_dump")
MARKED = re.compile(r"^pytestmark = \[?pytest\.mark\.system\b", re.MULTILINE)


def _system_modules() -> list[str]:
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        relative = path.relative_to(TESTS)
        if path == Path(__file__).resolve():
            continue
        if relative.parts[0] in SYSTEM_FOLDERS or RUNS_SOMETHING.search(path.read_text()):
            found.append(str(relative))
    return found


def test_every_test_that_runs_servers_browsers_or_programs_is_marked_system():
    modules = _system_modules()
    assert "e2e/test_citizen_journey.py" in modules and "test_packaging.py" in modules
    assert "i18n/test_rendered_pages.py" in modules and "test_services.py" in modules
    unmarked = [module for module in modules if not MARKED.search((TESTS / module).read_text())]
    assert not unmarked, f"add `pytestmark = pytest.mark.system` to {unmarked}"


def test_the_mark_is_declared():
    settings = (TESTS.parent / "pyproject.toml").read_text()
    assert re.search(r'"system: [^"]+"', settings)
