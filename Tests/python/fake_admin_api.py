"""A stand-in for traceproxy's admin server: serves the dashboard files and fake, changing JSON.

Standard library only. It simulates a service receiving traffic: an hour of past requests is
made up at start, and more arrive as time passes, so every endpoint of the admin API answers
with realistic data that changes between polls.

    python3 Tests/python/fake_admin_api.py --port 8099            # then open http://127.0.0.1:8099/
    python3 Tests/python/fake_admin_api.py --port 8099 --mode empty

Modes (also switchable at run time with POST /_fake/mode {"mode": "..."}):
    ok     traffic as described above
    empty  no request yet (the dashboard shows "waiting for traffic")
    error  every /api/ endpoint answers 500 (the dashboard shows its error banner)
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

DASHBOARD = Path(__file__).resolve().parents[2] / "Sources" / "TraceProxyAdmin" / "Dashboard"
STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/dashboard.js": ("dashboard.js", "text/javascript; charset=utf-8"),
    "/dashboard.css": ("dashboard.css", "text/css; charset=utf-8"),
}
WINDOWS = {300: 10, 900: 30, 3600: 60}

# (method, http_route, example path, weight, median ms, error share)
ROUTES = [
    ("GET", "/items/{item_id}", "/items/{n}", 10, 2.0, 0.01),
    ("POST", "/items", "/items", 3, 6.0, 0.03),
    ("GET", "/health", "/health", 4, 0.4, 0.0),
    ("GET", "/search", "/search?q=x", 2, 25.0, 0.02),
    ("DELETE", "/items/{item_id}", "/items/{n}", 1, 3.0, 0.15),
]


class Request:
    __slots__ = ("start", "route", "method", "http_route", "path", "status", "duration_ms", "trace_id", "span_id")

    def __init__(self, start, spec, status, duration_ms, rng):
        self.start = start
        self.method, self.http_route, path, *_ = spec
        self.route = f"{self.method} {self.http_route}"
        self.path = path.replace("{n}", str(rng.randint(1, 999)))
        self.status = status
        self.duration_ms = duration_ms
        self.trace_id = "%032x" % rng.getrandbits(128)
        self.span_id = "%016x" % rng.getrandbits(64)

    @property
    def error(self) -> bool:
        return self.status >= 500


class Traffic:
    def __init__(self, seed: int = 7, rate: float = 4.0):
        self.rng = random.Random(seed)
        self.rate = rate
        self.lock = threading.Lock()
        self.started = time.time()
        self.requests: list[Request] = []
        self.starts: list[float] = []
        self.generated_until = self.started - 3600
        self.mode = "ok"

    def _rate_at(self, t: float) -> float:
        # a slow wave plus a burst every ten minutes, so the charts have some shape
        wave = 1 + 0.5 * math.sin(t / 300)
        burst = 2.5 if (t % 600) < 45 else 1
        return self.rate * wave * burst

    def _one(self, t: float) -> Request:
        rng = self.rng
        spec = rng.choices(ROUTES, weights=[r[3] for r in ROUTES])[0]
        median, error_share = spec[4], spec[5]
        slow_phase = (t % 900) < 60
        duration = rng.lognormvariate(math.log(median * (3 if slow_phase else 1)), 0.6)
        if rng.random() < 0.01:
            duration *= 20
        r = rng.random()
        if r < error_share:
            status = rng.choice([500, 502, 503])
        elif r < error_share + 0.05:
            status = rng.choice([404, 400, 422])
        elif spec[0] == "POST":
            status = 201
        elif r > 0.99:
            status = 304
        else:
            status = 200
        return Request(t, spec, status, round(duration, 3), rng)

    def advance(self) -> None:
        now = time.time()
        with self.lock:
            t = self.generated_until
            while True:
                t += self.rng.expovariate(self._rate_at(t))
                if t > now:
                    break
                request = self._one(t)
                self.requests.append(request)
                self.starts.append(t)
            self.generated_until = now
            horizon = now - 3700
            drop = bisect.bisect_left(self.starts, horizon)
            if drop:
                del self.requests[:drop]
                del self.starts[:drop]

    def window(self, seconds: int) -> list[Request]:
        self.advance()
        now = time.time()
        if self.mode == "empty":
            return []
        with self.lock:
            i = bisect.bisect_left(self.starts, now - seconds)
            return self.requests[i:]


def percentile(sorted_values: list[float], q: float):
    if not sorted_values:
        return None
    k = max(0, math.ceil(q * len(sorted_values)) - 1)
    return round(sorted_values[k], 3)


def summary(requests: list[Request], seconds: float) -> dict:
    durations = sorted(r.duration_ms for r in requests)
    n = len(requests)
    errors = sum(1 for r in requests if r.error)
    return {
        "requests": n,
        "errors": errors,
        "error_rate": round(errors / n, 4) if n else 0,
        "rps": round(n / seconds, 3),
        "p50_ms": percentile(durations, 0.50),
        "p90_ms": percentile(durations, 0.90),
        "p95_ms": percentile(durations, 0.95),
        "p99_ms": percentile(durations, 0.99),
    }


def overview(requests: list[Request], window: int) -> dict:
    bucket = WINDOWS[window]
    now = int(time.time())
    end = now - now % bucket + bucket
    first = end - window
    buckets: list[list[Request]] = [[] for _ in range(window // bucket)]
    for r in requests:
        i = int((r.start - first) // bucket)
        if 0 <= i < len(buckets):
            buckets[i].append(r)
    series = []
    for i, items in enumerate(buckets):
        point = {"t": first + i * bucket, **summary(items, bucket)}
        del point["error_rate"]
        series.append(point)
    return {
        "window_seconds": window,
        "bucket_seconds": bucket,
        "now_unix": now,
        "totals": summary(requests, window),
        "series": series,
    }


def trace_summary(r: Request) -> dict:
    return {
        "trace_id": r.trace_id,
        "span_id": r.span_id,
        "name": r.route,
        "route": r.route,
        "method": r.method,
        "status_code": r.status,
        "error": r.error,
        "duration_ms": r.duration_ms,
        "start_unix_ms": int(r.start * 1000),
    }


def trace_detail(r: Request, link_template: str | None) -> dict:
    rng = random.Random(r.trace_id)
    start_ns = int(r.start * 1_000_000_000)
    total_ns = int(r.duration_ms * 1_000_000)
    client_start = start_ns + int(total_ns * 0.04) + 20_000
    client_ns = max(1000, int(total_ns * 0.9) - 20_000)
    total_us = client_ns // 1000
    connect_us = int(total_us * rng.uniform(0.05, 0.2)) if rng.random() < 0.3 else 0
    first_byte_us = connect_us + int((total_us - connect_us) * rng.uniform(0.6, 0.95))
    status = "error" if r.error else "unset"
    server_attrs = {
        "http.request.method": r.method,
        "http.route": r.http_route,
        "url.path": r.path.split("?")[0],
        "url.scheme": "http",
        "http.response.status_code": r.status,
        "network.protocol.version": "1.1",
        "server.address": "127.0.0.1",
        "server.port": 8080,
        "client.address": "127.0.0.1",
        "user_agent.original": "curl/8.5.0",
    }
    if "?" in r.path:
        server_attrs["url.query"] = r.path.split("?", 1)[1]
    client_attrs = {
        "http.request.method": r.method,
        "url.full": f"http://127.0.0.1:8000{r.path}",
        "server.address": "127.0.0.1",
        "server.port": 8000,
        "http.response.status_code": r.status,
        "traceproxy.upstream.connect_us": connect_us,
        "traceproxy.upstream.first_byte_us": first_byte_us,
        "traceproxy.upstream.total_us": total_us,
    }
    if r.error:
        server_attrs["error.type"] = str(r.status)
        client_attrs["error.type"] = str(r.status)
    client_id = "%016x" % rng.getrandbits(64)
    spans = [
        {
            "span_id": r.span_id,
            "parent_span_id": None,
            "name": r.route,
            "kind": "server",
            "start_unix_ns": str(start_ns),
            "end_unix_ns": str(start_ns + total_ns),
            "duration_ms": r.duration_ms,
            "status": status,
            "status_message": None,
            "attributes": server_attrs,
        },
        {
            "span_id": client_id,
            "parent_span_id": r.span_id,
            "name": r.method,
            "kind": "client",
            "start_unix_ns": str(client_start),
            "end_unix_ns": str(client_start + client_ns),
            "duration_ms": round(client_ns / 1e6, 3),
            "status": status,
            "status_message": None,
            "attributes": client_attrs,
        },
    ]
    link = link_template.replace("{trace_id}", r.trace_id) if link_template else None
    return {"trace_id": r.trace_id, "spans": spans, "link": link}


STATUS_CLASSES = {"2xx": (200, 299), "3xx": (300, 399), "4xx": (400, 499), "5xx": (500, 599)}


class Handler(BaseHTTPRequestHandler):
    server_version = "fake-traceproxy-admin/0.1"
    traffic: Traffic
    options: argparse.Namespace

    def log_message(self, format, *args):  # noqa: A002 - quiet by default
        if self.options.verbose:
            super().log_message(format, *args)

    def send_json(self, body, status: int = 200) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):  # noqa: N802
        if self.path == "/_fake/mode":
            length = int(self.headers.get("Content-Length") or 0)
            mode = json.loads(self.rfile.read(length) or b"{}").get("mode", "ok")
            self.traffic.mode = mode
            return self.send_json({"mode": mode})
        self.send_json({"error": "not found"}, 404)

    def do_GET(self):  # noqa: N802
        url = urlparse(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        path = url.path
        if path in STATIC:
            name, content_type = STATIC[path]
            data = (DASHBOARD / name).read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        if not path.startswith("/api/"):
            return self.send_json({"error": "not found"}, 404)
        if self.options.delay:
            time.sleep(self.options.delay)
        if self.traffic.mode == "error":
            return self.send_json({"error": "simulated failure"}, 500)
        try:
            window = int(query.get("window", "300"))
        except ValueError:
            window = 0
        if path in ("/api/overview", "/api/routes", "/api/route") and window not in WINDOWS:
            return self.send_json({"error": "window must be 300, 900 or 3600"}, 400)

        if path == "/api/status":
            return self.send_json({
                "version": "0.1.0",
                "service_name": self.options.service_name,
                "upstream": "http://127.0.0.1:8000",
                "listen": "0.0.0.0:8080",
                "uptime_seconds": round(time.time() - self.traffic.started + 3725.4, 1),
                "trace_link_template": self.options.link_template,
                "exporters": [{
                    "name": "otlp",
                    "queued": random.randint(0, 4),
                    "exported": len(self.traffic.requests),
                    "dropped": {"queue_full": 0, "rejected": 0, "retries_exhausted": 2, "shutdown": 0},
                    "failed_requests": 1,
                    "last_success_unix": round(time.time() - 1.2, 3),
                }],
            })
        if path == "/api/overview":
            return self.send_json(overview(self.traffic.window(window), window))
        if path == "/api/routes":
            requests = self.traffic.window(window)
            by_route: dict[str, list[Request]] = {}
            for r in requests:
                by_route.setdefault(r.route, []).append(r)
            routes = []
            for name, items in sorted(by_route.items()):
                routes.append({"route": name, "method": items[0].method, "http_route": items[0].http_route,
                               **summary(items, window)})
            return self.send_json({"window_seconds": window, "routes": routes})
        if path == "/api/route":
            name = query.get("name", "")
            if name not in {f"{r[0]} {r[1]}" for r in ROUTES} or self.traffic.mode == "empty":
                return self.send_json({"error": "unknown route"}, 404)
            requests = [r for r in self.traffic.window(window) if r.route == name]
            return self.send_json(overview(requests, window))
        if path == "/api/traces":
            requests = self.traffic.window(3600)
            route = query.get("route") or None
            status = query.get("status") or None
            trace_id = (query.get("trace_id") or "").strip().lower() or None
            try:
                min_ms = float(query["min_ms"]) if query.get("min_ms") else None
                limit = max(1, min(500, int(query.get("limit") or 50)))
            except ValueError:
                return self.send_json({"error": "bad number"}, 400)
            found = []
            for r in reversed(requests):
                if route and r.route != route:
                    continue
                if status == "error" and not r.error:
                    continue
                if status in STATUS_CLASSES and not (STATUS_CLASSES[status][0] <= r.status <= STATUS_CLASSES[status][1]):
                    continue
                if min_ms is not None and r.duration_ms < min_ms:
                    continue
                if trace_id and not r.trace_id.startswith(trace_id):
                    continue
                found.append(trace_summary(r))
                if len(found) >= limit:
                    break
            return self.send_json({"traces": found})
        if path.startswith("/api/traces/"):
            wanted = unquote(path[len("/api/traces/"):]).lower()
            for r in reversed(self.traffic.window(3600)):
                if r.trace_id == wanted:
                    return self.send_json(trace_detail(r, self.options.link_template))
            return self.send_json({"error": "unknown trace"}, 404)
        return self.send_json({"error": "not found"}, 404)


def make_server(host: str = "127.0.0.1", port: int = 0, mode: str = "ok", delay: float = 0.0,
                link_template: str | None = "http://127.0.0.1:16686/trace/{trace_id}",
                service_name: str = "items-api", verbose: bool = False) -> ThreadingHTTPServer:
    traffic = Traffic()
    traffic.mode = mode
    traffic.advance()
    options = argparse.Namespace(delay=delay, link_template=link_template, service_name=service_name, verbose=verbose)
    handler = type("BoundHandler", (Handler,), {"traffic": traffic, "options": options})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--mode", choices=["ok", "empty", "error"], default="ok")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each API answer")
    parser.add_argument("--no-link", action="store_true", help="no trace_link_template")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    server = make_server(args.host, args.port, args.mode, args.delay,
                         None if args.no_link else "http://127.0.0.1:16686/trace/{trace_id}", verbose=args.verbose)
    print(f"fake admin API on http://{args.host}:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
