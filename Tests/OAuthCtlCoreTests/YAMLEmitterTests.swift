import OAuthCtlCore
import Testing
import YAML

/// `export` writes live values with `YAMLEmitter`; the manifest loader must read back exactly those values.
@Suite("YAML emitter round trip")
struct YAMLEmitterTests {
    /// Strings that have broken, or could break, a YAML writer: controls, YAML's own line breaks (NEL, LS, PS),
    /// scalars outside libyaml's printable set, indicators, YAML 1.1 booleans and numbers, interpolation.
    static let nasty: [String] = [
        "", " ", "  ", " a", "a ", "\t", "a\tb", "\n", "a\nb", "a\n", "\r\n", "\r", "\u{0}", "\u{1}", "\u{1B}[31m",
        "\u{7F}", "a\u{7F}b", "\u{80}", "\u{85}", "a\u{85}b", "\u{9F}", "\u{A0}", " \u{A0}", "\u{2028}", "\u{2029}",
        "a\u{2028}b\u{2029}c", "\u{202E}evil", "\u{2066}", "\u{FEFF}", "a\u{FEFF}", "\u{FFFE}", "\u{FFFF}", "\u{E000}",
        "\u{D7FF}", "\u{10FFFF}", "\u{1F600}", "e\u{301}", "\u{E0041}", "\"", "'", "\\", "\\n", "\\x41", "\"quoted\"",
        "${", "${HOME}", "$${HOME}", "$", "$$", "a: b", "a:", ":", ": ", "a #b", "#", "# comment", "-", "- a", "--",
        "---", "...", "?", "? a", "[a]", "{a: 1}", ",", "&anchor", "*alias", "!tag", "!!str", "|", ">", "%YAML", "@",
        "`", "yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "true", "False", "TRUE", "null", "Null",
        "~", "0", "-0", "+1", "007", "0x1F", "0o17", "0b101", "1_000", "1e3", "-1.5", ".5", ".inf", "-.Inf", ".nan",
        "1:20", "2001-12-14", "=", "<<", "a\u{0}b",
    ]

    @Test("every nasty string, as a key and as a value, loads back equal")
    func nastyStrings() {
        for text in Self.nasty { expectRoundTrip(text) }
    }

    @Test("seeded random strings over every Unicode category load back equal")
    func randomStrings() {
        var generator = SplitMix64(seed: 0x5EED_16)
        for _ in 0..<600 { expectRoundTrip(Self.randomString(using: &generator)) }
    }

