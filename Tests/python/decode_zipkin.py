"""Decode a Zipkin v2 JSON span list and check it against the `Span` and `Endpoint` models of
openzipkin/zipkin-api zipkin2-api.yaml; print the spans as a canonical JSON summary.
Usage: decode_zipkin.py FILE"""

import json
import re
import sys

HEX16 = re.compile(r"^[0-9a-f]{16}$")
HEX16_OR_32 = re.compile(r"^([0-9a-f]{16}|[0-9a-f]{32})$")
KINDS = {"CLIENT", "SERVER", "PRODUCER", "CONSUMER"}
SPAN_FIELDS = {"traceId", "id", "parentId", "name", "kind", "timestamp", "duration", "debug", "shared",
               "localEndpoint", "remoteEndpoint", "annotations", "tags"}
ENDPOINT_FIELDS = {"serviceName", "ipv4", "ipv6", "port"}
IPV4 = re.compile(r"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def check_endpoint(endpoint, where):
    assert isinstance(endpoint, dict), f"{where}: not an object"
    assert set(endpoint) <= ENDPOINT_FIELDS, f"{where}: unknown fields {set(endpoint) - ENDPOINT_FIELDS}"
    if "serviceName" in endpoint:
        assert isinstance(endpoint["serviceName"], str), f"{where}.serviceName not a string"
        assert endpoint["serviceName"] == endpoint["serviceName"].lower(), f"{where}.serviceName not lower-case"
    if "ipv4" in endpoint:
        match = IPV4.match(endpoint["ipv4"])
        assert match and all(int(part) <= 255 for part in match.groups()), f"{where}.ipv4 not dotted-quad"
    if "ipv6" in endpoint:
        assert ":" in endpoint["ipv6"] and "[" not in endpoint["ipv6"], f"{where}.ipv6 not an IPv6 literal"
    if "port" in endpoint:
        assert _is_int(endpoint["port"]) and 0 < endpoint["port"] <= 65535, f"{where}.port must be 1-65535, never 0"


def check_span(span, index):
    where = f"span[{index}]"
    assert isinstance(span, dict), f"{where}: not an object"
    assert set(span) <= SPAN_FIELDS, f"{where}: unknown fields {set(span) - SPAN_FIELDS}"
    # Required: traceId and id.
    assert isinstance(span.get("traceId"), str) and HEX16_OR_32.match(span["traceId"]), f"{where}.traceId"
    assert span["traceId"].strip("0"), f"{where}.traceId all zeros"
    assert isinstance(span.get("id"), str) and HEX16.match(span["id"]), f"{where}.id"
    if "parentId" in span:
        assert isinstance(span["parentId"], str) and HEX16.match(span["parentId"]), f"{where}.parentId"
        assert span["parentId"].strip("0"), f"{where}.parentId must be absent for a root, not zeros"
    if "name" in span:
        assert isinstance(span["name"], str), f"{where}.name"
    if "kind" in span:
        assert span["kind"] in KINDS, f"{where}.kind {span['kind']!r}"
    if "timestamp" in span:
        assert _is_int(span["timestamp"]) and span["timestamp"] > 0, f"{where}.timestamp"
    if "duration" in span:
        assert _is_int(span["duration"]) and span["duration"] >= 1, f"{where}.duration must be >= 1"
    for key in ("debug", "shared"):
        if key in span:
            assert isinstance(span[key], bool), f"{where}.{key}"
    for key in ("localEndpoint", "remoteEndpoint"):
        if key in span:
            check_endpoint(span[key], f"{where}.{key}")
    for annotation in span.get("annotations", []):
        assert _is_int(annotation.get("timestamp")) and isinstance(annotation.get("value"), str), f"{where}.annotations"
    if "tags" in span:
        assert isinstance(span["tags"], dict), f"{where}.tags"
        for key, value in span["tags"].items():
            assert isinstance(value, str), f"{where}.tags[{key!r}] must be a string, got {type(value).__name__}"


def decode(data: bytes):
    spans = json.loads(data)
    assert isinstance(spans, list), "body must be a JSON array of spans"
    for index, span in enumerate(spans):
        check_span(span, index)
    return spans


def main(argv):
    with open(argv[1], "rb") as file:
        print(json.dumps(decode(file.read()), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv)
