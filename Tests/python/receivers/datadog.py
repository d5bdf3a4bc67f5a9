"""Datadog trace-agent receivers (WIRE-FORMATS 3).

`DatadogTestAgent` runs Datadog's own ddapm-test-agent (PyPI) from a virtual environment of its own,
because it pins an older opentelemetry-proto than the OTLP decoder wants (WIRE-FORMATS 6). Its checks
(`trace_count_header`, `meta_tracer_version_header`, `trace_content_length`) are turned on through
the environment, and it answers 400 when one fails.

`MsgpackAgent` is the fast in-process stand-in for load tests: it decodes `/v0.4/traces` with msgpack
and checks every span with the test agent's `verify_span` rules (decode_datadog)."""

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))

import decode_datadog  # noqa: E402
from receivers.http_receiver import HTTPReceiver  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
CHECKS = "trace_count_header,meta_tracer_version_header,trace_content_length"


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def datadog_test_agent_executable():
    """The test agent's own venv: TRACEPROXY_DDAGENT_VENV, else .venv-ddagent in the repository (made once).
    Returns the path of its executable, or None when it cannot be installed here."""
    venv = Path(os.environ.get("TRACEPROXY_DDAGENT_VENV", ROOT / ".venv-ddagent"))
    executable = venv / "bin" / "ddapm-test-agent"
    if executable.exists():
        return executable
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "ddapm-test-agent"], check=True, timeout=900)
    except (subprocess.SubprocessError, OSError):
        return None
    return executable if executable.exists() else None


class DatadogTestAgent:
    def __init__(self, executable, log_path):
        self.port = free_port()
        env = {
            **os.environ,
            "PORT": str(self.port),
            "OTLP_HTTP_PORT": str(free_port()),
            "OTLP_GRPC_PORT": str(free_port()),
            "WEB_UI_PORT": str(free_port()),
            "ENABLED_CHECKS": CHECKS,
            # Keep check failures for /test/trace_check/failures instead of only answering 400.
            "DD_POOL_TRACE_CHECK_FAILURES": "true",
            "LOG_LEVEL": "INFO",
        }
        self.log_path = log_path
        self.process = subprocess.Popen(
            [str(executable), "--port", str(self.port)],
            env=env, stdout=open(log_path, "w"), stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.get("/test/session/clear")
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(Path(log_path).read_text())
                time.sleep(0.2)
        self.stop()
        raise TimeoutError("ddapm-test-agent did not start")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def get(self, path):
        """The answer as JSON when it is JSON (the session endpoints answer plain "200: OK")."""
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            body = response.read()
        try:
            return json.loads(body)
        except ValueError:
            return body.decode()

    def start_session(self, rates=None):
        """A fresh session: check failures are kept per session (WIRE-FORMATS 6)."""
        query = "/test/session/start"
        if rates is not None:
            query += "?agent_sample_rate_by_service=" + urllib.request.quote(json.dumps(rates))
        self.get(query)

    def traces(self):
        return self.get("/test/session/traces") or []

    def failures(self):
        """(status, text): 200 when no check failed since the agent started, else 400 and the failures."""
        try:
            with urllib.request.urlopen(self.url + "/test/trace_check/failures", timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class MsgpackAgent(HTTPReceiver):
    def __init__(self, rates=None):
        super().__init__(self._handle)
        self.traces = []
        self.span_count = 0
        self.rates = rates or {}
        self._traces_lock = threading.Lock()

    def _handle(self, method, path, headers, body):
        assert method in ("PUT", "POST") and path == "/v0.4/traces", f"{method} {path}"
        assert headers.get("content-type") == "application/msgpack"
        traces = decode_datadog.decode_v04(body)
        assert int(headers["x-datadog-trace-count"]) == len(traces), "X-Datadog-Trace-Count"
        assert headers.get("datadog-meta-tracer-version"), "Datadog-Meta-Tracer-Version"
        with self._traces_lock:
            self.traces.extend(traces)
            self.span_count += sum(len(trace) for trace in traces)
        body = json.dumps({"rate_by_service": self.rates}).encode()
        return 200, [("Content-Type", "application/json")], body
