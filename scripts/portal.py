"""The README's commands: bring the portal up, or run the test suite, on a fresh machine.

    python scripts/portal.py up          # services, config, migrations, admin, demo; serve
    python scripts/portal.py test [ARGS] # services, test config and databases; pytest ARGS
    python scripts/portal.py bootstrap   # everything `up` does before serving (docker/ uses it)

Everything generated lives in var/ (gitignored): var/ckan.ini, var/test.ini, var/storage,
the embedded services' data, var/admin-password.
"""
from __future__ import annotations

import configparser
import contextlib
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import services
from supervisor import Supervisor

ROOT = services.ROOT
VAR = services.VAR
BIN = Path(sys.executable).parent
CKAN = str(BIN / "ckan")
CKAN_INI = VAR / "ckan.ini"
TEST_INI = VAR / "test.ini"
ADMIN_PASSWORD_FILE = VAR / "admin-password"
MAIL_DIR = VAR / "mail"

PORTAL_INI = ROOT / "config" / "portal.ini"  # the plugins and the portal's own settings
# Plugins the unit and integration tests run without: nothing in them starts xloader's jobs or
# renders resource views.
TESTS_LEAVE_OUT = ("xloader", "datatables_view", "text_view", "image_view")
# Environment variables CKAN would read over the ini; the test run must not see the main ones.
CKAN_ENV = ("CKAN_SQLALCHEMY_URL", "CKAN_DATASTORE_WRITE_URL", "CKAN_DATASTORE_READ_URL",
            "CKAN_REDIS_URL", "CKAN_SOLR_URL", "CKAN_SITE_URL", "CKAN_INI")


def log(msg: str) -> None:
    print(f"[portal] {msg}", flush=True)


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in CKAN_ENV}


def ckan(ini: Path, *args: str, capture: bool = False, check: bool = True) -> str:
    result = subprocess.run([CKAN, "-c", str(ini), *args], env=clean_env(), check=check,
                            text=True, stdout=subprocess.PIPE if capture else None)
    return result.stdout or ""


