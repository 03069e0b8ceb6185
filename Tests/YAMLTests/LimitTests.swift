import OAuthCtlTestSupport
import Testing
import YAML

@Suite("Limits")
struct LimitTests {
    @Test("nesting deeper than the limit is reported at the first collection too deep, and loading stops")
    func depthLimit() {
        let text = String(repeating: "[", count: 64) + "1️⃣[x" + String(repeating: "]", count: 65)
        let fixture = MarkedText(text)
        let result = load(fixture)
        #expect(result.diagnostics == [YAMLDiagnostic(mark: fixture.mark(1), message: "nesting deeper than 64 levels")])
        #expect(result.documents.isEmpty)
    }

    @Test("exactly the maximum depth loads")
    func depthAtLimit() {
        let text = String(repeating: "[", count: 64) + "x" + String(repeating: "]", count: 64)
        let result = load(text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.count == 1)
    }

    @Test("100 000 open brackets and deeply nested block mappings end in one diagnostic, not a crash")
    func hugeNesting() {
        let brackets = load(String(repeating: "[", count: 100_000))
        #expect(brackets.diagnostics.map(\.message) == ["nesting deeper than 64 levels"])
        var block = ""
        for level in 0..<200 { block += String(repeating: " ", count: level) + "k\(level):\n" }
        let mappings = load(block)
        #expect(mappings.diagnostics.map(\.message) == ["nesting deeper than 64 levels"])
        #expect(mappings.diagnostics.first?.mark.line == 65)
    }

    @Test("the depth limit is configurable")
    func configurableDepth() {
        var limits = LoadLimits()
        limits.maxDepth = 2
        #expect(load("a: {b: 1}", limits: limits).diagnostics.isEmpty)
        #expect(load("a: {b: [1]}", limits: limits).diagnostics.map(\.message) == ["nesting deeper than 2 levels"])
    }

    @Test("aliases cannot stack nesting beyond the limit: the alias that would is reported")
    func depthThroughAliases() {
        let deep = String(repeating: "[", count: 40) + "x" + String(repeating: "]", count: 40)
        let fixture = MarkedText("a: &a \(deep)\nb: &b [[[[[[[[[[[[[[[[[[[[[[[[1️⃣*a]]]]]]]]]]]]]]]]]]]]]]]]\n")
        let result = load(fixture)
        #expect(result.diagnostics == [YAMLDiagnostic(mark: fixture.mark(1), message: "nesting deeper than 64 levels")])
        let fits = load("a: &a \(deep)\nb: [[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]]]]]]]]]]\n")
        #expect(fits.diagnostics.isEmpty)
    }
}
