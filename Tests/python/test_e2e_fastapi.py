"""traceproxy in front of a real FastAPI app under uvicorn: transparent, and the trace continues."""

import json
import secrets
import time

import httpx
import pytest

from conftest import start_traceproxy

IGNORED = {"date"}  # differs by the clock, not by the proxy


@pytest.fixture()
def proxy(fastapi_app, tmp_path):
    spans = tmp_path / "spans.jsonl"
    running = start_traceproxy(fastapi_app.url, tmp_path, "--exporter", "console", "--console-output", str(spans))
    running.spans = spans
    yield running
    running.stop()


def comparable(response: httpx.Response):
    headers = [(k.lower(), v) for k, v in response.headers.multi_items() if k.lower() not in IGNORED]
    return response.status_code, headers, response.content


REQUESTS = [
    ("GET", "/", None, {}),
    ("GET", "/items/7", None, {}),
    ("GET", "/items/1000", None, {}),
    ("POST", "/items", b'{"name": "x"}', {"content-type": "application/json"}),
    ("GET", "/users/5/orders/abc-1", None, {}),
    ("POST", "/echo", bytes(range(256)) * 64, {"content-type": "application/octet-stream"}),
    ("GET", "/status/418", None, {}),
    ("GET", "/status/503", None, {}),
    ("GET", "/gzip", None, {"accept-encoding": "gzip"}),
    ("GET", "/stream?chunks=4", None, {}),
    ("GET", "/cookies", None, {}),
    ("HEAD", "/items/3", None, {}),
    ("GET", "/fail", None, {}),
    ("GET", "/nope?q=a%20b&x=%2F", None, {}),
]


@pytest.mark.parametrize("method,path,body,headers", REQUESTS, ids=[f"{m} {p}" for m, p, _, _ in REQUESTS])
def test_responses_are_identical_to_direct_ones(fastapi_app, proxy, method, path, body, headers):
    with httpx.Client() as client:
        direct = client.request(method, fastapi_app.url + path, content=body, headers=headers)
        proxied = client.request(method, proxy.url + path, content=body, headers=headers)
    assert comparable(proxied) == comparable(direct)


def test_gzip_bytes_pass_through_undecoded(proxy):
    with httpx.Client() as client:
        response = client.get(proxy.url + "/gzip", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.content == b"compressed hello " * 64  # httpx decoded it: the bytes were gzip on the wire


def test_app_sees_a_traceparent_continuing_the_callers_trace(proxy):
    trace_id = secrets.token_hex(16)
    caller_span = secrets.token_hex(8)
    incoming = f"00-{trace_id}-{caller_span}-01"
    with httpx.Client() as client:
        seen = client.get(
            proxy.url + "/trace-headers", headers={"traceparent": incoming, "tracestate": "vendor=abc"}
        ).json()
    version, seen_trace, seen_parent, flags = seen["traceparent"].split("-")
    assert (version, seen_trace, flags) == ("00", trace_id, "01")
    assert seen_parent != caller_span and len(seen_parent) == 16
    assert seen["tracestate"] == "vendor=abc"
    assert seen["x-forwarded-proto"] == "http"
    assert seen["x-forwarded-for"] == "127.0.0.1"

    server = wait_for_span(proxy.spans, lambda s: s["traceId"] == trace_id and s["kind"] == "server")
    client = wait_for_span(proxy.spans, lambda s: s["traceId"] == trace_id and s["kind"] == "client")
    assert server["parentSpanId"] == caller_span
    assert client["parentSpanId"] == server["spanId"]
    assert client["spanId"] == seen_parent  # the app's parent is the proxy's client span
    assert server["attributes"]["http.response.status_code"] == 200


def test_app_sees_a_new_trace_when_the_caller_sends_none(proxy):
    with httpx.Client() as client:
        seen = client.get(proxy.url + "/trace-headers").json()
    version, trace_id, parent, flags = seen["traceparent"].split("-")
    assert version == "00" and len(trace_id) == 32 and int(trace_id, 16) != 0
    assert int(flags, 16) & 1 == 1
    server = wait_for_span(proxy.spans, lambda s: s["traceId"] == trace_id and s["kind"] == "server")
    client = wait_for_span(proxy.spans, lambda s: s["traceId"] == trace_id and s["kind"] == "client")
    assert client["spanId"] == parent
    assert not server.get("parentSpanId")


def wait_for_span(path, predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            for line in path.read_text().splitlines():
                if not line.strip():
                    continue
                span = json.loads(line)
                if predicate(span):
                    return span
        time.sleep(0.1)
    raise AssertionError(f"no matching span in {path}: {path.read_text() if path.exists() else 'missing'}")
