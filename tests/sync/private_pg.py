"""A private, throw-away PostgreSQL cluster for tests that restart the server (never the shared one)."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _bin_dir() -> Path | None:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return candidates[-1].parent if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PrivateCluster:
    """initdb + pg_ctl as the postgres user, in its own directory and socket, on its own port."""

    def __init__(self) -> None:
        bin_dir = _bin_dir()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL server binaries are not installed")
        if os.geteuid() != 0:
            raise RuntimeError("starting a private cluster needs root (to run it as the postgres user)")
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="fv-pg-", dir="/tmp"))
        self.root.chmod(0o755)
        self.data = self.root / "data"
        self.sockets = self.root / "sock"
        self.logs = self.root / "log"
        self.port = _free_port()
        account = pwd.getpwnam("postgres")
        for path in (self.data, self.sockets, self.logs):
            path.mkdir()
            os.chown(path, account.pw_uid, account.pw_gid)

    @property
    def url(self) -> str:
        """A SQLAlchemy URL reaching the cluster over its Unix socket (trust authentication)."""
        return f"postgresql+psycopg://postgres@/postgres?host={self.sockets}&port={self.port}"

    def _run(self, tool: str, *args: str) -> None:
        command = ["runuser", "-u", "postgres", "--", str(self.bin / tool), *args]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def _ctl(self, action: str, *extra: str) -> None:
        options = f"-k {self.sockets} -p {self.port} -c listen_addresses='' -c fsync=off"
        log = self.logs / "server.log"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(log), "-w", "-o", options, *extra, action)

    def start(self) -> PrivateCluster:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        self._ctl("start")
        return self

    def restart(self) -> None:
        """Restart the server; `fast` mode aborts open transactions and closes every session."""
        self._ctl("restart", "-m", "fast")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("stop", "-m", "immediate")
        shutil.rmtree(self.root, ignore_errors=True)
