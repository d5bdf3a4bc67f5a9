"""A 1 GiB download and a 1 GiB upload through traceproxy keep its peak RSS under 100 MB."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import stream_memory  # noqa: E402

from conftest import traceproxy_binary  # noqa: E402


def test_one_gib_each_way_keeps_peak_rss_under_100_mb(record_property):
    figures = stream_memory.measure(traceproxy_binary(), 1 << 30)
    for key, value in figures.items():
        record_property(key, value)
    print("\n".join(f"{key}: {value}" for key, value in figures.items()))
    assert figures["peak_rss_after_download_mb"] < 100
    assert figures["peak_rss_after_upload_mb"] < 100
