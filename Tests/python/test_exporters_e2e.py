"""traceproxy in front of the FastAPI app, exporting to receivers on 127.0.0.1 that decode with each
backend's own code: opentelemetry-proto (OTLP protobuf and JSON), jaeger-client's Thrift types (agent UDP
compact, collector HTTP binary), Datadog's ddapm-test-agent, and Zipkin's JSON model.

Each test drives real traffic and checks the decoded spans against what happened: the caller's trace id,
parent links (server span under the caller's span, client span under the server span, the app saw the
client span), names, kinds, attributes, timings, error status and the service name."""

import json
import os
import secrets
import subprocess
import sys
import time

import httpx
import pytest

from conftest import start_traceproxy
from receivers.datadog import DatadogTestAgent, MsgpackAgent, datadog_test_agent_executable
from receivers.http_receiver import Fault, wait_until
from receivers.jaeger import JaegerAgentReceiver, JaegerCollectorReceiver
from receivers.otlp import OTLPReceiver
from receivers.zipkin import ZipkinReceiver

QUICK = {"OTEL_BSP_SCHEDULE_DELAY": "100"}
SERVICE = "checkout-proxy"


# -- traffic ---------------------------------------------------------------------------------------------

class Call:
    """One request with a caller's traceparent, and what the app saw."""

    def __init__(self, proxy, path="/trace-headers"):
        self.trace_id = secrets.token_hex(16)
        self.caller_span = secrets.token_hex(8)
        self.started_ns = time.time_ns()
        with httpx.Client() as client:
            response = client.get(proxy.url + path, headers={"traceparent": f"00-{self.trace_id}-{self.caller_span}-01"})
        self.finished_ns = time.time_ns()
        self.status = response.status_code
        self.seen_parent = response.json()["traceparent"].split("-")[2] if path == "/trace-headers" else None


# -- one shape for every backend's spans -----------------------------------------------------------------

def plain(value):
    """An OTLP or Jaeger typed value ({"string": "x"}) as a Python value."""
    return next(iter(value.values())) if isinstance(value, dict) else value


def from_otlp(span):
    return {
        "trace_id": span["trace_id"], "span_id": span["span_id"], "parent": span["parent_span_id"],
        "name": span["name"], "kind": {2: "server", 3: "client"}.get(span["kind"], span["kind"]),
        "start": span["start"], "end": span["end"], "error": span["status_code"] == 2,
        "attributes": {key: plain(value) for key, value in span["attributes"].items()},
        "service": plain(span["resource"]["service.name"]),
    }


def from_jaeger(span):
    tags = {key: plain(value) for key, value in span["tag_map"].items()}
    parent = span["parent_span_id"]
    return {
        "trace_id": span["trace_id"], "span_id": span["span_id"], "parent": None if int(parent, 16) == 0 else parent,
        "name": span["operation_name"], "kind": tags.get("span.kind"),
        "start": span["start_time"] * 1000, "end": (span["start_time"] + span["duration"]) * 1000,
        "error": tags.get("error") is True, "attributes": tags, "service": span["service_name"],
    }


def from_zipkin(span):
    return {
        "trace_id": span["traceId"].rjust(32, "0"), "span_id": span["id"], "parent": span.get("parentId"),
        "name": span.get("name"), "kind": span.get("kind", "").lower(),
        "start": span["timestamp"] * 1000, "end": (span["timestamp"] + span["duration"]) * 1000,
        "error": "error" in span.get("tags", {}), "attributes": span.get("tags", {}),
        "service": span["localEndpoint"]["serviceName"],
    }


def from_datadog(span, chunk):
    high = next((s["meta"]["_dd.p.tid"] for s in chunk if "_dd.p.tid" in s.get("meta", {})), "0" * 16)
    meta = span.get("meta", {})
    return {
        "trace_id": high + format(span["trace_id"], "016x"), "span_id": format(span["span_id"], "016x"),
        "parent": format(span["parent_id"], "016x") if span.get("parent_id") else None,
        "name": span.get("resource"), "kind": meta.get("span.kind"),
        "start": span["start"], "end": span["start"] + span["duration"], "error": span.get("error") == 1,
        "attributes": {**meta, **span.get("metrics", {})}, "service": span["service"],
    }


