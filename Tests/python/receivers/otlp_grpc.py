"""OTLP/gRPC traces receiver (WIRE-FORMATS 1.5): a grpcio server for `TraceService/Export` that decodes
with opentelemetry-proto's messages and can answer a chosen status code instead."""

import threading
from concurrent import futures

import grpc
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)


class OTLPGRPCReceiver:
    def __init__(self):
        self.spans = []
        self.metadata = []
        self.calls = 0
        self.fail_with = []  # grpc.StatusCode answers for the next calls, in order
        self._lock = threading.Lock()
        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        handler = grpc.unary_unary_rpc_method_handler(
            self._export,
            request_deserializer=ExportTraceServiceRequest.FromString,
            response_serializer=ExportTraceServiceResponse.SerializeToString,
        )
        self.server.add_generic_rpc_handlers(
            (grpc.method_handlers_generic_handler("opentelemetry.proto.collector.trace.v1.TraceService", {"Export": handler}),)
        )
        self.port = self.server.add_insecure_port("127.0.0.1:0")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.server.start()
        return self

    def stop(self):
        self.server.stop(0)

    def _export(self, request, context):
        with self._lock:
            self.calls += 1
            self.metadata.append(dict(context.invocation_metadata()))
            if self.fail_with:
                code = self.fail_with.pop(0)
                context.abort(code, "test asked for it")
            for resource_spans in request.resource_spans:
                resource = {kv.key: kv.value for kv in resource_spans.resource.attributes}
                for scope_spans in resource_spans.scope_spans:
                    for span in scope_spans.spans:
                        self.spans.append((resource, span))
        return ExportTraceServiceResponse()
