import TraceProxyConfig
import TraceProxyExport
import TraceProxyTracing

extension TraceProxy {
    /// The configured sampler; with the Datadog exporter, new roots follow the agent's `rate_by_service`
    /// for `service:<DD_SERVICE>,env:<DD_ENV>` once the agent has sent one (`DatadogAgentRateSampler`).
    func makeSampler(agentRates: DatadogAgentRates) -> any Sampler {
        let configured = self.configuration.sampler.makeSampler(
            maxTracesPerSecond: self.configuration.maxTracesPerSecond
        )
        guard self.configuration.exporters.contains(.datadog) else { return configured }
        let export = self.configuration.export
        return DatadogAgentRateSampler(
            rates: agentRates, service: export.datadogService, env: export.datadogEnv, fallback: configured
        )
    }
}
