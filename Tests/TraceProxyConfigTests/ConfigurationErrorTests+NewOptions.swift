@testable import TraceProxyConfig

/// The exact error line of every new option's every rejection, from a flag and from a variable
/// (run by `ConfigurationErrorTests.namesTheSourceTheValueAndWhatWasExpected`).
extension ConfigurationErrorTests {
    static let propagatorsKnown = "(known: tracecontext, baggage, b3, b3multi, jaeger, datadog, none)"
    static let samplersExpected =
        "(expected always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio)"
    static let ratioExpected = "is not a ratio between 0 and 1 (expected e.g. 0.25)"
    static let rateExpected = "is not a rate (expected traces per second such as 100 or 0.5, or 0 for unlimited)"
    static let routeExpected = "(expected e.g. /orders/{id} or GET /orders/{id})"
    static let boolExpected = "is not a boolean (expected true, false, 1, 0, yes or no)"
    static let headerExpected = "is not a header name (expected a token such as x-request-id)"
    static let linkExpected = "(expected e.g. https://grafana.example/explore?traceId={trace_id})"
    static let notLoopback = "is not a loopback address (add --admin-public to expose the admin server)"
    static let pairsExpected = "(expected key=value pairs separated by commas)"
    static let otlpURL = "is not an http:// or https:// URL with a host (expected e.g. http://collector:4318/v1/traces)"
    static let millisecondsExpected = "is not a whole number of milliseconds (expected e.g. 10000)"

