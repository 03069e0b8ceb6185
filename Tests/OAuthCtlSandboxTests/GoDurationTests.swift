import Testing

@testable import OAuthCtlSandbox

@Suite("Go time.Duration parse and String()")
struct GoDurationTests {
    @Test(
        "formats like Go",
        arguments: [
            ("1h", "1h0m0s"), ("60m", "1h0m0s"), ("3600s", "1h0m0s"), ("90m", "1h30m0s"), ("1.5h", "1h30m0s"),
            ("300ms", "300ms"), ("0s", "0s"), ("0", "0s"), ("1500ms", "1.5s"), ("1us", "1µs"), ("2µs", "2µs"),
            ("1ns", "1ns"), ("-3s", "-3s"), ("1h2m3.5s", "1h2m3.5s"), ("31h", "31h0m0s"), ("1.000000001s", "1.000000001s"),
        ])
    func format(input: String, expected: String) throws {
        #expect(GoDuration.format(try GoDuration.parse(input)) == expected)
    }

    @Test(
        "rejects like Go",
        arguments: [
            ("", "time: invalid duration \"\""), ("1", "time: missing unit in duration \"1\""),
            ("1x", "time: unknown unit \"x\" in duration \"1x\""), ("h", "time: invalid duration \"h\""),
            ("99999999999h", "time: invalid duration \"99999999999h\""),
        ])
    func reject(input: String, message: String) {
        #expect(throws: (any Error).self) { try GoDuration.parse(input) }
        do { _ = try GoDuration.parse(input) } catch { #expect(error.message == message) }
    }
}
