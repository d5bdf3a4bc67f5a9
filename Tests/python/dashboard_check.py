"""Drives headless Chromium through the traceproxy dashboard and reports what it found.

Needs Debian's `chromium` and `chromium-driver` packages and the `selenium` package from PyPI.
Selenium is pointed at the installed chromedriver and browser explicitly, so it never tries to
download either. `CHROME_BIN` and `CHROMEDRIVER` override where they are looked for.

    python3 Tests/python/dashboard_check.py http://127.0.0.1:8099 artifacts/

Console errors are collected twice over: from the browser log (uncaught exceptions and
console.error show up there as SEVERE) and from a script installed before the page's own that
records window errors, unhandled promise rejections and console.error calls.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import JavascriptException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

WAIT_SECONDS = 30

# never let Selenium Manager try to download a browser or a driver: Debian's packages are used
os.environ.setdefault("SE_OFFLINE", "true")

ERROR_COLLECTOR = """
(() => {
  const errors = [];
  Object.defineProperty(window, "__dashboardErrors", { value: errors });
  window.addEventListener("error", (e) => errors.push("error: " + (e.message || e.type) + (e.filename ? " at " + e.filename + ":" + e.lineno : "")));
  window.addEventListener("unhandledrejection", (e) => errors.push("unhandled rejection: " + (e.reason && e.reason.stack || e.reason)));
  const original = console.error;
  console.error = function (...args) { errors.push("console.error: " + args.map(String).join(" ")); return original.apply(this, args); };
})();
"""


class DashboardCheckError(AssertionError):
    """A step of the check did not see what it waited for; `found` holds what was seen so far."""

    def __init__(self, message: str, found: dict):
        super().__init__(f"{message}\nfound so far: {json.dumps(found, indent=1, default=str)[:4000]}")
        self.found = found


def find_executable(env: str, *names: str) -> str:
    explicit = os.environ.get(env)
    if explicit:
        return explicit
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    for candidate in (f"/usr/bin/{names[0]}", "/usr/lib/chromium/chromium", "/usr/lib/chromium/chromedriver"):
        if Path(candidate).exists() and Path(candidate).name.startswith(names[0][:6]):
            return candidate
    raise RuntimeError(f"{names[0]} not found: apt-get install -y chromium chromium-driver (or set {env})")


@contextlib.contextmanager
def open_browser(width: int = 1280, height: int = 800):
    options = webdriver.ChromeOptions()
    options.binary_location = find_executable("CHROME_BIN", "chromium", "chromium-browser", "google-chrome")
    profile = tempfile.mkdtemp(prefix="traceproxy-chromium-")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--force-color-profile=srgb", "--lang=en-US",
                f"--window-size={width},{height}", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=find_executable("CHROMEDRIVER", "chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.set_page_load_timeout(WAIT_SECONDS)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ERROR_COLLECTOR})
        set_viewport(driver, width, height)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_viewport(driver, width: int, height: int, mobile: bool = False) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile,
    })


def collect_errors(driver, allow_network: bool = False) -> list[str]:
    """Console errors and exceptions since the last call. Network failures (a 500 from the API
    logged by the browser itself as 'Failed to load resource') are left out when allow_network."""
    errors = []
    try:
        entries = driver.get_log("browser")
    except WebDriverException:
        entries = []
    for entry in entries:
        if entry.get("level") != "SEVERE":
            continue
        message = entry.get("message", "")
        if allow_network and ("Failed to load resource" in message or entry.get("source") == "network"):
            continue
        errors.append(message)
    try:
        recorded = driver.execute_script("const e = window.__dashboardErrors || []; return e.splice(0, e.length);") or []
    except JavascriptException:
        recorded = []
    errors.extend(recorded)
    return errors


def wait_for(driver, description: str, condition, found: dict, timeout: float = WAIT_SECONDS, screenshot_dir: Path | None = None):
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except (StaleElementReferenceException, JavascriptException) as err:
            last_error = err
        time.sleep(0.2)
    if screenshot_dir is not None:
        with contextlib.suppress(WebDriverException):
            driver.save_screenshot(str(Path(screenshot_dir) / "dashboard-failure.png"))
    found["console_errors"] = found.get("console_errors", []) + collect_errors(driver, allow_network=True)
    raise DashboardCheckError(f"timed out after {timeout:.0f}s waiting for: {description}"
                              + (f" (last error: {last_error})" if last_error else ""), found)


def js(driver, script: str, *args):
    return driver.execute_script(script, *args)


PAGE_STATE = """
const q = (sel) => document.querySelector(sel);
const qa = (sel) => Array.from(document.querySelectorAll(sel));
const points = (id) => qa(`#${id} path.line`).reduce((n, p) => n + Number(p.dataset.points || 0), 0);
return {
  service: (q('#service-name') || {}).textContent,
  upstream: (q('#upstream') || {}).textContent,
  uptime: (q('#uptime') || {}).textContent,
  exporters: (q('#exporters') || {}).textContent,
  banner_visible: !!q('#banner') && !q('#banner').hidden,
  banner_text: q('#banner') ? q('#banner').textContent : null,
  live: (q('#live-text') || {}).textContent,
  scope: (q('#scope-title') || {}).textContent,
  overview_visible: !!q('#view-overview') && !q('#view-overview').hidden,
  trace_visible: !!q('#view-trace') && !q('#view-trace').hidden,
  kpi_rps: (q('#kpi-rps') || {}).textContent,
  kpi_requests: (q('#kpi-requests') || {}).textContent,
  chart_points: {
    rps: points('chart-rps'), errors: points('chart-errors'), latency: points('chart-latency'),
    latency_lines: qa('#chart-latency path.line').length,
    volume_bars: qa('#chart-volume rect.bar').length,
  },
  empty_overlays: qa('.chart .plot .empty').map((e) => e.textContent),
  route_rows: qa('#routes-table tbody tr.clickable').length,
  route_names: qa('#routes-table tbody tr.clickable td:first-child').map((td) => td.textContent.replace(/\\s+/g, ' ').trim()),
  routes_empty_text: (q('#routes-table tbody td.empty-row') || {}).textContent || null,
  trace_rows: qa('#traces-table tbody tr.clickable').length,
  traces_empty_text: (q('#traces-table tbody td.empty-row') || {}).textContent || null,
  timeline_bars: qa('#timeline .tl-bar').length,
  timeline_phases: qa('#timeline .tl-bar .phase').length,
  attributes: qa('#attrs-table tbody tr').length,
  trace_id: (q('#trace-id') || {}).textContent,
  trace_link: q('#trace-link') && !q('#trace-link').hidden ? q('#trace-link').href : null,
  page_width: document.documentElement.scrollWidth,
  viewport_width: window.innerWidth,
};
"""


def page_state(driver) -> dict:
    return js(driver, PAGE_STATE)


def parse_ms(text: str) -> float:
    match = re.search(r"([\d.,]+)\s*(ms|s)\b", text or "")
    if not match:
        return -1.0
    value = float(match.group(1).replace(",", ""))
    return value * 1000 if match.group(2) == "s" else value


def click(driver, selector: str, read: str | None = None):
    """A real click; the tables are redrawn by polling, so a row may go stale: try again."""
    for attempt in range(10):
        try:
            element = driver.find_element(By.CSS_SELECTOR, selector)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
            value = driver.execute_script(read, element) if read else None
            element.click()
            return value
        except StaleElementReferenceException:
            if attempt == 9:
                raise
            time.sleep(0.1)


def full_page_screenshot(driver, path: Path) -> None:
    """The whole page, not only the viewport (Chromium can draw beyond it)."""
    import base64
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
    })
    path.write_bytes(base64.b64decode(shot["data"]))


def check_dashboard(base_url: str, screenshot_dir) -> dict:
    """Opens the dashboard at 1280x800 and walks through it; returns what it found.

    Raises DashboardCheckError when something it waits for (≤ 30 s each) does not appear.
    The caller asserts on found["console_errors"] (empty when the page is clean)."""
    base_url = base_url.rstrip("/")
    shots = Path(screenshot_dir)
    shots.mkdir(parents=True, exist_ok=True)
    found: dict = {"base_url": base_url, "console_errors": [], "screenshots": []}

    def wait(description, condition, timeout=WAIT_SECONDS):
        def checked():
            errors = collect_errors(driver)
            if errors:  # fail at once on a console error instead of waiting for the timeout
                found["console_errors"] += errors
                with contextlib.suppress(WebDriverException):
                    driver.save_screenshot(str(shots / "dashboard-failure.png"))
                raise DashboardCheckError(f"console errors while waiting for: {description}: {errors}", found)
            return condition()
        return wait_for(driver, description, checked, found, timeout, shots)

    with open_browser(1280, 800) as driver:
        driver.get(base_url + "/")
        found["title"] = driver.title

        # 1. overview: header, charts and both tables have data
        def overview_ready():
            st = page_state(driver)
            c = st["chart_points"]
            ok = (st["service"] not in ("", "…", None) and c["rps"] >= 2 and c["latency"] >= 1
                  and c["volume_bars"] >= 1 and st["route_rows"] > 0 and st["trace_rows"] > 0)
            return st if ok else None
        state = wait("charts, route table and traces with data", overview_ready)
        found["overview"] = state
        time.sleep(0.3)
        driver.save_screenshot(str(shots / "dashboard-1280.png"))
        full_page_screenshot(driver, shots / "dashboard-1280-full.png")
        found["screenshots"] += ["dashboard-1280.png", "dashboard-1280-full.png"]

        # 2. live: the page polls by itself (the uptime in the header changes)
        uptime = state["uptime"]
        found["live_update"] = bool(wait("the header to update by polling",
                                         lambda: page_state(driver)["uptime"] != uptime, timeout=12))

        # 3. sort the route table by p99, descending
        click(driver, '#routes-table th[data-sort="p99_ms"]')
        wait("the route table to sort by p99",
             lambda: js(driver, "return document.querySelector('#routes-table th[data-sort=\"p99_ms\"]').getAttribute('aria-sort')") == "descending")
        p99s = js(driver, "return Array.from(document.querySelectorAll('#routes-table tbody tr.clickable td:last-child')).map(td => td.textContent)")
        values = [parse_ms(v) for v in p99s]
        found["sorted_by_p99"] = values == sorted(values, reverse=True)

        # 4. the 15 min window
        click(driver, '#window-picker button[data-window="900"]')
        wait("the 15 min window", lambda: "15 min" in (page_state(driver)["kpi_requests"] or "")
             and page_state(driver)["chart_points"]["rps"] >= 2)
        found["window_15min"] = page_state(driver)["kpi_requests"]
        click(driver, '#window-picker button[data-window="300"]')

        # 5. one route: its charts, then back to all routes
        route_name = click(driver, "#routes-table tbody tr.clickable", "return arguments[0].cells[0].textContent")
        route_state = wait("the route view with its charts", lambda: (lambda st: st if (
            st["scope"] != "All routes" and st["chart_points"]["rps"] >= 1
            and not js(driver, "return document.getElementById('back-to-all').hidden")) else None)(page_state(driver)))
        found["route_view"] = {"clicked": " ".join(route_name.split()), "title": route_state["scope"],
                               "chart_points": route_state["chart_points"], "kpi_rps": route_state["kpi_rps"],
                               "route_filter": js(driver, "return document.getElementById('f-route').value")}
        driver.save_screenshot(str(shots / "dashboard-route.png"))
        found["screenshots"].append("dashboard-route.png")
        click(driver, "#back-to-all")
        wait("back to all routes", lambda: page_state(driver)["scope"] == "All routes"
             and page_state(driver)["trace_rows"] > 0)

        # 6. filters: only 2xx, then clear
        driver.find_element(By.CSS_SELECTOR, "#f-status option[value='2xx']").click()
        wait("the traces filtered to 2xx", lambda: js(driver, """
            const rows = Array.from(document.querySelectorAll('#traces-table tbody tr'));
            return rows.length > 0 && rows.every(r => r.classList.contains('clickable')
              ? /^2\\d\\d$/.test(r.querySelector('.status').textContent) : true);"""))
        found["filter_2xx_rows"] = page_state(driver)["trace_rows"]
        click(driver, "#filters button[type=reset]")

        # 7. one trace: timeline, attributes, copy button, backend link
        trace_id = click(driver, "#traces-table tbody tr.clickable", "return arguments[0].dataset.traceId")
        trace_state = wait("the trace detail with a timeline", lambda: (lambda st: st if (
            st["trace_visible"] and st["timeline_bars"] >= 1 and st["attributes"] > 0) else None)(page_state(driver)))
        click(driver, "#copy-trace-id")
        copied = wait("the copy button to answer", lambda: js(driver, "return document.getElementById('copied').textContent"), timeout=5)
        found["trace"] = {"clicked": trace_id, "shown": trace_state["trace_id"], "bars": trace_state["timeline_bars"],
                          "phases": trace_state["timeline_phases"], "attributes": trace_state["attributes"],
                          "link": trace_state["trace_link"], "copy": copied}
        # choose the client span, if any, for its attributes
        if js(driver, "return document.querySelectorAll('#timeline .tl-row[data-span-id]').length") > 1:
            driver.find_elements(By.CSS_SELECTOR, "#timeline .tl-row[data-span-id]")[1].find_element(By.CSS_SELECTOR, ".tl-name").click()
        time.sleep(0.2)
        full_page_screenshot(driver, shots / "dashboard-trace.png")
        found["screenshots"].append("dashboard-trace.png")
        click(driver, "#back-from-trace")
        wait("back to the overview", lambda: page_state(driver)["overview_visible"] and page_state(driver)["route_rows"] > 0)

        # 8. phone width: stacked, no sideways scrolling of the page itself
        set_viewport(driver, 390, 844, mobile=True)
        phone = wait("the charts redrawn at phone width", lambda: (lambda st: st if (
            st["viewport_width"] <= 400 and st["chart_points"]["rps"] >= 2) else None)(page_state(driver)))
        time.sleep(0.5)
        phone = page_state(driver)
        found["phone"] = {"viewport_width": phone["viewport_width"], "page_width": phone["page_width"],
                          "route_rows": phone["route_rows"]}
        driver.save_screenshot(str(shots / "dashboard-phone.png"))
        full_page_screenshot(driver, shots / "dashboard-phone-full.png")
        found["screenshots"] += ["dashboard-phone.png", "dashboard-phone-full.png"]
        click(driver, "#traces-table tbody tr.clickable")
        phone_trace = wait("the trace detail at phone width", lambda: (lambda st: st if (
            st["trace_visible"] and st["timeline_bars"] >= 1) else None)(page_state(driver)))
        found["phone"]["trace_page_width"] = phone_trace["page_width"]
        full_page_screenshot(driver, shots / "dashboard-phone-trace.png")
        found["screenshots"].append("dashboard-phone-trace.png")

        found["console_errors"] += collect_errors(driver)
    return found


def check_state(base_url: str, screenshot_dir, expect: str) -> dict:
    """For the fake server's special modes: expect="empty" waits for the 'waiting for traffic'
    states, expect="error" for the error banner."""
    shots = Path(screenshot_dir)
    shots.mkdir(parents=True, exist_ok=True)
    found: dict = {"console_errors": []}
    with open_browser(1280, 800) as driver:
        driver.get(base_url.rstrip("/") + "/")
        if expect == "empty":
            state = wait_for(driver, "the empty states", lambda: (lambda st: st if (
                st["routes_empty_text"] and st["traces_empty_text"] and st["empty_overlays"]
                and all("Waiting" in t for t in st["empty_overlays"])) else None)(page_state(driver)), found, screenshot_dir=shots)
        else:
            state = wait_for(driver, "the error banner", lambda: (lambda st: st if st["banner_visible"] else None)(
                page_state(driver)), found, screenshot_dir=shots)
        driver.save_screenshot(str(shots / f"dashboard-{expect}.png"))
        found["state"] = state
        found["console_errors"] += collect_errors(driver, allow_network=(expect == "error"))
    return found


if __name__ == "__main__":
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8099"
    out = sys.argv[2] if len(sys.argv) > 2 else "artifacts"
    print(json.dumps(check_dashboard(url, out), indent=2, default=str))
