/// Object keys known in advance, each given a fixed position in a `JSONRecord`: a list of objects that
/// spell the same keys (a page of clients) is decoded with no dictionary per object.
package final class JSONRecordLayout: Sendable {
    /// The known keys; `keys[i]` is held at position `i`.
    package let keys: [String]
    /// Each known key's position.
    package let positions: [String: Int]

    /// Each known key's UTF-8, by position (for `position(spelledBy:)`).
    private let spellings: [[UInt8]]
    /// Whether each known key is plain (`JSONParser.isPlain`): only a plain key is found by its bytes there.
    private let plain: [Bool]
    /// Open addressing over the keys' bytes: position + 1 of the key hashed there, 0 for an empty slot.
    private let slots: [Int32]

    /// A layout of `keys` (a repeated key keeps its first position).
    package init(keys: [String]) {
        self.keys = keys
        positions = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        spellings = keys.map { Array($0.utf8) }
        plain = spellings.map { $0.withUnsafeBufferPointer(JSONParser.isPlain) }
        var size = 16
        while size < keys.count * 4 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for (position, spelling) in spellings.enumerated() where positions[keys[position]] == position {
            var slot = spelling.withUnsafeBufferPointer(Self.hash) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(position + 1)
        }
        self.slots = slots
    }

    /// The position of the known key whose UTF-8 is `bytes`, found without making a string; nil for a key
    /// the layout doesn't know.
    package func position(spelledBy bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(bytes) & mask
        while slots[slot] != 0 {
            let position = Int(slots[slot]) - 1
            if Self.equal(spellings[position], bytes) { return position }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The position of `key`, found by its UTF-8 as `position(spelledBy:)` finds it (no `Hasher`).
    package func position(of key: String) -> Int? {
        key.utf8.withContiguousStorageIfAvailable { position(spelledBy: $0) } ?? positions[key]
    }

    /// The offset of the closing quote when `bytes` at `start` spell the key at `position` plainly
    /// (`JSONParser.spelling`); else nil.
    package func spelling(of position: Int, in bytes: [UInt8], at start: Int) -> Int? {
        guard plain[position] else { return nil }
        return spellings[position].withUnsafeBufferPointer { JSONParser.spelling(of: $0, in: bytes, at: start) }
    }

    /// For each known key (and for the start of an object, and for a key the layout doesn't know), the
    /// known key that followed it in the last object read: the key a record's parser compares first.
    package struct Successors {
        private var next: [Int32]
        /// The entry for the first key of an object.
        package let start: Int
        /// The entry for the key after one the layout doesn't know.
        package let afterUnknown: Int

        package init(_ layout: JSONRecordLayout) {
            start = layout.keys.count
            afterUnknown = start + 1
            next = Array(repeating: -1, count: start + 2)
        }

        package subscript(entry: Int) -> Int? {
            get { next[entry] < 0 ? nil : Int(next[entry]) }
            set { next[entry] = Int32(newValue ?? -1) }
        }
    }

    private static func equal(_ spelling: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard spelling.count == bytes.count else { return false }
        return spelling.withUnsafeBufferPointer { spelling in
            for offset in 0..<spelling.count where spelling[offset] != bytes[offset] { return false }
            return true
        }
    }

    /// FNV-1a over the bytes: cheap, and spreads a few dozen field names well enough.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash)
    }
}

/// A JSON object decoded against a `JSONRecordLayout`: the value of each known key at its position (nil
/// when the object doesn't have the key) and every other key beside them. It holds exactly what the
/// object's dictionary holds (`object`), including a key given as null.
package struct JSONRecord: Sendable, Hashable {
    /// By the layout's positions; nil where the object doesn't have the key.
    package var values: [JSONValue?]
    /// The keys the layout doesn't know.
    package var others: [String: JSONValue]

    package init(values: [JSONValue?], others: [String: JSONValue] = [:]) {
        self.values = values
        self.others = others
    }

    /// `object` decoded against `layout`.
    package init(_ object: [String: JSONValue], layout: JSONRecordLayout) {
        var values = [JSONValue?](repeating: nil, count: layout.keys.count)
        var others: [String: JSONValue] = [:]
        for (key, value) in object {
            if let position = layout.positions[key] { values[position] = value } else { others[key] = value }
        }
        self.init(values: values, others: others)
    }

    /// The value of `key` (`layout` must be the record's own).
    package func value(_ key: String, layout: JSONRecordLayout) -> JSONValue? {
        if let position = layout.positions[key] { return values[position] }
        return others[key]
    }

    /// The object as a dictionary (`layout` must be the record's own).
    package func object(layout: JSONRecordLayout) -> [String: JSONValue] {
        var object = others
        object.reserveCapacity(others.count + values.count)
        for (position, value) in values.enumerated() {
            if let value { object[layout.keys[position]] = value }
        }
        return object
    }
}
