/// Writes `JSONValue`s as JSON text with sorted object keys, compact or pretty.
///
/// The text is built as UTF-8 bytes (no `String` appends per token), which keeps large documents (the JSON
/// plan of 10,000 clients) and the per-client live digests cheap.
package enum JSONEncoding {
    /// Compact JSON (`{"a":1}`), keys sorted.
    package static func compact(_ value: JSONValue) -> String {
        String(decoding: compactUTF8(value), as: UTF8.self)
    }

    /// Indented JSON with two spaces, keys sorted, newline-free at the end.
    package static func pretty(_ value: JSONValue) -> String {
        pretty(value, lists: [])
    }

    /// `pretty(value)`, where each string of `value` that is a list's placeholder stands for that list:
    /// the text is that of the value with the list's array of objects in the placeholder's place.
    package static func pretty(_ value: JSONValue, lists: [ObjectList]) -> String {
        var text = ""
        pretty(value, lists: lists) { text += $0 }
        return text
    }

    /// `pretty(value, lists: lists)` handed to `write` in pieces of about a megabyte as it is made (each
    /// piece ends after a whole item), so a report of millions of items is never held whole.
    package static func pretty(_ value: JSONValue, lists: [ObjectList], to write: (String) -> Void) {
        var writer = Writer(indent: true)
        writer.lists = Dictionary(lists.map { ($0.placeholder, $0) }, uniquingKeysWith: { first, _ in first })
        withoutActuallyEscaping(write) { write in
            writer.sink = write
            writer.write(value, level: 0)
            writer.sink = nil
        }
        write(String(decoding: writer.out, as: UTF8.self))
    }

    /// An array of flat objects written straight from where it is kept when the writer reaches it, instead
    /// of being built as `JSONValue`s first: a report can list a million clients, and as values each would
    /// be a dictionary. In a document, the string `placeholder` (unique to one writing) stands for it.
    package struct ObjectList {
        package let placeholder: String
        package let count: Int
        /// The objects' keys, sorted (as the writer writes every object's keys).
        package let keys: [String]
        /// The value of key `keys[key]` of object `index`; nil leaves the key out of that object.
        package let value: (_ index: Int, _ key: Int) -> JSONValue?

        /// `count` objects with `keys` (sorted here); `value(index, key)` is object `index`'s value for `key`,
        /// nil to leave the key out.
        package init(count: Int, keys: [String], value: @escaping (_ index: Int, _ key: String) -> JSONValue?) {
            // A string no document holds: a NUL and 128 random bits.
            placeholder =
                "\u{0}oauthctl-list-" + (0..<2).map { _ in String(UInt64.random(in: 0 ... .max), radix: 16) }.joined(separator: "-")
            self.count = count
            let sorted = keys.sorted()
            self.keys = sorted
            self.value = { index, key in value(index, sorted[key]) }
        }
    }

    /// The bytes of `compact(value)`. When `value` is an object, `sortedKeys` may give its keys already in
    /// sorted order (e.g. worked out once per schema); they are used only if they are exactly its keys.
    package static func compactUTF8(_ value: JSONValue, sortedKeys: [String]? = nil) -> [UInt8] {
        var writer = Writer(indent: false)
        if let sortedKeys, case .object(let object) = value, object.count == sortedKeys.count {
            writer.writeObject(object, keys: sortedKeys, level: 0)
        } else {
            writer.write(value, level: 0)
        }
        return writer.out
    }

    /// The bytes of `compact(.object(object))` with `extra` added as one more key (replacing any
    /// entry with that key), without building the bigger object. `sortedKeys`: as above, for the keys of
    /// the combined object.
    package static func compactUTF8(
        _ object: [String: JSONValue], adding extra: (key: String, value: JSONValue), sortedKeys: [String]
    ) -> [UInt8] {
        let count = object.count + (object[extra.key] == nil ? 1 : 0)
        guard count == sortedKeys.count, sortedKeys.allSatisfy({ $0 == extra.key || object[$0] != nil }) else {
            var combined = object
            combined[extra.key] = extra.value
            return compactUTF8(.object(combined))
        }
        var writer = Writer(indent: false)
        writer.writeObject(object, keys: sortedKeys, level: 0, extra: extra)
        return writer.out
    }

    /// Appends `s` as a JSON string literal (quoted, escaped) to `out`.
    package static func writeString(_ s: String, into out: inout String) {
        var writer = Writer(indent: false)
        writer.writeString(s)
        out += String(decoding: writer.out, as: UTF8.self)
    }

    private struct Writer {
        var out: [UInt8] = []
        /// Lists by placeholder (see `ObjectList`).
        var lists: [String: ObjectList] = [:]
        /// Where the text goes in pieces, if anywhere: else it is all in `out`.
        var sink: ((String) -> Void)?

        /// Hands `out` to the sink once it holds a megabyte; called only after a whole item (so at an
        /// ASCII byte, never inside a character).
        private mutating func flushIfLarge() {
            guard let sink, out.count >= 1 << 20 else { return }
            sink(String(decoding: out, as: UTF8.self))
            out.removeAll(keepingCapacity: true)
        }
        /// Two spaces per level and `": "` after keys when true; nothing between tokens when false.
        let indent: Bool

        init(indent: Bool) {
            self.indent = indent
            out.reserveCapacity(1024)
        }

        mutating func write(_ value: JSONValue, level: Int) {
            switch value {
            case .null: append("null")
            case .bool(let b): append(b ? "true" : "false")
            case .int(let i): writeInt(i)
            case .double(let d): append(JSONEncoding.format(d))
            case .string(let s):
                if !lists.isEmpty, let list = lists[s] { writeList(list, level: level) } else { writeString(s) }
            case .array(let items):
                writeArray(count: items.count, level: level) { writer, index in writer.write(items[index], level: level + 1) }
            case .object(let object):
                writeObject(object, keys: object.keys.sorted(), level: level)
            }
        }

        /// An object whose keys, in the order to write them, are `keys`; falls back to sorting when a key is
        /// missing (so a wrong hint can't change the output). `extra` stands for one more key of the object
        /// (the caller has checked that `keys` are exactly the keys with it, so the fallback never drops it).
        mutating func writeObject(
            _ object: [String: JSONValue], keys: [String], level: Int, extra: (key: String, value: JSONValue)? = nil
        ) {
            let start = out.count
            out.append(UInt8(ascii: "{"))
            guard !keys.isEmpty else { return out.append(UInt8(ascii: "}")) }
            let extraKey = extra?.key
            for index in keys.indices {
                guard let value = extraKey != nil && keys[index] == extraKey ? extra?.value : object[keys[index]] else {
                    out.removeSubrange(start...)
                    return writeObject(object, keys: object.keys.sorted(), level: level)
                }
                writeMember(keys[index], value, first: index == 0, level: level)
            }
            newline(level)
            out.append(UInt8(ascii: "}"))
        }

        /// One `"key": value` of an object at `level`, after a comma unless it is the `first`.
        private mutating func writeMember(_ key: String, _ value: JSONValue, first: Bool, level: Int) {
            if !first { out.append(UInt8(ascii: ",")) }
            newline(level + 1)
            writeString(key)
            out.append(UInt8(ascii: ":"))
            if indent { out.append(UInt8(ascii: " ")) }
            write(value, level: level + 1)
        }

        /// An array at `level` of `count` items, each written by `item`; handed to the sink in pieces after
        /// whole items once it is large (see `flushIfLarge`).
        private mutating func writeArray(count: Int, level: Int, _ item: (inout Writer, Int) -> Void) {
            out.append(UInt8(ascii: "["))
            guard count > 0 else { return out.append(UInt8(ascii: "]")) }
            for index in 0..<count {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1)
                item(&self, index)
                flushIfLarge()
            }
            newline(level)
            out.append(UInt8(ascii: "]"))
        }

        /// `list` as `write` writes the array of its objects.
        private mutating func writeList(_ list: ObjectList, level: Int) {
            writeArray(count: list.count, level: level) { writer, index in
                writer.out.append(UInt8(ascii: "{"))
                var written = 0
                for key in list.keys.indices {
                    guard let value = list.value(index, key) else { continue }
                    writer.writeMember(list.keys[key], value, first: written == 0, level: level + 1)
                    written += 1
                }
                if written > 0 { writer.newline(level + 1) }
                writer.out.append(UInt8(ascii: "}"))
            }
        }

        private mutating func newline(_ level: Int) {
            guard indent else { return }
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
        }

        private mutating func append(_ text: String) {
            out.append(contentsOf: text.utf8)
        }

        private mutating func writeInt(_ value: Int) {
            guard value >= 0, value < 10 else { return append(String(value)) }
            out.append(UInt8(ascii: "0") + UInt8(value))
        }

        /// Quoted and escaped byte for byte: `"` `\\` and control characters (`\n`, `\r`, `\t`, else
        /// `\u00xx`); also, as `\uXXXX`, DEL, the C1 controls, bidi overrides and isolates, U+2028/U+2029 and
        /// `Style`'s markup characters (`TerminalText.isUnsafe`), so no value can act on a terminal that
        /// shows the JSON. Every other byte (including multi-byte UTF-8) as is.
        mutating func writeString(_ s: String) {
            out.append(UInt8(ascii: "\""))
            var s = s
            s.withUTF8 { bytes in
                var clean = 0
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    // Unsafe scalars at or above U+007F start with 0x7F, 0xC2 (C1), 0xE2 (U+20xx) or 0xEE (U+E0xx).
                    let length =
                        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F
                        ? 1 : (byte == 0xC2 || byte == 0xE2 || byte == 0xEE ? Self.unsafeLength(bytes, at: index) : 0)
                    guard length > 0 else {
                        index += 1
                        continue
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<index]))
                    switch byte {
                    case UInt8(ascii: "\""): append("\\\"")
                    case UInt8(ascii: "\\"): append("\\\\")
                    case UInt8(ascii: "\n"): append("\\n")
                    case UInt8(ascii: "\r"): append("\\r")
                    case UInt8(ascii: "\t"): append("\\t")
                    default:
                        var value = UInt32(byte)
                        if length == 2 { value = UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F) }
                        if length == 3 {
                            value = UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                        }
                        let hex = String(value, radix: 16)
                        append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                    }
                    index += length
                    clean = index
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean...]))
            }
            out.append(UInt8(ascii: "\""))
        }

        /// The UTF-8 length of the scalar at `index` when it is one `TerminalText.isUnsafe` rejects, else 0.
        private static func unsafeLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
            let lead = bytes[index]
            if lead == 0xC2 { return index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]) ? 2 : 0 }
            guard index + 2 < bytes.count else { return 0 }
            let (b1, b2) = (bytes[index + 1], bytes[index + 2])
            if lead == 0xE2, b1 == 0x80, (0xA8...0xAE).contains(b2) { return 3 }  // U+2028–U+202E
            if lead == 0xE2, b1 == 0x81, (0xA6...0xA9).contains(b2) { return 3 }  // U+2066–U+2069
            if lead == 0xEE, b1 == 0x80, (0x80...0x81).contains(b2) { return 3 }  // U+E000–U+E001
            return 0
        }
    }

    private static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d.rounded() == d && abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }
}
