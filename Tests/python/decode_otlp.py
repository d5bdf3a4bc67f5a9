"""Decode an OTLP ExportTraceServiceRequest (protobuf or OTLP/JSON) with opentelemetry-proto and
print a canonical JSON summary. Usage: decode_otlp.py FILE [--json]"""

import base64
import json
import sys

from google.protobuf import json_format
from google.protobuf.unknown_fields import UnknownFieldSet
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

ID_KEYS = {"traceId", "spanId", "parentSpanId"}


def _hex_ids_to_base64(node):
    # OTLP/JSON's one deviation from the proto3 JSON mapping: ids are hex, which json_format reads as base64.
    if isinstance(node, dict):
        return {
            key: base64.b64encode(bytes.fromhex(value)).decode() if key in ID_KEYS and isinstance(value, str)
            else _hex_ids_to_base64(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_hex_ids_to_base64(item) for item in node]
    return node


def parse(data: bytes, is_json: bool = False) -> ExportTraceServiceRequest:
    request = ExportTraceServiceRequest()
    if is_json:
        json_format.ParseDict(_hex_ids_to_base64(json.loads(data)), request)
    else:
        request.ParseFromString(data)
        # Anything the parser kept as unknown means we wrote a field number or wire type that does not exist.
        unknown = list(_unknown_fields(request, "request"))
        assert not unknown, f"unknown fields: {unknown}"
    return request


def _unknown_fields(message, path):
    for field in UnknownFieldSet(message):
        yield f"{path}#{field.field_number}"
    for descriptor, value in message.ListFields():
        if descriptor.message_type is None:
            continue
        children = value if descriptor.is_repeated else [value]
        for index, child in enumerate(children):
            yield from _unknown_fields(child, f"{path}.{descriptor.name}[{index}]")


def any_value(value):
    kind = value.WhichOneof("value")
    if kind == "string_value":
        return {"string": value.string_value}
    if kind == "bool_value":
        return {"bool": value.bool_value}
    if kind == "int_value":
        return {"int": value.int_value}
    if kind == "double_value":
        return {"double": value.double_value}
    return {kind: str(getattr(value, kind))} if kind else {"unset": None}


def attributes(key_values):
    return [[kv.key, any_value(kv.value)] for kv in key_values]


def summarize(request: ExportTraceServiceRequest) -> dict:
    summary = {"resource_spans": []}
    for resource_spans in request.resource_spans:
        entry = {"resource": attributes(resource_spans.resource.attributes), "scope_spans": []}
        for scope_spans in resource_spans.scope_spans:
            spans = []
            for span in scope_spans.spans:
                spans.append({
                    "trace_id": span.trace_id.hex(),
                    "span_id": span.span_id.hex(),
                    "parent_span_id": span.parent_span_id.hex() if span.parent_span_id else None,
                    "trace_state": span.trace_state,
                    "flags": span.flags,
                    "name": span.name,
                    "kind": span.kind,
                    "start_time_unix_nano": span.start_time_unix_nano,
                    "end_time_unix_nano": span.end_time_unix_nano,
                    "attributes": attributes(span.attributes),
                    "status": {"code": span.status.code, "message": span.status.message} if span.HasField("status") else None,
                })
            entry["scope_spans"].append({
                "scope": {"name": scope_spans.scope.name, "version": scope_spans.scope.version},
                "spans": spans,
            })
        summary["resource_spans"].append(entry)
    return summary


def main(argv):
    path = argv[1]
    with open(path, "rb") as file:
        request = parse(file.read(), is_json="--json" in argv or path.endswith(".json"))
    print(json.dumps(summarize(request), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv)
