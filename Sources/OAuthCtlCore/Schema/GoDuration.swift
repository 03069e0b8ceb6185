/// Go's `time.Duration` text form: parses `1h30m`, `1.5h`, `300ms`, and formats like Go (`1h30m0s`).
package enum GoDuration {
    /// Each unit's UTF-8 spelling and length in nanoseconds.
    private static let units: [(text: [UInt8], nanoseconds: Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ].map { (Array($0.0.utf8), $0.1) }

    /// The duration in nanoseconds, or nil when `text` is not a Go duration.
    package static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8(parse)
    }

    /// `parse` over the UTF-8 bytes (a number is ASCII digits and dots; a unit is what follows up to the next).
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        func isNumeric(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || byte == UInt8(ascii: ".") }
        var index = 0
        var sign: Double = 1
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            index = 1
        }
        if bytes.count == index + 1, bytes[index] == UInt8(ascii: "0") { return 0 }
        guard index < bytes.count else { return nil }
        var total: Double = 0
        while index < bytes.count {
            let numberStart = index
            while index < bytes.count, isNumeric(bytes[index]) { index += 1 }
            let number = UnsafeBufferPointer(rebasing: bytes[numberStart..<index])
            guard !number.isEmpty, !(number.count == 1 && number[0] == UInt8(ascii: ".")),
                let value = Double(String(decoding: number, as: UTF8.self))
            else { return nil }
            let unitStart = index
            while index < bytes.count, !isNumeric(bytes[index]) { index += 1 }
            let unitText = bytes[unitStart..<index]
            guard let unit = units.first(where: { $0.text.elementsEqual(unitText) }) else { return nil }
            total += value * unit.nanoseconds
        }
        guard total.isFinite, total < 9.2e18 else { return nil }
        return Int64((sign * total).rounded())
    }

    /// Go's `Duration.String()`: `0s`, `300ms`, `1.5µs`, `1m1s`, `1h0m0s`.
    package static func format(_ nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let u = nanoseconds.magnitude
        if u < 1_000_000_000 {
            if u < 1_000 { return "\(sign)\(u)ns" }
            if u < 1_000_000 { return sign + fraction(u, 1_000) + "µs" }
            return sign + fraction(u, 1_000_000) + "ms"
        }
        let seconds = fraction(u % 60_000_000_000, 1_000_000_000) + "s"
        let totalMinutes = u / 60_000_000_000
        guard totalMinutes > 0 else { return sign + seconds }
        let minutes = totalMinutes % 60
        let hours = totalMinutes / 60
        return sign + (hours > 0 ? "\(hours)h" : "") + "\(minutes)m" + seconds
    }

    private static func fraction(_ value: UInt64, _ unit: UInt64) -> String {
        let whole = value / unit
        var remainder = value % unit
        guard remainder > 0 else { return "\(whole)" }
        var digits = ""
        var scale = unit / 10
        while remainder > 0, scale > 0 {
            digits += "\(remainder / scale)"
            remainder %= scale
            scale /= 10
        }
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
