import TraceProxyApp

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// The only place that reads the process environment; everything else gets this dictionary.
var environment: [String: String] = [:]
var entry = environ
while let pointer = entry.pointee {
    let pair = String(cString: pointer)
    if let equals = pair.firstIndex(of: "=") {
        environment[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    entry += 1
}

let status = await TraceProxyMain.main(arguments: Array(CommandLine.arguments.dropFirst()), environment: environment)
exit(status)
