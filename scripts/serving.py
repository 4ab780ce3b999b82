"""The portal's processes started as production runs them, for `make prod-check` and `make bench`.

Each process runs in its own session (so stopping it stops its children: gunicorn's workers) with its output in a
log file of its own; `Processes.stop` ends every one of them, and only them.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, seconds: float, step: float = 0.5) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def gunicorn_command(port: int, workers: int) -> list[str]:
    """gunicorn with the deployment's own configuration (deploy/gunicorn.conf.py) on a loopback port."""
    config = str(ROOT / "deploy" / "gunicorn.conf.py")
    return [PYTHON, "-m", "gunicorn", "--config", config, "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
            "bscp_portal.wsgi"]  # fmt: skip


class Processes:
    """Processes started with one environment, each logging to `<logdir>/<name>.log`."""

    def __init__(self, env: dict, logdir: Path):
        self.env, self.logdir = env, logdir
        self.started: list[subprocess.Popen] = []

    def spawn(self, name: str, command: list[str]) -> subprocess.Popen:
        log = open(self.logdir / f"{name}.log", "ab")  # noqa: SIM115 (kept open by the process)
        process = subprocess.Popen(  # noqa: S603 (our own commands)
            command, cwd=ROOT, env=self.env, stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True
        )
        self.started.append(process)
        return process

    def logs(self, lines: int = 30) -> str:
        return "\n".join(
            f"--- {log.name} (last lines)\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
            for log in sorted(self.logdir.glob("*.log"))
        )

    def stop(self) -> None:
        for process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
