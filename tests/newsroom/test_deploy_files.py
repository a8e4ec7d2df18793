"""The files docs/deploy.md installs are valid for the tools that read them.

systemd-analyze and nginx check them as a server would, with the paths moved to this
checkout and a throwaway certificate. Each test skips, saying why, where its tool is
absent; CI installs both (.ci/run).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
APP = "/srv/newsroom/app"


def tool(name):
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if not path:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing, and CI must run this test.")
        pytest.skip(f"{name} is not installed (apt-get install {name}).")
    return path


def test_every_systemd_unit_and_timer_verifies(tmp_path):
    systemd_analyze = tool("systemd-analyze")
    checkout = str(DEPLOY.parent)
    for unit in [*DEPLOY.glob("*.service"), *DEPLOY.glob("*.timer")]:
        (tmp_path / unit.name).write_text(unit.read_text().replace(APP, checkout))
    units = [
        "newsroom.service",
        "newsroom-worker.service",
        "newsroom-poll.service",
        "newsroom-job@clear_comment_traces.service",
        "newsroom-poll.timer",
        "newsroom-traces.timer",
        "newsroom-job@prune_db_task_results.service",
        "newsroom-tasks.timer",
        "newsroom-job@expire_licences.service",
        "newsroom-licences.timer",
        "newsroom-backup.service",
        "newsroom-backup.timer",
    ]

    result = subprocess.run(
        [systemd_analyze, "verify", *units], cwd=tmp_path, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    # Warnings do not fail verify; none of ours may have any.
    assert [line for line in result.stderr.splitlines() if "newsroom" in line] == []


def test_the_nginx_site_passes_nginx_t(tmp_path):
    nginx = tool("nginx")
    openssl = tool("openssl")
    certificate, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subject = ["-subj", "/CN=news.example.org", "-keyout", key, "-out", certificate]
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", *subject],
        check=True,
        capture_output=True,
    )
    site = (DEPLOY / "nginx.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/news.example.org", str(tmp_path))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ access_log off; include {tmp_path}/site.conf; }}\n"
    )

    result = subprocess.run(
        [nginx, "-t", "-c", tmp_path / "nginx.conf"], capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
