"""Span names carry FastAPI's own route templates once traceproxy has discovered the app's OpenAPI routes.

Skipped until the binary supports discovery (its --help lists --openapi-path). The expected templates are
computed from the example app's own routes, as FastAPI's OpenTelemetry instrumentation would name them.
"""

import json
import re
import secrets
import subprocess
import sys
import time

import httpx
import pytest

from conftest import ROOT, start_traceproxy, traceproxy_binary


def supports_discovery() -> bool:
    try:
        help_text = subprocess.run(
            [traceproxy_binary(), "--help"], capture_output=True, text=True, timeout=30
        ).stdout
    except (RuntimeError, OSError, subprocess.TimeoutExpired):
        return False
    return "--openapi-path" in help_text


pytestmark = pytest.mark.skipif(not supports_discovery(), reason="traceproxy has no --openapi-path (route discovery)")

# Values that make each route answer normally; any other parameter gets "7".
VALUES = {"item_id": "8731", "user_id": "5", "order_id": "abc-1", "code": "418"}
BODIES = {("POST", "/items"): b'{"name": "x"}', ("POST", "/echo"): b"hello"}


def example_routes():
    """(method, template) for every APIRoute of deploy/example-app/app.py, from FastAPI itself."""
    sys.path.insert(0, str(ROOT / "deploy" / "example-app"))
    try:
        import app as example
        from fastapi.routing import APIRoute
    finally:
        sys.path.pop(0)
    return sorted(
        (method, route.path)
        for route in example.app.routes
        if isinstance(route, APIRoute)
        for method in route.methods
    )


def concrete(template: str) -> str:
    return re.sub(r"\{([^}:]+)(:[^}]*)?\}", lambda m: VALUES.get(m.group(1), "7"), template)


def spans_in(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def server_span(path, trace_id, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for span in spans_in(path):
            if span.get("traceId") == trace_id and span.get("kind") == "server":
                return span
        time.sleep(0.1)
    raise AssertionError(f"no server span for trace {trace_id} in {path}")


def traced_request(client, url, method, path, spans):
    trace_id = secrets.token_hex(16)
    headers = {"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01", "content-type": "application/json"}
    client.request(method, url + path, content=BODIES.get((method, path)), headers=headers)
    return server_span(spans, trace_id)


@pytest.fixture()
def proxy(fastapi_app, tmp_path):
    spans = tmp_path / "spans.jsonl"
    running = start_traceproxy(fastapi_app.url, tmp_path, "--exporter", "console", "--console-output", str(spans))
    running.spans = spans
    yield running
    running.stop()


def wait_for_discovery(client, proxy, timeout=30.0):
    """Discovery runs after start: poll until a span carries FastAPI's template (not a heuristic one)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if traced_request(client, proxy.url, "GET", "/items/1", proxy.spans)["name"] == "GET /items/{item_id}":
            return
        time.sleep(0.2)
    raise AssertionError(f"routes not discovered within {timeout}s: {proxy.log.read_text()}")


def test_example_app_has_routes_with_parameters():
    routes = example_routes()
    assert ("GET", "/items/{item_id}") in routes and ("POST", "/items") in routes


def test_span_names_use_fastapis_route_templates(proxy):
    with httpx.Client(timeout=30) as client:
        wait_for_discovery(client, proxy)
        seen = {}
        for method, template in example_routes():
            span = traced_request(client, proxy.url, method, concrete(template), proxy.spans)
            seen[(method, template)] = (span["name"], span["attributes"].get("http.route"))
    expected = {(method, template): (f"{method} {template}", template) for method, template in example_routes()}
    assert seen == expected
