/// Suggests the closest valid name for a misspelt one ("did you mean 'redirect_uris'?").
package enum NearestName {
    /// The candidate nearest to `name` by edit distance, if it is close enough to be a plausible typo.
    package static func nearest(to name: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
            if let current = best, current.1 <= distance { continue }
            best = (candidate, distance)
        }
        guard let (candidate, distance) = best else { return nil }
        let limit = max(2, min(4, target.count / 3 + 1))
        if distance <= limit { return candidate }
        return nil
    }

    /// `; did you mean 'X'?` or the empty string.
    package static func suggestion(for name: String, in candidates: some Sequence<String>) -> String {
        nearest(to: name, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// `; did you mean 'X'? <rest>` or `; <rest>`: a suggestion, then what is valid.
    package static func suggestion(for name: String, in candidates: some Sequence<String>, then rest: String) -> String {
        nearest(to: name, in: candidates).map { "; did you mean '\($0)'? \(rest)" } ?? "; \(rest)"
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
