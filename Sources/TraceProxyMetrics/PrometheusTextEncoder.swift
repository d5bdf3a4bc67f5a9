import TraceProxyTraceContext

/// Renders RED, exporter and process metrics as Prometheus text 0.0.4 or OpenMetrics 1.0.
///
/// The two formats differ in three places, all handled here: OpenMetrics names a counter family
/// without `_total` (its samples carry it), ends with `# EOF`, and allows exemplars on buckets.
package struct PrometheusTextEncoder: Sendable {
    package let format: MetricsFormat

    package init(format: MetricsFormat) {
        self.format = format
    }

    package func encode(red: REDSnapshot, exporters: [ExporterCounters], process: ProcessMetrics.Sample) -> String {
        var out = String()
        out.reserveCapacity(256 + red.series.count * 1600)
        // Sorted so each scrape lists series in the same order, which makes diffs and tests readable.
        let series = red.series.sorted { lhs, rhs in
            (lhs.key.route, lhs.key.method, lhs.key.statusCode) < (rhs.key.route, rhs.key.method, rhs.key.statusCode)
        }
        self.writeDurationHistogram(series, to: &out)
        self.writeFamily(
            "http_server_request_body_size_bytes", type: .counter, help: "Request body bytes received.", to: &out
        ) { out, name in
            for entry in series { self.sample(name, Self.seriesLabels(entry.key), Double(entry.requestBodyBytes), to: &out) }
        }
        self.writeFamily(
            "http_server_response_body_size_bytes", type: .counter, help: "Response body bytes sent.", to: &out
        ) { out, name in
            for entry in series { self.sample(name, Self.seriesLabels(entry.key), Double(entry.responseBodyBytes), to: &out) }
        }
        self.writeFamily("traceproxy_requests_in_flight", type: .gauge, help: "Requests being proxied.", to: &out) {
            self.sample($1, [], Double(red.requestsInFlight), to: &$0)
        }
        self.writeFamily(
            "traceproxy_upstream_failures", type: .counter, help: "Upstream exchanges that failed, by kind.", to: &out
        ) { out, name in
            for (kind, count) in red.upstreamFailures.sorted(by: { $0.key < $1.key }) {
                self.sample(name, [("kind", kind)], Double(count), to: &out)
            }
        }
        self.writeFamily(
            "traceproxy_proxy_error_responses",
            type: .counter,
            help: "Exchanges the proxy answered or ended itself, by error.type.",
            to: &out
        ) { out, name in
            for (errorType, count) in red.proxyErrors.sorted(by: { $0.key < $1.key }) {
                self.sample(name, [("error_type", errorType)], Double(count), to: &out)
            }
        }
        self.writeFamily(
            "traceproxy_metrics_overflow_spans",
            type: .counter,
            help: "Spans counted under route overflow because the series bound was reached.",
            to: &out
        ) { self.sample($1, [], Double(red.overflowedSpans), to: &$0) }
        self.writeExporters(exporters.sorted { $0.name < $1.name }, to: &out)
        self.writeProcess(process, to: &out)
        if self.format == .openMetrics { out += "# EOF\n" }
        return out
    }
}

// MARK: - Families

extension PrometheusTextEncoder {
    private enum FamilyType: String {
        case counter, gauge, histogram
    }

    private static let durationName = "http_server_request_duration_seconds"

    private func writeDurationHistogram(_ series: [REDSeries], to out: inout String) {
        self.writeFamily(
            Self.durationName, type: .histogram, help: "Duration of HTTP server requests.", unit: "seconds", to: &out
        ) { out, name in
            for entry in series {
                let labels = Self.seriesLabels(entry.key)
                var cumulative: UInt64 = 0
                for bucket in 0..<LatencyBuckets.count {
                    cumulative &+= entry.bucketCounts[bucket]
                    let bound = bucket < LatencyBuckets.upperBounds.count ? LatencyBuckets.upperBounds[bucket] : .infinity
                    out += Self.durationName
                    out += "_bucket"
                    Self.writeLabels(labels + [("le", self.formatBound(bound))], to: &out)
                    out += " "
                    out += String(cumulative)
                    if self.format == .openMetrics, let exemplar = entry.exemplars[bucket] {
                        out += " # {trace_id=\""
                        out += Hex.string(exemplar.traceIDHigh, exemplar.traceIDLow)
                        out += "\"} "
                        out += Self.formatNumber(exemplar.valueSeconds)
                        out += " "
                        out += Self.formatNumber(exemplar.timestampUnixSeconds)
                    }
                    out += "\n"
                }
                out += Self.durationName
                out += "_sum"
                Self.writeLabels(labels, to: &out)
                out += " "
                out += Self.formatNumber(entry.sumSeconds)
                out += "\n"
                out += Self.durationName
                out += "_count"
                Self.writeLabels(labels, to: &out)
                out += " "
                out += String(entry.count)
                out += "\n"
            }
        }
    }

