"""docs/OPTIONS.md is exactly what `traceproxy --help` prints, so the documented options never drift."""

import subprocess

from conftest import ROOT, traceproxy_binary


def test_options_doc_matches_help():
    help_text = subprocess.run([traceproxy_binary(), "--help"], capture_output=True, text=True, timeout=20).stdout
    doc = (ROOT / "docs" / "OPTIONS.md").read_text()
    block = doc.split("```\n", 1)[1].rsplit("```", 1)[0]
    assert block == help_text, "regenerate docs/OPTIONS.md from `traceproxy --help`"
    for variable in ("TRACEPROXY_LISTEN", "OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT", "DD_AGENT_HOST"):
        assert variable in help_text
