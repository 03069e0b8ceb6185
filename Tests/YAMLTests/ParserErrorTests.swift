import OAuthCtlTestSupport
import Testing
import YAML

@Suite("libyaml errors")
struct ParserErrorTests {
    @Test("an unterminated quote is reported at the end of the stream with a note where the quote started")
    func unterminatedQuote() {
        let fixture = MarkedText("name: ok\nsecret: 1️⃣'abc\nnext: 1\n2️⃣")
        #expect(
            load(fixture).diagnostics == [
                YAMLDiagnostic(
                    mark: fixture.mark(2), message: "found unexpected end of stream while scanning a quoted scalar",
                    notes: [YAMLDiagnostic.Note(mark: fixture.mark(1), message: "the quoted scalar started here")])
            ])
    }

    @Test("a key indented less than its siblings is reported at that key, with a note at the enclosing mapping")
    func badIndentation() {
        let fixture = MarkedText("2️⃣client:\n  id: web\n 1️⃣scope: openid\n")
        #expect(
            load(fixture).diagnostics == [
                YAMLDiagnostic(
                    mark: fixture.mark(1), message: "did not find expected key while parsing a block mapping",
                    notes: [YAMLDiagnostic.Note(mark: fixture.mark(2), message: "the block mapping started here")])
            ])
    }

    @Test("a tab used for indentation is reported at the tab with a hint to use spaces")
    func tabIndentation() {
        let fixture = MarkedText("client:\n1️⃣\tid: web\n")
        #expect(
            load(fixture).diagnostics == [
                YAMLDiagnostic(
                    mark: fixture.mark(1),
                    message: "found character that cannot start any token while scanning for the next token"
                        + "; indent with spaces, YAML does not allow tabs here")
            ])
    }

    @Test("an unclosed flow sequence or mapping points past its end with a note at its opening bracket")
    func unclosedFlow() {
        let sequence = MarkedText("uris: 1️⃣[a, b\n2️⃣")
        #expect(
            load(sequence).diagnostics == [
                YAMLDiagnostic(
                    mark: sequence.mark(2), message: "did not find expected ',' or ']' while parsing a flow sequence",
                    notes: [YAMLDiagnostic.Note(mark: sequence.mark(1), message: "the flow sequence started here")])
            ])
        let mapping = MarkedText("a: 1️⃣{b: 1\n2️⃣")
        #expect(
            load(mapping).diagnostics.first?.notes == [
                YAMLDiagnostic.Note(mark: mapping.mark(1), message: "the flow mapping started here")
            ])
        #expect(load(mapping).diagnostics.first?.mark == mapping.mark(2))
    }

    @Test("a problem with no separate context has no note")
    func noContext() {
        let fixture = MarkedText("a: b1️⃣: c\n")
        #expect(
            load(fixture).diagnostics == [
                YAMLDiagnostic(mark: fixture.mark(1), message: "mapping values are not allowed in this context")
            ])
    }

    @Test("documents that loaded before a syntax error are kept")
    func documentsBeforeError() {
        let result = load("a: 1\n---\nb: 2\n---\nc: [\n")
        #expect(result.documents.map(\.root?.keys) == [["a"], ["b"]])
        #expect(result.diagnostics.count == 1)
    }

    @Test("invalid UTF-8 is reported at the offending byte, counting columns in scalars")
    func invalidUTF8() {
        let bytes = Array("a: 1\nbé: x".utf8) + [0xFF, 0x41, 0x0A]
        #expect(
            YAMLLoader.load(bytes).diagnostics == [
                YAMLDiagnostic(mark: Mark(line: 2, column: 6), message: "invalid leading UTF-8 octet (byte 0xff)")
            ])
        let truncated = Array("k: ".utf8) + [0xE3, 0x81]
        #expect(YAMLLoader.load(truncated).diagnostics.map(\.mark) == [Mark(line: 1, column: 4)])
    }

    @Test("a control character is reported as a code point")
    func controlCharacter() {
        let fixture = MarkedText("a: \"x1️⃣\u{7}\"\n")
        #expect(
            load(fixture).diagnostics == [
                YAMLDiagnostic(mark: fixture.mark(1), message: "control characters are not allowed (U+0007)")
            ])
    }

    @Test("binary garbage gives diagnostics on line 1 or later and no documents", arguments: 0..<20)
    func binaryGarbage(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed))
        let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let result = YAMLLoader.load(bytes)
        #expect(!result.diagnostics.isEmpty)
        #expect(result.diagnostics.allSatisfy { $0.mark.line >= 1 && $0.mark.column >= 1 })
    }
}

/// A small deterministic random generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
