/// Datadog propagation data that has no W3C equivalent, kept so it can be passed on unchanged.
///
/// Spec: https://docs.datadoghq.com/tracing/trace_collection/trace_context_propagation/
package struct DatadogFields: Hashable, Sendable {
    /// One `_dd.p.*` propagated tag from `x-datadog-tags`, other than `_dd.p.tid`.
    package struct Tag: Hashable, Sendable {
        package var key: String
        package var value: String

        package init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// `x-datadog-sampling-priority` as received (-1 user reject, 0 auto reject, 1 auto keep, 2 user keep).
    package var samplingPriority: Int?
    /// `x-datadog-origin`, such as `synthetics` or `rum`.
    package var origin: String?
    /// `_dd.p.*` tags in received order; `_dd.p.tid` is carried by the trace id's high half instead.
    package var tags: [Tag]

    package init(samplingPriority: Int? = nil, origin: String? = nil, tags: [Tag] = []) {
        self.samplingPriority = samplingPriority
        self.origin = origin
        self.tags = tags
    }

    /// No Datadog data.
    package static let none = DatadogFields()
}
