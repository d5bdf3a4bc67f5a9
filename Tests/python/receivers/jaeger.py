"""Jaeger receivers decoding with jaeger-client's generated Thrift types: the agent's UDP compact
`emitBatch` (WIRE-FORMATS 2.2) and the collector's HTTP binary `Batch` (2.3)."""

import os
import socket
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))

import decode_jaeger  # noqa: E402
from receivers.http_receiver import HTTPReceiver  # noqa: E402


def flatten(batch):
    summary = decode_jaeger.summarize(batch)
    spans = []
    for span in summary["spans"]:
        span["service_name"] = summary["process"]["service_name"]
        span["process_tags"] = {key: value for key, value in summary["process"]["tags"]}
        span["tag_map"] = {key: value for key, value in span["tags"]}
        spans.append(span)
    return spans


class JaegerAgentReceiver:
    """UDP on 127.0.0.1: every datagram must decode as one compact emitBatch message with nothing left over."""

    def __init__(self):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.spans = []
        self.datagrams = 0
        self.errors = []
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def _run(self):
        while True:
            try:
                data, _ = self.socket.recvfrom(70000)
            except OSError:
                return
            try:
                assert len(data) <= 65000, f"datagram of {len(data)} bytes"
                self.spans.extend(flatten(decode_jaeger.decode_agent_datagram(data)))
                self.datagrams += 1
            except Exception as error:
                self.errors.append(repr(error))

    def stop(self):
        self.socket.close()


class JaegerCollectorReceiver(HTTPReceiver):
    def __init__(self):
        super().__init__(self._handle)
        self.spans = []

    def _handle(self, method, path, headers, body):
        assert method == "POST" and path == "/api/traces", f"{method} {path}"
        content_type = headers.get("content-type")
        if content_type not in ("application/x-thrift", "application/vnd.apache.thrift.binary"):
            return 400, [], b"Unsupported content type"
        self.spans.extend(flatten(decode_jaeger.decode_collector_batch(body)))
        return 202, [], b""
