import TraceProxyTraceContext

/// Follows the parent's sampled flag and asks `root` only for new traces.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#parentbased
///
/// | parent  | parent is remote | parent sampled | delegate                 | default     |
/// | ------- | ---------------- | -------------- | ------------------------ | ----------- |
/// | none    | –                | –              | `root`                   | (required)  |
/// | present | yes              | yes            | `remoteParentSampled`    | always on   |
/// | present | yes              | no             | `remoteParentNotSampled` | always off  |
/// | present | no               | yes            | `localParentSampled`     | always on   |
/// | present | no               | no             | `localParentNotSampled`  | always off  |
package struct ParentBasedSampler: Sampler {
    package let root: any Sampler
    package let remoteParentSampled: any Sampler
    package let remoteParentNotSampled: any Sampler
    package let localParentSampled: any Sampler
    package let localParentNotSampled: any Sampler

    package init(
        root: any Sampler,
        remoteParentSampled: any Sampler = ConstantSampler.alwaysOn,
        remoteParentNotSampled: any Sampler = ConstantSampler.alwaysOff,
        localParentSampled: any Sampler = ConstantSampler.alwaysOn,
        localParentNotSampled: any Sampler = ConstantSampler.alwaysOff
    ) {
        self.root = root
        self.remoteParentSampled = remoteParentSampled
        self.remoteParentNotSampled = remoteParentNotSampled
        self.localParentSampled = localParentSampled
        self.localParentNotSampled = localParentNotSampled
    }

    package func shouldSample(traceID: TraceID, parent: SpanContext?) -> SamplingDecision {
        guard let parent else { return self.root.shouldSample(traceID: traceID, parent: nil) }
        let delegate: any Sampler =
            switch (parent.isRemote, parent.isSampled) {
            case (true, true): self.remoteParentSampled
            case (true, false): self.remoteParentNotSampled
            case (false, true): self.localParentSampled
            case (false, false): self.localParentNotSampled
            }
        return delegate.shouldSample(traceID: traceID, parent: parent)
    }
}
