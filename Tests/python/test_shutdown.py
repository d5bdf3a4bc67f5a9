"""SIGTERM: requests in flight complete with their full responses, spans are flushed, exit status 0."""

import json
import signal
import threading
import time

import httpx
import pytest

from conftest import start_traceproxy


def test_sigterm_lets_in_flight_requests_finish(fastapi_app, tmp_path):
    spans = tmp_path / "spans.jsonl"
    proxy = start_traceproxy(
        fastapi_app.url, tmp_path, "--exporter", "console", "--console-output", str(spans), "--drain-timeout", "10s"
    )
    results = {}
    clients = [httpx.Client(timeout=30) for _ in range(3)]
    started = threading.Barrier(4)

    def slow_request(index):
        started.wait()
        results[index] = clients[index].get(f"{proxy.url}/slow?ms=2500")

    threads = [threading.Thread(target=slow_request, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    started.wait()
    time.sleep(1.0)  # the requests are now waiting on the app's 2.5 s sleep
    proxy.process.send_signal(signal.SIGTERM)
    for thread in threads:
        thread.join(30)

    assert proxy.process.wait(timeout=20) == 0
    assert [results[i].status_code for i in range(3)] == [200, 200, 200]
    assert all(results[i].json() == {"slept_ms": 2500} for i in range(3))
    for client in clients:
        client.close()
    recorded = [json.loads(line) for line in spans.read_text().splitlines() if line.strip()]
    assert sum(1 for span in recorded if span["kind"] == "server" and span["attributes"].get("url.path") == "/slow") == 3


def test_new_connections_are_refused_after_sigterm(fastapi_app, tmp_path):
    proxy = start_traceproxy(fastapi_app.url, tmp_path, "--drain-timeout", "5s")
    proxy.process.send_signal(signal.SIGTERM)
    assert proxy.process.wait(timeout=20) == 0
    try:
        httpx.get(proxy.url + "/", timeout=2)
        raise AssertionError("the proxy still accepted a connection after shutdown")
    except httpx.ConnectError:
        pass


def test_bad_setting_exits_2_with_one_line(tmp_path):
    import subprocess

    from conftest import traceproxy_binary

    result = subprocess.run(
        [traceproxy_binary(), "--upstream", "http://127.0.0.1:8000", "--connect-timeout", "soon"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "--connect-timeout" in result.stderr

    result = subprocess.run(
        [traceproxy_binary()], capture_output=True, text=True, timeout=20, env={"TRACEPROXY_LISTEN": "nowhere"}
    )
    assert result.returncode == 2
    assert "TRACEPROXY_LISTEN" in result.stderr or "--upstream" in result.stderr



@pytest.mark.parametrize("taken_setting", ["--admin", "--listen"])
def test_a_taken_port_stops_everything_with_one_line_naming_it(taken_setting):
    """An address in use: one line naming the setting and address, exit 1, and nothing left listening (a taken
    admin port once left the proxy serving with its exporters shut down, and the process never exited)."""
    import socket
    import subprocess

    from conftest import free_port, traceproxy_binary

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    ports = {"--admin": free_port(), "--listen": free_port()}
    ports[taken_setting] = taken.getsockname()[1]
    try:
        result = subprocess.run(
            [traceproxy_binary(), "--upstream", "http://127.0.0.1:9", "--exporter", "none",
             "--listen", f"127.0.0.1:{ports['--listen']}", "--admin", f"127.0.0.1:{ports['--admin']}"],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
    finally:
        taken.close()
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert f"127.0.0.1:{ports[taken_setting]} ({taken_setting}): the address is already in use" in last
    for setting, port in ports.items():
        if setting != taken_setting:
            with socket.socket() as probe:
                assert probe.connect_ex(("127.0.0.1", port)) != 0, f"{setting} still listening"
