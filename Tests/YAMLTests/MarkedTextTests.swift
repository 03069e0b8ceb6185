import OAuthCtlTestSupport
import Testing

@Suite("MarkedText")
struct MarkedTextTests {
    @Test("markers are stripped and their positions are 1-based line and column of the clean text")
    func positions() {
        let fixture = MarkedText("1️⃣a: 1\nbb: 2️⃣x\n  3️⃣c")
        #expect(fixture.text == "a: 1\nbb: x\n  c")
        #expect(fixture[1] == MarkedText.Position(line: 1, column: 1))
        #expect(fixture[2] == MarkedText.Position(line: 2, column: 5))
        #expect(fixture[3] == MarkedText.Position(line: 3, column: 3))
        #expect(fixture[4] == nil)
    }

    @Test("columns count Unicode scalars, so non-ASCII text before a marker counts once per scalar")
    func scalarColumns() {
        let fixture = MarkedText("k: 'テスト'4️⃣x\r\n🔟y")
        #expect(fixture.text == "k: 'テスト'x\r\ny")
        #expect(fixture[4] == MarkedText.Position(line: 1, column: 9))
        #expect(fixture[10] == MarkedText.Position(line: 2, column: 1))
    }
}
