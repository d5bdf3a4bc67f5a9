"""`traceproxy demo` end to end: the JSON API, /metrics through a real Prometheus parser, and the
dashboard in headless Chromium against the real admin server."""

import os
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
from prometheus_client.parser import text_string_to_metric_families as parse_prometheus

from conftest import ROOT, free_port, traceproxy_binary, wait_for_port


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    listen, admin = free_port(), free_port()
    log = tmp_path_factory.mktemp("demo") / "demo.log"
    process = subprocess.Popen(
        [traceproxy_binary(), "demo", "--rate", "20", "--listen", f"127.0.0.1:{listen}", "--admin", f"127.0.0.1:{admin}"],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(admin, process)
        base = f"http://127.0.0.1:{admin}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            traces = httpx.get(base + "/api/traces?limit=5").json()["traces"]
            if len(traces) >= 5:
                break
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        print(log.read_text()[-2000:])


def test_health_and_readiness(demo):
    assert httpx.get(demo + "/healthz").text.strip() == "ok"
    assert httpx.get(demo + "/readyz").status_code == 200


def test_json_api_reports_the_demo_traffic(demo):
    status = httpx.get(demo + "/api/status").json()
    assert status["service_name"] == "demo-shop" and status["uptime_seconds"] > 0

    overview = httpx.get(demo + "/api/overview?window=300").json()
    assert overview["window_seconds"] == 300 and overview["bucket_seconds"] == 10
    assert len(overview["series"]) == 30
    assert overview["totals"]["requests"] > 0 and overview["totals"]["p99_ms"] > 0

    routes = httpx.get(demo + "/api/routes?window=300").json()["routes"]
    assert routes and all(route["requests"] > 0 for route in routes)

    traces = httpx.get(demo + "/api/traces?limit=20").json()["traces"]
    assert traces and all(len(t["trace_id"]) == 32 for t in traces)
    detail = httpx.get(demo + f"/api/traces/{traces[0]['trace_id']}").json()
    kinds = sorted(span["kind"] for span in detail["spans"])
    assert "server" in kinds and "client" in kinds
    server = next(span for span in detail["spans"] if span["kind"] == "server")
    client = next(span for span in detail["spans"] if span["kind"] == "client")
    assert client["parent_span_id"] == server["span_id"]

    assert httpx.get(demo + "/api/traces/" + "0" * 31 + "1").status_code == 404
    assert httpx.post(demo + "/api/status").status_code == 405


def test_metrics_parse_as_prometheus_text_and_openmetrics(demo):
    text = httpx.get(demo + "/metrics")
    assert text.headers["content-type"].startswith("text/plain")
    families = {family.name: family for family in parse_prometheus(text.text)}
    duration = families["http_server_request_duration_seconds"]
    labels = {sample.labels.get("http_route") for sample in duration.samples}
    assert labels and all(label is not None and not label[0:1].isdigit() for label in labels)
    assert any(sample.name.endswith("_count") and sample.value > 0 for sample in duration.samples)
    assert "process_resident_memory_bytes" in families
    # The demo keeps a few requests in flight most of the time; the gauge is wired to the proxy.
    in_flight = [
        next(
            sample.value
            for family in parse_prometheus(httpx.get(demo + "/metrics").text)
            for sample in family.samples
            if sample.name == "traceproxy_requests_in_flight"
        )
        for _ in range(40)
        if not time.sleep(0.05)
    ]
    assert max(in_flight) >= 1 and min(in_flight) >= 0

    open_metrics = httpx.get(demo + "/metrics", headers={"Accept": "application/openmetrics-text; version=1.0.0"})
    assert open_metrics.headers["content-type"].startswith("application/openmetrics-text")
    parsed = list(parse_openmetrics(open_metrics.text))
    exemplars = [s.exemplar for f in parsed for s in f.samples if s.exemplar is not None]
    assert exemplars and all(len(e.labels["trace_id"]) == 32 for e in exemplars)


@pytest.mark.skipif(os.environ.get("TRACEPROXY_SKIP_BROWSER") == "1", reason="TRACEPROXY_SKIP_BROWSER=1")
def test_dashboard_renders_the_demo_in_chromium(demo):
    from dashboard_check import DashboardCheckError, check_dashboard

    artifacts = Path(os.environ.get("TRACEPROXY_ARTIFACTS") or ROOT / "artifacts") / "demo"
    artifacts.mkdir(parents=True, exist_ok=True)
    try:
        found = check_dashboard(demo, artifacts)
    except DashboardCheckError as error:
        pytest.fail(str(error))
    assert found["console_errors"] == []
    assert found["overview"]["route_rows"] > 0 and found["overview"]["trace_rows"] > 0
    assert found["overview"]["chart_points"]["latency_lines"] == 3
    assert found["trace"]["bars"] >= 2, "the timeline shows the server span and its client span"
    assert found["live_update"]
