"""Nothing acknowledged is ever lost: kill the server with SIGKILL right after a 201.

A real server process (Django's runserver, development settings, its own database) files a
complaint through the API; the moment the 201 arrives the process is killed without any chance
to clean up. After a restart the status link still opens the complaint, and the row is there.
Runs on SQLite by default and on PostgreSQL when DATABASE_URL points there (a scratch database
is created and dropped).
"""

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
import pytest

REPO = Path(__file__).resolve().parents[4]
SRC = REPO / "src"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _scratch_database(tmp_path: Path):
    """A database URL of our own: a SQLite file, or a fresh PostgreSQL database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'durability.sqlite3'}"
        return
    import psycopg

    config = dj_database_url.parse(url)
    name = f"waakhond_durability_{uuid.uuid4().hex[:10]}"
    admin = dict(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with psycopg.connect(**admin) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(**admin) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _complaint_count(database_url: str, reference: str) -> int:
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            row = connection.execute(
                "SELECT COUNT(*) FROM intake_complaint WHERE reference = ?", [reference]
            )
            return row.fetchone()[0]
    import psycopg

    with psycopg.connect(database_url) as connection:
        row = connection.execute(
            "SELECT COUNT(*) FROM intake_complaint WHERE reference = %s", [reference]
        )
        return row.fetchone()[0]


class Server:
    def __init__(self, env: dict, port: int, log: Path):
        self.env, self.port, self.log = env, port, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "waakhond.cli",
            "manage",
            "runserver",
            "--noreload",
            f"127.0.0.1:{self.port}",
        ]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"server stopped at start:\n{self.log.read_text()[-3000:]}")
            try:
                self.request("GET", "/api/v1/openapi.json")
                return
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"server did not start:\n{self.log.read_text()[-3000:]}")

    def request(
        self, method: str, path: str, body: dict | None = None, headers: dict | None = None
    ):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            payload = json.dumps(body) if body is not None else None
            connection.request(
                method,
                path,
                body=payload,
                headers={"Content-Type": "application/json", **(headers or {})},
            )
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)


def test_a_complaint_answered_with_201_survives_a_sigkill_of_the_server(tmp_path):
    with _scratch_database(tmp_path) as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": database_url,
            "WAAKHOND_VAR_DIR": str(tmp_path),
            "WAAKHOND_MEDIA_ROOT": str(tmp_path / "media"),
            "WAAKHOND_DEMO": "0",
            "WAAKHOND_API_RATE": "1000/m",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
        }
        subprocess.run(
            [sys.executable, "-m", "waakhond.cli", "manage", "migrate", "--no-input", "-v", "0"],
            cwd=REPO,
            env=env,
            check=True,
            timeout=120,
        )
        server = Server(env, _free_port(), tmp_path / "server.log")
        server.start()
        try:
            status, body = server.request(
                "POST",
                "/api/v1/complaints",
                {
                    "description": "De gemeente filmt elk gesprek aan de balie.",
                    "organisation_name": "Gemeente Dronten",
                    "complainant_name": "Fatima de Vries",
                    "complainant_email": "fatima@example.org",
                },
            )
            server.kill()  # the moment the 201 is in: no shutdown, no flush, no goodbye
            assert status == 201, body
            filed = json.loads(body)

            server.start()
            status, body = server.request(
                "GET",
                f"/api/v1/complaints/{filed['reference']}",
                headers={"X-Status-Token": filed["status_token"]},
            )
            assert status == 200, body
            assert json.loads(body)["reference"] == filed["reference"]
        finally:
            server.kill()
        assert _complaint_count(database_url, filed["reference"]) == 1
