"""The dashboard in a real browser (headless Chromium driven by chromedriver through selenium).

By default it runs against fake_admin_api.py, started here on 127.0.0.1 on a free port. Set
TRACEPROXY_ADMIN_URL (for example http://127.0.0.1:9464) to run the main check against a real
traceproxy admin server instead; the tests that need the fake's special modes are then skipped.
Screenshots go to $TRACEPROXY_ARTIFACTS, or artifacts/ at the repository root.

Needs: apt-get install -y chromium chromium-driver; pip install selenium.
"""

import json
import os
import re
import threading
import time
import urllib.request
from pathlib import Path

import pytest

import fake_admin_api
from dashboard_check import DashboardCheckError, check_dashboard, check_state, collect_errors, open_browser, page_state

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "Sources" / "TraceProxyAdmin" / "Dashboard"
REAL_URL = os.environ.get("TRACEPROXY_ADMIN_URL", "").rstrip("/")

pytestmark = pytest.mark.skipif(os.environ.get("TRACEPROXY_SKIP_BROWSER") == "1",
                                reason="TRACEPROXY_SKIP_BROWSER=1")
needs_fake = pytest.mark.skipif(bool(REAL_URL), reason="needs the fake admin API's modes")


class FakeServer:
    def __init__(self, mode: str = "ok"):
        self.server = fake_admin_api.make_server("127.0.0.1", 0, mode=mode)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def set_mode(self, mode: str) -> None:
        request = urllib.request.Request(f"{self.url}/_fake/mode", data=json.dumps({"mode": mode}).encode(),
                                         method="POST", headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=5).read()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture()
