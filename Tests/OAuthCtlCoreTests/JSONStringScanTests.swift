import OAuthCtlJSON
import Testing

/// A string's plain run is found eight bytes at a time; it must end exactly where a byte loop ends it.
@Suite("JSON parser: the plain run of a string")
struct JSONStringScanTests {
    @Test("the first quote, backslash or control byte, from any start, in 5,000 random texts")
    func sameAsByteLoop() {
        var random = SplitMix64(seed: 0x5C4A)
        let alphabet: [UInt8] = [0x22, 0x5C, 0x00, 0x0A, 0x1F, 0x20, 0x21, 0x5B, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF, 0x61, 0x62]
        var ends = Set<Int>()
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...40, using: &random)
            // Mostly plain letters, so runs of many words occur; now and then a byte that ends a run.
            let bytes = (0..<count).map { _ in
                Int.random(in: 0..<8, using: &random) == 0 ? alphabet.randomElement(using: &random) ?? 0 : UInt8(ascii: "a")
            }
            let start = Int.random(in: 0...count, using: &random)
            var expected = start
            while expected < count, bytes[expected] != 0x22, bytes[expected] != 0x5C, bytes[expected] >= 0x20 { expected += 1 }
            let found = bytes.withUnsafeBufferPointer { JSONParser.plainRunEnd($0, from: start) }
            #expect(found == expected, "\(bytes) from \(start)")
            ends.insert(expected - start)
        }
        // Runs of every length up to well past one word were tried.
        #expect((0...20).allSatisfy(ends.contains))
    }

    @Test(
        "strings with escapes, control characters and multi-byte text parse as before",
        arguments: [
            (#""plain and long enough to take several words""#, "plain and long enough to take several words"),
            (#""tab\tand \"quote\" and \\ slash""#, "tab\tand \"quote\" and \\ slash"),
            (#""caf\u00e9 and café""#, "café and café"),
            (#""""#, ""),
        ])
    func strings(text: String, expected: String) throws {
        #expect(try JSONParser.parse(text) == .string(expected))
    }

    @Test(
        "a raw control character or a missing end is an error, wherever it falls",
        arguments: [
            "\"abcdefghij\u{01}klm\"", "\"abc\u{1F}\"", "\"abcdefghijklmnop", "\"abcdefghijklmnop\\",
        ])
    func errors(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }
}
