"""The benchmark scripts still run on today's index: they write its tables in bulk and read
what its engine writes, so a change of its columns can break them unseen. Each runs here at a
tiny scale, on this worker's databases; their figures are for the benchmarks themselves."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import ckan.lib.search as search
from ckan.tests import helpers

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.system  # starts programs


@pytest.fixture
def clean_after(clean_db, clean_index):
    """The benchmarks leave their datasets (a rebuild needs real ones); the next test starts
    without them."""
    yield
    helpers.reset_db()
    search.clear_all()


def _run(script: str, ini: str, *args: str) -> str:
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "bench" / script), "--ini", ini,
                             *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


@pytest.mark.usefixtures("clean_after")
def test_the_search_benchmark_prints_every_figure(ckan_config):
    out = _run("search.py", ckan_config["__file__"], "--datasets", "300", "--unique", "100",
               "--runs", "2", "--rebuild", "20")
    for figure in ("generated 300 documents", "index writes through add(): 300 datasets",
                   "(a) two-word free text", "(b) free text + 3 fq + 4 facets",
                   "(c) filters only, modified desc", "ckan search-index rebuild of 20 real",
                   "ckan transparency search rebuild, 2 processes"):
        assert figure in out, out
    assert "(0 errors)" in out


@pytest.mark.usefixtures("clean_after")
def test_the_rebuild_benchmark_prints_both_rebuilds_and_the_stages(ckan_config):
    out = _run("rebuild.py", ckan_config["__file__"], "--datasets", "30")
    assert "ckan search-index rebuild of 30 datasets" in out, out
    assert "ckan transparency search rebuild, 2 processes, batches of 100: 30 datasets" in out
    assert "(0 errors)" in out
    stages = _run("rebuild.py", ckan_config["__file__"], "--datasets", "30", "--stages")
    assert "write_rows (one statement a batch)" in stages and "30 datasets in" in stages