def fake():
    servers = []

    def start(mode: str = "ok") -> FakeServer:
        server = FakeServer(mode)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    path = Path(os.environ.get("TRACEPROXY_ARTIFACTS") or ROOT / "artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_dashboard_files_are_self_contained():
    html = (DASHBOARD / "index.html").read_text()
    assert re.search(r'<script[^>]+src="/dashboard\.js"', html)
    assert re.search(r'<link[^>]+href="/dashboard\.css"', html)
    for name in ("index.html", "dashboard.js", "dashboard.css"):
        text = (DASHBOARD / name).read_text()
        external = [u for u in re.findall(r"https?://[\w.-]+[^\s\"')]*", text)
                    if not u.startswith("http://www.w3.org/")]
        assert external == [], f"{name} refers to {external}"
        assert "@import" not in text and "@font-face" not in text


def test_dashboard_in_chromium(fake, artifacts):
    url = REAL_URL or fake().url
    try:
        found = check_dashboard(url, artifacts)
    except DashboardCheckError as err:
        pytest.fail(str(err))
    (artifacts / "dashboard-check.json").write_text(json.dumps(found, indent=2, default=str))

    assert found["console_errors"] == [], found["console_errors"]
    overview = found["overview"]
    assert not overview["banner_visible"], overview["banner_text"]
    assert overview["chart_points"]["rps"] >= 2 and overview["chart_points"]["latency_lines"] == 3
    assert overview["route_rows"] > 0 and overview["trace_rows"] > 0
    assert found["live_update"], "the page did not refresh by itself"
    assert found["sorted_by_p99"], "the route table is not sorted by p99"
    assert "15 min" in found["window_15min"]

    route = found["route_view"]
    assert route["title"] == route["clicked"], route
    assert route["route_filter"] == route["clicked"]

    trace = found["trace"]
    assert trace["shown"] == trace["clicked"], trace
    assert trace["bars"] >= 1 and trace["attributes"] > 0
    assert trace["copy"], "the copy button gave no feedback"

    phone = found["phone"]
    assert phone["viewport_width"] <= 400
    assert phone["page_width"] <= phone["viewport_width"] + 1, "the page scrolls sideways at phone width"
    assert phone["trace_page_width"] <= phone["viewport_width"] + 1, "the trace view scrolls sideways at phone width"

    for name in ("dashboard-1280.png", "dashboard-trace.png", "dashboard-phone.png"):
        assert (artifacts / name).stat().st_size > 10_000, name

    if not REAL_URL:  # the fake always sends libcurl's phases, a client span and a backend link
        assert trace["bars"] == 2 and trace["phases"] >= 2
        assert trace["link"] and trace["shown"] in trace["link"]


@needs_fake
def test_empty_service_shows_waiting_for_traffic(fake, artifacts):
    found = check_state(fake("empty").url, artifacts, "empty")
    assert found["console_errors"] == []
    state = found["state"]
    assert "Waiting for traffic" in state["routes_empty_text"]
    assert "Waiting for traffic" in state["traces_empty_text"]
    assert state["chart_points"]["rps"] == 0
    assert not state["banner_visible"]


@needs_fake
def test_api_errors_show_a_banner_and_polling_recovers(fake, artifacts):
    server = fake("error")
    found = check_state(server.url, artifacts, "error")
    assert "admin API" in found["state"]["banner_text"]
    assert found["console_errors"] == [], "only the failed requests themselves may be logged"

    with open_browser() as driver:
        driver.get(server.url + "/")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not page_state(driver)["banner_visible"]:
            time.sleep(0.2)
        assert page_state(driver)["banner_visible"]
        server.set_mode("ok")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            state = page_state(driver)
            if not state["banner_visible"] and state["route_rows"] > 0:
                break
            time.sleep(0.2)
        assert not state["banner_visible"] and state["route_rows"] > 0, "the dashboard did not recover"
        assert collect_errors(driver, allow_network=True) == []


@needs_fake
def test_a_javascript_error_is_caught(fake):
    """The check must be able to fail: an exception in the page shows up as a console error."""
    with open_browser() as driver:
        driver.get(fake().url + "/")
        driver.execute_script("setTimeout(() => { throw new Error('boom from the test'); }, 0);"
                              "Promise.reject(new Error('rejected in the test'));")
        time.sleep(0.5)
        errors = collect_errors(driver)
    assert any("boom from the test" in e for e in errors), errors
    assert any("rejected in the test" in e for e in errors), errors


@needs_fake
def test_polling_pauses_while_hidden_and_never_overlaps(fake):
    """With a slow API (0.8 s an answer) there is never more than one round in flight, and a
    hidden tab stops polling."""
    server = fake()
    server.server.RequestHandlerClass.options.delay = 0.8
    with open_browser() as driver:
        driver.get(server.url + "/")
        driver.execute_script("""
          window.__inflight = 0; window.__maxInflight = 0; window.__calls = 0;
          const original = window.fetch;
          window.fetch = async (...args) => {
            window.__calls++; window.__inflight++;
            window.__maxInflight = Math.max(window.__maxInflight, window.__inflight);
            try { return await original(...args); } finally { window.__inflight--; }
          };""")
        time.sleep(5)
        calls, most = driver.execute_script("return [window.__calls, window.__maxInflight]")
        # one round asks for status, overview, routes and traces together: 4 at most at once
        assert calls >= 4 and most <= 4, (calls, most)
        driver.execute_cdp_cmd("Emulation.setFocusEmulationEnabled", {"enabled": False})
        driver.execute_script("""
          Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
          document.dispatchEvent(new Event('visibilitychange'));""")
        time.sleep(1.5)  # let a round in flight finish
        before = driver.execute_script("return window.__calls")
        time.sleep(4)
        after = driver.execute_script("return window.__calls")
        assert after == before, f"polled while hidden: {before} -> {after}"
        assert driver.execute_script("return document.getElementById('live-text').textContent") == "paused"
        driver.execute_script("""
          Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
          document.dispatchEvent(new Event('visibilitychange'));""")
        time.sleep(2.5)
        assert driver.execute_script("return window.__calls") > after, "polling did not resume"
        assert collect_errors(driver) == []
