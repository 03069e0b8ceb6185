import Foundation
import OAuthCtlCore
import OAuthCtlProviders
import Testing

/// `${NAME}` sees only the variable map it is given (`--var`, `--var-file`, `OAUTHCTL_VAR_NAME`), never the
/// process environment, so a manifest in a pull request can't print a CI secret.
@Suite("Interpolation reads only its variables")
struct InterpolationTests {
    /// Variables the test process certainly has, with their values: the core must not see them.
    static func processVariables() throws -> [String: String] {
        let environment = ProcessInfo.processInfo.environment
        let path = try #require(environment["PATH"], "PATH is not set in the test process")
        var found = ["PATH": path]
        if let home = environment["HOME"], !home.isEmpty { found["HOME"] = home }
        return found
    }

    @Test("a name set in the process environment but not in the map is unset; the value appears nowhere")
    func processEnvironmentIsNotRead() throws {
        let process = try Self.processVariables()
        let interpolation = Interpolation(variables: ["APP_DOMAIN": "example.com"])
        for (name, value) in process {
            let (text, problems) = interpolation.expand("x ${\(name)} y ${APP_DOMAIN}")
            // An unset reference expands to nothing (and is reported); never to the process's value.
            #expect(text == "x  y example.com", "\(name) was read from somewhere other than the map")
            #expect(problems.map(\.offset) == [2])
            #expect(problems.first?.message.hasPrefix("variable '\(name)' is not set;") == true)
            #expect(problems.allSatisfy { !$0.message.contains(value) })
        }
    }

    @Test("defaults and the $${ escape still work; a plain environment name does not count as set")
    func defaultsAndEscape() {
        let interpolation = Interpolation(variables: ["SET": "v"], unreadEnvironmentNames: ["PLAIN"])
        let (text, problems) = interpolation.expand("${SET}|${PLAIN:-fallback}|$${SET}|${MISSING:-}")
        #expect(text == "v|fallback|${SET}|")
        #expect(problems.isEmpty)
    }

    @Test("the unset message names the three ways to set a variable")
    func unsetMessage() {
        let (_, problems) = Interpolation(variables: [:]).expand("${HYDRA_ADMIN_URL}")
        #expect(
            problems.map(\.message) == [
                "variable 'HYDRA_ADMIN_URL' is not set; pass --var HYDRA_ADMIN_URL=..., put it in a --var-file, or export "
                    + "OAUTHCTL_VAR_HYDRA_ADMIN_URL (other environment variables are not read, so a manifest can't print a CI secret)"
            ])
    }

    @Test("a plain environment variable of that name is said to be ignored, by name only")
    func unreadNameIsExplained() {
        let interpolation = Interpolation(variables: [:], unreadEnvironmentNames: ["HYDRA_ADMIN_TOKEN"])
        let (_, problems) = interpolation.expand("${HYDRA_ADMIN_TOKEN}")
        #expect(problems.count == 1)
        let message = problems.first?.message ?? ""
        #expect(message.hasPrefix("variable 'HYDRA_ADMIN_TOKEN' is not set;"), "\(message)")
        #expect(message.contains("the environment variable HYDRA_ADMIN_TOKEN is deliberately not read"), "\(message)")
        #expect(message.contains("export OAUTHCTL_VAR_HYDRA_ADMIN_TOKEN"), "\(message)")
    }

    @Test("OAUTHCTL_VAR_NAME sets NAME; every other environment variable is left out")
    func environmentPrefix() {
        let environment = [
            "OAUTHCTL_VAR_HYDRA_ADMIN_URL": "http://127.0.0.1:4445", "OAUTHCTL_VAR_app_domain": "example.org",
            "HYDRA_ADMIN_TOKEN": "secret", "OAUTHCTL_VAR_": "no name", "OAUTHCTL_VAR_9BAD": "bad name",
            "oauthctl_var_LOWER": "wrong case", "XOAUTHCTL_VAR_X": "not a prefix", "OAUTHCTL_VARX": "no underscore",
        ]
        #expect(
            Interpolation.variables(fromEnvironment: environment) == [
                "HYDRA_ADMIN_URL": "http://127.0.0.1:4445", "app_domain": "example.org",
            ])
    }

    @Test("an unset ${NAME} in a manifest is an error at file:line:column of the '$'")
    func unsetIsLocated() throws {
        let manifest = """
            apiVersion: oauthctl/v1
            kind: Provider
            metadata: {name: prod}
            spec:
              type: hydra
              url: ${HYDRA_ADMIN_URL}
            ---
            apiVersion: oauthctl/v1
            kind: OAuth2Client
            metadata: {name: web}
            spec:
              client_name: 'Web ${HYDRA_ADMIN_TOKEN}'
              token_endpoint_auth_method: none

            """
        let resolver = ManifestResolver(
            descriptors: ProviderRegistry.descriptors, variables: [:], unreadEnvironmentNames: ["HYDRA_ADMIN_TOKEN"])
        let (_, diagnostics) = resolver.resolve([SourceFile(path: "m/all.yaml", bytes: Array(manifest.utf8))])
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(
            errors.map(\.location) == [
                SourceLocation(file: "m/all.yaml", line: 6, column: 8), SourceLocation(file: "m/all.yaml", line: 12, column: 21),
            ], "\(diagnostics)")
        #expect(errors.map(\.code) == ["variable", "variable"])
        for (error, name) in zip(errors, ["HYDRA_ADMIN_URL", "HYDRA_ADMIN_TOKEN"]) {
            #expect(error.message.hasPrefix("variable '\(name)' is not set;"))
            for way in ["--var \(name)=", "--var-file", "OAUTHCTL_VAR_\(name)"] {
                #expect(error.message.contains(way), "\(error.message) does not mention \(way)")
            }
        }
    }
}