    @Test("double quotes escape in JSON's notation: controls, C1, bidi, separators, markup, BOM and noncharacters")
    func escapes() {
        let text = "a\u{0}\u{1B}\t\n\r\u{7F}\u{85}\u{2028}\u{202E}\u{2066}\u{E000}\u{FEFF}\u{FFFE}\u{FFFF}\"\\\u{A0}é\u{1F600}"
        #expect(
            YAMLEmitter.entry("k", .string(text), indent: 0)
                == [#"k: "a\u0000\u001b\t\n\r\u007f\u0085\u2028\u202e\u2066\ue000\ufeff\ufffe\uffff\"\\\#u{A0}é😀""#])
    }

    @Test("a sequence of strings loads back equal, item by item")
    func sequenceOfStrings() throws {
        let lines = YAMLEmitter.entry("items", .array(Self.nasty.map(JSONValue.string)), indent: 0)
        let node = try #require(Self.load(lines)?["items"])
        guard case .sequence(let sequence) = node else {
            Issue.record("items is not a sequence: \(lines.joined(separator: "\n"))")
            return
        }
        let loaded = sequence.items.map { item -> String? in
            guard case .scalar(let scalar) = item, case .string(let s) = scalar.resolved else { return nil }
            return Interpolation(variables: [:]).expand(s).0
        }
        #expect(loaded == Self.nasty.map { $0 })
    }

    /// Emits `text` as a key (never interpolated) and as a value (where `${` is escaped), loads the line with
    /// libyaml and checks both come back as the same string.
    private func expectRoundTrip(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let lines = YAMLEmitter.entry(text, .string(text), indent: 0)
        let shown = lines.joined(separator: "\n").unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
        guard let mapping = Self.load(lines), mapping.entries.count == 1, let entry = mapping.entries.first else {
            Issue.record("\(Self.show(text)) was written as \(shown), which does not load as one entry", sourceLocation: sourceLocation)
            return
        }
        guard case .scalar(let key) = entry.key, case .scalar(let value) = entry.value,
            case .string(let keyText) = key.resolved, case .string(let valueText) = value.resolved
        else {
            Issue.record("\(Self.show(text)) was written as \(shown), which loads as a non-string", sourceLocation: sourceLocation)
            return
        }
        #expect(keyText == text, "key \(Self.show(text)) written as \(shown)", sourceLocation: sourceLocation)
        let expanded = Interpolation(variables: [:]).expand(valueText)
        #expect(expanded.1.isEmpty && expanded.0 == text, "value \(Self.show(text)) written as \(shown)", sourceLocation: sourceLocation)
    }

    private static func load(_ lines: [String]) -> Node.Mapping? {
        let result = YAMLLoader.load(Array((lines.joined(separator: "\n") + "\n").utf8))
        guard result.diagnostics.isEmpty, result.documents.count == 1, case .mapping(let mapping) = result.documents[0].root
        else { return nil }
        return mapping
    }

    private static func show(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { $0.escaped(asASCII: true) }.joined() + "\""
    }

    /// Pieces the generator strings together: YAML syntax, words the core schema or YAML 1.1 would type, spaces.
    static let tokens = [
        "${", "$${", "}", ": ", ":", " #", "#", "- ", "? ", "'", "\"", "\\", " ", "  ", "yes", "no", "on", "off", "null",
        "~", "true", "1", "0x", "1e5", ".", "-", "&", "*", "!", "|", ">", "%", "@", "`", ",", "[", "]", "{", "}", "\t",
        "\n", "\r",
    ]

    /// Code point ranges covering every general category: controls, C1 and NEL, separators (NBSP, LS, PS),
    /// format characters (bidi controls, BOM), marks, letters and numbers of several scripts, symbols, private
    /// use, noncharacters and astral planes.
    static let ranges: [ClosedRange<UInt32>] = [
        0x00...0x1F, 0x20...0x7E, 0x7F...0x7F, 0x80...0x9F, 0xA0...0xFF, 0x100...0x24F, 0x300...0x36F, 0x370...0x3FF,
        0x400...0x4FF, 0x590...0x6FF, 0x900...0x97F, 0x2000...0x206F, 0x20A0...0x20CF, 0x2190...0x22FF,
        0x3000...0x303F, 0x4E00...0x4FFF, 0xAC00...0xACFF, 0xD7F0...0xD7FF, 0xE000...0xE0FF, 0xFDD0...0xFDEF,
        0xFE00...0xFE0F, 0xFEFF...0xFEFF, 0xFFF0...0xFFFF, 0x10000...0x1007F, 0x1F300...0x1F64F, 0xE0000...0xE007F,
        0xF0000...0xF00FF, 0x10FFF0...0x10FFFF,
    ]

    static func randomString(using generator: inout SplitMix64) -> String {
        var text = ""
        for _ in 0..<generator.next(below: 12) {
            if generator.next(below: 3) == 0 {
                text += tokens[generator.next(below: tokens.count)]
            } else {
                let range = ranges[generator.next(below: ranges.count)]
                let value = range.lowerBound + UInt32(generator.next(below: Int(range.upperBound - range.lowerBound) + 1))
                if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
            }
        }
        return text
    }
}

/// A small seeded generator (Steele, Lea and Flood's SplitMix64) so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
