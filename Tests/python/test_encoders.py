"""Checks the payloads written by the Swift test `PayloadExportTests` with each backend's reference
decoder against the fixture spans, written out again here so nothing is taken from the encoders.

Run: TRACEPROXY_PAYLOAD_DIR=/tmp/traceproxy-payloads python -m pytest Tests/python
(the Swift test target writes the payloads first; see Tests/TraceProxyExportTests/PayloadExportTests.swift)."""

import glob
import json
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

import decode_datadog  # noqa: E402
import decode_jaeger  # noqa: E402
import decode_otlp  # noqa: E402
import decode_zipkin  # noqa: E402

PAYLOAD_DIR = os.environ.get("TRACEPROXY_PAYLOAD_DIR", "/tmp/traceproxy-payloads")

TEXT = "quote \" backslash \\ newline \n tab \t bell \x07 é 🚀"
TRACE_A = "0af7651916cd43dd8448eb211c80319c"
TRACE_B = "0000000000000000a3ce929d0e0e4736"
TRACESTATE = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"

# Mirrors Tests/TraceProxyExportTests/Support/FinishedSpan+Fixtures.swift, in batch order.
SPANS = [
    dict(trace_id=TRACE_A, span_id="b7ad6b7169203331", parent="00f067aa0ba902b7", remote=True, flags=0x03,
         trace_state=TRACESTATE, name="GET /items/{item_id}", kind=2,
         start=1_700_000_000_123_456_789, end=1_700_000_000_135_802_359, status=None,
         attributes=[("http.request.method", "string", "GET"), ("url.path", "string", "/items/42"),
                     ("http.route", "string", "/items/{item_id}"), ("http.response.status_code", "int", 200),
                     ("user_agent.original", "string", "curl/8.5.0"), ("client.address", "string", "192.0.2.7")]),
    dict(trace_id=TRACE_B, span_id="fffffffffffffffe", parent=None, remote=False, flags=0x00,
         trace_state="", name="POST /orders", kind=2,
         start=1_700_000_001_000_000_000, end=1_700_000_001_250_000_000, status=("ok", ""),
         attributes=[("text", "string", TEXT), ("empty", "string", ""), ("int.negative", "int", -42),
                     ("int.max", "int", 2**63 - 1), ("double", "double", 3.25), ("double.small", "double", 1e-7),
                     ("bool.true", "bool", True), ("bool.false", "bool", False)]),
    dict(trace_id=TRACE_A, span_id="53995c3f42cd8ad8", parent="b7ad6b7169203331", remote=False, flags=0x03,
         trace_state=TRACESTATE, name="GET", kind=3,
         start=1_700_000_000_124_000_000, end=1_700_000_000_134_000_001, status=("error", "upstream answered 503"),
         attributes=[("http.request.method", "string", "GET"),
                     ("url.full", "string", "http://inventory.internal:8080/items/42"),
                     ("server.address", "string", "inventory.internal"), ("server.port", "int", 8080),
                     ("network.peer.address", "string", "10.1.2.3"), ("http.response.status_code", "int", 503)]),
    dict(trace_id=TRACE_B, span_id="0000000000000001", parent="fffffffffffffffe", remote=False, flags=0x00,
         trace_state="", name="render", kind=1,
         start=1_700_000_001_100_000_000, end=1_700_000_001_100_000_500, status=None, attributes=[]),
]
RESOURCE = [("service.name", "Checkout-API"), ("service.version", "1.4.2"),
            ("deployment.environment.name", "staging"), ("service.instance.id", "instance-0001"),
            ("telemetry.sdk.name", "traceproxy"), ("telemetry.sdk.language", "swift"),
            ("telemetry.sdk.version", "0.1.0")]
KIND_NAMES = {1: "internal", 2: "server", 3: "client"}


def payload(name):
    path = os.path.join(PAYLOAD_DIR, name)
    if not os.path.exists(path):
        pytest.fail(f"{path} missing: run `swift test --filter TraceProxyExportTests` first")
    with open(path, "rb") as file:
        return file.read()


