#!/usr/bin/env python3
"""The traced app behind traceproxy when the W3C Trace Context test suite runs.

The suite (w3c/trace-context, folder test/, fetched separately: it is not part of this
repository) POSTs a JSON list of {"url": ..., "arguments": ...} to the service under test and
expects the service to POST `arguments` to each `url`, carrying the trace context it propagates.
Here the service under test is traceproxy: it receives the suite's request, continues or restarts
the trace and forwards the request to this upstream. This upstream then does what a traced app
does with the context it was given: it makes the callbacks with exactly the `traceparent` and
`tracestate` header lines it received from the proxy (every line, in order), so what the suite
checks is what the proxy injected.

It never makes a span of its own, so several callbacks of one request share one parent id: the
suite's three AdvancedTest.test_multiple_requests_* tests, which want three distinct parent ids,
fail by design.

Standard library only. Usage: harness_upstream.py [--host 127.0.0.1] [--port 0] [--port-file PATH]
(the bound port is printed as `listening on HOST:PORT` and, with --port-file, written there).
"""

import argparse
import http.client
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PROPAGATED = ("traceparent", "tracestate")
CALLBACK_TIMEOUT = 5.0


def read_body(handler):
    """The request body, by Content-Length or chunked transfer coding."""
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        body = b""
        while True:
            size_line = handler.rfile.readline()
            size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while handler.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return body
            body += handler.rfile.read(size)
            handler.rfile.readline()
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


def propagated_headers(headers):
    """Every received traceparent/tracestate line, names as received, in order."""
    return [(name, value) for name, value in headers.items() if name.lower() in PROPAGATED]


def call_back(action, headers):
    """POSTs the action's arguments to its url with the propagated headers; returns a result record."""
    url = urllib.parse.urlsplit(action["url"])
    body = json.dumps(action.get("arguments") or []).encode()
    result = {"url": action["url"]}
    connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=CALLBACK_TIMEOUT)
    try:
        target = url.path or "/"
        if url.query:
            target += "?" + url.query
        connection.putrequest("POST", target)
        connection.putheader("Accept", "application/json")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(len(body)))
        for name, value in headers:
            connection.putheader(name, value)
        connection.endheaders(body)
        response = connection.getresponse()
        result["status"] = response.status
        response.read()
    except Exception as error:  # reported to the suite, which fails the test with the message
        result["exception"] = type(error).__name__
        result["msg"] = str(error)
    finally:
        connection.close()
    return result


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "w3c-harness-upstream"

    def log_message(self, format, *args):
        if self.server.verbose:
            super().log_message(format, *args)

    def reply(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        raw = read_body(self)
        try:
            actions = json.loads(raw or b"[]")
        except ValueError:
            self.reply(400, {"error": "body is not JSON"})
            return
        if isinstance(actions, dict):
            actions = [actions]
        if not isinstance(actions, list):
            actions = []
        headers = propagated_headers(self.headers)
        results = [call_back(action, headers) for action in actions if isinstance(action, dict) and "url" in action]
        self.reply(200, {"received": [f"{name}: {value}" for name, value in headers], "results": results})

    def do_GET(self):
        read_body(self)
        self.reply(200, {"ok": True})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()

    server = ThreadingHTTPServer((options.host, options.port), Handler)
    server.daemon_threads = True
    server.verbose = options.verbose
    host, port = server.server_address[:2]
    if options.port_file:
        with open(options.port_file, "w") as file:
            file.write(f"{port}\n")
    print(f"listening on {host}:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    sys.exit(main())
