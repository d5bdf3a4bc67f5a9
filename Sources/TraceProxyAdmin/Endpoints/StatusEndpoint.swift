import TraceProxyMetrics

/// `/api/status`: what runs, where it forwards, and how each exporter is doing.
enum StatusEndpoint {
    static func respond(_ status: AdminStatus) -> AdminResponse {
        var json = JSONWriter()
        json.beginObject()
        json.field("version", status.version)
        json.field("service_name", status.serviceName)
        json.field("upstream", status.upstream)
        json.field("listen", status.listen)
        json.field("uptime_seconds", status.uptimeSeconds, decimals: 3)
        json.field("trace_link_template", status.traceLinkTemplate)
        json.key("exporters")
        json.beginArray()
        for exporter in status.exporters {
            json.beginObject()
            json.field("name", exporter.name)
            json.field("queued", exporter.queued)
            json.field("exported", exporter.exported)
            json.key("dropped")
            json.beginObject()
            json.field("queue_full", exporter.droppedQueueFull)
            json.field("rejected", exporter.droppedRejected)
            json.field("retries_exhausted", exporter.droppedRetriesExhausted)
            json.field("shutdown", exporter.droppedShutdown)
            json.endObject()
            json.field("failed_requests", exporter.failedRequests)
            json.field("last_success_unix", exporter.lastSuccessUnixSeconds > 0 ? exporter.lastSuccessUnixSeconds : nil)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return .json(200, json)
    }
}
