import Testing

@testable import OAuthCtlProviders

/// Hydra's keyset pagination: the `page_token` of the `rel="next"` link.
@Suite("Link header")
struct LinkHeaderTests {
    @Test("the next link's page_token, whatever the order, quoting or other query items")
    func next() {
        #expect(
            LinkHeader.nextPageToken(
                #"</admin/clients?page_size=500&page_token=abc>; rel="first",</admin/clients?page_size=500&page_token=def>; rel="next""#)
                == "def")
        #expect(LinkHeader.nextPageToken("<http://h/admin/clients?page_token=x&page_size=2>; rel=next") == "x")
        #expect(LinkHeader.nextPageToken(#"  <http://h/c?page_token=a%2Fb%3D>  ;  rel="next"  "#) == "a/b=")
    }

    @Test("no next link, no page_token, or a malformed target gives nil")
    func none() {
        #expect(LinkHeader.nextPageToken(nil) == nil)
        #expect(LinkHeader.nextPageToken("") == nil)
        #expect(LinkHeader.nextPageToken(#"</c?page_token=a>; rel="first""#) == nil)
        #expect(LinkHeader.nextPageToken(#"</c?page_size=5>; rel="next""#) == nil)
        #expect(LinkHeader.nextPageToken(#"/c?page_token=a; rel="next""#) == nil)
        #expect(LinkHeader.nextPageToken(#"</c?page_token=>; rel="next""#) == nil)
    }
}
