import OAuthCtlCore
import Testing

/// `EarlyPlans` only moves work: every golden plan is the same, byte for byte, when its live clients are
/// also planned ahead page by page, however the pages are cut, and when a client is listed twice.
@Suite("Early plans")
struct EarlyPlansTests {
    @Test("every golden plan is unchanged when clients are planned ahead, in pages of 1, 2 and 500")
    func goldenPlansUnchanged() throws {
        var planned = 0
        for golden in PlanGoldenCase.all {
            let plain = try golden.run()
            for size in [1, 2, 500] {
                let early = try golden.run(earlyPages: size, plannedEarly: &planned)
                #expect(early == plain, "\(golden.name), pages of \(size)")
            }
        }
        // The comparison above means something only if clients were in fact planned ahead.
        #expect(planned >= 60)
    }

    @Test("a client listed twice is planned against its later listing, as without early plans")
    func listedTwice() throws {
        var planned = 0
        var repeatedAny = false
        for golden in PlanGoldenCase.all {
            var unused = 0
            let plain = try golden.run(repeatingFirst: true, plannedEarly: &unused)
            let early = try golden.run(earlyPages: 1, repeatingFirst: true, plannedEarly: &planned)
            #expect(early == plain, "\(golden.name)")
            let unrepeated = try golden.run()
            repeatedAny = repeatedAny || early != unrepeated
        }
        #expect(planned > 0)
        #expect(repeatedAny, "no golden case changed when its first live client was listed again, renamed")
    }
}