def portal_settings() -> dict[str, str]:
    """config/portal.ini, with multi-line values on one line."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys as written (CKAN's are case-sensitive)
    parser.read(PORTAL_INI, encoding="utf-8")
    return {key: " ".join(value.split()) for key, value in parser["app:main"].items()}


def plugins(settings: dict[str, str]) -> list[str]:
    names = settings["ckan.plugins"].split()
    # With a Solr named, CKAN searches it as usual; otherwise PostgreSQL does.
    return [n for n in names if n != "transparency_search"] if os.environ.get("CKAN_SOLR_URL") \
        else names


def cache_settings() -> dict[str, str]:
    """CACHE_SECONDS, behind a caching proxy (docker/nginx.conf, make cluster): anonymous pages
    without a form are marked public for that long; everything else stays private
    (ckanext/transparency/web/caching.py)."""
    seconds = os.environ.get("CACHE_SECONDS", "").strip()
    return {"ckan.cache_enabled": "true", "ckan.cache_expires": seconds} if seconds else {}


def write_config(env: dict[str, str], port: int) -> None:
    if not CKAN_INI.exists():
        VAR.mkdir(exist_ok=True)
        subprocess.run([CKAN, "generate", "config", str(CKAN_INI)], check=True,
                       stdout=subprocess.DEVNULL, env=clean_env())
        CKAN_INI.chmod(0o600)
        log(f"generated {CKAN_INI}")
    portal = portal_settings()
    settings = {
        **portal,
        "ckan.plugins": " ".join(plugins(portal)),
        "sqlalchemy.url": env["CKAN_SQLALCHEMY_URL"],
        "ckan.datastore.write_url": env["CKAN_DATASTORE_WRITE_URL"],
        "ckan.datastore.read_url": env["CKAN_DATASTORE_READ_URL"],
        "ckan.redis.url": env["CKAN_REDIS_URL"],
        "ckan.site_url": os.environ.get("CKAN_SITE_URL", f"http://127.0.0.1:{port}"),
        "ckan.storage_path": str(VAR / "storage"),
        "ckanext.transparency.trusted_proxies": os.environ.get("TRUSTED_PROXIES", ""),
        "smtp.mail_from": os.environ.get("CKAN_SMTP_MAIL_FROM", "noreply@localhost"),
        "ckanext.xloader.jobs_db.uri": env["CKAN_SQLALCHEMY_URL"],
        # Core requires solr_url even when transparency_search answers every query.
        "solr_url": os.environ.get("CKAN_SOLR_URL", "none:transparency_search"),
        # pages show times as the organization lives them (events, deadlines)
        "ckan.display_timezone": os.environ.get("DISPLAY_TIMEZONE", "Asia/Tashkent"),
        "ckan.locale_default": os.environ.get("LOCALE_DEFAULT", "uz"),
        **cache_settings(),
    }
    subprocess.run([CKAN, "config-tool", str(CKAN_INI), *[f"{k}={v}" for k, v in settings.items()]],
                   check=True, env=clean_env(), stdout=subprocess.DEVNULL)
    # CKAN's generated logging has ckanext at DEBUG; request data must never reach a log.
    subprocess.run([CKAN, "config-tool", str(CKAN_INI), "-s", "logger_ckanext", "level=INFO"],
                   check=True, env=clean_env(), stdout=subprocess.DEVNULL)
    TEST_INI.write_text(
        "# Generated by scripts/portal.py: the test databases; ../test.ini sets the rest.\n"
        "[app:main]\nuse = config:ckan.ini\n"
        f"sqlalchemy.url = {env['CKAN_TEST_SQLALCHEMY_URL']}\n"
        f"ckan.datastore.write_url = {env['CKAN_TEST_DATASTORE_WRITE_URL']}\n"
        f"ckan.datastore.read_url = {env['CKAN_TEST_DATASTORE_READ_URL']}\n"
        f"ckan.redis.url = {env['CKAN_TEST_REDIS_URL']}\n"
        f"ckanext.xloader.jobs_db.uri = {env['CKAN_TEST_SQLALCHEMY_URL']}\n"
        f"ckan.storage_path = {VAR / 'test-storage'}\n"
        "ckan.plugins = " + " ".join(n for n in plugins(portal) if n not in TESTS_LEAVE_OUT)
        + "\n")
    TEST_INI.chmod(0o600)


def set_datastore_permissions(ini: Path, env: dict[str, str], write_url: str) -> None:
    sql = ckan(ini, "datastore", "set-permissions", capture=True)
    superuser = env.get("PG_SUPERUSER_URL")
    if not superuser:
        log("PostgreSQL is external: run `ckan datastore set-permissions | psql` as a superuser "
            "once, if not done already")
        return
    import psycopg2
    database = write_url.rsplit("/", 1)[1]
    conn = psycopg2.connect(superuser.rsplit("/", 1)[0] + "/" + database)
    conn.autocommit = True
    with conn.cursor() as cursor:
        # the script is written for psql; its \connect names the database we connected to
        cursor.execute("\n".join(l for l in sql.splitlines() if not l.startswith("\\")))
    conn.close()


def compile_catalogs() -> None:
    """The .mo files of the UI catalogs (only .po files are committed)."""
    subprocess.run([sys.executable, "-m", "ckanext.transparency.i18n.catalogs", "compile"],
                   check=True, cwd=ROOT)


def migrate(ini: Path) -> None:
    ckan(ini, "db", "upgrade")


def ensure_admin_and_token() -> None:
    output = ckan(CKAN_INI, "transparency", "admin", "--password-file", str(ADMIN_PASSWORD_FILE),
                  capture=True)
    token = next((line.split("=", 1)[1] for line in output.splitlines()
                  if line.startswith("XLOADER_TOKEN=")), None)
    for line in output.splitlines():
        if not line.startswith("XLOADER_TOKEN="):
            print(line)
    if token:
        subprocess.run([CKAN, "config-tool", str(CKAN_INI), f"ckanext.xloader.api_token={token}"],
                       check=True, env=clean_env(), stdout=subprocess.DEVNULL)


def bootstrap(port: int) -> tuple[dict[str, str], list[str]]:
    env, started = services.start()
    write_config(env, port)
    compile_catalogs()
    log("running migrations")
    migrate(CKAN_INI)
    # The JavaScript catalogs ("Show more" of the resource pages...): only `ckan run` builds
    # them by itself, gunicorn does not
    ckan(CKAN_INI, "translation", "js")
    set_datastore_permissions(CKAN_INI, env, env["CKAN_DATASTORE_WRITE_URL"])
    ensure_admin_and_token()
    if os.environ.get("DEMO", "1") != "0":
        log("loading the demo organization")
        ckan(CKAN_INI, "transparency", "demo")
    return env, started


def _wait_for(url: str, seconds: int = 120) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return True
        except Exception:
            time.sleep(0.5)
    return False


def start_mail_catcher(supervisor: Supervisor) -> None:
    """An SMTP server that keeps every message in var/mail (a Maildir); the processes started
    after it send there (CKAN_SMTP_SERVER)."""
    port = services._free_port()
    VAR.mkdir(exist_ok=True)
    supervisor.child("mail catcher", [str(BIN / "python"), "-m", "aiosmtpd", "-n", "-l",
                                      f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox",
                                      str(MAIL_DIR)], clean_env())
    os.environ["CKAN_SMTP_SERVER"] = f"127.0.0.1:{port}"
    log(f"e-mail is caught in {MAIL_DIR} (a Maildir); CKAN_SMTP_SERVER names a real server")


def web_workers() -> str:
    workers = os.environ.get("WEB_WORKERS", "3")
    if not workers.isdigit() or int(workers) < 1:
        sys.exit(f"WEB_WORKERS must be a whole number of at least 1, not {workers!r}")
    return workers


def web_server(port: int) -> list[str]:
    """gunicorn, as in docker/: a master that replaces a worker that dies."""
    return [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", web_workers(),
            "--timeout", "120", "--graceful-timeout", "15", "--chdir", str(ROOT),
            "config.wsgi:application"]


def supervise_services(supervisor: Supervisor) -> None:
    """The embedded PostgreSQL and Redis are daemons: started again when found down."""
    if not any(os.environ.get(name) for name in services.URL_VARS):
        supervisor.service("PostgreSQL", lambda: services.alive("postgres"),
                           lambda: services.start_one("postgres"))
    if not os.environ.get(services.REDIS_VAR):
        supervisor.service("Redis", lambda: services.alive("redis"),
                           lambda: services.start_one("redis"))


@contextlib.contextmanager
def supervised(port: int) -> Iterator[tuple[Supervisor, list[str]]]:
    """A supervisor, with the mail catcher and the bootstrapped services (`started`: those this
    run started). On leaving (Ctrl-C, SIGTERM, an error) the children stop, then those services."""
    supervisor = Supervisor(log)
    if not os.environ.get("CKAN_SMTP_SERVER"):
        start_mail_catcher(supervisor)
    started: list[str] = []
    try:
        started.extend(bootstrap(port)[1])
        yield supervisor, started
    except KeyboardInterrupt:
        pass
    finally:
        log("stopping")
        supervisor.stop_children()
        if "replica" in started:
            services.stop_replica()
        services.stop([name for name in started if name != "replica"])


def up() -> None:
    port = int(os.environ.get("PORT", "5000"))
    web_workers()
    with supervised(port) as (supervisor, _started):
        env = clean_env()
        supervisor.child("web server", web_server(port), dict(env, CKAN_INI=str(CKAN_INI)))
        site = f"http://127.0.0.1:{port}"
        if not _wait_for(f"{site}/api/3/action/status_show"):
            log("the web server did not answer; see the messages above")
            sys.exit(1)
        supervisor.child("jobs worker", [CKAN, "-c", str(CKAN_INI), "jobs", "worker", "default"],
                         env)
        supervisor.child("periodic jobs", [CKAN, "-c", str(CKAN_INI), "transparency", "periodic",
                                           "--every", "15"], env)
        supervise_services(supervisor)
        password_note = (f"password in {ADMIN_PASSWORD_FILE}" if ADMIN_PASSWORD_FILE.exists()
                         else "password from ADMIN_PASSWORD")
        log(f"the portal is up at {site}  (log in as admin, {password_note}); Ctrl-C stops it")
        supervisor.run()


def ensure_debian_package(command: str, package: str, purpose: str) -> None:
    """Tests that need a Debian program (the browser, docker-compose): as root, install the
    package if the program is missing; otherwise those tests skip and say why."""
    if shutil.which(command):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        log(f"{command} is not installed: {purpose} will be skipped (apt-get install {package})")
        return
    log(f"installing {package} for {purpose} (apt-get)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command_line in (["apt-get", "update", "-qq"],
                         ["apt-get", "install", "-y", "-qq", "--no-install-recommends", package]):
        if subprocess.run(command_line, env=env).returncode != 0:
            log(f"could not install {package}: {purpose} will be skipped")
            return


def xdist_workers(args: list[str]) -> int:
    """The number of pytest-xdist workers that pytest `args` ask for (-n 2, -n auto), 0 for
    none."""
    for index, arg in enumerate(args):
        value = None
        if arg in ("-n", "--numprocesses") and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--numprocesses="):
            value = arg.split("=", 1)[1]
        elif arg.startswith("-n") and len(arg) > 2 and not arg.startswith("--"):
            value = arg[2:]
        if value is not None:
            return os.cpu_count() or 1 if value in ("auto", "logical") else int(value)
    return 0


def _database_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


def prepare_worker_databases(env: dict[str, str], workers: int) -> None:
    """A copy of each migrated test database for each xdist worker (ckan_test_gw0...; see
    tests/plugins/xdist_workers.py), made again on every run so that it has the newest
    migrations, with the settings and the database-level DataStore permissions a copy does not
    inherit."""
    superuser = env.get("PG_SUPERUSER_URL")
    if not superuser:
        sys.exit("-n needs a copy of the test databases for each worker: with an external "
                 "PostgreSQL, run the tests without -n")
    import psycopg2
    main_db = _database_of(env["CKAN_TEST_SQLALCHEMY_URL"])
    datastore_db = _database_of(env["CKAN_TEST_DATASTORE_WRITE_URL"])
    reader = env["CKAN_TEST_DATASTORE_READ_URL"].split("//", 1)[1].split(":", 1)[0]
    owner = env["CKAN_TEST_SQLALCHEMY_URL"].split("//", 1)[1].split(":", 1)[0]
    conn = psycopg2.connect(superuser)
    conn.autocommit = True
    with conn.cursor() as cursor:
        for template in (main_db, datastore_db):  # a copy needs its template unused
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = %s AND pid <> pg_backend_pid()", (template,))
        for number in range(workers):
            # the names tests/plugins/xdist_workers.py gives the worker's databases
            names = {db: f"{db}_gw{number}" for db in (main_db, datastore_db)}
            for template, name in names.items():
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" OWNER "{owner}"')
                cursor.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
            cursor.execute(f'REVOKE CONNECT ON DATABASE "{names[main_db]}" FROM "{reader}"')
            cursor.execute(f'GRANT CONNECT ON DATABASE "{names[datastore_db]}" TO "{reader}"')
    conn.close()
    log(f"test databases copied for {workers} workers")


def prepare_tests(workers: int = 0) -> list[str]:
    """Services, configuration and test databases (and a copy of them for each of `workers`
    pytest-xdist workers); returns the services it started."""
    env, started = services.start()
    write_config(env, int(os.environ.get("PORT", "5000")))
    test_ini = ROOT / "test.ini"
    compile_catalogs()
    migrate(test_ini)
    set_datastore_permissions(test_ini, env, env["CKAN_TEST_DATASTORE_WRITE_URL"])
    if workers:
        prepare_worker_databases(env, workers)
    ensure_debian_package("chromium", "chromium", "the browser tests (tests/e2e)")
    ensure_debian_package("docker-compose", "docker-compose",
                          "the check of docker/compose.yml (tests/test_docker.py)")
    ensure_debian_package("gpg", "gnupg", "the encrypted backup tests (tests/test_backup.py)")
    return started


def test(args: list[str]) -> int:
    started = prepare_tests(xdist_workers(args))
    # tests/plugins/xdist_workers.py gives each xdist worker its own databases, for our tests
    # and for CKAN's own (--pyargs ckan.tests...) alike
    command = [str(BIN / "pytest"), "-p", "xdist_workers", *args]
    log(" ".join(command))
    env = clean_env()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "tests" / "plugins"),
                                                      env.get("PYTHONPATH")]))
    try:
        return subprocess.run(command, env=env, cwd=ROOT).returncode
    finally:
        services.stop(started)  # leave running only what was running before


def main() -> None:
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("up", [])
    if command == "up":
        up()
    elif command == "bootstrap":
        bootstrap(int(os.environ.get("PORT", "5000")))
    elif command == "prepare-tests":
        prepare_tests()
    elif command == "test":
        sys.exit(test(args))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
