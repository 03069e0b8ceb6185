#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shares one `String` among scalars with the same text, so that repeated keys and values
/// (`token_endpoint_auth_method`, `authorization_code`, ...) are allocated once per stream, not once per use.
///
/// Only texts of `internedLengths` bytes go through the table: shorter ones are stored inline in the
/// `String` (no allocation to save) and longer ones rarely repeat. The table stops taking new texts when
/// it holds `capacity` of them, so a stream of unique values costs a bounded amount of memory; lookups go
/// on. Open addressing with linear probing over a power-of-two table, at most half full; the table starts
/// small and doubles as it fills, so a parser for a small file pays little for it.
struct StringInterner {
    /// Texts of these lengths (in UTF-8 bytes) are interned.
    static let internedLengths = 16...64
    /// The most texts the table keeps.
    static let capacity = 4096

    private var slots: [(hash: UInt64, text: String)?]
    private var count = 0

    init() {
        slots = Array(repeating: nil, count: 64)
    }

    /// The text of `bytes` (decoded as UTF-8, invalid sequences repaired as `String(decoding:)` does),
    /// shared with earlier calls for the same bytes when interned.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard Self.internedLengths.contains(bytes.count) else { return String(decoding: bytes, as: UTF8.self) }
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while let slot = slots[index] {
            if slot.hash == hash, Self.spells(slot.text, bytes) { return slot.text }
            index = (index + 1) & mask
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if count < Self.capacity {
            slots[index] = (hash, text)
            count += 1
            if count * 2 >= slots.count { grow() }
        }
        return text
    }

    /// Doubles the table and re-inserts every text.
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        let mask = slots.count - 1
        for case let slot? in old {
            var index = Int(truncatingIfNeeded: slot.hash) & mask
            while slots[index] != nil { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    /// True when `text` is exactly `bytes` (compared as buffers: a native string's UTF-8 is contiguous).
    private static func spells(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let same = text.utf8.withContiguousStorageIfAvailable { stored in
            guard stored.count == bytes.count else { return false }
            guard let left = stored.baseAddress, let right = bytes.baseAddress else { return true }
            return memcmp(left, right, bytes.count) == 0
        }
        return same ?? text.utf8.elementsEqual(bytes)
    }

    /// FNV-1a: cheap, and good enough to spread short identifiers and URLs over the table.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}
