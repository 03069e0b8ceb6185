import Foundation
import Testing

@testable import OAuthCtlSandbox

@Suite("Hydra keyset pagination (hydra.md §2.1)")
struct HydraPaginationTests {
    /// The `page_token` of the link with `rel`, decoded from the query.
    static func token(_ link: String?, rel: String) -> String? {
        guard let link else { return nil }
        for part in link.split(separator: ",") where part.hasSuffix("rel=\"\(rel)\"") {
            guard let start = part.firstIndex(of: "<"), let end = part.firstIndex(of: ">") else { return nil }
            let url = part[part.index(after: start)..<end]
            let query = url.split(separator: "?", maxSplits: 1).last ?? ""
            for item in query.split(separator: "&") where item.hasPrefix("page_token=") {
                return PercentEncoding.decodeQuery(String(item.dropFirst("page_token=".count)))
            }
        }
        return nil
    }

    @Test("1,234 clients: every id exactly once, in id order, for page sizes 1, 100, 500 and 501", arguments: [1, 100, 500, 501])
    func walk(pageSize: Int) throws {
        var options = SandboxOptions()
        options.seed = 1234
        let sandbox = try Sandbox(options)
        defer { sandbox.stop() }
        var seen: [String] = []
        var token: String?
        var pages = 0
        repeat {
            var path = "/admin/clients?page_size=\(pageSize)"
            if let token { path += "&page_token=" + PercentEncoding.queryEscape(token) }
            let response = try sandbox.call("GET", path)
            #expect(response.status == 200)
            let items = try #require(response.json?.arrayValue)
            seen += items.compactMap { $0["client_id"]?.stringValue }
            let link = try #require(response.header("link"))
            #expect(link.hasPrefix("</admin/clients?page_size=\(min(pageSize, 500))&page_token="))
            #expect(link.contains("rel=\"first\""))
            #expect(!link.contains(", "))
            token = Self.token(link, rel: "next")
            if token != nil { #expect(link.contains(">; rel=\"first\",<")) }
            pages += 1
        } while token != nil && pages < 2000
        #expect(seen.count == 1234)
        #expect(Set(seen).count == 1234)
        #expect(seen == seen.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(pages == (1234 + min(pageSize, 500) - 1) / min(pageSize, 500))
    }

    @Test("page_size: default 100, ≤0 gives the default, non-integer is 400")
    func pageSize() throws {
        var options = SandboxOptions()
        options.seed = 150
        let sandbox = try Sandbox(options)
        defer { sandbox.stop() }
        #expect(try sandbox.call("GET", "/admin/clients").json?.arrayValue?.count == 100)
        #expect(try sandbox.call("GET", "/admin/clients?page_size=0").json?.arrayValue?.count == 100)
        #expect(try sandbox.call("GET", "/admin/clients?page_size=-5").json?.arrayValue?.count == 100)
        let bad = try sandbox.call("GET", "/admin/clients?page_size=abc")
        #expect(bad.status == 400)
        #expect(bad.json?["error"] == .string("The request was malformed or contained invalid parameters"))
        #expect(bad.json?["error_description"]?.stringValue?.hasPrefix("Unable to parse pagination parameters: ") == true)
    }

    @Test("tampered tokens are 400 'invalid pagination token'; tokens expire after an hour")
    func tokens() throws {
        let clock = SandboxClock(start: Date(timeIntervalSince1970: 1_800_000_000))
        var options = SandboxOptions()
        options.seed = 3
        options.clock = clock
        let sandbox = try Sandbox(options)
        defer { sandbox.stop() }
        let first = try sandbox.call("GET", "/admin/clients?page_size=1")
        let token = try #require(Self.token(first.header("link"), rel: "next"))
        #expect(token.count % 4 == 0 && !token.contains("+") && !token.contains("/"))  // base64url with padding
        var tampered = Array(token)
        tampered[5] = tampered[5] == "A" ? "B" : "A"
        for bad in [String(tampered), "garbage", "AAAA"] {
            let response = try sandbox.call("GET", "/admin/clients?page_token=" + PercentEncoding.queryEscape(bad))
            #expect(response.status == 400)
            #expect(response.json?["error_description"] == .string("invalid pagination token"))
        }
        #expect(try sandbox.call("GET", "/admin/clients?page_size=1&page_token=" + PercentEncoding.queryEscape(token)).status == 200)
        clock.advance(by: 3601)
        let expired = try sandbox.call("GET", "/admin/clients?page_token=" + PercentEncoding.queryEscape(token))
        #expect(expired.status == 400)
        #expect(expired.json?["error_description"] == .string("page token expired, do not persist page tokens"))
    }

    @Test("filters client_name and owner are exact and combine; links keep them, sorted like Go")
    func filters() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        for (id, owner, name) in [("a", "o1", "n"), ("b", "o2", "n"), ("c", "o1", "m"), ("d", "o1", "n")] {
            try sandbox.call("POST", "/admin/clients", #"{"client_id":"\#(id)","owner":"\#(owner)","client_name":"\#(name)"}"#)
        }
        let response = try sandbox.call("GET", "/clients/?owner=o1&client_name=n&page_size=1")
        #expect(response.json?.arrayValue?.compactMap { $0["client_id"]?.stringValue } == ["a"])
        let link = try #require(response.header("link"))
        #expect(link.hasPrefix("</admin/clients?client_name=n&owner=o1&page_size=1&page_token="))
        let next = try #require(Self.token(link, rel: "next"))
        let second = try sandbox.call(
            "GET", "/admin/clients?owner=o1&client_name=n&page_size=1&page_token=" + PercentEncoding.queryEscape(next))
        #expect(second.json?.arrayValue?.compactMap { $0["client_id"]?.stringValue } == ["d"])
        #expect(Self.token(second.header("link"), rel: "next") == nil)
        #expect(try sandbox.call("GET", "/admin/clients?owner=none").text == "[]\n")
    }
}
