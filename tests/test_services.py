"""The embedded services start from a clone in a directory only its owner can enter (root's
home, `mktemp -d`), as CI and many operators have it."""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.system

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))

import services  # noqa: E402  (scripts/services.py)


@pytest.mark.skipif(os.geteuid() != 0, reason="PostgreSQL runs as its own user only under root")
def test_services_start_in_a_directory_only_root_can_enter():
    private = Path(tempfile.mkdtemp(prefix="portal-0700-"))
    assert private.stat().st_mode & 0o777 == 0o700
    clone = private / "clone"
    (clone / "scripts").mkdir(parents=True)
    shutil.copy(SCRIPTS / "services.py", clone / "scripts" / "services.py")
    os.chmod(clone, 0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CKAN_")}
    script = str(clone / "scripts" / "services.py")
    try:
        started = subprocess.run([sys.executable, script, "start"], env=env,
                                 capture_output=True, text=True, timeout=300)
        assert started.returncode == 0, started.stdout + started.stderr
        assert "PostgreSQL started" in started.stdout
        exports = (clone / "var" / "services.env").read_text()
        url = next(line.split("=", 1)[1].strip("'") for line in exports.splitlines()
                   if line.startswith("export CKAN_SQLALCHEMY_URL="))
        import psycopg2
        with psycopg2.connect(url) as conn, conn.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone() == ("ckan_default",)
            cursor.execute("SELECT setting::bigint * 8192 / 2^20 FROM pg_settings "
                           "WHERE name = 'shared_buffers'")
            assert cursor.fetchone()[0] == services.shared_buffers_mb()
    finally:
        subprocess.run([sys.executable, script, "stop"], env=env, capture_output=True)
        shutil.rmtree(private, ignore_errors=True)


@pytest.mark.parametrize("limit, expected", [
    ("max", None),                    # no container limit: a quarter of the machine's memory
    (str(2 * 2**30), 512),            # a container of 2 GB
    (str(512 * 2**20), 256),          # never below 256 MB
    (str(256 * 2**30), None),         # a limit above the machine's memory does not count
])
def test_the_cache_is_a_quarter_of_the_memory_between_256_mb_and_8_gb(tmp_path, limit, expected):
    machine = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    a_quarter = max(256, min(8192, machine // 4 // 2**20))
    (tmp_path / "memory.max").write_text(limit + "\n")
    assert services.shared_buffers_mb(tmp_path / "memory.max") == (expected or a_quarter)
    assert services.shared_buffers_mb(tmp_path / "absent") == a_quarter