def check_call(spans, call, service, status_attribute="http.response.status_code"):
    """The server and client span of one call, checked against the call; returns them."""
    mine = [s for s in spans if s["trace_id"] == call.trace_id]
    servers = [s for s in mine if s["kind"] == "server"]
    clients = [s for s in mine if s["kind"] == "client"]
    assert len(servers) == 1 and len(clients) == 1, mine
    server, client = servers[0], clients[0]
    assert server["parent"] == call.caller_span
    assert client["parent"] == server["span_id"]
    if call.seen_parent:
        assert client["span_id"] == call.seen_parent  # the app's parent is the proxy's client span
    assert server["name"].startswith("GET") and client["name"].startswith("GET")
    assert str(server["attributes"][status_attribute]).split(".")[0] == str(call.status)
    assert server["service"] == service
    for span in (server, client):
        assert call.started_ns - 50_000_000 <= span["start"] <= span["end"] <= call.finished_ns + 50_000_000
    assert server["start"] <= client["start"] and client["end"] <= server["end"] + 1_000
    assert server["error"] == (call.status >= 500)
    return server, client


def drive(proxy):
    """A traced call the app answers, and one it fails with 500."""
    return Call(proxy), Call(proxy, "/status/500")


# -- OTLP -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("protocol,compression", [("http/protobuf", "none"), ("http/json", "none"), ("http/protobuf", "gzip")])
def test_otlp_spans_decode_and_match_the_traffic(fastapi_app, tmp_path, protocol, compression):
    receiver = OTLPReceiver().start()
    proxy = start_traceproxy(
        fastapi_app.url, tmp_path, "--exporter", "otlp", "--service-name", SERVICE,
        env={**QUICK, "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.url, "OTEL_EXPORTER_OTLP_PROTOCOL": protocol,
             "OTEL_EXPORTER_OTLP_COMPRESSION": compression, "OTEL_EXPORTER_OTLP_HEADERS": "x-api-key=s%3Dcret",
             "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment.name=e2e,team=payments"},
    )
    try:
        ok, failed = drive(proxy)
        assert wait_until(lambda: len(receiver.spans) >= 4), receiver.errors
        spans = [from_otlp(s) for s in receiver.spans]
        check_call(spans, ok, SERVICE)
        server, _ = check_call(spans, failed, SERVICE)
        assert server["attributes"]["http.request.method"] == "GET"
        resource = {k: plain(v) for k, v in receiver.spans[0]["resource"].items()}
        assert resource["team"] == "payments" and resource["deployment.environment.name"] == "e2e"
        assert resource["telemetry.sdk.language"] == "swift" and len(resource["service.instance.id"]) == 36
        assert receiver.headers_seen[0]["x-api-key"] == "s=cret"
        assert receiver.content_types == {"application/json" if protocol == "http/json" else "application/x-protobuf"}
        if compression == "gzip":
            assert receiver.headers_seen[0]["content-encoding"] == "gzip"
        assert not receiver.errors
    finally:
        proxy.stop()
        receiver.stop()


# -- Jaeger -----------------------------------------------------------------------------------------------

def test_jaeger_agent_udp_spans_decode_and_match_the_traffic(fastapi_app, tmp_path):
    agent = JaegerAgentReceiver().start()
    proxy = start_traceproxy(
        fastapi_app.url, tmp_path, "--exporter", "jaeger", "--service-name", SERVICE,
        env={**QUICK, "OTEL_EXPORTER_JAEGER_AGENT_HOST": "127.0.0.1", "OTEL_EXPORTER_JAEGER_AGENT_PORT": str(agent.port)},
    )
    try:
        ok, failed = drive(proxy)
        assert wait_until(lambda: len(agent.spans) >= 4), agent.errors
        spans = [from_jaeger(s) for s in agent.spans]
        check_call(spans, ok, SERVICE)
        check_call(spans, failed, SERVICE)
        assert not agent.errors
    finally:
        proxy.stop()
        agent.stop()


