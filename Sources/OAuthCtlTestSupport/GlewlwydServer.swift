import Foundation

/// A real Glewlwyd on a free loopback port, stopped by its PID.
///
/// Started by `Tests/Fixtures/glewlwyd/server.sh up`, stopped by `server.sh down DIR`. Throws, never skips, when Glewlwyd isn't installed.
package final class GlewlwydServer: @unchecked Sendable {
    /// The API base (`http://127.0.0.1:PORT/api`).
    package let api: String
    package let apiKey: String
    package let pid: Int32
    package let directory: String
    private var stopped = false

    /// The fixture script, in the repository.
    package static var script: URL {
        OAuthCtlBinary.repositoryRoot.appendingPathComponent("Tests/Fixtures/glewlwyd/server.sh")
    }

    /// Starts one; `markerProperty: nil` leaves the ownership-marker property out of the client module.
    package init(markerProperty: String? = "oauthctl") throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/glewlwyd") else {
            throw GlewlwydStartError(
                message: "glewlwyd is not installed (/usr/bin/glewlwyd missing); run scripts/test.sh, which installs it with apt-get")
        }
        var environment = ProcessInfo.processInfo.environment
        environment["GLWD_MARKER_PROPERTY"] = markerProperty ?? ""
        let result = try Self.run([Self.script.path, "up"], environment: environment)
        guard result.status == 0 else {
            throw GlewlwydStartError(message: "server.sh up failed (\(result.status)): \(result.stderr)")
        }
        var values: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        guard let api = values["GLWD_API"], let key = values["GLWD_API_KEY"], let pid = values["GLWD_PID"].flatMap(Int32.init),
            let directory = values["GLWD_DIR"]
        else { throw GlewlwydStartError(message: "server.sh up printed no GLWD_API/GLWD_API_KEY/GLWD_PID/GLWD_DIR: \(result.stdout)") }
        self.api = api
        self.apiKey = key
        self.pid = pid
        self.directory = directory
    }

    /// The admin header for direct API calls in tests.
    package var adminHeaders: [String: String] { ["Authorization": "token \(apiKey)"] }

    /// Stops the server by PID and removes its directory.
    package func stop() {
        guard !stopped else { return }
        stopped = true
        _ = try? Self.run([Self.script.path, "down", directory], environment: ProcessInfo.processInfo.environment)
    }

    deinit { stop() }

    /// Runs a command and captures its output (through files, so a chatty child can't block).
    package static func run(_ arguments: [String], environment: [String: String]) throws -> OAuthCtlBinary.Result {
        try OAuthCtlBinary.run(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments, environment: environment)
    }
}

/// The Glewlwyd fixture could not be started.
package struct GlewlwydStartError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
