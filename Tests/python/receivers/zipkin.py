"""Zipkin v2 `POST /api/v2/spans` receiver (WIRE-FORMATS 4.1), checking each span against the
zipkin2-api.yaml model (decode_zipkin) and answering 202 like the Zipkin server."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))

import decode_zipkin  # noqa: E402
from receivers.http_receiver import HTTPReceiver  # noqa: E402


class ZipkinReceiver(HTTPReceiver):
    def __init__(self):
        super().__init__(self._handle)
        self.spans = []

    def _handle(self, method, path, headers, body):
        assert method == "POST" and path == "/api/v2/spans", f"{method} {path}"
        assert headers.get("content-type", "application/json") == "application/json"
        self.spans.extend(decode_zipkin.decode(body))
        return 202, [], b""
