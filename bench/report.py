"""Renders a harness report (bench/results/latest.json) as markdown and checks the targets of issue 7.

Every ratio is between two figures of the same run. `python3 bench/report.py bench/results/latest.json`
re-renders a saved report.
"""

from __future__ import annotations

import json
import math
import sys

PEERS = [("direct", "×direct"), ("nginx", "×nginx"), ("caddy", "×caddy"), ("caddy-tracing", "×caddy+tr"), ("instrumented", "×in-proc OTel")]


def _fmt(value, digits=0, suffix=""):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}{suffix}"


def _index(report):
    by = {}
    for target in report["targets"]:
        for c, phase in target["phases"].items():
            by[(target["upstream"], target["kind"] if target["kind"] != "traceproxy" else target["key"].split("/")[1], int(c))] = (target, phase)
    return by


def render(report: dict) -> tuple[str, list[dict]]:
    by = _index(report)
    lines = []
    lines.append("# traceproxy benchmark — latest run\n")
    lines.append(
        f"Run {report['started']} → {report['finished']} on {report['cpus']} CPUs, {report['duration_s']} s per phase, "
        f"load average before {' '.join(report['loadavg_before'])}, after {' '.join(report['loadavg_after'])}. "
        "All on 127.0.0.1; wrk with 1 thread at 1 connection (pinned to CPU 0 with `taskset -c 0`, as is the libcurl "
        "floor's 1-transfer phase) and 2 threads at 16/64. Ratios compare figures of this run only. "
        "`load` is the 1-minute load average at the end of the phase (our own processes add about 3–4 to it; "
        "more means other work on the machine). Proxy CPU is shown as total (user+system).\n"
    )
    for target in report["targets"]:
        if target.get("note"):
            lines.append(f"- **{target['label']}**: {target['note']}")
    lines.append("")
    header = (
        "| upstream | target | conns | req/s | p50 ms | p90 ms | p99 ms | "
        + " | ".join(label for _, label in PEERS)
        + " | added p50 µs (c=1) | proxy CPU µs/req (usr+sys) | proxy peak RSS MB (anon at end) | app CPU µs/req | spans: server/all/requests | load |"
    )
    lines.append(header)
    lines.append("|" + "|".join(["---"] * (header.count("|") - 1)) + "|")
    for target in report["targets"]:
        key = target["kind"] if target["kind"] != "traceproxy" else target["key"].split("/")[1]
        for c_text, phase in sorted(target["phases"].items(), key=lambda kv: int(kv[0])):
            c = int(c_text)
            ratios = []
            for peer, _ in PEERS:
                other = by.get((target["upstream"], peer, c))
                if target["kind"] == "curl-floor" and peer != "direct":
                    other = None  # the floor is no proxy: only its share of direct means something
                if other is None or other[0] is target or not other[1]["rps"]:
                    ratios.append("–")
                else:
                    ratios.append(f"{phase['rps'] / other[1]['rps']:.2f}")
            direct = by.get((target["upstream"], "direct", c))
            added = None
            if c == 1 and direct and phase.get("p50_ms") is not None and direct[0] is not target:
                added = (phase["p50_ms"] - direct[1]["p50_ms"]) * 1000
            spans = "–"
            if "server_spans" in phase:
                spans = f"{phase['server_spans']:,}/{phase['spans']:,}/{phase['requests']:,}"
                if phase.get("spans_lost"):
                    spans += f" (**{phase['spans_lost']:,} lost**)"
            rss = phase.get("proxy_rss_mib")
            rss_text = _fmt(rss * 1.048576 if rss else None, 1)
            if rss and phase.get("proxy_anon_mib"):
                rss_text += f" ({phase['proxy_anon_mib'] * 1.048576:.1f})"
            cpu = _fmt(phase.get("proxy_cpu_us"), 1)
            if phase.get("proxy_user_us") is not None:
                cpu += f" ({phase['proxy_user_us']:.0f}+{phase['proxy_sys_us']:.0f})"
            lines.append(
                f"| {target['upstream']} | {target['label']} | {c} | {_fmt(phase['rps'])} | {_fmt(phase.get('p50_ms'), 3)} | "
                f"{_fmt(phase.get('p90_ms'), 3)} | {_fmt(phase.get('p99_ms'), 3)} | " + " | ".join(ratios) + " | "
                f"{_fmt(added, 0)} | {cpu} | {rss_text} | "
                f"{_fmt(phase.get('app_cpu_us'), 1)} | {spans} | {_fmt(phase.get('loadavg'), 1)} |"
            )
            errors = phase.get("socket_errors", 0) + phase.get("non_2xx", 0)
            if errors:
                lines[-1] = lines[-1][:-1] + f" errors {errors} |"
    lines.append("")

    checks = _checks(report, by)
    lines.append("## Targets (issue 7, ratios from this run)\n")
    lines.append("| target | measured | result |")
    lines.append("|---|---|---|")
    for check in checks:
        mark = {True: "PASS", False: "MISS", None: "n/a"}[check["pass"]]
        lines.append(f"| {check['name']} | {check['measured']} | {mark} |")
    lines.append("")

    if report.get("microbench"):
        lines.append("## Micro-benchmarks (`swift run -c release traceproxy-microbench`)\n")
        lines.append("| benchmark | ns/op | ops/s | allocations/op | note |")
        lines.append("|---|---|---|---|---|")
        for row in report["microbench"]:
            lines.append(
                f"| {row['name']} | {_fmt(row.get('ns_per_op'), 1)} | {_fmt(row.get('ops_per_s'))} | "
                f"{_fmt(row.get('allocs_per_op'), 2)} | {row.get('note', '')} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n", checks


def _get(by, upstream, kind, c, field):
    entry = by.get((upstream, kind, c))
    return entry[1].get(field) if entry else None


def _check(name, measured_text, ok):
    return {"name": name, "measured": measured_text, "pass": ok}


def _checks(report, by):
    checks = []
    tp = "traceproxy-otlp"
    for c in (16, 64):
        ours, nginx, caddy_tr = (_get(by, "static", k, c, "rps") for k in (tp, "nginx", "caddy-tracing"))
        if ours and nginx:
            r = ours / nginx
            checks.append(_check(f"throughput, 100 % sampled + live export ≥ 0.8× nginx (c={c})", f"{r:.2f}×", r >= 0.8))
        if ours and caddy_tr:
            r = ours / caddy_tr
            checks.append(_check(f"throughput ≥ 4× Caddy with tracing (c={c})", f"{r:.2f}×", r >= 4))
    for c in (1, 16, 64):
        ours, floor = _get(by, "static", tp, c, "proxy_cpu_us"), _get(by, "static", "curl-floor", c, "proxy_cpu_us")
        if ours is not None and floor is not None:
            d = ours - floor
            checks.append(
                _check(
                    f"our CPU overhead (proxy − libcurl floor) ≤ 10 µs/req (c={c}{', informational' if c == 1 else ''})",
                    f"{ours:.1f} − {floor:.1f} = {d:.1f} µs",
                    (d <= 10) if c != 1 else None,
                )
            )
    direct = _get(by, "static", "direct", 1, "p50_ms")
    ours, nginx, caddy_tr = (_get(by, "static", k, 1, "p50_ms") for k in (tp, "nginx", "caddy-tracing"))
    if None not in (direct, ours, nginx):
        a, b = (ours - direct) * 1000, (nginx - direct) * 1000
        checks.append(_check("added p50 at c=1 ≤ 2× nginx's", f"{a:.0f} µs vs nginx {b:.0f} µs", a <= 2 * b))
    if None not in (direct, ours, caddy_tr):
        a, b = (ours - direct) * 1000, (caddy_tr - direct) * 1000
        checks.append(_check("added p50 at c=1 ≤ 0.3× Caddy with tracing's", f"{a:.0f} µs vs Caddy+tracing {b:.0f} µs", a <= 0.3 * b))
    for key in (tp, "traceproxy-datadog", "traceproxy-none"):
        rss = _get(by, "static", key, 64, "proxy_rss_mib")
        if rss is not None:
            mb = rss * 1.048576
            checks.append(_check(f"peak RSS ≤ 25 MB at 64 connections ({key})", f"{mb:.1f} MB", mb <= 25))
    for c in (16, 64):
        ours, nginx, inst = (_get(by, "fastapi", k, c, "rps") for k in (tp, "nginx", "instrumented"))
        if ours and nginx:
            r = ours / nginx
            checks.append(_check(f"FastAPI behind traceproxy ≥ 0.95× behind nginx (c={c})", f"{r:.2f}×", r >= 0.95))
        if ours and inst:
            r = ours / inst
            checks.append(_check(f"FastAPI behind traceproxy ≥ 3× instrumented in-process (c={c})", f"{r:.2f}×", r >= 3))
    lost_total, phases, exported = 0, 0, 0
    for target in report["targets"]:
        if target["kind"] != "traceproxy":
            continue
        for phase in target["phases"].values():
            if "spans_lost" in phase:
                exported += 1
                lost_total += phase["spans_lost"]
            phases += 1
    if exported:
        checks.append(_check("spans lost = 0 (traceproxy phases with live export)", f"{lost_total:,} lost over {exported} phases", lost_total == 0))
    else:
        checks.append(_check("spans lost = 0", "no traceproxy phase exported to the receiver (fallback)", None))
    otlp = [row for row in report.get("microbench", []) if row["name"].startswith("encode OTLP protobuf")]
    if otlp:
        rate = otlp[0]["ops_per_s"]
        checks.append(_check("OTLP protobuf encoding ≥ 1 000 000 spans/s per core", f"{rate:,.0f} spans/s", rate >= 1_000_000))
    else:
        checks.append(_check("OTLP protobuf encoding ≥ 1 000 000 spans/s per core", "micro-benchmark not run", None))
    return checks


if __name__ == "__main__":
    data = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "bench/results/latest.json"))
    text, _ = render(data)
    print(text)
