"""A throw-away PostgreSQL cluster (tests, the team benchmark): initdb in a temp folder, the
server a child.

As root (CI), initdb and postgres refuse to start, so both run as the `postgres` OS user
(`setpriv`); the server gets a parent-death signal, so it never outlives what started it (the
test run, the benchmark), even when that is killed. `start_server()` returns the reason instead
when the binaries are absent; in CI (ASSETS_DESKTOP_REQUIRE_POSTGRES=1) that is an error instead."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

BIN_DIRS = (
    "/usr/lib/postgresql/17/bin",
    "/usr/lib/postgresql/16/bin",
    "/usr/lib/postgresql/15/bin",
)
START_TIMEOUT = 30.0
REQUIRE_ENV = "ASSETS_DESKTOP_REQUIRE_POSTGRES"  # set by .ci/run: absent binaries are an error
DIR_PREFIX = "assets-desktop-pg-"  # .ci/stray-processes looks for servers on such folders


@dataclass
class PgServer:
    """A running cluster: superuser `postgres`, no password, on 127.0.0.1:`port`."""

    folder: Path
    port: int
    process: subprocess.Popen[bytes]

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, database: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        """A superuser connection in autocommit mode."""
        return psycopg.connect(self.url(database), autocommit=True)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def binaries() -> Path | None:
    for folder in BIN_DIRS:
        if (Path(folder) / "initdb").exists():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def start_server() -> PgServer | str:
    """A started server, or the one-line reason why none can start here."""
    bin_dir = binaries()
    if bin_dir is None:
        reason = "PostgreSQL server binaries (initdb) are not installed"
        if os.environ.get(REQUIRE_ENV):
            raise RuntimeError(f"{reason}; CI must install postgresql (packaging/apt-packages.txt)")
        return reason
    folder = Path(tempfile.mkdtemp(prefix=DIR_PREFIX))
    data = folder / "data"
    as_user = _as_postgres(folder)
    subprocess.run(
        [*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
         "--no-sync", "--no-locale", "-E", "UTF8"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    port = _free_port()
    process = subprocess.Popen(
        [*as_user, str(bin_dir / "postgres"), "-D", str(data), "-k", str(folder), "-p", str(port),
         "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=100"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=(folder / "server.log").open("wb"),
    )  # fmt: skip
    server = PgServer(folder, port, process)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            server.admin().close()
            return server
        except psycopg.OperationalError:
            if process.poll() is not None or time.monotonic() > deadline:
                log = (folder / "server.log").read_text(errors="replace")[-2000:]
                server.stop()
                raise RuntimeError(f"PostgreSQL did not start:\n{log}") from None
            time.sleep(0.1)


def _as_postgres(folder: Path) -> list[str]:
    """The command prefix: as the `postgres` user when root (the folder handed to it), with a
    parent-death signal either way."""
    prefix = ["setpriv", "--pdeathsig", "KILL"]
    if os.geteuid() != 0:
        return prefix
    account = pwd.getpwnam("postgres")
    os.chown(folder, account.pw_uid, account.pw_gid)
    folder.chmod(0o700)
    return [
        *prefix, "--reuid", str(account.pw_uid), "--regid", str(account.pw_gid),
        "--init-groups", "--reset-env",
    ]  # fmt: skip


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fresh_database(server: PgServer, name: str) -> str:
    """Create an empty database; its URL."""
    with server.admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return server.url(name)


def drop_database(server: PgServer, name: str) -> None:
    with contextlib.suppress(psycopg.Error), server.admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
