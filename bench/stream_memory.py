#!/usr/bin/env python3
"""Streams 1 GiB down and 1 GiB up through traceproxy and prints the proxy's peak RSS.

Usage: bench/stream_memory.py [--bin PATH] [--gib N]
The upstream is a small asyncio server on 127.0.0.1 (no dependencies); the client is a raw socket.
"""

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import threading
import time

CHUNK = b"\xab" * (256 * 1024)


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            if target.startswith("/download/"):
                size = int(target.rsplit("/", 1)[1])
                writer.write(f"HTTP/1.1 200 OK\r\nContent-Length: {size}\r\n\r\n".encode())
                remaining = size
                while remaining > 0:
                    piece = CHUNK if remaining >= len(CHUNK) else CHUNK[:remaining]
                    writer.write(piece)
                    remaining -= len(piece)
                    await writer.drain()
            else:
                received = 0
                if headers.get("transfer-encoding", "").lower() == "chunked":
                    while True:
                        size_line = await reader.readuntil(b"\r\n")
                        size = int(size_line.split(b";")[0], 16)
                        if size == 0:
                            await reader.readuntil(b"\r\n")
                            break
                        await reader.readexactly(size)
                        await reader.readexactly(2)
                        received += size
                else:
                    remaining = int(headers.get("content-length", "0"))
                    while remaining > 0:
                        data = await reader.read(min(remaining, 1 << 20))
                        if not data:
                            break
                        remaining -= len(data)
                        received += len(data)
                body = str(received).encode()
                writer.write(f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
                await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


def run_upstream(port_holder: list, ready: threading.Event) -> None:
    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port_holder.append(server.sockets[0].getsockname()[1])
        ready.set()
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def read_response(sock: socket.socket) -> tuple[int, int]:
    """Returns (status, body bytes) of one Content-Length response, reading the body in chunks."""
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        data = sock.recv(65536)
        if not data:
            raise ConnectionError("closed before the head")
        buffer += data
    head, rest = buffer.split(b"\r\n\r\n", 1)
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    received = len(rest)
    while received < length:
        data = sock.recv(1 << 20)
        if not data:
            break
        received += len(data)
    return status, received


def measure(binary: str, size: int) -> dict:
    port_holder: list = []
    ready = threading.Event()
    threading.Thread(target=run_upstream, args=(port_holder, ready), daemon=True).start()
    ready.wait(10)
    upstream = port_holder[0]
    listen = free_port()
    proxy = subprocess.Popen(
        [binary, "--upstream", f"http://127.0.0.1:{upstream}", "--listen", f"127.0.0.1:{listen}", "--log-level", "warning"],
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", listen), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        baseline = peak_rss_mb(proxy.pid)

        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", listen)) as sock:
            sock.sendall(f"GET /download/{size} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            status, received = read_response(sock)
        down_seconds = time.monotonic() - started
        assert status == 200 and received == size, (status, received)
        after_download = peak_rss_mb(proxy.pid)

        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", listen)) as sock:
            sock.sendall(f"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: {size}\r\n\r\n".encode())
            sent = 0
            while sent < size:
                piece = CHUNK if size - sent >= len(CHUNK) else CHUNK[: size - sent]
                sock.sendall(piece)
                sent += len(piece)
            sock.settimeout(60)
            buffer = b""
            while not buffer.endswith(str(size).encode()):
                data = sock.recv(65536)
                if not data:
                    break
                buffer += data
        up_seconds = time.monotonic() - started
        assert buffer.endswith(str(size).encode()), buffer[-200:]
        after_upload = peak_rss_mb(proxy.pid)
        return {
            "bytes": size,
            "baseline_peak_rss_mb": round(baseline, 1),
            "peak_rss_after_download_mb": round(after_download, 1),
            "peak_rss_after_upload_mb": round(after_upload, 1),
            "download_mib_per_s": round(size / down_seconds / 2**20, 1),
            "upload_mib_per_s": round(size / up_seconds / 2**20, 1),
        }
    finally:
        proxy.terminate()
        proxy.wait(timeout=20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", default=os.environ.get("TRACEPROXY_BIN", ".build/release/traceproxy"))
    parser.add_argument("--gib", type=float, default=1.0)
    args = parser.parse_args()
    figures = measure(args.bin, int(args.gib * 2**30))
    for key, value in figures.items():
        print(f"{key:32} {value}")
    peak = max(figures["peak_rss_after_download_mb"], figures["peak_rss_after_upload_mb"])
    verdict = "pass" if peak < 100 else "MISS"
    print(f"{'peak RSS < 100 MB':32} {verdict} ({peak} MB)")
    return 0 if peak < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