def test_jaeger_collector_http_spans_decode_and_match_the_traffic(fastapi_app, tmp_path):
    collector = JaegerCollectorReceiver().start()
    proxy = start_traceproxy(
        fastapi_app.url, tmp_path, "--exporter", "jaeger", "--service-name", SERVICE,
        env={**QUICK, "OTEL_EXPORTER_JAEGER_ENDPOINT": collector.url + "/api/traces"},
    )
    try:
        ok, failed = drive(proxy)
        assert wait_until(lambda: len(collector.spans) >= 4), collector.errors
        spans = [from_jaeger(s) for s in collector.spans]
        check_call(spans, ok, SERVICE)
        check_call(spans, failed, SERVICE)
        assert {status for *_, status in collector.requests} == {202}
    finally:
        proxy.stop()
        collector.stop()


# -- Zipkin -----------------------------------------------------------------------------------------------

def test_zipkin_spans_match_the_model_and_the_traffic(fastapi_app, tmp_path):
    zipkin = ZipkinReceiver().start()
    proxy = start_traceproxy(
        fastapi_app.url, tmp_path, "--exporter", "zipkin", "--service-name", SERVICE,
        env={**QUICK, "OTEL_EXPORTER_ZIPKIN_ENDPOINT": zipkin.url + "/api/v2/spans"},
    )
    try:
        ok, failed = drive(proxy)
        assert wait_until(lambda: len(zipkin.spans) >= 4), zipkin.errors
        spans = [from_zipkin(s) for s in zipkin.spans]
        check_call(spans, ok, SERVICE)
        check_call(spans, failed, SERVICE)
        assert not zipkin.errors
    finally:
        proxy.stop()
        zipkin.stop()


# -- Datadog ----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def datadog_agent(tmp_path_factory):
    """Datadog's own test agent; the msgpack stand-in (with `verify_span`) when it cannot be installed."""
    executable = datadog_test_agent_executable()
    if executable is None:
        yield None
        return
    agent = DatadogTestAgent(executable, tmp_path_factory.mktemp("ddagent") / "agent.log")
    yield agent
    agent.stop()


def test_datadog_spans_pass_the_test_agent_and_match_the_traffic(fastapi_app, tmp_path, datadog_agent):
    fallback = MsgpackAgent().start() if datadog_agent is None else None
    url = datadog_agent.url if datadog_agent else fallback.url
    if datadog_agent:
        datadog_agent.start_session()
    proxy = start_traceproxy(
        fastapi_app.url, tmp_path, "--exporter", "datadog", "--datadog-agent-url", url,
        env={**QUICK, "DD_SERVICE": SERVICE, "DD_ENV": "e2e", "DD_VERSION": "1.2.3"},
    )
    try:
        ok, failed = drive(proxy)

        def chunks():
            return datadog_agent.traces() if datadog_agent else fallback.traces

        assert wait_until(lambda: sum(len(c) for c in chunks()) >= 4)
        spans = [from_datadog(span, chunk) for chunk in chunks() for span in chunk]
        check_call(spans, ok, SERVICE, status_attribute="http.status_code")
        server, _ = check_call(spans, failed, SERVICE, status_attribute="http.status_code")
        assert server["attributes"]["env"] == "e2e" and server["attributes"]["version"] == "1.2.3"
        if datadog_agent:
            status, failures = datadog_agent.failures()
            assert status == 200, failures
    finally:
        proxy.stop()
        if fallback:
            fallback.stop()


def test_datadog_agent_rates_drive_sampling_of_new_traces(fastapi_app, tmp_path):
    agent = MsgpackAgent(rates={f"service:{SERVICE},env:e2e": 0.0, "service:,env:": 1.0}).start()
    proxy = start_traceproxy(
        fastapi_app.url, tmp_path, "--exporter", "datadog", "--datadog-agent-url", agent.url,
        env={**QUICK, "DD_SERVICE": SERVICE, "DD_ENV": "e2e"},
    )
    try:
        with httpx.Client() as client:
            client.get(proxy.url + "/")  # sampled by the configured sampler; its answer brings the rates
            assert wait_until(lambda: agent.span_count >= 1)
            time.sleep(0.3)
            before = agent.span_count
            for _ in range(20):
                client.get(proxy.url + "/")  # new roots: the agent's rate 0 for this service drops them
            Call(proxy)  # a caller's sampled parent still wins
        assert wait_until(lambda: agent.span_count >= before + 2)
        time.sleep(0.5)
        assert agent.span_count == before + 2
    finally:
        proxy.stop()
        agent.stop()