def micros_ceil(nanoseconds):
    return -(-nanoseconds // 1000)


# ---------------------------------------------------------------- OTLP


@pytest.mark.parametrize("name,is_json", [("otlp.binpb", False), ("otlp.json", True)])
def test_otlp_decodes_to_the_fixture(name, is_json):
    summary = decode_otlp.summarize(decode_otlp.parse(payload(name), is_json))
    assert len(summary["resource_spans"]) == 1
    resource_spans = summary["resource_spans"][0]
    assert resource_spans["resource"] == [[k, {"string": v}] for k, v in RESOURCE]
    assert len(resource_spans["scope_spans"]) == 1
    scope_spans = resource_spans["scope_spans"][0]
    assert scope_spans["scope"] == {"name": "traceproxy", "version": "0.1.0"}
    spans = scope_spans["spans"]
    assert len(spans) == len(SPANS)
    for decoded, expected in zip(spans, SPANS):
        assert decoded["trace_id"] == expected["trace_id"]
        assert decoded["span_id"] == expected["span_id"]
        assert decoded["parent_span_id"] == expected["parent"]
        assert decoded["trace_state"] == expected["trace_state"]
        assert decoded["flags"] == expected["flags"] | 0x100 | (0x200 if expected["remote"] else 0)
        assert decoded["name"] == expected["name"]
        assert decoded["kind"] == expected["kind"]
        assert decoded["start_time_unix_nano"] == expected["start"]
        assert decoded["end_time_unix_nano"] == expected["end"]
        assert decoded["attributes"] == [[k, {t: v}] for k, t, v in expected["attributes"]]
        if expected["status"] is None:
            # No status on the wire (protobuf); json_format cannot tell absent from empty, both read as UNSET.
            assert decoded["status"] is None or decoded["status"] == {"code": 0, "message": ""}
        else:
            code = {"ok": 1, "error": 2}[expected["status"][0]]
            assert decoded["status"] == {"code": code, "message": expected["status"][1]}


def test_otlp_protobuf_has_no_unknown_or_default_valued_fields():
    request = decode_otlp.parse(payload("otlp.binpb"))
    # Re-serializing with the reference implementation yields the same bytes: we wrote canonical proto3.
    assert request.SerializeToString(deterministic=True) == payload("otlp.binpb")


# ---------------------------------------------------------------- Jaeger


def _check_jaeger(summary):
    assert summary["process"]["service_name"] == "Checkout-API"
    assert summary["process"]["tags"] == [[k, {"string": v}] for k, v in RESOURCE if k != "service.name"]
    spans = summary["spans"]
    assert len(spans) == len(SPANS)
    for decoded, expected in zip(spans, SPANS):
        assert decoded["trace_id"] == expected["trace_id"]
        assert decoded["span_id"] == expected["span_id"]
        assert decoded["parent_span_id"] == (expected["parent"] or "0" * 16)
        assert decoded["operation_name"] == expected["name"]
        assert decoded["flags"] == expected["flags"] & 0x01
        assert decoded["start_time"] == expected["start"] // 1000
        assert decoded["duration"] == micros_ceil(expected["end"] - expected["start"])
        tags = dict((k, v) for k, v in decoded["tags"])
        assert len(tags) == len(decoded["tags"]), "duplicate tag keys"
        for key, kind, value in expected["attributes"]:
            assert tags[key] == {{"string": "string", "int": "long", "double": "double", "bool": "bool"}[kind]: value}
        if expected["kind"] != 1:
            assert tags["span.kind"] == {"string": KIND_NAMES[expected["kind"]]}
        else:
            assert "span.kind" not in tags
        if expected["status"] and expected["status"][0] == "error":
            assert tags["error"] == {"bool": True}
            assert tags["otel.status_code"] == {"string": "ERROR"}
            assert tags["otel.status_description"] == {"string": expected["status"][1]}
        else:
            assert "error" not in tags
        assert tags["otel.scope.name"] == {"string": "traceproxy"}


def test_jaeger_collector_batch_decodes_to_the_fixture():
    _check_jaeger(decode_jaeger.summarize(decode_jaeger.decode_collector_batch(payload("jaeger-collector.thrift"))))


def test_jaeger_agent_datagram_decodes_to_the_fixture():
    _check_jaeger(decode_jaeger.summarize(decode_jaeger.decode_agent_datagram(payload("jaeger-agent.thrift"))))


def test_jaeger_split_datagrams_fit_and_keep_every_span_in_order():
    paths = sorted(glob.glob(os.path.join(PAYLOAD_DIR, "jaeger-agent-split-*.thrift")),
                   key=lambda p: int(p.rsplit("-", 1)[1].split(".")[0]))
    assert len(paths) >= 2
    span_ids = []
    for path in paths:
        with open(path, "rb") as file:
            data = file.read()
        assert len(data) <= 65_000
        batch = decode_jaeger.decode_agent_datagram(data)
        assert batch.process.serviceName == "Checkout-API"
        span_ids += [span.spanId for span in batch.spans]
    assert span_ids == list(range(1, 121))


# ---------------------------------------------------------------- Datadog


def test_datadog_payload_passes_the_test_agent_checks_and_matches_the_fixture():
    traces = decode_datadog.decode_v04(payload("datadog-v04.msgpack"))
    assert [len(trace) for trace in traces] == [2, 2]
    by_id = {format(span["span_id"], "016x"): span for trace in traces for span in trace}
    for expected in SPANS:
        span = by_id[expected["span_id"]]
        assert format(span["trace_id"], "016x") == expected["trace_id"][16:]
        assert span["parent_id"] == int(expected["parent"] or "0", 16)
        assert span["resource"] == expected["name"]
        assert span["service"] == "Checkout-API"
        assert span["start"] == expected["start"]
        assert span["duration"] == expected["end"] - expected["start"]
        is_error = bool(expected["status"] and expected["status"][0] == "error")
        assert span["error"] == (1 if is_error else 0)
        assert span["meta"]["span.kind"] == KIND_NAMES[expected["kind"]]
        assert span["meta"]["env"] == "staging" and span["meta"]["version"] == "1.4.2"
        for key, kind, value in expected["attributes"]:
            if kind == "string":
                assert span["meta"][key] == value
            elif kind == "bool":
                assert span["meta"][key] == ("true" if value else "false")
            else:
                assert isinstance(span["metrics"][key], float) and span["metrics"][key] == float(value)
        if is_error:
            assert span["meta"]["error.message"] == expected["status"][1]
    # 128-bit id: the high half on the first span of its chunk.
    assert traces[0][0]["meta"]["_dd.p.tid"] == TRACE_A[:16]
    assert "_dd.p.tid" not in traces[0][1]["meta"] and "_dd.p.tid" not in traces[1][0]["meta"]
    # Local roots carry the sampling decision.
    assert traces[0][0]["metrics"]["_sampling_priority_v1"] == 1.0
    assert traces[1][0]["metrics"]["_sampling_priority_v1"] == 0.0
    assert "_sampling_priority_v1" not in traces[0][1]["metrics"]


def test_datadog_ids_above_2_to_the_63_survive():
    traces = decode_datadog.decode_v04(payload("datadog-v04.msgpack"))
    assert traces[1][0]["span_id"] == 0xFFFFFFFFFFFFFFFE


@pytest.mark.skipif("DD_TEST_AGENT_URL" not in os.environ,
                    reason="set DD_TEST_AGENT_URL to a running ddapm-test-agent, e.g. http://127.0.0.1:8126")
def test_datadog_test_agent_accepts_the_payload_with_our_headers():
    import urllib.request
    import uuid

    base = os.environ["DD_TEST_AGENT_URL"].rstrip("/")
    # A fresh session per run: the test agent keeps header-check failures across requests of one session.
    token = f"traceproxy-{uuid.uuid4().hex}"
    urllib.request.urlopen(f"{base}/test/session/start?test_session_token={token}", timeout=10).read()
    headers = json.loads(payload("datadog-v04.headers.json"))
    headers["X-Datadog-Test-Session-Token"] = token
    request = urllib.request.Request(f"{base}/v0.4/traces", data=payload("datadog-v04.msgpack"),
                                     headers=headers, method="PUT")
    # With its header checks enabled (ENABLED_CHECKS=trace_count_header,meta_tracer_version_header,...)
    # the test agent answers 400 when one fails, which urlopen raises.
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        answer = json.loads(response.read())
        assert "rate_by_service" in answer
    with urllib.request.urlopen(f"{base}/test/session/traces?test_session_token={token}", timeout=10) as response:
        traces = json.loads(response.read())
    assert sorted(len(trace) for trace in traces) == [2, 2]
    names = {span["resource"] for trace in traces for span in trace}
    assert names == {expected["name"] for expected in SPANS}


# ---------------------------------------------------------------- Zipkin


def test_zipkin_follows_the_api_model_and_matches_the_fixture():
    spans = decode_zipkin.decode(payload("zipkin.json"))
    assert len(spans) == len(SPANS)
    for decoded, expected in zip(spans, SPANS):
        assert decoded["traceId"] == expected["trace_id"]
        assert decoded["id"] == expected["span_id"]
        assert decoded.get("parentId") == expected["parent"]
        assert decoded["name"] == expected["name"]
        assert decoded.get("kind") == {1: None, 2: "SERVER", 3: "CLIENT"}[expected["kind"]]
        assert decoded["timestamp"] == expected["start"] // 1000
        assert decoded["duration"] == max(1, micros_ceil(expected["end"] - expected["start"]))
        assert decoded["localEndpoint"] == {"serviceName": "checkout-api"}
        for key, kind, value in expected["attributes"]:
            text = {"bool": lambda v: "true" if v else "false", "double": repr}.get(kind, str)(value)
            assert decoded["tags"][key] == text
        if expected["status"] and expected["status"][0] == "error":
            assert decoded["tags"]["error"] == expected["status"][1]
        else:
            assert "error" not in decoded["tags"]
    assert spans[2]["remoteEndpoint"] == {"serviceName": "inventory.internal", "ipv4": "10.1.2.3", "port": 8080}


def test_zipkin_checker_rejects_what_the_api_forbids():
    good = json.loads(payload("zipkin.json"))
    for mutate in (
        lambda s: s.__setitem__("traceId", s["traceId"].upper()),
        lambda s: s.__setitem__("parentId", "0" * 16),
        lambda s: s.__setitem__("duration", 0),
        lambda s: s["tags"].__setitem__("n", 1),
        lambda s: s.__setitem__("kind", "server"),
    ):
        spans = json.loads(json.dumps(good))
        mutate(spans[0])
        with pytest.raises(AssertionError):
            decode_zipkin.decode(json.dumps(spans).encode())


# ---------------------------------------------------------------- Console


def test_console_lines_are_json_objects_matching_the_fixture():
    lines = payload("console.ndjson").decode().splitlines()
    assert len(lines) == len(SPANS)
    for line, expected in zip(lines, SPANS):
        record = json.loads(line)
        assert record["traceId"] == expected["trace_id"]
        assert record["parentSpanId"] == expected["parent"]
        assert record["durationNs"] == expected["end"] - expected["start"]
        assert record["attributes"] == {k: v for k, _, v in expected["attributes"]}
