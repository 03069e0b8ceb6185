import Foundation
import OAuthCtlTestSupport
import Testing

@testable import YAML

/// `BlockSubsetParser` against libyaml: wherever it does not give up, it must build exactly the documents
/// (values, styles, marks) that libyaml's events compose to, for input libyaml accepts without a problem.
@Suite("YAML without libyaml: the block subset")
struct BlockSubsetParserTests {
    /// The fast parse, or nil when it gives up.
    static func subset(_ text: String, lineOffset: Int = 0) -> [Document]? {
        Array(text.utf8).withUnsafeBufferPointer { BlockSubsetParser.parse($0, lineOffset: lineOffset) }
    }

    static func libyaml(_ text: String, lineOffset: Int = 0) -> LoadResult {
        Array(text.utf8).withUnsafeBufferPointer { YAMLLoader.loadWithLibYAML($0, lineOffset: lineOffset, limits: LoadLimits()) }
    }

    /// Nil when the subset parser agrees with libyaml on `text` (or gives up); otherwise what differs.
    static func disagreement(_ text: String) -> String? {
        guard let documents = subset(text) else { return nil }
        let reference = libyaml(text)
        if !reference.diagnostics.isEmpty { return "libyaml reports \(reference.diagnostics.map(\.message)), the subset parser nothing" }
        if documents != reference.documents { return "documents differ:\n  subset:  \(documents)\n  libyaml: \(reference.documents)" }
        return nil
    }