# -- several exporters ------------------------------------------------------------------------------------

def test_two_exporters_each_get_every_span(fastapi_app, tmp_path):
    otlp = OTLPReceiver().start()
    zipkin = ZipkinReceiver().start()
    proxy = start_traceproxy(
        fastapi_app.url, tmp_path, "--service-name", SERVICE,
        env={**QUICK, "OTEL_TRACES_EXPORTER": "otlp,zipkin", "OTEL_EXPORTER_OTLP_ENDPOINT": otlp.url,
             "OTEL_EXPORTER_ZIPKIN_ENDPOINT": zipkin.url + "/api/v2/spans"},
    )
    try:
        call = Call(proxy)
        assert wait_until(lambda: len(otlp.spans) >= 2 and len(zipkin.spans) >= 2)
        check_call([from_otlp(s) for s in otlp.spans], call, SERVICE)
        check_call([from_zipkin(s) for s in zipkin.spans], call, SERVICE)
    finally:
        proxy.stop()
        otlp.stop()
        zipkin.stop()


# -- faults -----------------------------------------------------------------------------------------------

def test_backend_down_at_start_then_up(fastapi_app, tmp_path):
    receiver = OTLPReceiver().start()
    port = receiver.port
    receiver.stop()  # nothing listens there now
    proxy = start_traceproxy(
        fastapi_app.url, tmp_path, "--exporter", "otlp", "--service-name", SERVICE,
        env={**QUICK, "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{port}"},
    )
    try:
        with httpx.Client() as client:
            started = time.monotonic()
            statuses = [client.get(proxy.url + "/items/7").status_code for _ in range(20)]
            elapsed = time.monotonic() - started
        assert statuses == [200] * 20 and elapsed < 10  # the proxy serves normally
        assert wait_until(lambda: "Span export failed" in proxy.log.read_text(), timeout=10)

        receiver = OTLPReceiver(port=port).start()
        call = Call(proxy)
        assert wait_until(lambda: any(s["trace_id"] == call.trace_id for s in receiver.spans), timeout=30)
        check_call([from_otlp(s) for s in receiver.spans], call, SERVICE)
    finally:
        proxy.stop()
        receiver.stop()


