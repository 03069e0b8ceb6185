internal import CSHA256

/// SHA-256 (FIPS 180-4): one-shot hashing of a byte array.
package enum SHA256 {
    /// The digest size in bytes.
    package static let digestCount = 32
    /// The block size in bytes.
    package static let blockCount = 64

    /// The 32-byte SHA-256 digest of `bytes`.
    package static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// `sha256:<hex>` of `bytes`: the one way a digest is written (manifest files, saved plans, live clients).
    package static func labelledDigest(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = Array("sha256:".utf8)
        let digest = hash(bytes)
        text.reserveCapacity(text.count + 2 * digest.count)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// The eight 32-bit chaining words of SHA-256 and its compression function.
package struct SHA256State: Sendable {
    var h0: UInt32 = 0x6a09_e667, h1: UInt32 = 0xbb67_ae85, h2: UInt32 = 0x3c6e_f372, h3: UInt32 = 0xa54f_f53a
    var h4: UInt32 = 0x510e_527f, h5: UInt32 = 0x9b05_688c, h6: UInt32 = 0x1f83_d9ab, h7: UInt32 = 0x5be0_cd19

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x &>> n) | (x &<< (32 &- n))
    }

    /// The 64 round constants (first 32 bits of the fractional parts of the cube roots of the first 64
    /// primes), shared with the SHA extensions' code: read by a hot loop without bounds or lifetime checks.
    nonisolated(unsafe) private static let roundConstants: UnsafePointer<UInt32> = oauthctl_sha256_round_constants()

    /// One round, with the eight working variables renamed instead of moved: the caller passes them
    /// rotated by one position per round, so only `d` (the next `e`) and `h` (the next `a`) are written.
    @inline(__always) private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
        _ h: inout UInt32, _ kw: UInt32
    ) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) | (c & (a | b)))
        d &+= t1
        h = t1 &+ t2
    }

    /// True when the CPU has SHA extensions: `compress` then runs on them (`CSHA256`), ~4 times faster here.
    package static let accelerated = oauthctl_sha256_ni_available() == 1

    /// Compresses one block. `w` holds 64 words; the caller fills `w[0..<16]` (big-endian message
    /// words), which are left unchanged; `w[16..<64]` is scratch space for the message schedule.
    ///
    /// The hot loop of PBKDF2 (two calls per iteration) and of the live digests: on the CPU's SHA
    /// extensions where it has them, else `compressPortably`.
    @inline(__always)
    mutating func compress(_ words: UnsafeMutableBufferPointer<UInt32>) {
        if Self.accelerated { compressOnSHAExtensions(words) } else { compressPortably(words) }
    }

    /// `compress` on the CPU's SHA extensions (only where `accelerated`).
    package mutating func compressOnSHAExtensions(_ words: UnsafeMutableBufferPointer<UInt32>) {
        precondition(words.count >= 16)
        var state = self.words
        withUnsafeMutableBytes(of: &state) { bytes in
            oauthctl_sha256_compress_ni(bytes.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt32.self), words.baseAddress)
        }
        self = SHA256State(state)
    }

    /// `compress` in portable Swift: raw pointers (no bounds checks), eight rounds unrolled per pass so
    /// the variables rotate by renaming.
    @inline(__always)
    package mutating func compressPortably(_ words: UnsafeMutableBufferPointer<UInt32>) {
        precondition(words.count >= 64)
        let w = words.baseAddress.unsafelyUnwrapped
        for t in 16..<64 {
            let x = w[t &- 15], y = w[t &- 2]
            let s0 = Self.rotr(x, 7) ^ Self.rotr(x, 18) ^ (x &>> 3)
            let s1 = Self.rotr(y, 17) ^ Self.rotr(y, 19) ^ (y &>> 10)
            w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
        }
        let k = Self.roundConstants
        var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
        var t = 0
        while t < 64 {
            Self.round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
            Self.round(h, a, b, &c, d, e, f, &g, k[t &+ 1] &+ w[t &+ 1])
            Self.round(g, h, a, &b, c, d, e, &f, k[t &+ 2] &+ w[t &+ 2])
            Self.round(f, g, h, &a, b, c, d, &e, k[t &+ 3] &+ w[t &+ 3])
            Self.round(e, f, g, &h, a, b, c, &d, k[t &+ 4] &+ w[t &+ 4])
            Self.round(d, e, f, &g, h, a, b, &c, k[t &+ 5] &+ w[t &+ 5])
            Self.round(c, d, e, &f, g, h, a, &b, k[t &+ 6] &+ w[t &+ 6])
            Self.round(b, c, d, &e, f, g, h, &a, k[t &+ 7] &+ w[t &+ 7])
            t &+= 8
        }
        h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
    }

    /// Compresses the 64 bytes of `bytes` starting at `offset`.
    mutating func compress(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                w[i] = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset &+ 4 &* i, as: UInt32.self))
            }
            compress(w)
        }
    }

    /// Writes the eight words to `w[0..<8]`.
    func store(into w: UnsafeMutableBufferPointer<UInt32>) {
        w[0] = h0; w[1] = h1; w[2] = h2; w[3] = h3; w[4] = h4; w[5] = h5; w[6] = h6; w[7] = h7
    }

    /// XORs `other` into these words (used by PBKDF2).
    mutating func formXor(_ other: SHA256State) {
        h0 ^= other.h0; h1 ^= other.h1; h2 ^= other.h2; h3 ^= other.h3
        h4 ^= other.h4; h5 ^= other.h5; h6 ^= other.h6; h7 ^= other.h7
    }

    /// The words as 32 big-endian bytes.
    package var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
            out += [
                UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16),
                UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word),
            ]
        }
        return out
    }
}

extension SHA256State {
    /// The eight words, `h0` first (a homogeneous tuple: contiguous, as C's `uint32_t[8]`).
    typealias Words = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    var words: Words { (h0, h1, h2, h3, h4, h5, h6, h7) }

    init(_ words: Words) {
        (h0, h1, h2, h3, h4, h5, h6, h7) = words
    }
}

/// Incremental SHA-256: `update` any number of times, then `finalize` once.
struct SHA256Hasher: Sendable {
    private var state: SHA256State
    private var buffer = [UInt8](repeating: 0, count: 64)
    private var buffered = 0
    private var length: UInt64

    init() { self.init(resuming: SHA256State(), length: 0) }

    /// Continues from `state` after `length` bytes (a multiple of 64) have been compressed.
    init(resuming state: SHA256State, length: UInt64) {
        self.state = state
        self.length = length
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var i = 0
        if buffered > 0 {
            let n = min(64 - buffered, bytes.count)
            for j in 0..<n { buffer[buffered + j] = bytes[j] }
            buffered += n
            i = n
            guard buffered == 64 else { return }
            buffer.withUnsafeBytes { state.compress($0, at: 0) }
            buffered = 0
        }
        while bytes.count - i >= 64 {
            state.compress(bytes, at: i)
            i += 64
        }
        for j in i..<bytes.count { buffer[j - i] = bytes[j] }
        buffered = bytes.count - i
    }

    /// Pads, compresses the last block(s) and returns the 32-byte digest.
    mutating func finalize() -> [UInt8] {
        let bits = length &* 8
        let zeros = (buffered < 56 ? 55 : 119) - buffered
        var tail: [UInt8] = [0x80] + [UInt8](repeating: 0, count: zeros)
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
        update(tail)
        return state.bytes
    }
}
