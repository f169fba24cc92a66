"""`ckan transparency backup` and `restore`: one archive brings back every dataset, DataStore
row, uploaded file, appeal (with its personal data), proposal, vote and rating snapshot."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import stat
import tarfile
from pathlib import Path

import pytest

import ckan.model as model
from ckan.cli.cli import ckan
import ckan.tests.helpers as helpers
from ckan.tests import factories

from ckanext.transparency import backup
from ckanext.transparency.appeals import model as appeals_model
from ckanext.transparency.rating import snapshots

from .rating.conftest import act, february, people  # noqa: F401  (fixtures)

pytestmark = pytest.mark.system

PASSPHRASE = "tuz va non, 2026"
needs_gpg = pytest.mark.skipif(not shutil.which("gpg"), reason="GnuPG (gpg) is not installed")


def _state(data: dict, resource_id: str, upload: Path) -> dict:
    """Everything the round trip must bring back, read through the actions."""
    model.Session.remove()
    draft = data["consultation"][0]
    return {
        "datasets": sorted(helpers.call_action("package_list")),
        "search": helpers.call_action("package_search", q="Xaridlar", rows=100)["count"],
        "rows": helpers.call_action("datastore_search", resource_id=resource_id)["records"],
        "appeals": {number: (stored["status"], appeals_model.applicant(stored["id"]))
                    for number in data["appeals"]
                    for stored in [appeals_model.get_appeal(number)]},
        "proposals": helpers.call_action("consultation_proposal_list", context={
            "user": "water_editor"}, consultation_id=draft["id"], state="all")["results"],
        "votes": helpers.call_action("poll_results", context={"user": "water_editor"},
                                     id=data["poll"]["id"]),
        "snapshots": [(s.kind, str(s.period_start), s.computed_at.isoformat())
                      for s in model.Session.query(snapshots.Snapshot).order_by(
                          snapshots.Snapshot.kind)],
        "upload": upload.read_bytes(),
    }


@pytest.fixture
def portal(february, ckan_config, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path / "storage"))
    upload = tmp_path / "storage" / "resources" / "abc" / "def" / "report.csv"
    upload.parent.mkdir(parents=True)
    upload.write_bytes("davr,summa\n2026-Q1,100\n".encode())
    resource = factories.Resource(package_id=february["datasets"][0]["id"], format="PDF")
    helpers.call_action("datastore_create", context={"user": "sysadmin"}, resource_id=resource["id"], force=True,
                        fields=[{"id": "davr", "type": "text"}, {"id": "summa", "type": "int"}],
                        records=[{"davr": "2026-Q1", "summa": 100}])
    poll = act("poll_create", "water_editor", owner_org=february["water"]["id"],
               question="Qaysi yoʻl taʼmirlansin?", options=["Birinchi", "Ikkinchi"],
               closes_at="2026-03-20T00:00:00Z")
    act("poll_vote", "citizen", id=poll["id"], options=[poll["options"][0]["id"]])
    assert snapshots.take_due(dt.date(2026, 3, 1))
    data = dict(february, poll=poll)
    return data, resource["id"], upload


@needs_gpg
def test_round_trip_brings_back_everything(portal, tmp_path, ckan_config, monkeypatch):
    data, resource_id, upload = portal
    before = _state(data, resource_id, upload)
    assert before["appeals"] and before["proposals"] and before["snapshots"]
    archive = tmp_path / "nightly.tar.gz.gpg"

    manifest = backup.backup(archive, PASSPHRASE)

    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert archive.read_bytes()[:1] in backup.GPG_MAGIC
    assert b"Fuqaro Fuqarov" not in archive.read_bytes()  # the personal data is encrypted
    assert set(manifest["databases"]) == {"ckan", "datastore"}
    assert {"ckan.dump", "datastore.dump", "secrets.json",
            "storage/resources/abc/def/report.csv"} <= set(manifest["members"])

    # what happens after the backup, and must be undone by the restore
    helpers.call_action("package_delete", context={"user": "sysadmin"}, id=data["datasets"][1]["id"])
    factories.Dataset(name="after-the-backup")
    helpers.call_action("datastore_delete", context={"user": "sysadmin"}, resource_id=resource_id, force=True)
    table = appeals_model.Appeal.__table__
    model.Session.execute(table.update().where(table.c.number == data["appeals"][0]).values(
        status="closed"))
    model.Session.commit()
    upload.write_bytes(b"overwritten")
    model.Session.remove()
    original_key = ckan_config["SECRET_KEY"]
    ini = tmp_path / "portal.ini"
    ini.write_text("[app:main]\nSECRET_KEY = made-by-a-fresh-install\n")
    monkeypatch.setitem(ckan_config, "__file__", str(ini))
    monkeypatch.setitem(ckan_config, "SECRET_KEY", "made-by-a-fresh-install")

    backup.restore(archive, PASSPHRASE, force=True)  # the suite's other connections

    assert _state(data, resource_id, upload) == before
    assert re.search(rf"^SECRET_KEY\s*=\s*{re.escape(original_key)}$", ini.read_text(), re.M)
    assert "after-the-backup" not in helpers.call_action("package_list")


def test_an_unencrypted_backup_is_still_readable_by_its_owner_only(portal, tmp_path):
    archive = tmp_path / "plain.tar.gz"
    backup.backup(archive)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    assert manifest["ckan"].startswith("2.12")


@needs_gpg
def test_a_wrong_passphrase_or_a_damaged_archive_is_refused_and_nothing_changes(portal,
                                                                                tmp_path):
    data, resource_id, upload = portal
    archive = tmp_path / "b.gpg"
    backup.backup(archive, PASSPHRASE)
    before = _state(data, resource_id, upload)
    with pytest.raises(backup.BackupError, match="passphrase"):
        backup.restore(archive, "not the passphrase")
    with pytest.raises(backup.BackupError, match="encrypted"):
        backup.restore(archive)

    plain = tmp_path / "plain.tar.gz"
    backup.backup(plain)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(plain) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "secrets.json":
                content = content.replace(b"{", b"{ ")
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    with pytest.raises(backup.BackupError, match="secrets.json does not match"):
        backup.restore(damaged)
    assert _state(data, resource_id, upload) == before


@needs_gpg
def test_the_commands(portal, tmp_path, cli, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "__file__", str(tmp_path / "portal.ini"))
    archive = tmp_path / "cli.tar.gz.gpg"
    passphrase = tmp_path / "passphrase"
    passphrase.write_text(PASSPHRASE + "\n")
    made = cli.invoke(ckan, ["transparency", "backup", str(archive),
                             "--passphrase-file", str(passphrase)])
    assert made.exit_code == 0, made.output
    assert "databases ckan, datastore" in made.output
    refused = cli.invoke(ckan, ["transparency", "restore", str(archive)])
    assert refused.exit_code != 0 and "encrypted" in refused.output
    restored = cli.invoke(ckan, ["transparency", "restore", str(archive), "--force",
                                 "--passphrase-file", str(passphrase)])
    assert restored.exit_code == 0, restored.output
    assert "restored the backup of" in restored.output


def test_a_running_portal_is_not_restored_over(portal, tmp_path, ckan_config):
    archive = tmp_path / "plain.tar.gz"
    backup.backup(archive)
    import psycopg2
    running = psycopg2.connect(ckan_config["sqlalchemy.url"])  # a web worker, say
    try:
        with pytest.raises(backup.BackupError, match="stop the portal"):
            backup.restore(archive)
    finally:
        running.close()
