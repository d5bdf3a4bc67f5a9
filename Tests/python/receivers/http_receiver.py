"""A small asyncio HTTP/1.1 server in a background thread: keep-alive, Content-Length and chunked bodies,
gzip request bodies, and a switchable fault mode, so a test can play a backend that is up, down,
throttling or refusing.

`handle(method, path, headers, body) -> (status, headers, body)` decodes and stores the batch; the
receiver answers what it returns unless a fault is set."""

import asyncio
import gzip
import threading
import time


class Fault:
    """What the receiver answers instead of calling the handler: `status`, optionally with
    `retry_after`, for the next `count` requests (None means until cleared)."""

    def __init__(self, status, retry_after=None, count=None, delay=0.0):
        self.status = status
        self.retry_after = retry_after
        self.count = count
        self.delay = delay


class HTTPReceiver:
    def __init__(self, handle, port=0):
        self.handle = handle
        self.requested_port = port
        self.port = None
        self.requests = []  # (monotonic time, method, path, headers, status answered)
        self.fault = None
        self.errors = []
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._server = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        future.result(10)
        return self

    async def _start(self):
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.requested_port, backlog=512)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self):
        async def close():
            self._server.close()
            await self._server.wait_closed()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def set_fault(self, fault):
        with self._lock:
            self.fault = fault

    def _take_fault(self):
        with self._lock:
            fault = self.fault
            if fault is None:
                return None
            if fault.count is not None:
                fault.count -= 1
                if fault.count <= 0:
                    self.fault = None
            return fault

    async def _serve(self, reader, writer):
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                method, target, _ = line.decode("latin-1").split(" ", 2)
                headers = {}
                while True:
                    header = await reader.readline()
                    if header in (b"\r\n", b"\n", b""):
                        break
                    name, _, value = header.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = await self._read_body(reader, headers)
                if headers.get("content-encoding") == "gzip":
                    body = gzip.decompress(body)
                status, response_headers, response_body = await self._answer(method, target, headers, body)
                head = [f"HTTP/1.1 {status} X"] + [f"{k}: {v}" for k, v in response_headers]
                head.append(f"Content-Length: {len(response_body)}")
                writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + response_body)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def _read_body(self, reader, headers):
        if "content-length" in headers:
            return await reader.readexactly(int(headers["content-length"]))
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await reader.readline()).split(b";")[0], 16)
                if size == 0:
                    await reader.readline()
                    return b"".join(chunks)
                chunks.append(await reader.readexactly(size))
                await reader.readline()
        return b""

    async def _answer(self, method, target, headers, body):
        fault = self._take_fault()
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            extra = [("Retry-After", str(fault.retry_after))] if fault.retry_after is not None else []
            self._record(method, target, headers, fault.status)
            return fault.status, extra, b""
        try:
            status, response_headers, response_body = self.handle(method, target, headers, body)
        except Exception as error:  # a decoding failure is the test's finding, answered as the backend would
            self.errors.append(repr(error))
            status, response_headers, response_body = 400, [], repr(error).encode()
        self._record(method, target, headers, status)
        return status, response_headers, response_body

    def _record(self, method, target, headers, status):
        with self._lock:
            self.requests.append((time.monotonic(), method, target, headers, status))


def wait_until(predicate, timeout=20.0, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()