    static let tracingRows: [Row] = [
        Row(["--propagators", "b4"], #"--propagators: "b4" names an unknown propagator "b4" \#(propagatorsKnown)"#),
        Row(
            [], ["OTEL_PROPAGATORS": "tracecontext, xray"],
            #"OTEL_PROPAGATORS: "tracecontext, xray" names an unknown propagator "xray" \#(propagatorsKnown)"#),
        Row(
            ["--propagators", ","],
            #"--propagators: "," has no propagator names (expected a comma-separated list of tracecontext, baggage, b3, b3multi, jaeger, datadog, none)"#
        ),
        Row(["--sampler", "sometimes"], #"--sampler: "sometimes" is not a sampler \#(samplersExpected)"#),
        Row([], ["OTEL_TRACES_SAMPLER": "xray"], #"OTEL_TRACES_SAMPLER: "xray" is not a sampler \#(samplersExpected)"#),
        Row(["--sampler", " "], #"--sampler: " " is not a sampler \#(samplersExpected)"#),
        Row(["--sampler", "traceidratio", "--sampler-arg", "1.5"], #"--sampler-arg: "1.5" \#(ratioExpected)"#),
        Row(
            [], ["OTEL_TRACES_SAMPLER": "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG": "half"],
            #"OTEL_TRACES_SAMPLER_ARG: "half" \#(ratioExpected)"#),
        Row(["--sampler-arg", ""], #"--sampler-arg: "" \#(ratioExpected)"#),
        Row(["--max-traces-per-second", "-1"], #"--max-traces-per-second: "-1" \#(rateExpected)"#),
        Row(
            [], ["TRACEPROXY_MAX_TRACES_PER_SECOND": "1e3"],
            #"TRACEPROXY_MAX_TRACES_PER_SECOND: "1e3" \#(rateExpected)"#),
        Row(["--max-traces-per-second", ".5"], #"--max-traces-per-second: ".5" \#(rateExpected)"#),
        Row(["--max-traces-per-second", "5."], #"--max-traces-per-second: "5." \#(rateExpected)"#),
        Row([], ["TRACEPROXY_KEEP_ERRORS": "maybe"], #"TRACEPROXY_KEEP_ERRORS: "maybe" \#(boolExpected)"#),
        Row(
            ["--keep-slower-than", "never"],
            #"--keep-slower-than: "never" is not a duration or off (expected e.g. 250ms, 5s, 2m, or off)"#),
        Row(
            [], ["TRACEPROXY_KEEP_SLOWER_THAN": "0s"],
            #"TRACEPROXY_KEEP_SLOWER_THAN: "0s" must be greater than 0 \#(durationExpected)"#),
        Row(
            ["--route", "orders/{id}"],
            #"--route: "orders/{id}" does not start with / or with METHOD / \#(routeExpected)"#),
        Row(["--route", "get /x"], #"--route: "get /x" does not start with / or with METHOD / \#(routeExpected)"#),
        Row(["--route", "GET  /x"], #"--route: "GET  /x" does not start with / or with METHOD / \#(routeExpected)"#),
        Row(["--route", "/", "--route", "/a b"], #"--route: "/a b" has a space, ? or # in its path \#(routeExpected)"#),
        Row(["--route", "/a?b=1"], #"--route: "/a?b=1" has a space, ? or # in its path \#(routeExpected)"#),
        Row(
            [], ["TRACEPROXY_ROUTES": "/ok, /a/{id"],
            #"TRACEPROXY_ROUTES: "/a/{id" has an unbalanced { or } \#(routeExpected)"#),
        Row(["--route", "/a/}"], #"--route: "/a/}" has an unbalanced { or } \#(routeExpected)"#),
        Row(["--route", "/a/{{b}}"], #"--route: "/a/{{b}}" has an unbalanced { or } \#(routeExpected)"#),
        Row(["--route", "/a/{b/c}"], #"--route: "/a/{b/c}" has an unbalanced { or } \#(routeExpected)"#),
        Row(["--route", "PUT /a/{}"], #"--route: "PUT /a/{}" has an empty placeholder {} \#(routeExpected)"#),
        Row(
            [], ["TRACEPROXY_ROUTES": "/a,,/b"],
            #"TRACEPROXY_ROUTES: "/a,,/b" has an empty item (expected a comma-separated list)"#),
        Row(["--route", ""], #"--route: "" does not start with / or with METHOD / \#(routeExpected)"#),
        Row(
            ["--openapi-path", "openapi.json"],
            #"--openapi-path: "openapi.json" is not a path or off (expected e.g. /openapi.json, or off)"#),
        Row(
            [], ["TRACEPROXY_OPENAPI_PATH": "OFF"],
            #"TRACEPROXY_OPENAPI_PATH: "OFF" is not a path or off (expected e.g. /openapi.json, or off)"#),
        Row(["--capture-request-header", "X Request"], #"--capture-request-header: "X Request" \#(headerExpected)"#),
        Row(
            [], ["TRACEPROXY_CAPTURE_REQUEST_HEADERS": "accept,x:y"],
            #"TRACEPROXY_CAPTURE_REQUEST_HEADERS: "x:y" \#(headerExpected)"#),
        Row(["--capture-response-header", ""], #"--capture-response-header: "" \#(headerExpected)"#),
        Row(
            [], ["TRACEPROXY_CAPTURE_RESPONSE_HEADERS": "etag,"],
            #"TRACEPROXY_CAPTURE_RESPONSE_HEADERS: "etag," has an empty item (expected a comma-separated list)"#),
        Row(["--redact-header", "x-api-key:"], #"--redact-header: "x-api-key:" \#(headerExpected)"#),
        Row([], ["TRACEPROXY_REDACT_HEADERS": "x-ä"], #"TRACEPROXY_REDACT_HEADERS: "x-ä" \#(headerExpected)"#),
        Row(
            ["--redact-query-param", "a=b"],
            #"--redact-query-param: "a=b" is not a query parameter name (expected e.g. token, without &, =, #, ? or spaces)"#
        ),
        Row(
            [], ["TRACEPROXY_REDACT_QUERY_PARAMS": "token,api key"],
            #"TRACEPROXY_REDACT_QUERY_PARAMS: "api key" is not a query parameter name (expected e.g. token, without &, =, #, ? or spaces)"#
        ),
        Row([], ["TRACEPROXY_TRACE_PROBES": "on"], #"TRACEPROXY_TRACE_PROBES: "on" \#(boolExpected)"#),
        Row(["--health-path", "healthz"], #"--health-path: "healthz" is not a path (expected e.g. /healthz)"#),
        Row(
            [], ["TRACEPROXY_HEALTH_PATHS": "/healthz,/ready z"],
            #"TRACEPROXY_HEALTH_PATHS: "/ready z" is not a path (expected e.g. /healthz)"#),
        Row([], ["TRACEPROXY_CLIENT_SPANS": "y"], #"TRACEPROXY_CLIENT_SPANS: "y" \#(boolExpected)"#),
        Row([], ["TRACEPROXY_TRACE_RESPONSE": "2"], #"TRACEPROXY_TRACE_RESPONSE: "2" \#(boolExpected)"#),
    ]

    static let adminAndStoreRows: [Row] = [
        Row(
            ["--admin", "7801"],
            #"--admin: "7801" is not HOST:PORT or off (expected e.g. 127.0.0.1:7801, [::1]:7801 or off)"#),
        Row(
            [], ["TRACEPROXY_ADMIN": "h:70000"],
            #"TRACEPROXY_ADMIN: "h:70000" has port 70000 out of range (expected 0 to 65535)"#),
        Row(["--admin", "0.0.0.0:7801"], #"--admin: "0.0.0.0:7801" \#(notLoopback)"#),
        Row([], ["TRACEPROXY_ADMIN": "0.0.0.0:7801"], #"TRACEPROXY_ADMIN: "0.0.0.0:7801" \#(notLoopback)"#),
        Row(["--admin", ":7801"], #"--admin: ":7801" \#(notLoopback)"#),
        Row(
            ["--admin", "[::]:7801", "--no-admin-public"], ["TRACEPROXY_ADMIN_PUBLIC": "true"],
            #"--admin: "[::]:7801" \#(notLoopback)"#),
        Row(
            [], ["TRACEPROXY_ADMIN": "admin.internal:7801", "TRACEPROXY_ADMIN_PUBLIC": "false"],
            #"TRACEPROXY_ADMIN: "admin.internal:7801" \#(notLoopback)"#),
        Row([], ["TRACEPROXY_ADMIN_PUBLIC": "public"], #"TRACEPROXY_ADMIN_PUBLIC: "public" \#(boolExpected)"#),
        Row(["--store-spans", "1000001"], #"--store-spans: "1000001" is out of range (expected 0 to 1000000)"#),
        Row(
            [], ["TRACEPROXY_STORE_SPANS": "-1"],
            #"TRACEPROXY_STORE_SPANS: "-1" is not a whole number (expected e.g. 10000)"#),
        Row(
            ["--trace-link-template", "https://x/trace"],
            #"--trace-link-template: "https://x/trace" does not contain {trace_id} \#(linkExpected)"#),
        Row(
            [], ["TRACEPROXY_TRACE_LINK_TEMPLATE": "/t/{trace_id}"],
            #"TRACEPROXY_TRACE_LINK_TEMPLATE: "/t/{trace_id}" is not an http:// or https:// URL \#(linkExpected)"#),
        Row(
            ["--trace-link-template", ""],
            #"--trace-link-template: "" is not an http:// or https:// URL \#(linkExpected)"#),
    ]

    static let exportRows: [Row] = [
        Row(
            [], ["OTEL_EXPORTER_OTLP_PROTOCOL": "http"],
            #"OTEL_EXPORTER_OTLP_PROTOCOL: "http" is not an OTLP protocol (expected http/protobuf, http/json or grpc)"#),
        Row(
            [], ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "thrift", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"],
            #"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "thrift" is not an OTLP protocol (expected http/protobuf, http/json or grpc)"#
        ),
        Row(
            [], ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "collector:4318"],
            #"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "collector:4318" \#(otlpURL)"#),
        Row(["--otlp-endpoint", "grpc://x:4317"], #"--otlp-endpoint: "grpc://x:4317" \#(otlpURL)"#),
        Row(
            [], ["OTEL_EXPORTER_OTLP_ENDPOINT": "localhost:4317"],
            #"OTEL_EXPORTER_OTLP_ENDPOINT: "localhost:4317" \#(otlpURL)"#),
        Row(
            [], ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:99999"],
            #"OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:99999" has an invalid port (expected 1 to 65535)"#),
        Row(
            [], ["OTEL_EXPORTER_OTLP_HEADERS": "api-key"],
            #"OTEL_EXPORTER_OTLP_HEADERS: "api-key" has a malformed pair "api-key" \#(pairsExpected)"#),
        Row(
            [], ["OTEL_EXPORTER_OTLP_TRACES_HEADERS": "a=1,b=%zz"],
            #"OTEL_EXPORTER_OTLP_TRACES_HEADERS: "a=1,b=%zz" has a bad percent-escape in "b=%zz" (expected %XX escapes of UTF-8 bytes, e.g. %20 for a space)"#
        ),
        Row(
            [], ["OTEL_EXPORTER_OTLP_HEADERS": "x y=1"],
            #"OTEL_EXPORTER_OTLP_HEADERS: "x y=1" has an invalid header name "x y" (expected e.g. api-key)"#),
        Row(
            [], ["OTEL_EXPORTER_OTLP_COMPRESSION": "deflate"],
            #"OTEL_EXPORTER_OTLP_COMPRESSION: "deflate" is not a compression (expected gzip or none)"#),
        Row(
            [], ["OTEL_EXPORTER_OTLP_TRACES_TIMEOUT": "10s"],
            #"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: "10s" \#(millisecondsExpected)"#),
        Row([], ["OTEL_EXPORTER_OTLP_TIMEOUT": "0"], #"OTEL_EXPORTER_OTLP_TIMEOUT: "0" must be at least 1"#),
        Row(
            [], ["OTEL_EXPORTER_JAEGER_AGENT_HOST": "a b"],
            #"OTEL_EXPORTER_JAEGER_AGENT_HOST: "a b" is not a host name or IP address (expected e.g. localhost, 10.0.0.5 or ::1)"#
        ),
        Row(
            [], ["OTEL_EXPORTER_JAEGER_AGENT_PORT": "0"],
            #"OTEL_EXPORTER_JAEGER_AGENT_PORT: "0" is not a port (expected 1 to 65535)"#),
        Row(
            [], ["OTEL_EXPORTER_JAEGER_ENDPOINT": "localhost:14268"],
            #"OTEL_EXPORTER_JAEGER_ENDPOINT: "localhost:14268" is not an http:// or https:// URL with a host (expected e.g. http://localhost:14268/api/traces)"#
        ),
        Row(
            [], ["OTEL_EXPORTER_ZIPKIN_ENDPOINT": "zipkin"],
            #"OTEL_EXPORTER_ZIPKIN_ENDPOINT: "zipkin" is not an http:// or https:// URL with a host (expected e.g. http://localhost:9411/api/v2/spans)"#
        ),
        Row(
            [], ["DD_TRACE_AGENT_URL": "unix:///var/run/datadog/apm.socket"],
            #"DD_TRACE_AGENT_URL: "unix:///var/run/datadog/apm.socket" is not an http:// or https:// URL with a host (expected e.g. http://localhost:8126)"#
        ),
        Row(
            ["--datadog-agent-url", "localhost:8126"],
            #"--datadog-agent-url: "localhost:8126" is not an http:// or https:// URL with a host (expected e.g. http://localhost:8126)"#
        ),
        Row(
            [], ["DD_AGENT_HOST": "dd agent"],
            #"DD_AGENT_HOST: "dd agent" is not a host name or IP address (expected e.g. localhost, 10.0.0.5 or ::1)"#),
        Row([], ["DD_TRACE_AGENT_PORT": "99999"], #"DD_TRACE_AGENT_PORT: "99999" is not a port (expected 1 to 65535)"#),
        Row([], ["OTEL_BSP_MAX_QUEUE_SIZE": "0"], #"OTEL_BSP_MAX_QUEUE_SIZE: "0" must be at least 1"#),
        Row(
            [], ["OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "big"],
            #"OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "big" is not a whole number (expected e.g. 512)"#),
        Row(
            [], ["OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "1024", "OTEL_BSP_MAX_QUEUE_SIZE": "512"],
            #"OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "1024" is larger than the queue size 512 (OTEL_BSP_MAX_QUEUE_SIZE)"#),
        Row(
            [], ["OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "5000"],
            #"OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "5000" is larger than the queue size 4096 (OTEL_BSP_MAX_QUEUE_SIZE)"#),
        Row([], ["OTEL_BSP_SCHEDULE_DELAY": "1.5"], #"OTEL_BSP_SCHEDULE_DELAY: "1.5" \#(millisecondsExpected)"#),
        Row([], ["OTEL_BSP_EXPORT_TIMEOUT": "0"], #"OTEL_BSP_EXPORT_TIMEOUT: "0" must be at least 1"#),
        Row(
            [], ["OTEL_RESOURCE_ATTRIBUTES": "a=1,,b=2"],
            #"OTEL_RESOURCE_ATTRIBUTES: "a=1,,b=2" has a malformed pair "" \#(pairsExpected)"#),
        Row(
            [], ["OTEL_RESOURCE_ATTRIBUTES": "=x"],
            #"OTEL_RESOURCE_ATTRIBUTES: "=x" has a malformed pair "=x" \#(pairsExpected)"#),
        Row(
            [], ["OTEL_RESOURCE_ATTRIBUTES": "a b=1"],
            #"OTEL_RESOURCE_ATTRIBUTES: "a b=1" has an invalid attribute key "a b" (expected e.g. deployment.environment)"#
        ),
        Row(
            [], ["OTEL_RESOURCE_ATTRIBUTES": "team=%E2%82"],
            #"OTEL_RESOURCE_ATTRIBUTES: "team=%E2%82" has a bad percent-escape in "team=%E2%82" (expected %XX escapes of UTF-8 bytes, e.g. %20 for a space)"#
        ),
    ]
}
