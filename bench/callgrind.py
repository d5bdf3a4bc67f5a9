#!/usr/bin/env python3
"""Instructions per request, by component, for traceproxy (release) under valgrind's callgrind.

The proxy runs under callgrind with instrumentation off; after a warm-up, `callgrind_control -i on` starts
counting, a simple keep-alive client sends N requests over C connections to the static nginx upstream
through the proxy, the spans are flushed to the counting receiver, and `callgrind_control -i off` stops
counting. The libcurl floor (bench/curl_floor.c, same options) is measured the same way by subtracting a
short run from a long one. `callgrind_annotate` output is then attributed to groups by object and symbol:

  libcurl            objects libcurl*
  SwiftNIO           symbols of the NIO* modules (mangled names: first module NIO…)
  our code           symbols of the TraceProxy* modules (and the C shims)
  Swift runtime      libswiftCore / libswift_* objects, swift_* symbols, stdlib code specialised into the binary
  allocator          malloc / free / realloc / calloc and glibc's _int_* helpers
  libc (kernel-facing and string ops)  the rest of libc: syscall wrappers, memcpy/memmove, stdio …
  other              the dynamic linker, libssl/libcrypto/nghttp2/zlib, Foundation, dispatch, unknown
Kernel time is not counted: callgrind sees user-space instructions only.

Usage: bench/callgrind [--requests 2000] [--connections 16] [--exporter otlp]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as h  # noqa: E402

OUT = h.RESULTS / "callgrind"

GROUPS = ["libcurl", "SwiftNIO", "our code", "Swift runtime", "allocator", "libc", "other"]
ALLOCATOR = re.compile(
    r"^(malloc|free|cfree|realloc|calloc|posix_memalign|aligned_alloc|memalign|_int_malloc|_int_free|_int_realloc|"
    r"_int_memalign|malloc_consolidate|tcache_\w+|unlink_chunk|__libc_(malloc|free|calloc|realloc|memalign)|"
    r"malloc_usable_size|sysmalloc|arena_get2|__malloc_\w+|_int_free_merge_chunk|_int_free_create_chunk|"
    r"_int_free_maybe_consolidate)(\.\w+)?$"
)
MANGLED_MODULE = re.compile(r"^\$s(\d+)(\w+)")


def first_module(symbol: str) -> str | None:
    match = MANGLED_MODULE.match(symbol)
    if not match:
        return None
    length = int(match.group(1))
    return match.group(2)[:length]


def group_of(function: str, obj: str) -> str:
    base = os.path.basename(obj)
    if "libcurl" in base:
        return "libcurl"
    if base.startswith("libswift") or function.startswith("swift_") or function.startswith("$sS") or function.startswith("$ss"):
        return "Swift runtime"
    if ALLOCATOR.match(function):
        return "allocator"
    if base.startswith("libc.so") or base.startswith("libc-") or base.startswith("libpthread") or base.startswith("libm."):
        return "libc"
    module = first_module(function) or ""
    if module.startswith("NIO") or module in ("_NIODataStructures", "_NIOBase64", "CNIOLinux", "CNIOPosix") or function.startswith("CNIO"):
        return "SwiftNIO"
    if module.startswith("TraceProxy") or function.startswith("CCurlShims") or module == "CCurlShims":
        return "our code"
    if module in ("Logging", "ServiceLifecycle", "DequeModule", "Atomics", "ArgumentParser", "InternalCollectionsUtilities", "Synchronization"):
        return "other"
    if base.startswith("traceproxy") and function.startswith("$s"):
        # Another Swift module in the binary (closures, thunks): attribute by any module named inside.
        if "TraceProxy" in function:
            return "our code"
        if "NIO" in function:
            return "SwiftNIO"
    return "other"


def annotate(path: Path) -> list[tuple[int, str, str]]:
    """(instructions, function, object) per function, self cost, all threads."""
    text = subprocess.run(
        ["callgrind_annotate", "--inclusive=no", "--threshold=100", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = []
    for line in text.splitlines():
        match = re.match(r"^\s*([\d,]+)\s+(?:\([\s\d.]+%\)\s+)?(.*?):(.+?)\s+\[(.*)\]\s*$", line)
        if not match:
            continue
        count = int(match.group(1).replace(",", ""))
        rows.append((count, match.group(3).strip(), match.group(4)))
    return rows


def split(rows) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for count, function, obj in rows:
        totals[group_of(function, obj)] += count
    return totals


def client(port: int, requests: int, connections: int) -> int:
    done = [0] * connections

    def worker(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for _ in range(requests // connections + (1 if i < requests % connections else 0)):
            conn.request("GET", "/")
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                done[i] += 1
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done)


def callgrind_proxy(args, receiver: h.Receiver, up_port: int) -> tuple[Path, int]:
    port = h.free_port()
    out = OUT / "traceproxy.callgrind"
    valgrind = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}", "--dump-instr=no"]
    env = {"OTEL_TRACES_SAMPLER": "always_on", "OTEL_SERVICE_NAME": "traceproxy-bench", "TRACEPROXY_LOG_LEVEL": "warning"}
    # valgrind 3.19 cannot read the DWARF 5 that swiftc emits: profile a copy without debug info (the symbol table
    # stays), with the sigsuspend shim (bench/valgrind_sigsuspend.c) and without Swift's backtracer.
    binary = h.BENCH / ".build" / "traceproxy-nodebug"
    subprocess.run(["objcopy", "--strip-debug", args.binary, str(binary)], check=True)
    env["LD_PRELOAD"] = str(h.BENCH / ".build" / "valgrind_sigsuspend.so")
    env["SWIFT_BACKTRACE"] = "enable=no"
    argv = valgrind + [str(binary), "--upstream", f"http://127.0.0.1:{up_port}", "--listen", f"127.0.0.1:{port}"]
    if args.exporter == "otlp":
        env["OTEL_EXPORTER_OTLP_ENDPOINT"] = f"http://127.0.0.1:{receiver.port}"
    elif args.exporter == "datadog":
        env["DD_TRACE_AGENT_URL"] = f"http://127.0.0.1:{receiver.port}"
    proc = h.spawn("traceproxy-callgrind", argv + ["--exporter", args.exporter], env=env)
    if not h.wait_http(port, proc=proc, timeout=120):
        if args.exporter in ("otlp", "datadog"):
            h.log(f"--exporter {args.exporter} rejected by this build: using console -> /dev/null")
            proc = h.spawn("traceproxy-callgrind", argv + ["--exporter", "console", "--console-output", "/dev/null"], env=env)
            if not h.wait_http(port, proc=proc, timeout=120):
                raise SystemExit("traceproxy did not start under valgrind: see the log")
            args.exporter = "console (fallback)"
        else:
            raise SystemExit("traceproxy did not start under valgrind")
    client(port, 200, args.connections)  # warm-up: connections, handle pool, caches
    time.sleep(2)
    before = receiver.counts()
    subprocess.run(["callgrind_control", "-i", "on", str(proc.pid)], check=True, capture_output=True)
    started = time.time()
    sent = client(port, args.requests, args.connections)
    h.log(f"traceproxy under callgrind: {sent} requests in {time.time() - started:.1f} s")
    if args.exporter in ("otlp", "datadog"):
        receiver.settle(before, sent, True)  # the export of these spans is part of their cost
    else:
        time.sleep(2)
    subprocess.run(["callgrind_control", "-i", "off", str(proc.pid)], check=True, capture_output=True)
    after = receiver.counts()
    h.log(f"spans received during the measured window: {after['spans'] - before['spans']} ({after['server_spans'] - before['server_spans']} server)")
    h.stop(proc, timeout=60)  # SIGTERM: callgrind writes its file at exit
    return out, sent


def callgrind_floor(args, up_port: int) -> dict[str, float]:
    results = {}
    for n in (500, 500 + args.requests):
        out = OUT / f"curl_floor.{n}.callgrind"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--dump-instr=no", args.curl_floor,
             f"http://127.0.0.1:{up_port}/", str(args.connections), "600", str(n)],
            capture_output=True, text=True, check=True, timeout=900,
        )  # fmt: skip
        results[n] = split(annotate(out))
    short, long = results[500], results[500 + args.requests]
    return {g: (long.get(g, 0) - short.get(g, 0)) / args.requests for g in set(short) | set(long)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=str(h.ROOT / ".build" / "release" / "traceproxy"))
    parser.add_argument("--curl-floor", default=str(h.BENCH / ".build" / "curl_floor"))
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--exporter", default="otlp", help="otlp (default), datadog, console or none")
    parser.add_argument("--top", type=int, default=30, help="hottest functions to list")
    args = parser.parse_args()
    for tool in ("valgrind", "callgrind_annotate", "callgrind_control"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing (apt-get install valgrind)")
    global OUT
    OUT = OUT / args.exporter
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    try:
        receiver = h.Receiver()
        up_port = h.free_port()
        h.start_static_upstream(up_port)
        out, sent = callgrind_proxy(args, receiver, up_port)
        floor = callgrind_floor(args, up_port)
    finally:
        h.stop_all()
    rows = annotate(out)
    totals = split(rows)
    total = sum(totals.values())
    lines = [
        f"# traceproxy under callgrind: {sent} requests over {args.connections} keep-alive connections, exporter {args.exporter}",
        "",
        "user-space instructions per request (all threads; kernel work is not counted)",
        "",
        "| group | traceproxy | share | libcurl floor (C) |",
        "|---|---:|---:|---:|",
    ]
    for group in GROUPS:
        lines.append(
            f"| {group} | {totals.get(group, 0) / sent:,.0f} | {100 * totals.get(group, 0) / max(total, 1):.1f} % | {floor.get(group, 0):,.0f} |"
        )
    lines.append(f"| **total** | **{total / sent:,.0f}** | 100 % | **{sum(floor.values()):,.0f}** |")
    lines += ["", f"## hottest {args.top} functions (self instructions per request)", "", "| Ir/req | group | function | object |", "|---:|---|---|---|"]
    for count, function, obj in sorted(rows, reverse=True)[: args.top]:
        name = function if len(function) <= 110 else function[:107] + "..."
        lines.append(f"| {count / sent:,.0f} | {group_of(function, obj)} | `{name}` | {os.path.basename(obj)} |")
    text = "\n".join(lines) + "\n"
    (OUT / "summary.md").write_text(text)
    (OUT / "summary.json").write_text(
        json.dumps({"requests": sent, "connections": args.connections, "exporter": args.exporter,
                    "per_request": {g: totals.get(g, 0) / sent for g in GROUPS}, "floor_per_request": floor}, indent=1)
    )  # fmt: skip
    print(text)
    print(f"(raw profile: {out}; summary: {OUT / 'summary.md'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
