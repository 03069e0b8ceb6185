import Foundation
import OAuthCtlCore
import OAuthCtlProviders
import OAuthCtlTestSupport
import Testing

/// Golden diagnostics: each `Diagnostics/<case>.yaml` marks with `1️⃣`, `2️⃣`, … where diagnostics must
/// point, and `<case>.expected` lists them, one `1️⃣ error: message` line each (notes indented below their
/// diagnostic). `OAUTHCTL_RECORD=1 swift test` rewrites the `.expected` files and fails.
@Suite("Manifest diagnostics (golden)")
struct ManifestDiagnosticsGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Diagnostics")

    /// A provider for cases that don't declare their own (any case containing `kind: Provider` does).
    static let sharedProvider = """
        apiVersion: oauthctl/v1
        kind: Provider
        metadata:
          name: prod
        spec:
          type: hydra
          url: http://127.0.0.1:4445
        """

    static let sharedProviderFile = "shared-provider.yaml"

    /// Variables every case sees (`UNSET` and friends stay unset on purpose).
    static let variables = ["APP_DOMAIN": "example.com"]

    static var caseNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    @Test("the folder holds 25 or more cases, each with an expectation file")
    func caseCount() {
        let names = Self.caseNames
        #expect(names.count >= 25, "only \(names.count) golden cases")
        let missing = names.filter {
            !FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("\($0).expected").path)
        }
        #expect(missing == [], "cases without a .expected file")
        let names2 = (try? FileManager.default.contentsOfDirectory(atPath: Self.folder.path)) ?? []
        let orphans = names2.filter { $0.hasSuffix(".expected") && !names.contains(String($0.dropLast(9))) }
        #expect(orphans == [], ".expected files without a case")
    }

    @Test("each case yields exactly the expected diagnostics at the marked positions", arguments: caseNames)
    func golden(_ name: String) throws {
        let yamlURL = Self.folder.appendingPathComponent("\(name).yaml")
        let expectedURL = Self.folder.appendingPathComponent("\(name).expected")
        let marked = MarkedText(try String(contentsOf: yamlURL, encoding: .utf8))
        let file = "\(name).yaml"
        var sources = [SourceFile(path: file, bytes: marked.bytes)]
        if !marked.text.contains("kind: Provider") {
            sources.insert(SourceFile(path: Self.sharedProviderFile, bytes: Array(Self.sharedProvider.utf8)), at: 0)
        }
        let resolver = ManifestResolver(descriptors: ProviderRegistry.descriptors, variables: Self.variables)
        let (_, diagnostics) = resolver.resolve(sources)
        let actual = Self.render(diagnostics, file: file, markers: marked.markers)

        if ProcessInfo.processInfo.environment["OAUTHCTL_RECORD"] == "1" {
            try (actual.joined(separator: "\n") + "\n").write(to: expectedURL, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name).expected; review with git diff")
            return
        }
        let expectedText = (try? String(contentsOf: expectedURL, encoding: .utf8)) ?? ""
        let expected = expectedText.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        #expect(!expected.isEmpty, "\(name).expected is empty: every case must produce a diagnostic")
        #expect(actual == expected, "\(name): diagnostics differ\n\(Self.lineDiff(expected: expected, actual: actual))")

        // No position may be left unmarked, and every marker must be used.
        let unmarked = actual.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("@") }
        #expect(unmarked == [], "\(name): diagnostics at positions without a marker; add one to the fixture")
        let used = Set(
            expected.compactMap { line in
                marked.markers.keys.first { line.trimmingCharacters(in: .whitespaces).hasPrefix(Self.marker($0)) }
            })
        #expect(used == Set(marked.markers.keys), "\(name): markers with no expected diagnostic")
    }

    /// One line per diagnostic (`1️⃣ error: message`), notes indented below it. Positions without a marker
    /// are written `@line:column`, positions in another file `file:line:column`.
    static func render(_ diagnostics: [Diagnostic], file: String, markers: [Int: MarkedText.Position]) -> [String] {
        func place(_ location: OAuthCtlCore.SourceLocation?) -> String {
            guard let location else { return "-" }
            guard location.file == file else { return "\(location)" }
            let position = MarkedText.Position(line: location.line, column: location.column)
            guard let number = markers.first(where: { $0.value == position })?.key else {
                return "@\(location.line):\(location.column)"
            }
            return marker(number)
        }
        var lines: [String] = []
        for diagnostic in diagnostics {
            lines.append("\(place(diagnostic.location)) \(diagnostic.severity.rawValue): \(diagnostic.message)")
            for note in diagnostic.notes {
                lines.append("    \(place(note.location)) note: \(note.message)")
            }
        }
        return lines
    }

    static func marker(_ number: Int) -> String {
        number == 10 ? "🔟" : "\(number)\u{FE0F}\u{20E3}"
    }

    /// A minimal line diff: `-` expected only, `+` actual only, in order.
    static func lineDiff(expected: [String], actual: [String]) -> String {
        let diff = actual.difference(from: expected)
        var out: [String] = []
        for change in diff {
            switch change {
            case .remove(_, let line, _): out.append("- \(line)")
            case .insert(_, let line, _): out.append("+ \(line)")
            }
        }
        return out.joined(separator: "\n")
    }
}
