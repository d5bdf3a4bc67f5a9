// traceproxy dashboard: plain JavaScript, no dependencies, charts drawn as SVG by the code below.
// It polls the admin API of the process that serves it (same origin), one round at a time.
"use strict";

(() => {
  const POLL_MS = 1500;        // pause between the end of one round and the start of the next
  const TIMEOUT_MS = 8000;     // one API call may take at most this long
  const WINDOWS = [300, 900, 3600];
  const SVG_NS = "http://www.w3.org/2000/svg";
  const PHASE_KEYS = {
    connect: "traceproxy.upstream.connect_us",
    firstByte: "traceproxy.upstream.first_byte_us",
    total: "traceproxy.upstream.total_us",
  };

  const state = {
    window: 300,
    view: "overview",          // "overview" | "trace"
    route: null,               // a route name in the overview, or null for all routes
    traceId: null,
    sort: { key: "rps", dir: "desc" },
    trace: null,               // the loaded trace detail
    traceError: null,
    selectedSpan: null,
    lastSuccess: 0,
    navigatedInside: false,
  };
  const lastData = { overview: null };
  const rendered = { routes: "", traces: "", routeOptions: "" };

  // ---------- small helpers ----------

  const $ = (id) => document.getElementById(id);

  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === "class") node.className = value;
        else if (key === "text") node.textContent = value;
        else if (key === "style") node.setAttribute("style", value);
        else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
        else if (key === "dataset") Object.assign(node.dataset, value);
        else node.setAttribute(key, value === true ? "" : value);
      }
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function s(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    return node;
  }

  const isNum = (v) => typeof v === "number" && Number.isFinite(v);

  function fmtMs(v) {
    if (!isNum(v)) return "–";
    if (v >= 1000) return (v / 1000).toFixed(v >= 10000 ? 1 : 2) + " s";
    if (v >= 100) return v.toFixed(0) + " ms";
    if (v >= 10) return v.toFixed(1) + " ms";
    if (v >= 1) return v.toFixed(2) + " ms";
    if (v > 0) return v.toFixed(3) + " ms";
    return "0 ms";
  }
  function fmtUs(us) { return fmtMs(us / 1000); }
  // axis labels: as short as the value allows (tick values are round numbers)
  const trim = (v) => String(Number(v.toPrecision(3)));
  const axisMs = (v) => (v >= 1000 ? `${trim(v / 1000)} s` : `${trim(v)} ms`);
  const axisPct = (v) => `${trim(v * 100)}%`;
  const axisNum = (v) => (v >= 10000 ? `${trim(v / 1000)}k` : trim(v));
  function fmtRate(v) {
    if (!isNum(v)) return "–";
    if (v === 0) return "0";
    if (v < 0.01) return "<0.01";
    if (v < 10) return v.toFixed(2);
    if (v < 100) return v.toFixed(1);
    return Math.round(v).toLocaleString("en-US");
  }
  function fmtPct(v) {
    if (!isNum(v)) return "–";
    if (v === 0) return "0%";
    const p = v * 100;
    if (p < 0.01) return "<0.01%";
    return (p < 10 ? p.toFixed(2) : p.toFixed(1)) + "%";
  }
  function fmtCount(v) { return isNum(v) ? Math.round(v).toLocaleString("en-US") : "–"; }
  function fmtDuration(seconds) {
    if (!isNum(seconds)) return "–";
    const sec = Math.floor(seconds);
    const d = Math.floor(sec / 86400), hr = Math.floor((sec % 86400) / 3600);
    const m = Math.floor((sec % 3600) / 60), ss = sec % 60;
    if (d) return `${d}d ${hr}h ${m}m`;
    if (hr) return `${hr}h ${m}m ${ss}s`;
    if (m) return `${m}m ${ss}s`;
    return `${ss}s`;
  }
  const pad = (n, w = 2) => String(n).padStart(w, "0");
  function fmtClock(ms, withSeconds) {
    const d = new Date(ms);
    const base = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    return withSeconds ? `${base}:${pad(d.getSeconds())}` : base;
  }
  function fmtClockMs(ms) { return `${fmtClock(ms, true)}.${pad(new Date(ms).getMilliseconds(), 3)}`; }
  function fmtAgo(unix) {
    if (!isNum(unix)) return "never";
    return fmtDuration(Math.max(0, Date.now() / 1000 - unix)) + " ago";
  }

  function routeParts(route) {
    const text = String(route || "");
    const i = text.indexOf(" ");
    if (i > 0 && /^[A-Z]+$/.test(text.slice(0, i))) return [text.slice(0, i), text.slice(i + 1)];
    return ["", text];
  }
  function routeLabel(route) {
    const [method, path] = routeParts(route);
    return [method ? h("span", { class: "method", text: method }) : null, method ? " " : null, h("span", { class: "route-path", text: path })];
  }
  function statusBadge(code, error) {
    const cls = isNum(code) ? `c${String(code)[0]}` : "";
    return h("span", { class: `status ${cls} ${error ? "err" : ""}`, text: isNum(code) && code > 0 ? code : (error ? "error" : "–") });
  }

  // ---------- API ----------

  class ApiError extends Error {
    constructor(message, status) { super(message); this.status = status; }
  }

  async function getJSON(path) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response;
    try {
      response = await fetch(path, { cache: "no-store", signal: controller.signal, headers: { Accept: "application/json" } });
    } catch (err) {
      throw new ApiError(err && err.name === "AbortError" ? `${path} timed out` : `${path}: network error`, 0);
    } finally {
      clearTimeout(timer);
    }
    let body = null;
    try { body = await response.json(); } catch (_) { body = null; }
    if (!response.ok) {
      const detail = body && typeof body.error === "string" ? body.error : response.statusText;
      throw new ApiError(`${path} answered ${response.status}${detail ? ": " + detail : ""}`, response.status);
    }
    if (body === null || typeof body !== "object") throw new ApiError(`${path} did not answer JSON`, response.status);
    return body;
  }

  // ---------- polling: one round at a time, paused while the tab is hidden ----------

  let timer = null;
  let inFlight = false;
  let again = false;

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
  }
  function pollNow() {
    if (inFlight) again = true;
    else schedule(0);
  }

  async function tick() {
    timer = null;
    if (document.hidden) { setLive("paused"); return; }   // visibilitychange starts us again
    if (inFlight) { again = true; return; }
    inFlight = true;
    setLive("busy");
    try {
      await refresh();
      state.lastSuccess = Date.now();
      hideBanner();
      setLive("live");
    } catch (err) {
      // a failed API call is expected now and then; anything else is a bug in this page: say so
      if (!(err instanceof ApiError)) console.error("traceproxy dashboard:", err);
      showBanner(err);
      setLive("failing");
    } finally {
      inFlight = false;
      if (!document.hidden) schedule(again ? 0 : POLL_MS);
      else setLive("paused");
      again = false;
    }
  }

  function viewKey() {
    return JSON.stringify([state.view, state.route, state.window, state.traceId]);
  }

  async function refresh() {
    const key = viewKey();
    const current = () => key === viewKey();
    const jobs = [getJSON("/api/status").then(renderStatus)];
    if (state.view === "trace") {
      if (!state.trace && !state.traceError) {
        const id = state.traceId;
        jobs.push(getJSON(`/api/traces/${encodeURIComponent(id)}`).then(
          (detail) => { if (current()) { state.trace = detail; renderTrace(); } },
          (err) => {
            if (err.status === 404) { if (current()) { state.traceError = "This trace is not (or no longer) in memory."; renderTrace(); } }
            else throw err;
          }));
      }
    } else {
      const w = state.window;
      const overviewPath = state.route
        ? `/api/route?name=${encodeURIComponent(state.route)}&window=${w}`
        : `/api/overview?window=${w}`;
      jobs.push(getJSON(overviewPath).then(
        (data) => { if (current()) renderOverview(data); },
        (err) => {
          if (err.status === 404 && state.route) { if (current()) renderOverview(null); }
          else throw err;
        }));
      jobs.push(getJSON(`/api/routes?window=${w}`).then((data) => { if (current()) renderRoutes(data); }));
      const tracesPath = tracesQuery();
      if (tracesPath) {
        jobs.push(getJSON(tracesPath).then((data) => { if (tracesPath === tracesQuery()) renderTraces(data); }));
      }
    }
    const results = await Promise.allSettled(jobs);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  // ---------- status / header ----------

  function setLive(mode) {
    const live = $("live");
    live.className = `live ${mode === "live" ? "" : mode}`;
    if (mode === "paused") $("live-text").textContent = "paused";
    else if (mode === "failing") $("live-text").textContent = "retrying";
    else if (mode === "live") $("live-text").textContent = "live";
  }

  function showBanner(err) {
    const banner = $("banner");
    const since = state.lastSuccess ? ` Last update at ${fmtClock(state.lastSuccess, true)}.` : "";
    banner.replaceChildren(h("strong", { text: "Can't load data from the admin API. " }),
      `${err && err.message ? err.message : err}.${since} Retrying every ${POLL_MS / 1000} s…`);
    banner.hidden = false;
    if (!lastData.overview) {
      for (const node of document.querySelectorAll(".chart .plot .empty")) node.textContent = "No data: the admin API is not answering";
    }
  }
  function hideBanner() { $("banner").hidden = true; }

  function renderStatus(st) {
    $("version").textContent = st.version ? `v${st.version}` : "";
    $("service-name").textContent = st.service_name || "–";
    $("upstream").textContent = st.upstream || "–";
    $("upstream").title = st.upstream || "";
    $("uptime").textContent = fmtDuration(st.uptime_seconds);
    if (st.service_name) document.title = `${st.service_name} · traceproxy`;
    const exporters = Array.isArray(st.exporters) ? st.exporters : [];
    const cell = $("exporters");
    if (!exporters.length) {
      cell.replaceChildren(h("span", { class: "muted", text: "none (in memory only)" }));
      return;
    }
    cell.replaceChildren(...exporters.map((e) => {
      const dropped = e.dropped && typeof e.dropped === "object"
        ? Object.values(e.dropped).reduce((a, b) => a + (isNum(b) ? b : 0), 0) : 0;
      const failed = isNum(e.failed_requests) ? e.failed_requests : 0;
      const stale = !isNum(e.last_success_unix) || Date.now() / 1000 - e.last_success_unix > 60;
      let level = "";
      if (failed > 0 && stale) level = "bad";
      else if (dropped > 0 || failed > 0) level = "warn";
      const details = [
        `${e.name}: ${fmtCount(e.exported)} exported, ${fmtCount(e.queued)} queued`,
        `dropped: ${e.dropped ? Object.entries(e.dropped).map(([k, v]) => `${k.replace(/_/g, " ")} ${v}`).join(", ") : "0"}`,
        `failed requests: ${failed}`,
        `last success: ${fmtAgo(e.last_success_unix)}`,
      ].join("\n");
      return h("span", { class: `exporter ${level}`, title: details },
        h("span", { class: "dot" }), e.name,
        h("small", { text: `${fmtCount(e.exported)} sent${dropped ? ` · ${fmtCount(dropped)} dropped` : ""}${e.queued ? ` · ${fmtCount(e.queued)} queued` : ""}` }));
    }));
  }

  // ---------- overview ----------

  function renderOverview(data) {
    lastData.overview = data;
    const totals = data && data.totals ? data.totals : null;
    $("kpi-rps").textContent = totals ? fmtRate(totals.rps) : "–";
    $("kpi-requests").textContent = totals ? `${fmtCount(totals.requests)} requests in ${windowLabel(state.window)}` : "";
    $("kpi-errors").textContent = totals ? fmtPct(totals.error_rate) : "–";
    $("kpi-errors").classList.toggle("errcell", true);
    $("kpi-errors").classList.toggle("bad", !!totals && totals.error_rate > 0.01);
    $("kpi-error-count").textContent = totals ? `${fmtCount(totals.errors)} errors` : "";
    $("kpi-p50").textContent = totals ? fmtMs(totals.p50_ms) : "–";
    $("kpi-p95").textContent = totals ? fmtMs(totals.p95_ms) : "–";
    $("kpi-p99").textContent = totals ? fmtMs(totals.p99_ms) : "–";
    drawCharts();
  }

  function windowLabel(seconds) {
    return seconds >= 3600 ? `${seconds / 3600} h` : `${seconds / 60} min`;
  }

  function drawCharts() {
    const data = lastData.overview;
    const series = data && Array.isArray(data.series) ? data.series : [];
    const bucket = data && isNum(data.bucket_seconds) ? data.bucket_seconds : 10;
    const empty = !data || !data.totals || !data.totals.requests;
    const emptyText = state.route ? "No requests to this route in this window" : "Waiting for traffic…";
    const points = series.map((p) => ({
      t: p.t,
      requests: isNum(p.requests) ? p.requests : 0,
      errors: isNum(p.errors) ? p.errors : 0,
      rps: isNum(p.rps) ? p.rps : (isNum(p.requests) ? p.requests / bucket : null),
      error_rate: isNum(p.requests) && p.requests > 0 ? (p.errors || 0) / p.requests : null,
      p50_ms: p.p50_ms, p95_ms: p.p95_ms, p99_ms: p.p99_ms,
    }));
    const ctx = { points, bucket, empty, emptyText, windowEnd: data && isNum(data.now_unix) ? data.now_unix : null };
    lineChart($("chart-rps"), ctx, [{ key: "rps", cls: "rps", label: "req/s", area: true }], fmtRate, { axis: axisNum, minMax: 0.1 });
    lineChart($("chart-errors"), ctx, [{ key: "error_rate", cls: "err", label: "error rate", area: true }], fmtPct, { axis: axisPct, minMax: 0.01 });
    lineChart($("chart-latency"), ctx, [
      { key: "p50_ms", cls: "p50", label: "p50" },
      { key: "p95_ms", cls: "p95", label: "p95" },
      { key: "p99_ms", cls: "p99", label: "p99" },
    ], fmtMs, { axis: axisMs, minMax: 1 });
    barChart($("chart-volume"), ctx);
  }

  function niceStep(max, count, integers) {
    const raw = max / count;
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const n = raw / power;
    const quarter = !(integers && power <= 1);   // no 2.5 steps for counts
    const step = n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 && quarter ? 2.5 : n <= 5 ? 5 : 10;
    return integers ? Math.max(1, step * power) : step * power;
  }
  function yScale(maxValue, minMax, integers) {
    const max = Math.max(maxValue || 0, minMax || 0) || 1;
    const step = niceStep(max, 4, integers);
    const top = Math.ceil(max / step - 1e-9) * step;
    const ticks = [];
    for (let v = 0; v <= top + step / 2; v += step) ticks.push(v);
    return { top, ticks };
  }

  const M = { left: 54, right: 10, top: 8, bottom: 22 };

  function frame(figure, ctx, maxValue, fmt, minMax, integers) {
    const plot = figure.querySelector(".plot");
    const width = Math.max(200, plot.clientWidth);
    const height = Math.max(100, plot.clientHeight);
    const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": figure.querySelector("figcaption").textContent });
    const innerW = width - M.left - M.right;
    const innerH = height - M.top - M.bottom;
    const { top, ticks } = yScale(maxValue, minMax, integers);
    const n = ctx.points.length;
    const t0 = n ? ctx.points[0].t : 0;
    const t1 = n ? ctx.points[n - 1].t + ctx.bucket : 1;
    const x = (t) => M.left + ((t - t0) / Math.max(1, t1 - t0)) * innerW;
    const y = (v) => M.top + innerH - (v / top) * innerH;
    for (const v of ticks) {
      const yy = Math.round(y(v)) + 0.5;
      svg.append(s("line", { class: "gridline", x1: M.left, x2: width - M.right, y1: yy, y2: yy }));
      const label = s("text", { class: "axis-label", x: M.left - 6, y: yy + 4, "text-anchor": "end" });
      label.textContent = v === 0 ? "0" : fmt(v);
      svg.append(label);
    }
    // time labels at round times
    const span = t1 - t0;
    const steps = [60, 120, 300, 600, 900, 1800, 3600];
    const step = steps.find((st) => span / st <= Math.max(2, Math.floor(innerW / 90))) || 3600;
    for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
      const xx = x(t);
      if (xx < M.left + 14 || xx > width - M.right - 14) continue;
      svg.append(s("line", { class: "gridline", x1: Math.round(xx) + 0.5, x2: Math.round(xx) + 0.5, y1: M.top + innerH, y2: M.top + innerH + 4 }));
      const label = s("text", { class: "axis-label", x: xx, y: height - 5, "text-anchor": "middle" });
      label.textContent = fmtClock(t * 1000, false);
      svg.append(label);
    }
    return { plot, svg, width, height, innerW, innerH, x, y, t0, t1 };
  }

  function finish(figure, f, ctx, describe) {
    const overlay = ctx.empty ? h("div", { class: "empty", text: ctx.emptyText }) : null;
    f.plot.replaceChildren(f.svg, ...(overlay ? [overlay] : []));
    figure.dataset.empty = ctx.empty ? "true" : "false";
    if (ctx.empty || !ctx.points.length) return;
    // hover: a dashed cursor and a tooltip with the bucket's values
    const cursor = s("line", { class: "cursor", y1: M.top, y2: M.top + f.innerH, x1: -10, x2: -10, visibility: "hidden" });
    const hit = s("rect", { class: "hit", x: M.left, y: M.top, width: f.innerW, height: f.innerH });
    f.svg.append(cursor, hit);
    const tooltip = $("tooltip");
    hit.addEventListener("mousemove", (ev) => {
      const box = f.svg.getBoundingClientRect();
      const px = ((ev.clientX - box.left) / box.width) * f.width;
      const t = f.t0 + ((px - M.left) / f.innerW) * (f.t1 - f.t0);
      const i = Math.max(0, Math.min(ctx.points.length - 1, Math.floor((t - f.t0) / ctx.bucket)));
      const p = ctx.points[i];
      const cx = f.x(p.t + ctx.bucket / 2);
      cursor.setAttribute("x1", cx); cursor.setAttribute("x2", cx); cursor.setAttribute("visibility", "visible");
      tooltip.replaceChildren(h("div", { class: "t", text: `${fmtClock(p.t * 1000, true)} – ${fmtClock((p.t + ctx.bucket) * 1000, true)}` }),
        ...describe(p).map(([k, v]) => h("div", { class: "row" }, h("span", { text: k }), h("b", { text: v }))));
      tooltip.hidden = false;
      const tw = tooltip.offsetWidth;
      const left = ev.clientX + 14 + tw > window.innerWidth ? ev.clientX - 14 - tw : ev.clientX + 14;
      tooltip.style.left = `${Math.max(4, left)}px`;
      tooltip.style.top = `${ev.clientY + 12}px`;
    });
    hit.addEventListener("mouseleave", () => { cursor.setAttribute("visibility", "hidden"); tooltip.hidden = true; });
  }

  function lineChart(figure, ctx, lines, fmt, opts = {}) {
    let max = 0;
    for (const p of ctx.points) for (const l of lines) if (isNum(p[l.key]) && p[l.key] > max) max = p[l.key];
    const f = frame(figure, ctx, max, opts.axis || fmt, opts.minMax);
    const baseY = f.y(0);
    for (const line of ctx.empty ? [] : lines) {
      const segments = [];
      let current = [];
      for (const p of ctx.points) {
        const v = p[line.key];
        if (isNum(v)) current.push([f.x(p.t + ctx.bucket / 2), f.y(v)]);
        else if (current.length) { segments.push(current); current = []; }
      }
      if (current.length) segments.push(current);
      let d = "";
      let area = "";
      let count = 0;
      for (const seg of segments) {
        count += seg.length;
        d += seg.map(([xx, yy], i) => `${i ? "L" : "M"}${xx.toFixed(1)},${yy.toFixed(1)}`).join("");
        if (seg.length === 1) d += "h0.01";   // a lone point shows as a dot (round line caps)
        if (line.area && seg.length > 1) {
          area += `M${seg[0][0].toFixed(1)},${baseY.toFixed(1)}` +
            seg.map(([xx, yy]) => `L${xx.toFixed(1)},${yy.toFixed(1)}`).join("") +
            `L${seg[seg.length - 1][0].toFixed(1)},${baseY.toFixed(1)}Z`;
        }
      }
      if (area) f.svg.append(s("path", { class: `area ${line.cls}`, d: area }));
      if (d) f.svg.append(s("path", { class: `line ${line.cls}`, d, "data-points": count }));
    }
    finish(figure, f, ctx, (p) => [
      ...lines.map((l) => [l.label, isNum(p[l.key]) ? fmt(p[l.key]) : "–"]),
      ["requests", fmtCount(p.requests)],
    ]);
  }

  function barChart(figure, ctx) {
    let max = 0;
    for (const p of ctx.points) if (p.requests > max) max = p.requests;
    const f = frame(figure, ctx, max, axisNum, 4, true);
    const slot = ctx.points.length ? f.innerW / ctx.points.length : 0;
    const gap = slot > 6 ? Math.min(3, slot * 0.2) : 0.5;
    let bars = 0;
    for (const p of ctx.points) {
      if (!p.requests) continue;
      const x0 = f.x(p.t) + gap / 2;
      const w = Math.max(1, slot - gap);
      const ok = Math.max(0, p.requests - p.errors);
      const yOk = f.y(ok);
      const yAll = f.y(p.requests);
      if (ok > 0) f.svg.append(s("rect", { class: "bar ok", x: x0.toFixed(1), width: w.toFixed(1), y: yOk.toFixed(1), height: (f.y(0) - yOk).toFixed(1) }));
      if (p.errors > 0) f.svg.append(s("rect", { class: "bar err", x: x0.toFixed(1), width: w.toFixed(1), y: yAll.toFixed(1), height: Math.max(1, yOk - yAll).toFixed(1) }));
      bars += 1;
    }
    figure.dataset.bars = bars;
    finish(figure, f, ctx, (p) => [["requests", fmtCount(p.requests)], ["errors", fmtCount(p.errors)]]);
  }

  // ---------- routes table ----------

  let routesData = [];

  function renderRoutes(data) {
    routesData = Array.isArray(data.routes) ? data.routes : [];
    updateRouteOptions();
    drawRoutes();
  }

  function drawRoutes() {
    const { key, dir } = state.sort;
    const rows = routesData.slice().sort((a, b) => {
      const va = isNum(a[key]) ? a[key] : -1;
      const vb = isNum(b[key]) ? b[key] : -1;
      if (va !== vb) return dir === "asc" ? va - vb : vb - va;
      return String(a.route).localeCompare(String(b.route));
    });
    for (const th of document.querySelectorAll("#routes-table th.sortable")) {
      if (th.dataset.sort === key) th.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    }
    const signature = JSON.stringify([rows, state.route]);
    if (signature === rendered.routes) return;
    rendered.routes = signature;
    const tbody = $("routes-table").tBodies[0];
    if (!rows.length) {
      tbody.replaceChildren(h("tr", null, h("td", { class: "empty-row", colspan: 7, text: "Waiting for traffic — no request has gone through the proxy in this window yet." })));
      return;
    }
    // rows are kept and updated in place (keyed by route) so a click is never lost to a redraw
    const update = (tr, r) => {
      const cells = tr.cells;
      const values = [null, fmtCount(r.requests), `${fmtRate(r.rps)}/s`, fmtPct(r.error_rate), fmtMs(r.p50_ms), fmtMs(r.p95_ms), fmtMs(r.p99_ms)];
      values.forEach((v, i) => { if (v !== null && cells[i].textContent !== v) cells[i].textContent = v; });
      cells[3].className = `errcell ${r.error_rate > 0.01 ? "bad" : ""}`;
      cells[3].title = `${fmtCount(r.errors)} errors`;
      if (r.route === state.route) tr.setAttribute("aria-current", "true");
      else tr.removeAttribute("aria-current");
    };
    reconcile(tbody, rows, (r) => r.route, (r) => {
      const tr = h("tr", {
        class: "clickable", tabindex: 0, title: `Show charts for ${r.route}`,
        onclick: () => openRoute(r.route),
        onkeydown: (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openRoute(r.route); } },
      }, h("td", { class: "left" }, routeLabel(r.route)), h("td"), h("td"), h("td"), h("td"), h("td"), h("td"));
      update(tr, r);
      return tr;
    }, update);
  }

  function reconcile(tbody, items, keyOf, create, update) {
    const existing = new Map();
    for (const tr of Array.from(tbody.rows)) {
      if (tr.dataset.key !== undefined) existing.set(tr.dataset.key, tr);
      else tr.remove();
    }
    const keep = new Set();
    let previous = null;
    for (const item of items) {
      const key = String(keyOf(item));
      let tr = existing.get(key);
      if (tr) update(tr, item);
      else { tr = create(item); tr.dataset.key = key; }
      keep.add(key);
      const expected = previous ? previous.nextSibling : tbody.firstChild;
      if (tr !== expected) tbody.insertBefore(tr, expected);
      previous = tr;
    }
    for (const [key, tr] of existing) if (!keep.has(key)) tr.remove();
  }

  function updateRouteOptions() {
    const select = $("f-route");
    const names = new Set(routesData.map((r) => r.route));
    if (select.value) names.add(select.value);
    if (state.route) names.add(state.route);
    const sorted = [...names].sort();
    const signature = sorted.join("\n");
    if (signature === rendered.routeOptions) return;
    rendered.routeOptions = signature;
    const value = select.value;
    select.replaceChildren(h("option", { value: "", text: "all routes" }), ...sorted.map((n) => h("option", { value: n, text: n })));
    select.value = value;
  }

  // ---------- traces table ----------

  function tracesQuery() {
    const params = new URLSearchParams();
    const route = $("f-route").value;
    const status = $("f-status").value;
    const min = $("f-min").value.trim();
    const traceInput = $("f-trace");
    const traceId = traceInput.value.trim().toLowerCase();
    if (traceId && !/^[0-9a-f]{1,32}$/.test(traceId)) {
      traceInput.setCustomValidity("hex digits only");
      return null;
    }
    traceInput.setCustomValidity("");
    if (route) params.set("route", route);
    if (status) params.set("status", status);
    if (min && Number(min) > 0) params.set("min_ms", String(Number(min)));
    if (traceId) params.set("trace_id", traceId);
    params.set("limit", "50");
    return `/api/traces?${params}`;
  }

  function renderTraces(data) {
    const traces = Array.isArray(data.traces) ? data.traces : [];
    const signature = JSON.stringify(traces);
    if (signature === rendered.traces) return;
    rendered.traces = signature;
    const tbody = $("traces-table").tBodies[0];
    if (!traces.length) {
      const filtered = $("f-route").value || $("f-status").value || $("f-min").value || $("f-trace").value;
      tbody.replaceChildren(h("tr", null, h("td", {
        class: "empty-row", colspan: 5,
        text: filtered ? "No trace matches these filters." : "Waiting for traffic — traces appear here as requests arrive.",
      })));
      return;
    }
    const maxDuration = Math.max(...traces.map((t) => (isNum(t.duration_ms) ? t.duration_ms : 0)), 0.001);
    const barWidth = (t) => `${Math.max(2, Math.round(((isNum(t.duration_ms) ? t.duration_ms : 0) / maxDuration) * 60))}px`;
    reconcile(tbody, traces, (t) => t.trace_id, (t) => h("tr", {
      class: "clickable", tabindex: 0, "data-trace-id": t.trace_id, title: "Show this trace",
      onclick: () => openTrace(t.trace_id),
      onkeydown: (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openTrace(t.trace_id); } },
    },
    h("td", { class: "left", text: isNum(t.start_unix_ms) ? fmtClockMs(t.start_unix_ms) : "–" }),
    h("td", { class: "left" }, routeLabel(t.route || t.name)),
    h("td", null, statusBadge(t.status_code, t.error)),
    h("td", null, h("span", { class: "durbar", style: `width:${barWidth(t)}` }), fmtMs(t.duration_ms)),
    h("td", { class: "left trace-cell", title: t.trace_id, text: String(t.trace_id || "").slice(0, 16) + "…" })),
    (tr, t) => { tr.querySelector(".durbar").style.width = barWidth(t); });
  }

  // ---------- trace detail ----------

  // nanosecond timestamps arrive as decimal strings (beyond Number's exact range); BigInt keeps their order
  function toBig(v) {
    try {
      if (typeof v === "number") return Number.isFinite(v) ? BigInt(Math.round(v)) : null;
      return BigInt(String(v).trim());
    } catch (_) { return null; }
  }

  function renderTrace() {
    const meta = $("trace-meta");
    const timeline = $("timeline");
    const attrs = $("attrs-table").tBodies[0];
    $("trace-id").textContent = state.traceId || "";
    const link = $("trace-link");
    link.hidden = true;
    if (state.traceError || !state.trace) {
      meta.replaceChildren(h("span", { text: state.traceError || "Loading…" }));
      timeline.replaceChildren();
      attrs.replaceChildren();
      $("attr-span-name").textContent = "";
      return;
    }
    const trace = state.trace;
    if (typeof trace.link === "string" && /^https?:\/\//i.test(trace.link)) {
      link.href = trace.link;
      const backend = /datadog/i.test(trace.link) ? "Datadog" : /jaeger|:16686/i.test(trace.link) ? "Jaeger" : "tracing backend";
      link.textContent = `Open in ${backend} ↗`;
      link.hidden = false;
    }
    const spans = (Array.isArray(trace.spans) ? trace.spans : []).map((sp) => ({
      ...sp, start: toBig(sp.start_unix_ns), end: toBig(sp.end_unix_ns),
    })).filter((sp) => sp.start !== null && sp.end !== null);
    if (!spans.length) {
      meta.replaceChildren(h("span", { text: "This trace has no spans." }));
      timeline.replaceChildren();
      attrs.replaceChildren();
      return;
    }
    let t0 = spans[0].start, t1 = spans[0].end;
    for (const sp of spans) { if (sp.start < t0) t0 = sp.start; if (sp.end > t1) t1 = sp.end; }
    const totalUs = Math.max(1, Number(t1 - t0) / 1000);
    const offUs = (ns) => Number(ns - t0) / 1000;

    // order: depth-first from the roots, children by start time
    const byId = new Map(spans.map((sp) => [sp.span_id, sp]));
    const children = new Map();
    const roots = [];
    for (const sp of spans) {
      if (sp.parent_span_id && byId.has(sp.parent_span_id) && sp.parent_span_id !== sp.span_id) {
        if (!children.has(sp.parent_span_id)) children.set(sp.parent_span_id, []);
        children.get(sp.parent_span_id).push(sp);
      } else roots.push(sp);
    }
    const byStart = (a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);
    const ordered = [];
    const seen = new Set();
    const walk = (sp, depth) => {
      if (seen.has(sp.span_id)) return;
      seen.add(sp.span_id);
      ordered.push([sp, depth]);
      for (const c of (children.get(sp.span_id) || []).sort(byStart)) walk(c, depth + 1);
    };
    roots.sort(byStart).forEach((r) => walk(r, 0));

    const root = ordered[0][0];
    const rootAttrs = root.attributes || {};
    const code = rootAttrs["http.response.status_code"];
    meta.replaceChildren(
      h("span", null, "route ", h("b", { text: root.name })),
      h("span", null, "status ", statusBadge(isNum(code) ? code : null, root.status === "error")),
      h("span", null, "duration ", h("b", { text: fmtUs(totalUs) })),
      h("span", null, "started ", h("b", { text: new Date(Number(t0 / 1000000n)).toLocaleString("en-GB") + "." + pad(Number((t0 / 1000000n) % 1000n), 3) })),
      h("span", null, "spans ", h("b", { text: spans.length })),
    );

    const pct = (us) => Math.max(0, Math.min(100, (us / totalUs) * 100));
    const scale = h("div", { class: "tl-scale" }, h("div", { class: "tl-lane" }, ...[0, 0.25, 0.5, 0.75, 1].map((q) =>
      h("span", { class: q > 0 && q < 1 ? "q" : null, style: `left:${q * 100}%`, text: fmtUs(totalUs * q) }))));
    const rows = [h("div", { class: "tl-scale-pad" }), scale];
    if (!state.selectedSpan || !byId.has(state.selectedSpan)) state.selectedSpan = root.span_id;

    for (const [sp, depth] of ordered) {
      const startUs = offUs(sp.start);
      const durUs = Math.max(0, Number(sp.end - sp.start) / 1000);
      const left = pct(startUs);
      const width = Math.max(0.4, Math.min(100 - left, (durUs / totalUs) * 100));
      const bar = h("div", {
        class: `tl-bar ${sp.kind === "client" ? "client" : "server"} ${sp.status === "error" ? "error" : ""}`,
        style: `left:${left}%;width:${width}%`,
        title: `${sp.name}: ${fmtUs(durUs)} starting at +${fmtUs(startUs)}`,
      });
      const phaseInfo = phases(sp, durUs);
      for (const ph of phaseInfo) {
        bar.append(h("div", {
          class: `phase ${ph.cls}`,
          style: `left:${(ph.from / durUs) * 100}%;width:${Math.max(0.5, ((ph.to - ph.from) / durUs) * 100)}%`,
          title: `${ph.label}: ${fmtUs(ph.to - ph.from)}`,
        }));
      }
      const label = h("span", { class: "tl-dur", text: fmtUs(durUs), style: `left:${left + width}%` });
      const select = () => { state.selectedSpan = sp.span_id; renderTrace(); };
      const row = h("div", {
        class: `tl-row ${sp.span_id === state.selectedSpan ? "selected" : ""}`, "data-span-id": sp.span_id,
        onclick: select,
      },
      h("div", { class: "tl-name", style: `padding-left:${6 + depth * 16}px`, tabindex: 0, role: "button",
        onkeydown: (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(); } } },
      h("span", { class: "kind", text: sp.kind || "span" }), h("span", { class: "nm", text: sp.name, title: sp.name })),
      h("div", { class: "tl-track" }, h("div", { class: "tl-lane" }, bar, label)));
      rows.push(row);
      if (phaseInfo.length) {
        rows.push(h("div", { class: "tl-row tl-phase-row", onclick: select },
          h("div", { class: "tl-phases", style: `padding-left:${6 + (depth + 1) * 16}px` },
            ...phaseInfo.map((ph) => h("span", null, h("i", { class: `sw s-${ph.cls}` }), `${ph.label} ${fmtUs(ph.to - ph.from)}`)))));
      }
    }
    timeline.replaceChildren(...rows);

    const selected = byId.get(state.selectedSpan) || root;
    $("attr-span-name").textContent = `· ${selected.name}`;
    const fixed = [
      ["span id", selected.span_id],
      ["parent span id", selected.parent_span_id || "— (root)"],
      ["kind", selected.kind],
      ["status", selected.status + (selected.status_message ? ` — ${selected.status_message}` : "")],
      ["start", `+${fmtUs(offUs(selected.start))}`],
      ["duration", fmtUs(Number(selected.end - selected.start) / 1000)],
    ];
    const entries = Object.entries(selected.attributes || {}).sort(([a], [b]) => a.localeCompare(b));
    attrs.replaceChildren(
      ...fixed.map(([k, v]) => h("tr", null, h("td", { text: k }), h("td", { text: v }))),
      ...entries.map(([k, v]) => h("tr", null, h("td", { text: k }), h("td", { text: typeof v === "string" ? v : JSON.stringify(v) }))));
  }

  // libcurl's phases, in microseconds from the upstream transfer start (taken as the span's start)
  function phases(sp, durUs) {
    const a = sp.attributes || {};
    const total = Number(a[PHASE_KEYS.total]);
    if (!Number.isFinite(total) || total <= 0) return [];
    const connect = Math.max(0, Number(a[PHASE_KEYS.connect]) || 0);
    const firstByte = Number(a[PHASE_KEYS.firstByte]);
    const clamp = (v) => Math.max(0, Math.min(durUs, v));
    const out = [];
    if (connect > 0) out.push({ cls: "connect", label: "connect", from: 0, to: clamp(connect) });
    if (Number.isFinite(firstByte) && firstByte > 0) {
      out.push({ cls: "wait", label: "first byte", from: clamp(connect), to: clamp(firstByte) });
      out.push({ cls: "download", label: "body", from: clamp(firstByte), to: clamp(total) });
    } else {
      out.push({ cls: "download", label: "transfer", from: clamp(connect), to: clamp(total) });
    }
    return out.filter((ph) => ph.to > ph.from);
  }

  async function copyTraceId() {
    const id = state.traceId || "";
    const done = (text) => {
      $("copied").textContent = text;
      setTimeout(() => { $("copied").textContent = ""; }, 2000);
    };
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(id);
        done("Copied");
        return;
      }
    } catch (_) { /* fall back below */ }
    const area = h("textarea", { style: "position:fixed;left:-1000px;top:0;opacity:0", readonly: true });
    area.value = id;
    document.body.append(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (_) { ok = false; }
    area.remove();
    if (ok) { done("Copied"); return; }
    const range = document.createRange();
    range.selectNodeContents($("trace-id"));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    done("Selected — press Ctrl+C to copy");
  }

  // ---------- navigation (hash routes: #/, #/route/<name>, #/trace/<id>) ----------

  function openRoute(name) { state.navigatedInside = true; location.hash = `#/route/${encodeURIComponent(name)}`; }
  function openTrace(id) { state.navigatedInside = true; location.hash = `#/trace/${encodeURIComponent(id)}`; }

  function applyHash() {
    const hash = location.hash.replace(/^#\/?/, "");
    let view = "overview", route = null, traceId = null;
    try {
      if (hash.startsWith("route/")) route = decodeURIComponent(hash.slice(6)) || null;
      else if (hash.startsWith("trace/")) { view = "trace"; traceId = decodeURIComponent(hash.slice(6)).toLowerCase(); }
    } catch (_) { /* a malformed hash shows the overview */ }
    const routeChanged = route !== state.route;
    state.view = view;
    if (view === "overview") {
      state.route = route;
      if (routeChanged) {
        lastData.overview = null;
        $("f-route").value = route || "";
        updateRouteOptions();
        $("f-route").value = route || "";
        rendered.traces = "";
        rendered.routes = "";
      }
    }
    if (traceId !== state.traceId) {
      state.traceId = traceId;
      state.trace = null;
      state.traceError = null;
      state.selectedSpan = null;
    }
    $("view-overview").hidden = view !== "overview";
    $("view-trace").hidden = view !== "trace";
    $("scope-title").textContent = state.route || "All routes";
    $("back-to-all").hidden = !state.route;
    if (view === "trace") renderTrace();
    else { renderOverviewPlaceholder(); drawRoutes(); }
    window.scrollTo(0, 0);
    pollNow();
  }

  function renderOverviewPlaceholder() {
    if (!lastData.overview) {
      for (const id of ["kpi-rps", "kpi-errors", "kpi-p50", "kpi-p95", "kpi-p99"]) $(id).textContent = "–";
      $("kpi-requests").textContent = "";
      $("kpi-error-count").textContent = "";
      for (const fig of document.querySelectorAll(".chart .plot")) fig.replaceChildren(h("div", { class: "empty", text: "Loading…" }));
    } else drawCharts();
  }

  // ---------- wiring ----------

  function setWindow(seconds) {
    if (!WINDOWS.includes(seconds)) return;
    state.window = seconds;
    for (const b of document.querySelectorAll("#window-picker button")) {
      b.setAttribute("aria-checked", String(Number(b.dataset.window) === seconds));
    }
    try { localStorage.setItem("traceproxy.window", String(seconds)); } catch (_) { /* private mode */ }
    lastData.overview = null;
    renderOverviewPlaceholder();
    pollNow();
  }

  function init() {
    let saved = 300;
    try { saved = Number(localStorage.getItem("traceproxy.window")) || 300; } catch (_) { /* private mode */ }
    for (const b of document.querySelectorAll("#window-picker button")) {
      b.addEventListener("click", () => setWindow(Number(b.dataset.window)));
    }
    $("window-picker").addEventListener("keydown", (ev) => {
      if (ev.key !== "ArrowRight" && ev.key !== "ArrowLeft") return;
      const i = WINDOWS.indexOf(state.window) + (ev.key === "ArrowRight" ? 1 : -1);
      if (i >= 0 && i < WINDOWS.length) {
        setWindow(WINDOWS[i]);
        document.querySelector(`#window-picker button[data-window="${WINDOWS[i]}"]`).focus();
      }
    });
    for (const th of document.querySelectorAll("#routes-table th.sortable")) {
      th.tabIndex = 0;
      const sort = () => {
        const key = th.dataset.sort;
        state.sort = { key, dir: state.sort.key === key && state.sort.dir === "desc" ? "asc" : "desc" };
        rendered.routes = "";
        drawRoutes();
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); sort(); } });
    }
    $("back-to-all").addEventListener("click", () => { location.hash = "#/"; });
    $("back-from-trace").addEventListener("click", () => {
      if (state.navigatedInside && history.length > 1) history.back();
      else location.hash = "#/";
    });
    $("copy-trace-id").addEventListener("click", copyTraceId);

    let debounce = null;
    const filtersChanged = () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => { rendered.traces = ""; pollNow(); }, 250);
    };
    const form = $("filters");
    form.addEventListener("input", filtersChanged);
    form.addEventListener("change", filtersChanged);
    form.addEventListener("submit", (ev) => { ev.preventDefault(); filtersChanged(); });
    form.addEventListener("reset", () => setTimeout(() => {
      if (state.route) $("f-route").value = state.route;
      filtersChanged();
    }, 0));

    document.addEventListener("visibilitychange", () => {
      if (document.hidden) { clearTimeout(timer); timer = null; if (!inFlight) setLive("paused"); }
      else pollNow();
    });
    let resizeFrame = 0;
    window.addEventListener("resize", () => {
      cancelAnimationFrame(resizeFrame);
      resizeFrame = requestAnimationFrame(() => { if (state.view === "overview" && lastData.overview) drawCharts(); });
    });
    window.addEventListener("hashchange", applyHash);

    state.window = WINDOWS.includes(saved) ? saved : 300;
    for (const b of document.querySelectorAll("#window-picker button")) {
      b.setAttribute("aria-checked", String(Number(b.dataset.window) === state.window));
    }
    applyHash();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
