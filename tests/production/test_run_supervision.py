"""The one-command run (scripts/run.sh) is supervised: a crashed process is restarted while
the rest keeps serving, and Ctrl-C (SIGINT) stops everything. Run with --portal-only and an
SQLite file of its own (the assistant's restart is tested in production mode)."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import REPO
from tests.production.conftest import free_port, wait_until

pytestmark = pytest.mark.production


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            child = int(stat.parent.name)
            found |= {child, *_children(child)}
    return found


def test_run_restarts_a_crashed_portal_and_ctrl_c_stops_everything(tmp_path: Path) -> None:
    port = free_port()
    run_dir = Path(tempfile.mkdtemp(prefix="jv"))
    env = {
        **os.environ,
        "PORT": str(port),
        "JOBVEJ_DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}",
        "JOBVEJ_LOG_DIR": str(tmp_path / "log"),
        "JOBVEJ_RUN_DIR": str(run_dir),
        "JOBVEJ_WORKERS": "1",
    }
    out = (tmp_path / "run.log").open("wb")
    process = subprocess.Popen(
        ["bash", str(REPO / "scripts/run.sh"), "--portal-only"],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: requests.get(url + "/da/", timeout=3).ok, 240, "the portal", process)
        ctl = [str(REPO / ".venv/bin/supervisorctl"), "-c", str(REPO / "scripts/supervisord.conf")]

        def portal_pid() -> int:
            """The supervised portal's pid, 0 while it is not running (supervisorctl then
            exits with 7, NOT_RUNNING, which is the state the test waits through)."""
            done = subprocess.run([*ctl, "pid", "portal"], env=env, text=True, capture_output=True)
            return int(done.stdout.strip() or 0) if done.stdout.strip().isdigit() else 0

        pid = portal_pid()
        assert pid > 0
        os.kill(pid, signal.SIGKILL)  # the portal crashes
        wait_until(lambda: portal_pid() not in (0, pid), 60, "a new portal process")
        wait_until(lambda: requests.get(url + "/da/", timeout=3).ok, 60, "the portal again")
        everything = {process.pid, *_children(process.pid)}
        assert len(everything) >= 3  # supervisord, gunicorn master, a worker
        # Ctrl-C in the terminal: SIGINT to the foreground process group.
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)
        time.sleep(1)
        alive = [p for p in everything if Path(f"/proc/{p}").exists()]
        assert not alive, f"still running after Ctrl-C: {alive}"
        with pytest.raises(requests.ConnectionError):
            requests.get(url + "/da/", timeout=3)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        out.close()
