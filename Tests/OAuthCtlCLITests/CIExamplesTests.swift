import Foundation
import OAuthCtlCLI
import OAuthCtlTestSupport
import Testing
import YAML

/// The CI examples parse as YAML and call only oauthctl commands and flags that exist.
@Suite("CI examples")
struct CIExamplesTests {
    static var ciFolder: URL { OAuthCtlBinary.repositoryRoot.appendingPathComponent("examples/ci") }

    static func files() -> [URL] {
        let enumerator = FileManager.default.enumerator(at: ciFolder, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "yml" || $0.pathExtension == "yaml" }
            .sorted { $0.path < $1.path }
    }

    /// Every line of every string scalar that invokes `oauthctl`, cut at shell operators.
    static func invocations(in node: Node) -> [[String]] {
        switch node {
        case .scalar(let scalar):
            return scalar.value.split(separator: "\n").compactMap { line -> [String]? in
                guard let range = line.range(of: "oauthctl ") else { return nil }
                let before = line[..<range.lowerBound]
                guard before.allSatisfy({ $0 == " " || $0 == "-" }) || before.hasSuffix("&& ") || before.hasSuffix("run: ") else { return nil }
                var words: [String] = []
                for word in line[range.upperBound...].split(separator: " ") {
                    if [">", "|", "||", "&&", ";", "2>", "2>&1"].contains(String(word)) { break }
                    words.append(String(word))
                }
                return words
            }
        case .sequence(let sequence): return sequence.items.flatMap(invocations)
        case .mapping(let mapping): return mapping.entries.flatMap { invocations(in: $0.value) }
        }
    }

    @Test("there are GitHub Actions and GitLab CI examples")
    func examplesExist() {
        let names = Self.files().map(\.lastPathComponent)
        #expect(names.contains("oauthctl-plan.yml"))
        #expect(names.contains("oauthctl-apply.yml"))
        #expect(names.contains("oauthctl-drift.yml"))
        #expect(names.contains(".gitlab-ci.yml"))
    }

    @Test("each CI file parses as YAML and every oauthctl call uses an existing command and flags", arguments: files())
    func callsAreValid(file: URL) throws {
        let result = YAMLLoader.load([UInt8](try Data(contentsOf: file)))
        #expect(result.diagnostics.isEmpty, "\(file.lastPathComponent): \(result.diagnostics)")
        let calls = result.documents.compactMap(\.root).flatMap(Self.invocations)
        #expect(!calls.isEmpty, "\(file.lastPathComponent) calls oauthctl nowhere")
        for call in calls {
            let name = try #require(call.first)
            let command = try #require(OAuthCtl.commands.first { $0.name == name }, "unknown command '\(name)' in \(file.lastPathComponent)")
            if case .failure(let error) = ArgumentParser.parse(Array(call.dropFirst()), for: command) {
                Issue.record("\(file.lastPathComponent): 'oauthctl \(call.joined(separator: " "))': \(error.message)")
            }
        }
    }
}
