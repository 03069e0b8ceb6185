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
                guard before.allSatisfy({ $0 == " " || $0 == "-" }) || before.hasSuffix("&& ") || before.hasSuffix("run: ") else {
                    return nil
                }
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
            let command = try #require(
                OAuthCtl.commands.first { $0.name == name }, "unknown command '\(name)' in \(file.lastPathComponent)")
            if case .failure(let error) = ArgumentParser.parse(Array(call.dropFirst()), for: command) {
                Issue.record("\(file.lastPathComponent): 'oauthctl \(call.joined(separator: " "))': \(error.message)")
            }
        }
    }

    /// Names set in `env:` / `variables:` mappings anywhere in `node`.
    static func variablesSet(in node: Node) -> [String] {
        switch node {
        case .scalar: return []
        case .sequence(let sequence): return sequence.items.flatMap(variablesSet)
        case .mapping(let mapping):
            return mapping.entries.flatMap { entry -> [String] in
                guard case .scalar(let key) = entry.key else { return [] }
                var names = variablesSet(in: entry.value)
                if ["env", "variables"].contains(key.value), case .mapping(let variables) = entry.value {
                    names += variables.entries.compactMap { if case .scalar(let name) = $0.key { name.value } else { nil } }
                }
                return names
            }
        }
    }

    /// Every `NAME` that the example manifests interpolate as `${NAME}` or `${NAME:-default}`.
    static func interpolatedNames() throws -> Set<String> {
        let examples = OAuthCtlBinary.repositoryRoot.appendingPathComponent("examples")
        let files = (FileManager.default.enumerator(at: examples, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { $0.pathExtension == "yaml" && !$0.path.contains("/ci/") }
        var names: Set<String> = []
        let pattern = try NSRegularExpression(pattern: #"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}"#)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { names.insert(String(text[range])) }
            }
        }
        return names
    }

    @Test("CI files hand ${NAME} values over as OAUTHCTL_VAR_NAME: a plain variable would be ignored", arguments: files())
    func variablesUseThePrefix(file: URL) throws {
        let interpolated = try Self.interpolatedNames()
        #expect(interpolated.contains("HYDRA_ADMIN_URL"), "the scan found no ${HYDRA_ADMIN_URL} in examples/")
        let result = YAMLLoader.load([UInt8](try Data(contentsOf: file)))
        let set = result.documents.compactMap(\.root).flatMap(Self.variablesSet)
        for name in set where interpolated.contains(name) {
            Issue.record("\(file.lastPathComponent) sets \(name), which oauthctl never interpolates; set OAUTHCTL_VAR_\(name)")
        }
        #expect(set.contains("OAUTHCTL_VAR_HYDRA_ADMIN_URL"), "\(file.lastPathComponent) does not set OAUTHCTL_VAR_HYDRA_ADMIN_URL")
    }
}
