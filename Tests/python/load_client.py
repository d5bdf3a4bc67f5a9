"""Keep-alive HTTP load from several threads, run as its own process so that its GIL does not slow the
receivers of the test that started it. Usage: load_client.py URL (--total N | --seconds S) [--threads T]
Prints one JSON object: {"statuses": {"200": n, ...}, "requests": n, "seconds": s}."""

import argparse
import json
import threading
import time
from collections import Counter

import httpx


def run(url, total=None, seconds=None, threads=8):
    statuses = Counter()
    lock = threading.Lock()
    remaining = [total]
    stop = time.monotonic() + seconds if seconds else None

    def take():
        with lock:
            if remaining[0] is None:
                return time.monotonic() < stop
            if remaining[0] <= 0:
                return False
            remaining[0] -= 1
            return True

    def worker():
        seen = Counter()
        with httpx.Client(timeout=30) as client:
            while take():
                seen[client.get(url).status_code] += 1
        with lock:
            statuses.update(seen)

    started = time.monotonic()
    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.monotonic() - started
    return {"statuses": {str(k): v for k, v in statuses.items()}, "requests": sum(statuses.values()), "seconds": elapsed}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--total", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    print(json.dumps(run(args.url, args.total, args.seconds, args.threads)))
