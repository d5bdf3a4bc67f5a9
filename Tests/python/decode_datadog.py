"""Decode a Datadog /v0.4/traces msgpack payload with msgpack, check every span the way
ddapm-test-agent's `verify_span` (ddapm_test_agent/trace.py) does, and print a canonical JSON summary.
Usage: decode_datadog.py FILE"""

import json
import sys

import msgpack


def verify_span(span):
    """The type checks of ddapm-test-agent 1.x `verify_span`, raising TypeError like it does."""
    try:
        assert isinstance(span, dict), f"Expected 'span' to be of type: 'dict', got: {type(span)}"
        for attr in ("span_id", "trace_id", "name"):
            assert attr in span, f"'{attr}' required in span"
        assert isinstance(span["span_id"], int), "span_id not int"
        assert isinstance(span["trace_id"], int), "trace_id not int"
        assert isinstance(span["name"], str), "name not str"
        for attr in ("resource", "service", "type"):
            if attr in span:
                assert isinstance(span[attr], (str, type(None))), f"{attr} not str"
        if "parent_id" in span:
            assert isinstance(span["parent_id"], (int, type(None))), "parent_id not int"
        if "error" in span:
            assert isinstance(span["error"], int), "error not int"
        if "meta" in span:
            assert isinstance(span["meta"], dict)
            for key, value in span["meta"].items():
                assert isinstance(key, str), f"meta key {key!r} not str"
                assert isinstance(value, str), f"Expected value of key 'meta.{key}' to be of type: 'str', got: {type(value)}"
        if "metrics" in span:
            assert isinstance(span["metrics"], dict)
            for key, value in span["metrics"].items():
                assert isinstance(key, str), f"metrics key {key!r} not str"
                assert isinstance(value, (int, float)), f"metrics.{key} not int/float"
    except AssertionError as error:
        raise TypeError(*error.args) from error
    return span


def decode_v04(data: bytes):
    """Like the test agent: a list of traces, each a list of verified spans."""
    payload = msgpack.unpackb(data)  # raw=False: str must be valid UTF-8; bin would come back as bytes
    assert isinstance(payload, list), "payload is not an array of traces"
    traces = []
    for trace in payload:
        assert isinstance(trace, list), "trace is not an array of spans"
        traces.append([verify_span(span) for span in trace])
    return traces


def main(argv):
    with open(argv[1], "rb") as file:
        traces = decode_v04(file.read())
    print(json.dumps(traces, indent=2, ensure_ascii=False, sort_keys=False))


if __name__ == "__main__":
    main(sys.argv)
