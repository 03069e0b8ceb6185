// swift-tools-version:6.0
// oauthctl: manage OAuth 2.0 / OpenID Connect clients from YAML manifests.
// No package dependencies: Foundation and the system libyaml only.
import PackageDescription

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
        // The pure core: manifests, schemas, canonicalization, diff, plan, render. No I/O.
        .target(name: "OAuthCtlCore", dependencies: ["YAML", "OAuthCtlJSON", "OAuthCtlConcurrency"], exclude: ["README.md"]),
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
