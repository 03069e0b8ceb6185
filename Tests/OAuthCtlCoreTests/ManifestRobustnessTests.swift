import Foundation
import OAuthCtlCore
import OAuthCtlProviders
import Testing
import YAML

/// Every prefix and every single-byte corruption of each example file resolves without a crash, and ends
/// either valid or with at least one located diagnostic.
@Suite("Manifest robustness")
struct ManifestRobustnessTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The example files, relative to the repository root, with their bytes.
    static let examples: [(path: String, bytes: [UInt8])] = {
        let folder = repositoryRoot.appendingPathComponent("examples/hydra")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        return names.compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
            return ("examples/hydra/\(name)", [UInt8](data))
        }
    }()

    static var examplePaths: [String] { examples.map(\.path) }

    /// Bytes written over every position in turn.
    static let replacements: [UInt8] = [
        0x00, UInt8(ascii: "{"), UInt8(ascii: ":"), 0xFF, UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\""), UInt8(ascii: "&"),
    ]

    static let resolver = ManifestResolver(descriptors: ProviderRegistry.descriptors, variables: [:])

    @Test("the examples are found and resolve cleanly")
    func examplesResolve() {
        #expect(Self.examples.count >= 4)
        let (set, diagnostics) = Self.resolver.resolve(Self.examples.map { SourceFile(path: $0.path, bytes: $0.bytes) })
        #expect(diagnostics.filter { $0.severity == .error } == [])
        #expect(set.providers.count == 1)
        #expect(set.clients.count >= 6)
    }

    @Test("every byte prefix (so every line prefix) resolves sanely", arguments: examplePaths)
    func prefixes(_ path: String) throws {
        let bytes = try #require(Self.examples.first { $0.path == path }).bytes
        var failures: [String] = []
        for length in 0...bytes.count {
            if let problem = Self.check(path, Array(bytes[..<length])) { failures.append("prefix \(length): \(problem)") }
        }
        #expect(failures == [])
    }

    @Test("every single-byte corruption resolves sanely", arguments: examplePaths)
    func corruptions(_ path: String) throws {
        let bytes = try #require(Self.examples.first { $0.path == path }).bytes
        var failures: [String] = []
        var checked = 0
        for index in bytes.indices {
            for replacement in Self.replacements where replacement != bytes[index] {
                var corrupted = bytes
                corrupted[index] = replacement
                checked += 1
                if let problem = Self.check(path, corrupted) {
                    failures.append("byte \(index) := 0x\(String(replacement, radix: 16)): \(problem)")
                }
            }
        }
        #expect(checked >= bytes.count * (Self.replacements.count - 1))
        #expect(failures == [])
    }

    /// Resolves `bytes` as `path` (with the example provider beside it) and says what is wrong, if anything.
    static func check(_ path: String, _ bytes: [UInt8]) -> String? {
        var files = [SourceFile(path: path, bytes: bytes)]
        if path != "examples/hydra/provider.yaml", let provider = examples.first(where: { $0.path == "examples/hydra/provider.yaml" }) {
            files.append(SourceFile(path: provider.path, bytes: provider.bytes))
        }
        let (set, diagnostics) = resolver.resolve(files)
        let lineCount = bytes.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        for diagnostic in diagnostics {
            guard let location = diagnostic.location else { return "unlocated: \(diagnostic.message)" }
            if location.line < 1 || location.column < 1 || (location.file == path && location.line > lineCount + 1) {
                return "out of range \(location): \(diagnostic.message)"
            }
            if diagnostic.message.isEmpty { return "empty message at \(location)" }
        }
        if !diagnostics.isEmpty { return nil }
        if set.clients.isEmpty && set.providers.count <= (path.hasSuffix("provider.yaml") ? 0 : 1) {
            // Nothing declared and nothing said: acceptable only when the text holds no document.
            let hasContent = YAMLLoader.load(bytes).documents.contains { $0.root != nil }
            return hasContent ? "no diagnostics and nothing declared" : nil
        }
        return nil
    }
}