def test_throttled_batch_arrives_once_after_retry_after(fastapi_app, tmp_path):
    receiver = OTLPReceiver().start()
    receiver.set_fault(Fault(503, retry_after=1, count=1))
    proxy = start_traceproxy(
        fastapi_app.url, tmp_path, "--exporter", "otlp", "--service-name", SERVICE,
        env={**QUICK, "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.url},
    )
    try:
        call = Call(proxy)
        assert wait_until(lambda: len(receiver.spans) >= 2)
        (first, *_, s1), (second, *_, s2) = receiver.requests[0], receiver.requests[1]
        assert (s1, s2) == (503, 200)
        assert second - first >= 0.95  # Retry-After: 1
        check_call([from_otlp(s) for s in receiver.spans], call, SERVICE)
        time.sleep(0.5)
        assert len(receiver.spans) == 2  # once
    finally:
        proxy.stop()
        receiver.stop()


def test_bad_request_drops_the_batch_without_retrying(fastapi_app, tmp_path):
    receiver = OTLPReceiver().start()
    receiver.set_fault(Fault(400, count=1))
    proxy = start_traceproxy(
        fastapi_app.url, tmp_path, "--exporter", "otlp", "--service-name", SERVICE,
        env={**QUICK, "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.url},
    )
    try:
        dropped = Call(proxy)
        assert wait_until(lambda: len(receiver.requests) >= 1)
        time.sleep(1.0)  # longer than any backoff: a retry would have come
        assert len(receiver.requests) == 1 and receiver.spans == []
        kept = Call(proxy)
        assert wait_until(lambda: len(receiver.spans) >= 2)
        spans = [from_otlp(s) for s in receiver.spans]
        check_call(spans, kept, SERVICE)
        assert not any(s["trace_id"] == dropped.trace_id for s in spans)
    finally:
        proxy.stop()
        receiver.stop()


# -- nothing lost when healthy ----------------------------------------------------------------------------

def load(url, total, threads=8):
    """`total` GETs over `threads` keep-alive connections, from another process; returns the status counts."""
    script = os.path.join(os.path.dirname(__file__), "load_client.py")
    result = subprocess.run(
        [sys.executable, script, url, "--total", str(total), "--threads", str(threads)],
        capture_output=True, text=True, timeout=600, check=True,
    )
    return json.loads(result.stdout)["statuses"]


def test_every_request_gives_exactly_one_server_span_at_each_backend(fastapi_app, tmp_path):
    total = 10_000
    otlp = OTLPReceiver().start()
    datadog = MsgpackAgent().start()
    proxy = start_traceproxy(
        fastapi_app.url, tmp_path, "--exporter", "otlp,datadog", "--service-name", SERVICE,
        "--datadog-agent-url", datadog.url,
        env={"OTEL_EXPORTER_OTLP_ENDPOINT": otlp.url, "OTEL_TRACES_SAMPLER": "always_on"},
    )
    try:
        statuses = load(proxy.url + "/items/7", total)
        assert statuses == {"200": total}

        def otlp_servers():
            return sum(1 for s in list(otlp.spans) if s["kind"] == 2)

        def datadog_servers():
            return sum(1 for t in list(datadog.traces) for s in t if s.get("meta", {}).get("span.kind") == "server")

        assert wait_until(lambda: otlp_servers() >= total and datadog_servers() >= total, timeout=60)
        time.sleep(1.5)
        assert otlp_servers() == total
        assert datadog_servers() == total
        assert len({s["span_id"] for s in otlp.spans}) == len(otlp.spans)  # no batch twice
        assert not otlp.errors and not datadog.errors
    finally:
        proxy.stop()
        otlp.stop()
        datadog.stop()


# -- OTLP/gRPC --------------------------------------------------------------------------------------------

def from_otlp_grpc(resource, span):
    return from_otlp({
        "resource": {k: {"string": v.string_value} for k, v in resource.items()},
        "trace_id": span.trace_id.hex(), "span_id": span.span_id.hex(),
        "parent_span_id": span.parent_span_id.hex() if span.parent_span_id else None,
        "name": span.name, "kind": span.kind, "start": span.start_time_unix_nano, "end": span.end_time_unix_nano,
        "status_code": span.status.code,
        "attributes": {kv.key: {kv.value.WhichOneof("value"): getattr(kv.value, kv.value.WhichOneof("value"))}
                       for kv in span.attributes},
    })


def test_otlp_grpc_spans_decode_and_match_the_traffic(fastapi_app, tmp_path):
    grpc = pytest.importorskip("grpc")
    from receivers.otlp_grpc import OTLPGRPCReceiver

    receiver = OTLPGRPCReceiver().start()
    receiver.fail_with = [grpc.StatusCode.UNAVAILABLE]  # retried
    proxy = start_traceproxy(
        fastapi_app.url, tmp_path, "--exporter", "otlp", "--service-name", SERVICE,
        env={**QUICK, "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.url, "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
             "OTEL_EXPORTER_OTLP_HEADERS": "x-api-key=abc"},
    )
    try:
        ok, failed = drive(proxy)
        assert wait_until(lambda: len(receiver.spans) >= 4)
        spans = [from_otlp_grpc(r, s) for r, s in receiver.spans]
        check_call(spans, ok, SERVICE)
        check_call(spans, failed, SERVICE)
        assert receiver.calls >= 2 and receiver.metadata[-1]["x-api-key"] == "abc"

        receiver.fail_with = [grpc.StatusCode.INVALID_ARGUMENT]  # dropped, not retried
        calls = receiver.calls
        dropped = Call(proxy)
        assert wait_until(lambda: receiver.calls == calls + 1)
        time.sleep(1.0)
        assert receiver.calls == calls + 1
        assert not any(s.trace_id.hex() == dropped.trace_id for _, s in receiver.spans)
    finally:
        proxy.stop()
        receiver.stop()
