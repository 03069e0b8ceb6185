/// Writes `JSONValue`s as JSON text with sorted object keys, compact or pretty.
public enum JSONEncoding {
    /// Compact JSON (`{"a":1}`), keys sorted.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: nil, level: 0)
        return out
    }

    /// Indented JSON with two spaces, keys sorted, newline-free at the end.
    public static func pretty(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: "  ", level: 0)
        return out
    }

    static func write(_ value: JSONValue, into out: inout String, indent: String?, level: Int) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += format(d)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            writeContainer("[", "]", items.count, into: &out, indent: indent, level: level) { index, out in
                write(items[index], into: &out, indent: indent, level: level + 1)
            }
        case .object(let object):
            let keys = object.keys.sorted()
            writeContainer("{", "}", keys.count, into: &out, indent: indent, level: level) { index, out in
                writeString(keys[index], into: &out)
                out += indent == nil ? ":" : ": "
                write(object[keys[index]] ?? .null, into: &out, indent: indent, level: level + 1)
            }
        }
    }

    private static func writeContainer(
        _ open: String, _ close: String, _ count: Int, into out: inout String, indent: String?, level: Int,
        item: (Int, inout String) -> Void
    ) {
        out += open
        guard count > 0 else { return out += close }
        for index in 0..<count {
            if index > 0 { out += "," }
            if let indent { out += "\n" + String(repeating: indent, count: level + 1) }
            item(index, &out)
        }
        if let indent { out += "\n" + String(repeating: indent, count: level) }
        out += close
    }

    private static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d.rounded() == d && abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }

    static func writeString(_ s: String, into out: inout String) {
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
