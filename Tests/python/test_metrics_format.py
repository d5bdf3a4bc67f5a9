"""The /metrics texts parse with the Prometheus client's own parsers (text 0.0.4 and OpenMetrics 1.0).

The texts come from a real admin server: `AdminServerTests.metricsIsPrometheusTextByDefaultAndOpenMetricsWhenAsked`
saves them to $TRACEPROXY_METRICS_SAMPLE_DIR (default: <tmp>/traceproxy-metrics-sample). When they are
missing, this module runs that Swift test first.
"""

import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
from prometheus_client.parser import text_string_to_metric_families as parse_prometheus

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = Path(os.environ.get("TRACEPROXY_METRICS_SAMPLE_DIR", Path(tempfile.gettempdir()) / "traceproxy-metrics-sample"))


@pytest.fixture(scope="module")
def samples() -> dict:
    if not (SAMPLE_DIR / "prometheus.txt").exists() or not (SAMPLE_DIR / "openmetrics.txt").exists():
        subprocess.run(
            ["swift", "test", "--scratch-path", ".build", "--filter", "metricsIsPrometheusTextByDefaultAndOpenMetricsWhenAsked"],
            cwd=ROOT,
            check=True,
            timeout=1800,
            env={**os.environ, "TRACEPROXY_METRICS_SAMPLE_DIR": str(SAMPLE_DIR)},
        )
    return {
        "prometheus": (SAMPLE_DIR / "prometheus.txt").read_text(),
        "openmetrics": (SAMPLE_DIR / "openmetrics.txt").read_text(),
    }


def families_by_name(families) -> dict:
    return {family.name: family for family in families}


def test_prometheus_text_parses_with_the_expected_families(samples):
    families = families_by_name(parse_prometheus(samples["prometheus"]))

    duration = families["http_server_request_duration_seconds"]
    assert duration.type == "histogram"
    buckets = [s for s in duration.samples if s.name.endswith("_bucket") and s.labels["http_route"] == "/items/{item_id}"]
    assert [s.labels["le"] for s in buckets][-1] == "+Inf"
    assert len(buckets) == 15
    assert buckets[0].labels["http_request_method"] == "GET"
    assert buckets[0].labels["http_response_status_code"] == "200"
    assert buckets[0].value == 1.0
    for name in (
        "http_server_request_body_size_bytes",
        "http_server_response_body_size_bytes",
        "traceproxy_upstream_failures",
        "traceproxy_proxy_error_responses",
        "traceproxy_exporter_spans_queued",
        "traceproxy_exporter_spans_exported",
        "traceproxy_exporter_spans_dropped",
        "traceproxy_exporter_failed_requests",
        "process_cpu_seconds",
    ):
        assert families[name].type == "counter", name
    for name in (
        "traceproxy_requests_in_flight",
        "traceproxy_exporter_last_success_timestamp_seconds",
        "process_resident_memory_bytes",
        "process_open_fds",
        "process_start_time_seconds",
    ):
        assert families[name].type == "gauge", name
    failures = {s.labels["kind"]: s.value for s in families["traceproxy_upstream_failures"].samples}
    assert failures == {"unreachable": 1.0}
    dropped = {s.labels["reason"] for s in families["traceproxy_exporter_spans_dropped"].samples}
    assert dropped == {"queue_full", "rejected", "retries_exhausted", "shutdown"}


def test_openmetrics_parses_with_exemplars(samples):
    families = families_by_name(parse_openmetrics(samples["openmetrics"]))

    duration = families["http_server_request_duration_seconds"]
    assert duration.type == "histogram"
    assert duration.unit == "seconds"
    first = next(s for s in duration.samples if s.name.endswith("_bucket") and s.labels["le"] == "0.005")
    assert first.exemplar is not None
    assert first.exemplar.labels == {"trace_id": "4bf92f3577b34da6a3ce929d0e0e4736"}
    assert first.exemplar.value == pytest.approx(0.003)
    assert first.exemplar.timestamp is not None
    assert families["process_cpu_seconds"].type == "counter"
    assert any(s.name == "process_cpu_seconds_total" for s in families["process_cpu_seconds"].samples)
    assert samples["openmetrics"].endswith("# EOF\n")
