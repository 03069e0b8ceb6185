import Foundation

/// A per-test temporary directory, removed when the value goes away.
package final class TemporaryDirectory: @unchecked Sendable {
    package let url: URL

    package init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("oauthctl-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `contents` to `name` (creating subfolders) and returns its path.
    @discardableResult
    package func write(_ name: String, _ contents: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    package var path: String { url.path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
