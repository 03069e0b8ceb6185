/// Go's `time.Duration` text form: parses `1h30m`, `1.5h`, `300ms`, and formats like Go (`1h30m0s`).
package enum GoDuration {
    private static let units: [(String, Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ]

    /// The duration in nanoseconds, or nil when `text` is not a Go duration.
    package static func parse(_ text: String) -> Int64? {
        var rest = Substring(text)
        var sign: Double = 1
        if rest.first == "-" || rest.first == "+" {
            sign = rest.first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { return nil }
        var total: Double = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.1
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
