"""Fixtures that run real processes on 127.0.0.1: the example FastAPI app under uvicorn and traceproxy."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited early with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listened on {port} within {timeout}s")


def traceproxy_binary() -> str:
    binary = os.environ.get("TRACEPROXY_BIN")
    if binary:
        return binary
    # The most recently built of the release and debug binaries: a stale one would test old code.
    candidates = [c for c in (ROOT / ".build" / "release" / "traceproxy", ROOT / ".build" / "debug" / "traceproxy") if c.exists()]
    if candidates:
        return str(max(candidates, key=lambda c: c.stat().st_mtime))
    raise RuntimeError("traceproxy binary not found: build it or set TRACEPROXY_BIN")


class Running:
    def __init__(self, process: subprocess.Popen, port: int, log: Path):
        self.process = process
        self.port = port
        self.log = log

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def fastapi_app(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("uvicorn") / "uvicorn.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
        cwd=ROOT / "deploy" / "example-app",
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    running = Running(process, port, log)
    try:
        wait_for_port(port, process)
        yield running
    finally:
        running.stop()


def start_traceproxy(upstream: str, tmp_path: Path, *extra: str, env: dict | None = None) -> Running:
    port = free_port()
    log = tmp_path / "traceproxy.log"
    process = subprocess.Popen(
        [traceproxy_binary(), "--upstream", upstream, "--listen", f"127.0.0.1:{port}", *extra],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    running = Running(process, port, log)
    try:
        wait_for_port(port, process)
    except Exception:
        running.stop()
        raise RuntimeError(log.read_text())
    return running
