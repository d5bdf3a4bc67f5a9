"""OTLP/HTTP traces receiver (WIRE-FORMATS 1.4) decoding with opentelemetry-proto, binary or OTLP/JSON."""

import os
import sys
import threading

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceResponse

sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))

import decode_otlp  # noqa: E402
from receivers.http_receiver import HTTPReceiver  # noqa: E402


class OTLPReceiver(HTTPReceiver):
    def __init__(self, port=0):
        super().__init__(self._handle, port)
        self.spans = []  # one dict per span, resource attributes under "resource"
        self.batches = 0
        self.content_types = set()
        self.headers_seen = []
        self._spans_lock = threading.Lock()

    def _handle(self, method, path, headers, body):
        assert method == "POST" and path == "/v1/traces", f"{method} {path}"
        content_type = headers.get("content-type", "")
        is_json = content_type == "application/json"
        assert is_json or content_type == "application/x-protobuf", content_type
        request = decode_otlp.parse(body, is_json=is_json)
        spans = []
        for resource_spans in request.resource_spans:
            resource = {kv.key: decode_otlp.any_value(kv.value) for kv in resource_spans.resource.attributes}
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    spans.append({
                        "resource": resource,
                        "scope": scope_spans.scope.name,
                        "trace_id": span.trace_id.hex(),
                        "span_id": span.span_id.hex(),
                        "parent_span_id": span.parent_span_id.hex() if span.parent_span_id else None,
                        "name": span.name,
                        "kind": span.kind,
                        "start": span.start_time_unix_nano,
                        "end": span.end_time_unix_nano,
                        "attributes": {kv.key: decode_otlp.any_value(kv.value) for kv in span.attributes},
                        "status_code": span.status.code,
                        "status_message": span.status.message,
                    })
        with self._spans_lock:
            self.spans.extend(spans)
            self.batches += 1
            self.content_types.add(content_type)
            self.headers_seen.append(headers)
        # "The server MUST respond ... in the same Content-Type as the request."
        if is_json:
            return 200, [("Content-Type", "application/json")], b"{}"
        return 200, [("Content-Type", "application/x-protobuf")], ExportTraceServiceResponse().SerializeToString()
