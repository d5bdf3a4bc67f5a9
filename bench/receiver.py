#!/usr/bin/env python3
"""Counting trace receiver for the benchmark: OTLP/HTTP protobuf and Datadog agent msgpack.

A raw asyncio HTTP/1.1 server (keep-alive, Content-Length and chunked bodies). Bodies are queued and
decoded fully in one worker thread with the backends' own decoders (opentelemetry-proto's
ExportTraceServiceRequest, msgpack), so the event loop only frames requests and answers at once.

  POST /v1/traces                 OTLP protobuf (gzip accepted)      -> 200, empty ExportTraceServiceResponse
  PUT|POST /v0.4/traces, /v0.5/…  Datadog msgpack                    -> 200 {"rate_by_service":{}}
  GET /count                      {"otlp": spans, "datadog": spans, "server_spans": n, "posts": n, "bytes": n, "errors": n, "pending": n}
  POST /reset                     zeroes the counters

Usage: receiver.py --port PORT  (prints "ready PORT" on stdout once listening)
"""

import argparse
import asyncio
import gzip
import json
import queue
import sys
import threading
import zlib

COUNTS = {"otlp": 0, "datadog": 0, "server_spans": 0, "posts": 0, "bytes": 0, "errors": 0, "pending": 0}
SPAN_KIND_SERVER = 2
LOCK = threading.Lock()
WORK: "queue.Queue[tuple[str, bytes]]" = queue.Queue()


def decoder_thread() -> None:
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
    import msgpack

    while True:
        kind, body = WORK.get()
        spans = server = 0
        try:
            if kind == "otlp":
                request = ExportTraceServiceRequest()
                request.ParseFromString(body)
                for resource_spans in request.resource_spans:
                    for scope_spans in resource_spans.scope_spans:
                        spans += len(scope_spans.spans)
                        server += sum(1 for span in scope_spans.spans if span.kind == SPAN_KIND_SERVER)
            elif kind == "dd4":
                for chunk in msgpack.unpackb(body, raw=False, strict_map_key=False):
                    spans += len(chunk)
                    server += sum(1 for span in chunk if (span.get("meta") or {}).get("span.kind") == "server")
            elif kind == "dd5":
                strings, traces = msgpack.unpackb(body, raw=False, strict_map_key=False)
                for chunk in traces:
                    spans += len(chunk)
                    for span in chunk:  # v0.5: span[9] is meta, a map of string-table indexes
                        meta = span[9] if len(span) > 9 else {}
                        if any(strings[k] == "span.kind" and strings[v] == "server" for k, v in meta.items()):
                            server += 1
            error = 0
        except Exception as exc:  # a payload the backend's decoder rejects is an error, counted
            print(f"receiver: undecodable {kind} payload ({len(body)} bytes): {exc}", file=sys.stderr, flush=True)
            error = 1
        with LOCK:
            COUNTS["otlp" if kind == "otlp" else "datadog"] += spans
            COUNTS["server_spans"] += server
            COUNTS["errors"] += error
            COUNTS["pending"] -= 1


OTLP_OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\n\r\n"
DD_BODY = b'{"rate_by_service":{}}'
DD_OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(DD_BODY), DD_BODY)


def answer(status: str, body: bytes, content_type: str = "application/json") -> bytes:
    return b"HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s" % (
        status.encode(),
        content_type.encode(),
        len(body),
        body,
    )


async def read_body(reader: asyncio.StreamReader, headers: dict) -> bytes:
    if headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                while (await reader.readuntil(b"\r\n")) != b"\r\n":
                    pass
                return b"".join(parts)
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
    length = int(headers.get("content-length", "0") or 0)
    return await reader.readexactly(length) if length else b""


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            lines = head.decode("latin-1").split("\r\n")
            method, target, _version = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            if headers.get("expect", "").lower() == "100-continue":
                writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            body = await read_body(reader, headers)
            encoding = headers.get("content-encoding", "").lower()
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "deflate":
                body = zlib.decompress(body)
            path = target.split("?", 1)[0]
            kind = None
            if path == "/v1/traces" and method == "POST":
                kind, response = "otlp", OTLP_OK
            elif path in ("/v0.4/traces", "/v0.3/traces") and method in ("PUT", "POST"):
                kind, response = "dd4", DD_OK
            elif path == "/v0.5/traces" and method in ("PUT", "POST"):
                kind, response = "dd5", DD_OK
            elif path == "/count":
                with LOCK:
                    response = answer("200 OK", json.dumps(COUNTS).encode())
            elif path == "/reset" and method == "POST":
                with LOCK:
                    for key in COUNTS:
                        if key != "pending":
                            COUNTS[key] = 0
                response = answer("200 OK", b"{}")
            elif path == "/info":  # the Datadog agent's discovery endpoint
                response = answer("200 OK", b'{"endpoints":["/v0.4/traces"]}')
            else:
                response = answer("404 Not Found", b'{"error":"not found"}')
            if kind is not None:
                with LOCK:
                    COUNTS["posts"] += 1
                    COUNTS["bytes"] += len(body)
                    COUNTS["pending"] += 1
                WORK.put((kind, body))
            writer.write(response)
            if headers.get("connection", "").lower() == "close":
                await writer.drain()
                return
    except Exception as exc:
        print(f"receiver: connection error: {exc!r}", file=sys.stderr, flush=True)
    finally:
        writer.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    threading.Thread(target=decoder_thread, daemon=True).start()
    server = await asyncio.start_server(handle, "127.0.0.1", args.port, limit=64 * 1024 * 1024)
    print(f"ready {args.port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
