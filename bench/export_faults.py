"""Proxy throughput with the trace backend up versus down: exporting must never slow the request path.

Starts the example FastAPI app, an OTLP receiver (Tests/python/receivers) and traceproxy exporting to it,
drives keep-alive load from several threads for a fixed time, then does the same with nothing listening
at the OTLP endpoint (every export fails, is retried with backoff and dropped). Prints both throughputs
and their ratio; the target is a ratio within 5 % of 1.

Usage: TRACEPROXY_BIN=.build/release/traceproxy python bench/export_faults.py [--seconds 15] [--threads 8]
(run from the repository root in the project's venv)."""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "python"))

from conftest import free_port, start_traceproxy, wait_for_port  # noqa: E402
from receivers.otlp import OTLPReceiver  # noqa: E402


def start_app():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
         "--log-level", "warning"],
        cwd=ROOT / "deploy" / "example-app",
    )
    wait_for_port(port, process)
    return process, f"http://127.0.0.1:{port}"


def throughput(url, seconds, threads):
    """Requests per second from a separate load process; fails on any non-200."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "Tests" / "python" / "load_client.py"), url + "/items/7",
         "--seconds", str(seconds), "--threads", str(threads)],
        capture_output=True, text=True, check=True,
    )
    report = json.loads(result.stdout)
    assert set(report["statuses"]) == {"200"}, report
    return report["requests"] / report["seconds"]


def measure(app_url, otlp_url, seconds, threads):
    with tempfile.TemporaryDirectory() as directory:
        proxy = start_traceproxy(
            app_url, Path(directory), "--exporter", "otlp",
            env={"OTEL_EXPORTER_OTLP_ENDPOINT": otlp_url, "OTEL_TRACES_SAMPLER": "always_on"},
        )
        try:
            throughput(proxy.url, 2, threads)  # warm up connections and the app
            return throughput(proxy.url, seconds, threads)
        finally:
            proxy.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="alternating up/down pairs; medians are compared")
    args = parser.parse_args()

    app, app_url = start_app()
    receiver = OTLPReceiver().start()
    ups, downs = [], []
    try:
        for _ in range(args.rounds):
            # Alternating evens out drift in the machine's load between the two cases.
            ups.append(measure(app_url, receiver.url, args.seconds, args.threads))
            down_port = free_port()  # nothing listens: connection refused on every export
            downs.append(measure(app_url, f"http://127.0.0.1:{down_port}", args.seconds, args.threads))
    finally:
        receiver.stop()
        app.terminate()
        app.wait()
    up, down = statistics.median(ups), statistics.median(downs)
    print(f"backend up:   {up:8.1f} req/s  (rounds: {', '.join(f'{x:.0f}' for x in ups)}; {len(receiver.spans)} spans received)")
    print(f"backend down: {down:8.1f} req/s  (rounds: {', '.join(f'{x:.0f}' for x in downs)})")
    print(f"ratio down/up: {down / up:.3f}  ({'within' if abs(1 - down / up) <= 0.05 else 'outside'} 5 %)")


if __name__ == "__main__":
    main()
