"""docker/: the production shape is valid compose, built once, migrated once, and matches the
CKAN it runs."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import ckan

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parent.parent
DOCKER = ROOT / "docker"
PORTAL_SERVICES = ("init", "web", "worker", "worker-secondary", "periodic")


def _compose_command() -> list[str]:
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"],
                                                 capture_output=True).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    pytest.skip("neither `docker compose` nor docker-compose is installed")


@pytest.fixture(scope="module")
def resolved(tmp_path_factory) -> dict:
    """`docker compose config` of a copy of docker/ with the example environment as .env
    (the client validates without a daemon)."""
    copy = tmp_path_factory.mktemp("deploy")
    shutil.copytree(DOCKER, copy / "docker")
    shutil.copy(ROOT / "config" / "production.env.example", copy / ".env")
    result = subprocess.run([*_compose_command(), "-f", str(copy / "docker" / "compose.yml"),
                             "--env-file", str(copy / ".env"), "config"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)["services"]


def test_one_image_built_once(resolved):
    images = {resolved[name]["image"] for name in PORTAL_SERVICES}
    assert len(images) == 1
    assert [name for name, service in resolved.items() if "build" in service] == ["init"]


def test_only_init_bootstraps_and_the_others_wait_for_it(resolved):
    assert resolved["init"]["command"] in ("init", ["init"])
    for name in ("web", "worker", "worker-secondary", "periodic"):
        assert resolved[name]["depends_on"]["init"]["condition"] == \
            "service_completed_successfully"
    entrypoint = (DOCKER / "entrypoint.sh").read_text()
    web = re.search(r"^  web\)\n(.*?);;", entrypoint, re.M | re.S).group(1)
    assert "bootstrap" not in web and "gunicorn" in web
    assert "until [" not in entrypoint  # nobody waits for a file on a shared volume


def test_secondary_workers_run_without_the_scheduler(resolved):
    assert resolved["worker-secondary"]["command"] == ["worker", "--no-scheduler"]
    assert "--no-scheduler" not in str(resolved["worker"]["command"])


def test_solr_image_carries_the_schema_of_the_ckan_installed():
    minor = ".".join(ckan.__version__.split(".")[:2])
    compose = yaml.safe_load((DOCKER / "compose.yml").read_text())
    assert compose["services"]["solr"]["image"] == f"ckan/ckan-solr:{minor}-solr9"


def test_every_file_the_image_copies_exists():
    dockerfile = (DOCKER / "Dockerfile").read_text()
    for sources in re.findall(r"^COPY (?:--\S+ )*(.+) \S+$", dockerfile, re.M):
        for source in sources.split():
            assert (ROOT / source).exists(), source
