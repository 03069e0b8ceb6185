import Foundation
import Testing

/// The core is pure: no file system, environment, network, clock or console. The CLI does all I/O.
@Suite("Manifest core purity")
struct ManifestPurityTests {
    static let core = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/OAuthCtlCore")

    static let forbidden = [
        "FileManager", "ProcessInfo", "URLSession", "FileHandle", "print(", "Date()", "readLine", "fopen", "getenv",
    ]

    /// `file:line: 'API'` for every forbidden API in `text` (comment lines excluded).
    static func findings(in text: String, file: String) -> [String] {
        var found: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = line.trimmingCharacters(in: .whitespaces)
            if code.hasPrefix("//") { continue }
            for api in forbidden where code.contains(api) {
                // `print(` inside another name (e.g. `fingerprint(`) is not a call to print.
                if api == "print(", let range = code.range(of: api), range.lowerBound > code.startIndex,
                    let before = code[..<range.lowerBound].last, before.isLetter || before.isNumber || before == "_"
                {
                    continue
                }
                found.append("\(file):\(number + 1): '\(api)'")
            }
        }
        return found
    }

    @Test("the scanner finds a forbidden API and names the file and line")
    func scannerWorks() {
        let sample = "let a = 1\n// FileManager in a comment is fine\nlet env = ProcessInfo.processInfo\nfingerprint(x)\nprint(x)\n"
        #expect(Self.findings(in: sample, file: "X.swift") == ["X.swift:3: 'ProcessInfo'", "X.swift:5: 'print('"])
    }

    @Test("Sources/OAuthCtlCore uses no I/O, environment, clock or console APIs")
    func coreIsPure() throws {
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.core.path))
        var files = 0
        var findings: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: Self.core.appendingPathComponent(relative), encoding: .utf8)
            files += 1
            findings += Self.findings(in: text, file: "Sources/OAuthCtlCore/\(relative)")
        }
        #expect(files > 10)
        #expect(findings == [], "forbidden APIs in the pure core:\n\(findings.joined(separator: "\n"))")
    }
}