    /// Every YAML file of the repository (examples, fixtures, schemas' samples), as text.
    static let repositoryYAML: [(path: String, text: String)] = {
        let root = OAuthCtlBinary.repositoryRoot
        var files: [(String, String)] = []
        for folder in ["examples", "Tests", "schemas", "benchmarks", "scripts"] {
            guard let walker = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path) else { continue }
            for case let path as String in walker where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                let full = root.appendingPathComponent(folder).appendingPathComponent(path).path
                if let data = FileManager.default.contents(atPath: full), let text = String(data: data, encoding: .utf8) {
                    files.append(("\(folder)/\(path)", text))
                }
            }
        }
        return files.sorted { $0.0 < $1.0 }
    }()

    /// A manifest in the shape `benchmarks/generate-clients.py` writes, with comments and quoting added.
    static let benchmarkShape = """
        # Generated clients.
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata:
          name: client-00010   # the address
          provider: bench
        spec:
          client_name: Benchmark client 10 (web)
          owner: 'team-10'
          contacts: [ops@example.com, "security@example.com", 'it''s']
          metadata:
            team: team-10
            cost_center: "4010"
          grant_types: [authorization_code, refresh_token]
          response_types: []
          scope: openid offline_access profile email
          redirect_uris:
            - https://app10.${APP_DOMAIN:-example.com}/callback

            - https://app10.${APP_DOMAIN:-example.com}/silent-renew
          post_logout_redirect_uris:
          - https://app10.example.com/signed-out
          - -1
          jwks:
            keys:
              - kty: RSA
                use: sig
              -   kid: a#b
                  n: x:y
          refresh_token_grant_refresh_token_lifespan: 720h
          backchannel_logout_session_required: true
        ---
        ---
        kind: OAuth2Client
        list:
        - a
        - b: c
        """

    @Test("the shape of generated manifests is read without libyaml, as libyaml reads it")
    func benchmarkShapeIsInTheSubset() throws {
        let documents = try #require(Self.subset(Self.benchmarkShape))
        #expect(documents.count == 3)
        #expect(Self.disagreement(Self.benchmarkShape) == nil)
        // Marks move down by a part's line offset, as libyaml's do.
        #expect(Self.subset(Self.benchmarkShape, lineOffset: 7) == Self.libyaml(Self.benchmarkShape, lineOffset: 7).documents)
    }

    @Test("every YAML file of the repository: the same documents, or libyaml reads it")
    func repositoryFiles() {
        var taken = 0
        for (path, text) in Self.repositoryYAML {
            if Self.subset(text) != nil { taken += 1 }
            #expect(Self.disagreement(text) == nil, "\(path)")
        }
        // The fast path is really taken (the other files use anchors and merges, or are broken on purpose).
        #expect(taken * 3 > Self.repositoryYAML.count, "\(taken) of \(Self.repositoryYAML.count) files in the subset")
    }

    @Test(
        "constructs outside the subset give up",
        arguments: [
            "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  text\n", "a: >\n  text\n", "a:\nb: 1\n",
            "a: 1\na: 2\n", "<<: {a: 1}\n", "a: b\n  c\n", "a: 'b\n  c'\n", "a: \"b\\tc\"\n", "\"a\": 1\n", "? a\n: 1\n",
            "a:\tb\n", "a: b\r\n", "a: é\n", "key: \(String(repeating: "x", count: 40))é\n",
            "key: \(String(repeating: "x", count: 20))\u{7F}\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n...\n", "--- a: 1\n", "just a scalar\n",
            "a: [b, [c]]\n", "a: {b: {c: 1}}\n", "a: {b: 1, b: 2}\n", "a: {b:c}\n", "a: {b: 1,}\n", "a: {'b': 1}\n", "a: [b,\n  c]\n",
            "a: [b, ]\n", "a: - b\n", "- - a\n", "a: b: c\n", "a: 'b'#c\n", "--- # c\na: 1\n",
            "a: 1\n b: 2\n", "- a\n  - b\n", "a: [b: c]\n", "a: [b:]\n", "a: @b\n", "a: `b\n", "a:\n", "-\n",
        ])
    func outsideTheSubset(text: String) {
        #expect(Self.subset(text) == nil)
    }

    @Test("every byte that is not printable ASCII or LF gives up, wherever it falls in a word of eight")
    func unprintableBytes() {
        let text = Array("key: abcdefghijklmnopqrstuvwxyz\nother: 1\n".utf8)
        #expect(text.withUnsafeBufferPointer { BlockSubsetParser.parse($0) } != nil)
        for byte in (0...255).map(UInt8.init) where byte >= 0x7F || (byte < 0x20 && byte != 0x0A) {
            for offset in 5..<24 {
                var bytes = text
                bytes[offset] = byte
                #expect(bytes.withUnsafeBufferPointer { BlockSubsetParser.parse($0) } == nil, "\(byte) at \(offset)")
            }
        }
    }

    @Test(
        "small inputs agree with libyaml",
        arguments: [
            "", "# only a comment\n", "---\n", "---\n---\n", "a: 1", "a: 1\n---\nb: 2\n", "\n\n  a: 1\n  b: [x]\n",
            "- a\n- b\n", "a:\n- b\n- c\nd: e\n", "a:\n  - b: 1\n    c: 2\n  - d\n", "a: 'it''s' # c\n", "a: \"x'y\"\n",
            "a: [ 'b' , \"c\" ,d ]\n", "a: {from_env: X}\n", "a: { b: 'c' , d: e f }\n", "a: {}\n", "a: {b: x:y}\n", "a: x#y\n", "a: -1\n",
            "a: b c  \n", "a:    b\n", "k: [a b, c]\n", "a: x,y]\n",
            "- a: 1\n  b:\n  - c\n", "\(String(repeating: "- ", count: 31))x\n", "a:\n    b: 1\n    c: 2\n", "a: ''\n", "a: \"\"\n",
            "a: []\n", "a: x:y\n",
        ])
    func smallInputs(text: String) {
        #expect(Self.disagreement(text) == nil)
    }

    /// Nested 31 deep: `k0:`, then `k1:` two spaces in, ..., then `k30: v`.
    static let deepMappings = (0..<31).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " v\n"

    @Test(
        "read without libyaml, as libyaml reads them",
        arguments: [
            "a: https://x/y#frag\n", "a[0]: 1\nx-ext: {k: v}\n", "a: 'x: y'\nb: \"# no comment\"\n", "a:    # comment\n  b: 1\n",
            "- a: 1\n  b: [x, y]\n- c: {d: e}\n", "---\n# c\na: 1\n---\n\n- x\n", "a: ---\nb: -x\n", "a: b #c #d\nc: d# e\n",
            "- a\n---\n- b\n", "a: 0x1F\nb: 1e3\nc: .inf\nd: ~\ne: null\n", deepMappings,
        ])
    func inTheSubset(text: String) {
        #expect(Self.subset(text) != nil)
        #expect(Self.disagreement(text) == nil)
    }

    /// Edits a YAML text the way a hand or a bad merge might: a character inserted, replaced or removed; a
    /// line indented, outdented, repeated or dropped.
    static func mutate(_ text: String, random: inout SplitMix64) -> String {
        var bytes = Array(text.utf8)
        let alphabet = Array(" \n:-#'\"[],{}&*!|>?%.\t\\a0~".utf8) + [0x0D, 0x7F, 0x01, 0xC3, 0xA9]
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &random)
            let lineStart = bytes[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let lineEnd = bytes[at...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            switch Int.random(in: 0..<7, using: &random) {
            case 0: bytes.insert(alphabet.randomElement(using: &random) ?? 0x20, at: at)
            case 1: bytes[at] = alphabet.randomElement(using: &random) ?? 0x20
            case 2: bytes.remove(at: at)
            case 3: bytes.insert(contentsOf: [0x20, 0x20], at: lineStart)
            case 4: if bytes[lineStart] == 0x20 { bytes.remove(at: lineStart) }
            case 5: bytes.insert(contentsOf: bytes[lineStart..<lineEnd], at: lineEnd)
            default: bytes.removeSubrange(lineStart..<lineEnd)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("thousands of mutations of real manifests: the same documents as libyaml, or libyaml reads them")
    func mutations() {
        var random = SplitMix64(seed: 0x5EED)
        let sources = Self.repositoryYAML.map(\.text).filter { Self.subset($0) != nil && $0.utf8.count < 8_192 } + [Self.benchmarkShape]
        var taken = 0
        var failures = 0
        let rounds = 12_000
        for round in 0..<rounds {
            let text = Self.mutate(sources[round % sources.count], random: &random)
            if Self.subset(text) != nil { taken += 1 }
            if let problem = Self.disagreement(text) {
                failures += 1
                if failures <= 5 { Issue.record("mutation \(round):\n\(text)\n\(problem)") }
            }
        }
        #expect(failures == 0)
        // Many mutations stay in the subset, so the comparison is not vacuous.
        #expect(taken > rounds / 5, "\(taken) of \(rounds) mutations in the subset")
    }
}
