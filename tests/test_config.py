"""config/portal.ini is the one place that says which plugins the portal runs and how: the
generated configurations derive from it, and no other file lists the plugins."""
import re
import subprocess
import sys
from pathlib import Path

import ckan.plugins.toolkit as tk

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import portal  # noqa: E402  (scripts/portal.py)


def test_the_tests_run_the_portals_plugins_less_those_they_leave_out():
    listed = portal.portal_settings()["ckan.plugins"].split()
    assert "transparency_appeals" in listed and "xloader" in listed
    assert tk.config["ckan.plugins"] == [name for name in listed
                                         if name not in portal.TESTS_LEAVE_OUT]


def test_the_portals_settings_reach_the_generated_configuration():
    settings = portal.portal_settings()
    generated = (portal.CKAN_INI).read_text()
    for key in ("ckan.plugins", "scheming.dataset_schemas", "ckan.auth.public_user_details"):
        assert re.search(rf"^{re.escape(key)}\s*=\s*{re.escape(settings[key])}$", generated,
                         re.M), key
    assert tk.config["scheming.dataset_schemas"].split() == \
        settings["scheming.dataset_schemas"].split()


def test_no_other_file_lists_the_plugins():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    listing = [name for name in tracked if (ROOT / name).is_file()
               and " ".join(("transparency_dialogue", "transparency_appeals"))
               in " ".join((ROOT / name).read_text(errors="ignore").split())]
    assert listing == ["config/portal.ini"]


def test_cache_seconds_turn_on_ckans_page_cache_and_docker_nginx_honours_it(monkeypatch):
    monkeypatch.delenv("CACHE_SECONDS", raising=False)
    assert portal.cache_settings() == {}
    monkeypatch.setenv("CACHE_SECONDS", "5")
    assert portal.cache_settings() == {"ckan.cache_enabled": "true", "ckan.cache_expires": "5"}
    production = (ROOT / "config" / "production.env.example").read_text()
    assert re.search(r"^CACHE_SECONDS=5$", production, re.M)
    nginx = (ROOT / "docker" / "nginx.conf").read_text()
    # the same cache rules as make cluster's nginx (tests/cluster/test_page_cache.py)
    cluster = (ROOT / "scripts" / "cluster.py").read_text()
    for rule in ("proxy_cache_bypass $personal;", "proxy_no_cache $personal;",
                 '"$cookie_ckan$cookie_remember_token$http_authorization$http_x_ckan_api_key"',
                 "proxy_cache_lock on;"):
        assert rule in nginx and rule in cluster, rule
