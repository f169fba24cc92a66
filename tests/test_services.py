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
    finally:
        subprocess.run([sys.executable, script, "stop"], env=env, capture_output=True)
        shutil.rmtree(private, ignore_errors=True)