    private func writeExporters(_ exporters: [ExporterCounters], to out: inout String) {
        let counters: [(String, String, KeyPath<ExporterCounters, Int>)] = [
            ("traceproxy_exporter_spans_queued", "Spans accepted into the export queue.", \.queued),
            ("traceproxy_exporter_spans_exported", "Spans the backend accepted.", \.exported),
            ("traceproxy_exporter_failed_requests", "Export requests that failed.", \.failedRequests),
        ]
        for (name, help, field) in counters {
            self.writeFamily(name, type: .counter, help: help, to: &out) { out, name in
                for exporter in exporters { self.sample(name, [("exporter", exporter.name)], Double(exporter[keyPath: field]), to: &out) }
            }
        }
        self.writeFamily(
            "traceproxy_exporter_spans_dropped", type: .counter, help: "Spans dropped before export, by reason.", to: &out
        ) { out, name in
            for exporter in exporters {
                for (reason, value) in [
                    ("queue_full", exporter.droppedQueueFull), ("rejected", exporter.droppedRejected),
                    ("retries_exhausted", exporter.droppedRetriesExhausted), ("shutdown", exporter.droppedShutdown),
                ] {
                    self.sample(name, [("exporter", exporter.name), ("reason", reason)], Double(value), to: &out)
                }
            }
        }
        self.writeFamily(
            "traceproxy_exporter_last_success_timestamp_seconds",
            type: .gauge,
            help: "Unix time of the last successful export, 0 if none.",
            unit: "seconds",
            to: &out
        ) { out, name in
            for exporter in exporters {
                self.sample(name, [("exporter", exporter.name)], Double(exporter.lastSuccessUnixSeconds), to: &out)
            }
        }
    }

    private func writeProcess(_ process: ProcessMetrics.Sample, to out: inout String) {
        if let value = process.residentMemoryBytes {
            self.writeFamily(
                "process_resident_memory_bytes", type: .gauge, help: "Resident memory size in bytes.", unit: "bytes",
                to: &out
            ) { self.sample($1, [], Double(value), to: &$0) }
        }
        if let value = process.cpuSeconds {
            self.writeFamily(
                "process_cpu_seconds", type: .counter, help: "Total user and system CPU time spent in seconds.",
                unit: "seconds", to: &out
            ) { self.sample($1, [], value, to: &$0) }
        }
        if let value = process.openFileDescriptors {
            self.writeFamily("process_open_fds", type: .gauge, help: "Number of open file descriptors.", to: &out) {
                self.sample($1, [], Double(value), to: &$0)
            }
        }
        if let value = process.startTimeUnixSeconds {
            self.writeFamily(
                "process_start_time_seconds", type: .gauge, help: "Start time of the process since unix epoch in seconds.",
                unit: "seconds", to: &out
            ) { self.sample($1, [], value, to: &$0) }
        }
    }
}

// MARK: - Writing lines

extension PrometheusTextEncoder {
    /// Writes HELP/TYPE (and UNIT in OpenMetrics), then lets `body` write samples named by `sampleName`.
    ///
    /// Counter families are written without `_total` in OpenMetrics and with it in Prometheus 0.0.4.
    private func writeFamily(
        _ family: String,
        type: FamilyType,
        help: String,
        unit: String? = nil,
        to out: inout String,
        body: (inout String, String) -> Void
    ) {
        let headerName = type == .counter && self.format == .prometheus ? family + "_total" : family
        out += "# HELP \(headerName) \(help)\n# TYPE \(headerName) \(type.rawValue)\n"
        if let unit, self.format == .openMetrics { out += "# UNIT \(family) \(unit)\n" }
        body(&out, type == .counter ? family + "_total" : family)
    }

    private func sample(_ name: String, _ labels: [(String, String)], _ value: Double, to out: inout String) {
        out += name
        Self.writeLabels(labels, to: &out)
        out += " "
        out += Self.formatNumber(value)
        out += "\n"
    }

    private static func seriesLabels(_ key: REDSeriesKey) -> [(String, String)] {
        var labels = [("http_request_method", key.method), ("http_route", key.route)]
        if key.statusCode != 0 { labels.append(("http_response_status_code", String(key.statusCode))) }
        return labels
    }

    private static func writeLabels(_ labels: [(String, String)], to out: inout String) {
        guard !labels.isEmpty else { return }
        out += "{"
        for (position, (name, value)) in labels.enumerated() {
            if position > 0 { out += "," }
            out += name
            out += "=\""
            Self.escapeLabelValue(value, to: &out)
            out += "\""
        }
        out += "}"
    }

    /// Both formats escape exactly backslash, double quote and line feed in label values.
    static func escapeLabelValue(_ value: String, to out: inout String) {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A }) else {
            out += value
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Integers without a fraction; others in Swift's shortest round-tripping form; `+Inf`/`-Inf`/`NaN`.
    static func formatNumber(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    /// OpenMetrics wants canonical floats for `le` (`1.0`, not `1`); Prometheus takes either.
    private func formatBound(_ bound: Double) -> String {
        if bound.isInfinite { return "+Inf" }
        return bound.description
    }
}
