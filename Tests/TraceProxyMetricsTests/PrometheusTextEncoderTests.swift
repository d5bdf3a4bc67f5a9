import TraceProxyTestSupport
import Testing
import TraceProxyMetrics
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct PrometheusTextEncoderTests {
    private static func recorder() -> REDRecorder {
        let recorder = REDRecorder()
        recorder.onEnd(
            .stub(
                traceID: TraceID(high: 0x4bf9_2f35_77b3_4da6, low: 0xa3ce_929d_0e0e_4736),
                route: "/items/{item_id}",
                durationMilliseconds: 3,
                endUnixSeconds: 1_790_000_000.5,
                requestBodyBytes: 10,
                responseBodyBytes: 98
            )
        )
        recorder.onEnd(.stub(route: "/items/{item_id}", durationMilliseconds: 80))
        recorder.onEnd(.stub(status: 502, errorType: "upstream_unreachable"))
        return recorder
    }

    private static let exporters = [ExporterCounters(name: "otlp", queued: 5, exported: 4, droppedQueueFull: 1, lastSuccessUnixSeconds: 1_790_000_000)]
    private static let process = ProcessMetrics.Sample(
        residentMemoryBytes: 1_048_576, cpuSeconds: 0.25, openFileDescriptors: 12, startTimeUnixSeconds: 1_789_999_000.5
    )

    private static func lines(_ format: MetricsFormat) -> [String] {
        PrometheusTextEncoder(format: format)
            .encode(red: recorder().snapshot(), exporters: exporters, process: process)
            .split(separator: "\n").map(String.init)
    }

    @Test func writesCumulativeHistogramBucketsWithOTelLabels() {
        let lines = Self.lines(.prometheus)

        let labels = #"http_request_method="GET",http_route="/items/{item_id}",http_response_status_code="200""#
        #expect(lines.contains("# TYPE http_server_request_duration_seconds histogram"))
        #expect(lines.contains("http_server_request_duration_seconds_bucket{\(labels),le=\"0.005\"} 1"))
        #expect(lines.contains("http_server_request_duration_seconds_bucket{\(labels),le=\"0.075\"} 1"))
        #expect(lines.contains("http_server_request_duration_seconds_bucket{\(labels),le=\"0.1\"} 2"))
        #expect(lines.contains("http_server_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} 2"))
        #expect(lines.contains("http_server_request_duration_seconds_count{\(labels)} 2"))
        #expect(lines.contains("http_server_request_duration_seconds_sum{\(labels)} 0.083"))
        #expect(lines.filter { $0.hasPrefix("http_server_request_duration_seconds_bucket{\(labels)") }.count == 15)
    }

    @Test func namesCountersWithTotalInPrometheusText() {
        let lines = Self.lines(.prometheus)

        #expect(lines.contains("# TYPE http_server_request_body_size_bytes_total counter"))
        #expect(lines.contains(#"http_server_response_body_size_bytes_total{http_request_method="GET",http_route="/items/{item_id}",http_response_status_code="200"} 98"#))
        #expect(lines.contains(#"traceproxy_upstream_failures_total{kind="unreachable"} 1"#))
        #expect(lines.contains(#"traceproxy_proxy_error_responses_total{error_type="upstream_unreachable"} 1"#))
        #expect(lines.contains(#"traceproxy_exporter_spans_dropped_total{exporter="otlp",reason="queue_full"} 1"#))
        #expect(lines.contains(#"traceproxy_exporter_spans_dropped_total{exporter="otlp",reason="shutdown"} 0"#))
        #expect(lines.contains(#"traceproxy_exporter_spans_queued_total{exporter="otlp"} 5"#))
        #expect(lines.contains(#"traceproxy_exporter_last_success_timestamp_seconds{exporter="otlp"} 1790000000"#))
        #expect(lines.contains("traceproxy_requests_in_flight 0"))
        #expect(lines.contains("process_resident_memory_bytes 1048576"))
        #expect(lines.contains("process_cpu_seconds_total 0.25"))
        #expect(lines.contains("process_open_fds 12"))
        #expect(lines.contains("process_start_time_seconds 1789999000.5"))
        #expect(!lines.contains { $0.hasPrefix("# EOF") || $0.contains(" # {") })
    }

    @Test func openMetricsNamesCounterFamiliesWithoutTotalAndEndsWithEOF() {
        let lines = Self.lines(.openMetrics)

        #expect(lines.contains("# TYPE http_server_request_body_size_bytes counter"))
        #expect(lines.contains("# TYPE process_cpu_seconds counter"))
        #expect(lines.contains("# UNIT http_server_request_duration_seconds seconds"))
        #expect(lines.contains("process_cpu_seconds_total 0.25"))
        #expect(lines.last == "# EOF")
    }

    @Test func openMetricsPutsTheLatestTraceOnEachBucketAsExemplar() {
        let lines = Self.lines(.openMetrics)

        let labels = #"http_request_method="GET",http_route="/items/{item_id}",http_response_status_code="200""#
        #expect(
            lines.contains(
                "http_server_request_duration_seconds_bucket{\(labels),le=\"0.005\"} 1 # {trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\"} 0.003 1790000000.5"
            )
        )
        #expect(lines.contains("http_server_request_duration_seconds_bucket{\(labels),le=\"0.01\"} 1"))
    }

    @Test func escapesLabelValues() {
        let recorder = REDRecorder()
        recorder.onEnd(.stub(route: "/a\"b\\c\nd"))

        let text = PrometheusTextEncoder(format: .prometheus).encode(
            red: recorder.snapshot(), exporters: [], process: .init()
        )

        #expect(text.contains(#"http_route="/a\"b\\c\nd""#))
    }

    @Test func acceptHeaderChoosesTheFormat() {
        #expect(MetricsFormat(accept: nil) == .prometheus)
        #expect(MetricsFormat(accept: "text/plain;version=0.0.4;q=0.5,*/*;q=0.1") == .prometheus)
        #expect(
            MetricsFormat(accept: "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4")
                == .openMetrics
        )
    }
}
