// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let NIOCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let NIOPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let NIOHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
let NIOEmbedded = Target.Dependency.product(name: "NIOEmbedded", package: "swift-nio")
let Logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let ArgumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let ServiceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let UnixSignals = Target.Dependency.product(name: "UnixSignals", package: "swift-service-lifecycle")
let DequeModule = Target.Dependency.product(name: "DequeModule", package: "swift-collections")
let Histogram = Target.Dependency.product(name: "Histogram", package: "hdrhistogram-swift")

let package = Package(
    name: "traceproxy",
    products: [
        .executable(name: "traceproxy", targets: ["traceproxy"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        // C layer: the only place that knows curl's setopt/getinfo are variadic.
        .systemLibrary(name: "CLibcurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShims", dependencies: ["CLibcurl"]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Pure domain: values and decisions, no sockets.
        .target(name: "TraceProxyTraceContext", exclude: ["README.md"], swiftSettings: strictSettings),
        .target(name: "TraceProxyTracing", dependencies: ["TraceProxyTraceContext"], exclude: ["README.md"], swiftSettings: strictSettings),
        // The JSON reader for the few documents traceproxy reads (OpenAPI, collector answers); no dependencies.
        .target(name: "TraceProxyJSON", exclude: ["README.md"], swiftSettings: strictSettings),
        .target(
            name: "TraceProxyRouting", dependencies: ["TraceProxyTracing", "TraceProxyJSON"], exclude: ["README.md"],
            swiftSettings: strictSettings
        ),

        // I/O layers.
        .target(
            name: "TraceProxyUpstream",
            dependencies: ["CCurlShims", NIOCore, DequeModule, Logging],
            exclude: ["README.md"], swiftSettings: strictSettings
        ),
        .target(
            name: "TraceProxyExport",
            dependencies: [
                "TraceProxyTracing", "TraceProxyUpstream", "TraceProxyJSON", "CZlib", NIOCore, NIOPosix, DequeModule,
                Logging, ServiceLifecycle,
            ],
            exclude: ["README.md"], swiftSettings: strictSettings
        ),
        .target(
            name: "TraceProxyProxy",
            dependencies: [
                "TraceProxyTraceContext", "TraceProxyTracing", "TraceProxyUpstream", NIOCore, NIOPosix, NIOHTTP1,
                Logging, ServiceLifecycle,
            ],
            exclude: ["README.md"], swiftSettings: strictSettings
        ),

        // Telemetry kept in process: RED metrics, the embedded trace store, the admin server.
        .target(
            name: "TraceProxyMetrics",
            dependencies: ["TraceProxyTracing", "TraceProxyTraceContext"],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TraceProxyStore",
            dependencies: ["TraceProxyTracing", "TraceProxyTraceContext", Histogram],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TraceProxyAdmin",
            dependencies: [
                "TraceProxyMetrics", "TraceProxyStore", "TraceProxyTracing", "TraceProxyTraceContext", NIOCore, NIOPosix,
                NIOHTTP1, Logging, ServiceLifecycle,
            ],
            exclude: ["README.md"],
            resources: [
                .embedInCode("Dashboard/index.html"), .embedInCode("Dashboard/dashboard.js"),
                .embedInCode("Dashboard/dashboard.css"),
            ],
            swiftSettings: strictSettings
        ),

        // Composition.
        .target(
            name: "TraceProxyConfig",
            dependencies: [ArgumentParser, "TraceProxyTracing"],
            exclude: ["README.md"], swiftSettings: strictSettings
        ),
        .target(
            name: "TraceProxyApp",
            dependencies: [
                "TraceProxyConfig", "TraceProxyProxy", "TraceProxyExport", "TraceProxyUpstream", "TraceProxyTracing",
                "TraceProxyAdmin", "TraceProxyMetrics", "TraceProxyStore", "TraceProxyRouting", NIOCore, NIOPosix, ServiceLifecycle, UnixSignals, Logging, ArgumentParser,
            ],
            exclude: ["README.md"], swiftSettings: strictSettings
        ),
        .executableTarget(name: "traceproxy", dependencies: ["TraceProxyApp"], swiftSettings: strictSettings),
        .executableTarget(
            name: "traceproxy-microbench",
            dependencies: [
                "TraceProxyTraceContext", "TraceProxyTracing", "TraceProxyExport", "TraceProxyRouting", "TraceProxyStore",
                "TraceProxyMetrics", "TraceProxyProxy", "TraceProxyUpstream", NIOCore, NIOEmbedded, NIOHTTP1, Logging,
            ],
            path: "Sources/traceproxy-microbench",
            swiftSettings: strictSettings
        ),

        // Tests: shared doubles and servers, one target per module, one integration target.
        .target(
            name: "TraceProxyTestSupport",
            dependencies: [
                "TraceProxyTraceContext", "TraceProxyTracing", "TraceProxyUpstream", "TraceProxyExport", NIOCore,
                NIOPosix, NIOHTTP1,
            ],
            path: "Tests/TraceProxyTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "TraceProxyTraceContextTests", dependencies: ["TraceProxyTraceContext", "TraceProxyTestSupport"]),
        .testTarget(name: "TraceProxyTracingTests", dependencies: ["TraceProxyTracing", "TraceProxyTestSupport"]),
        .testTarget(name: "TraceProxyRoutingTests", dependencies: ["TraceProxyRouting", "TraceProxyTracing"]),
        .testTarget(
            name: "TraceProxyUpstreamTests",
            dependencies: ["TraceProxyUpstream", "TraceProxyTestSupport", NIOCore, NIOPosix, NIOHTTP1]
        ),
        .testTarget(
            name: "TraceProxyProxyTests",
            dependencies: [
                "TraceProxyProxy", "TraceProxyTestSupport", "TraceProxyUpstream", "TraceProxyTracing",
                "TraceProxyTraceContext", NIOCore, NIOPosix, NIOHTTP1, NIOEmbedded, Logging, ServiceLifecycle,
            ]
        ),
        .testTarget(name: "TraceProxyConfigTests", dependencies: ["TraceProxyConfig"]),
        .testTarget(
            name: "TraceProxyExportTests",
            dependencies: [
                "TraceProxyExport", "TraceProxyTracing", "TraceProxyUpstream", "TraceProxyJSON", "TraceProxyTestSupport",
                NIOCore, NIOPosix, Logging, ServiceLifecycle,
            ],
            resources: [.copy("Golden")]
        ),
        .testTarget(name: "TraceProxyMetricsTests", dependencies: ["TraceProxyMetrics", "TraceProxyTracing", "TraceProxyTraceContext", "TraceProxyTestSupport"]),
        .testTarget(name: "TraceProxyStoreTests", dependencies: ["TraceProxyStore", "TraceProxyTracing", "TraceProxyTraceContext", "TraceProxyTestSupport"]),
        .testTarget(
            name: "TraceProxyAdminTests",
            dependencies: [
                "TraceProxyAdmin", "TraceProxyMetrics", "TraceProxyStore", "TraceProxyTracing", "TraceProxyTraceContext",
                "TraceProxyTestSupport", NIOCore, NIOHTTP1, ServiceLifecycle, Logging,
            ]
        ),
        .testTarget(
            name: "TraceProxyIntegrationTests",
            dependencies: ["TraceProxyApp", "TraceProxyTestSupport", NIOCore, NIOPosix, NIOHTTP1]
        ),
    ]
)
