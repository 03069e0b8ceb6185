// swift-tools-version:6.0
// oauthctl: manage OAuth 2.0 / OpenID Connect clients from YAML manifests.
// No package dependencies: Foundation and the system libyaml only.
import Foundation
import PackageDescription

/// Release builds link the Swift runtime and Foundation into the binary (`-static-stdlib`, as
/// `swift build --static-swift-stdlib` does): less dynamic linking at start (`oauthctl --version` takes ~13 ms
/// instead of ~19 ms), and calls into the runtime skip the PLT. It needs the toolchain's static libraries and,
/// because Foundation's networking links libcurl by name, libcurl's development link (`libcurl4-openssl-dev`);
/// without either the build stays dynamic and works the same.
let linksRuntimeStatically: Bool = {
    let exists = { (path: String) in FileManager.default.fileExists(atPath: path) }
    let libraries = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"]
    let searchPath = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    let toolchainIsStatic = searchPath.contains { exists("\($0)/../lib/swift_static/linux/static-stdlib-args.lnk") }
    return toolchainIsStatic && libraries.contains { exists("\($0)/libcurl.so") }
}()

let package = Package(
    name: "oauthctl",
    products: [.executable(name: "oauthctl", targets: ["oauthctl"])],
    targets: [
        // libyaml, found by pkg-config; only the YAML target imports it.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // Order-keeping parallel map on every core; no project knowledge.
        .target(name: "OAuthCtlConcurrency", exclude: ["README.md"]),
        // libyaml events -> Node tree with file:line:column marks. Pure: takes bytes.
        .target(name: "YAML", dependencies: ["CYAML", "OAuthCtlConcurrency"], exclude: ["README.md"]),
        // The one JSON value, parser and encoder outside the sandbox. Pure.
        .target(name: "OAuthCtlJSON", exclude: ["README.md"]),
        // SHA-256's round constants, and its compression on the CPU's SHA extensions (C: Swift can't name them).
        .target(name: "CSHA256", exclude: ["README.md"]),
        // The pure core: manifests, schemas, canonicalization, diff, plan, render. No I/O.
        .target(name: "OAuthCtlCore", dependencies: ["YAML", "OAuthCtlJSON", "OAuthCtlConcurrency", "CSHA256"], exclude: ["README.md"]),
        // HTTP client over URLSession, retry policy, redaction.
        .target(name: "OAuthCtlHTTP", dependencies: ["OAuthCtlJSON"], exclude: ["README.md"]),
        // One folder per provider: field schema (data) + API adapter.
        .target(name: "OAuthCtlProviders", dependencies: ["OAuthCtlCore", "OAuthCtlHTTP"], exclude: ["README.md"]),
        // The one engine that carries out a plan.
        .target(name: "OAuthCtlApply", dependencies: ["OAuthCtlCore", "OAuthCtlHTTP"], exclude: ["README.md"]),
        // Local emulators of the admin APIs. Deliberately independent of OAuthCtlCore and
        // OAuthCtlProviders: it encodes the servers' behaviour from the reference, not our schema.
        .target(name: "OAuthCtlSandbox", exclude: ["README.md"]),
        // Argument parsing, commands, terminal.
        .target(
            name: "OAuthCtlCLI",
            dependencies: ["OAuthCtlCore", "OAuthCtlConcurrency", "OAuthCtlHTTP", "OAuthCtlProviders", "OAuthCtlApply", "OAuthCtlSandbox"],
            exclude: ["README.md"]),
        .executableTarget(name: "oauthctl", dependencies: ["OAuthCtlCLI"]),
        // Test helpers: golden files, marked fixtures, server processes, temp dirs.
        .target(name: "OAuthCtlTestSupport", dependencies: ["OAuthCtlCore"], exclude: ["README.md"]),

        .testTarget(name: "YAMLTests", dependencies: ["YAML", "OAuthCtlTestSupport"]),
        .testTarget(
            name: "OAuthCtlCoreTests", dependencies: ["OAuthCtlCore", "OAuthCtlProviders", "OAuthCtlTestSupport"],
            exclude: ["Golden", "Diagnostics"]),
        .testTarget(name: "OAuthCtlHTTPTests", dependencies: ["OAuthCtlHTTP", "OAuthCtlTestSupport"]),
        .testTarget(name: "OAuthCtlApplyTests", dependencies: ["OAuthCtlApply", "OAuthCtlCore"]),
        .testTarget(
            name: "OAuthCtlSandboxTests", dependencies: ["OAuthCtlSandbox", "OAuthCtlTestSupport"], exclude: ["Resources"]),
        .testTarget(name: "OAuthCtlCLITests", dependencies: ["OAuthCtlCLI", "OAuthCtlConcurrency", "OAuthCtlTestSupport"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["oauthctl", "OAuthCtlCore", "OAuthCtlProviders", "OAuthCtlTestSupport"]),
        .testTarget(name: "OAuthCtlProvidersTests", dependencies: ["OAuthCtlProviders", "OAuthCtlCore", "OAuthCtlHTTP"]),
    ]
)

if linksRuntimeStatically {
    // Every module is compiled for it too: the static Foundation names its own C parts to the linker.
    let staticRuntime = BuildSettingCondition.when(platforms: [.linux], configuration: .release)
    for target in package.targets where target.type != .system && target.type != .test {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-static-stdlib"], staticRuntime)]
        if target.type == .executable {
            target.linkerSettings = (target.linkerSettings ?? []) + [.unsafeFlags(["-static-stdlib"], staticRuntime)]
        }
    }
}
