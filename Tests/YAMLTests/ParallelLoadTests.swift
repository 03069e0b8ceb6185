import Testing

@testable import YAML

/// Streams over the parallel threshold are cut at document starts; the result must equal one whole pass.
@Suite("parallel load of large streams")
struct ParallelLoadTests {
    /// A stream of `count` documents, about 500 bytes each; `broken` inserts a duplicate key into that document.
    static func stream(count: Int, broken: Int? = nil, crlf: Bool = false) -> [UInt8] {
        var text = ""
        for index in 0..<count {
            text += "---\nname: client-\(index)\nspec:\n  redirect_uris: [https://app-\(index).example.com/cb]\n"
            text += "  note: \"" + String(repeating: "x", count: 400) + "\"\n"
            if index == broken { text += "name: again\n" }
        }
        if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        return Array(text.utf8)
    }

    static func whole(_ bytes: [UInt8]) -> LoadResult {
        bytes.withUnsafeBufferPointer { YAMLLoader.loadWithLibYAML($0, lineOffset: 0, limits: LoadLimits()) }
    }

    @Test("a 1.5 MB stream loads to the same documents and marks as one pass", arguments: [false, true])
    func sameDocuments(crlf: Bool) {
        let bytes = Self.stream(count: 3_000, crlf: crlf)
        #expect(bytes.count > YAMLLoader.parallelLoadThreshold)
        let parallel = YAMLLoader.load(bytes)
        let reference = Self.whole(bytes)
        #expect(parallel.documents.count == 3_000)
        #expect(parallel.documents == reference.documents)
        #expect(parallel.diagnostics.isEmpty)
        // Document i starts on line 5i + 1; its root mapping on the next line.
        #expect(parallel.documents.last?.root?.mark == Mark(line: 5 * 2_999 + 2, column: 1))
    }

    @Test("a problem deep in a large stream is reported exactly as one pass reports it")
    func sameDiagnostics() {
        let bytes = Self.stream(count: 3_000, broken: 2_000)
        let parallel = YAMLLoader.load(bytes)
        let reference = Self.whole(bytes)
        #expect(parallel.diagnostics.count == 1)
        #expect(parallel.diagnostics == reference.diagnostics)
        #expect(parallel.diagnostics.first?.mark.line == 5 * 2_000 + 6)
        #expect(parallel.documents == reference.documents)
    }
}
