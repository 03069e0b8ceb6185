/// Go's `time.ParseDuration` and `time.Duration.String()`, for the 13 lifespan fields.
///
/// Input is any Go duration (`"90m"`, `"1.5h"`, `"-3s"`); output is canonical (`"1h30m0s"`).
enum GoDuration {
    private static let units: [(String, UInt64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000),
        ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]

    /// Parses `text` to nanoseconds; the error text matches Go's (`time: invalid duration "x"`).
    static func parse(_ text: String) throws(GoDurationError) -> Int64 {
        let quoted = "\"" + text + "\""
        var s = Substring(text)
        var negative = false
        if let first = s.first, first == "-" || first == "+" {
            negative = first == "-"
            s = s.dropFirst()
        }
        if s == "0" { return 0 }
        if s.isEmpty { throw GoDurationError("time: invalid duration " + quoted) }
        var total: UInt64 = 0
        while !s.isEmpty {
            guard let c = s.first, c == "." || c.isASCII && c.isNumber else {
                throw GoDurationError("time: invalid duration " + quoted)
            }
            var whole: UInt64 = 0
            let wholeDigits = s.prefix(while: { $0.isASCII && $0.isNumber })
            for d in wholeDigits.utf8 {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(d - 48))
                if o1 || o2 || a > 1 << 63 { throw GoDurationError("time: invalid duration " + quoted) }
                whole = a
            }
            s = s.dropFirst(wholeDigits.count)
            var fraction: UInt64 = 0
            var scale: Double = 1
            var fractionDigits = 0
            if s.first == "." {
                s = s.dropFirst()
                let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
                for d in digits.utf8 where scale < 1e18 {
                    fraction = fraction * 10 + UInt64(d - 48)
                    scale *= 10
                }
                fractionDigits = digits.count
                s = s.dropFirst(digits.count)
            }
            if wholeDigits.isEmpty && fractionDigits == 0 { throw GoDurationError("time: invalid duration " + quoted) }
            let unitText = s.prefix(while: { $0 != "." && !($0.isASCII && $0.isNumber) })
            if unitText.isEmpty { throw GoDurationError("time: missing unit in duration " + quoted) }
            guard let unit = units.first(where: { $0.0 == unitText })?.1 else {
                throw GoDurationError("time: unknown unit \"\(unitText)\" in duration " + quoted)
            }
            s = s.dropFirst(unitText.count)
            let (v, overflow) = whole.multipliedReportingOverflow(by: unit)
            if overflow || v > 1 << 63 { throw GoDurationError("time: invalid duration " + quoted) }
            let fractional = UInt64(Double(fraction) * (Double(unit) / scale))
            let (sum, o2) = v.addingReportingOverflow(fractional)
            let (next, o3) = total.addingReportingOverflow(sum)
            if o2 || o3 || next > 1 << 63 { throw GoDurationError("time: invalid duration " + quoted) }
            total = next
        }
        if total == 1 << 63 {
            if negative { return Int64.min }
            throw GoDurationError("time: invalid duration " + quoted)
        }
        return negative ? -Int64(total) : Int64(total)
    }

    /// Formats nanoseconds as Go's `Duration.String()` does.
    static func format(_ nanos: Int64) -> String {
        if nanos == 0 { return "0s" }
        let negative = nanos < 0
        var u = nanos.magnitude
        var out = ""
        if u < 1_000_000_000 {
            let (unit, precision): (String, Int) = u < 1_000 ? ("ns", 0) : u < 1_000_000 ? ("µs", 3) : ("ms", 6)
            out = fraction(&u, precision) + unit
            out = String(u) + out
        } else {
            var text = "s"
            text = fraction(&u, 9) + text
            text = String(u % 60) + text
            u /= 60
            if u > 0 {
                text = String(u % 60) + "m" + text
                u /= 60
                if u > 0 { text = String(u) + "h" + text }
            }
            out = text
        }
        return negative ? "-" + out : out
    }

    /// Removes `precision` decimal digits from `v` and returns them as `.ddd` without trailing zeros.
    private static func fraction(_ v: inout UInt64, _ precision: Int) -> String {
        var digits: [Character] = []
        var printing = false
        for _ in 0..<precision {
            let digit = v % 10
            printing = printing || digit != 0
            if printing { digits.insert(Character(String(digit)), at: 0) }
            v /= 10
        }
        return printing ? "." + String(digits) : ""
    }
}

/// A duration that Go's `time.ParseDuration` would reject; `message` is Go's error text.
struct GoDurationError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
