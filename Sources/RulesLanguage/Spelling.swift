/// "Did you mean …?" suggestions for names a reader mistyped.
enum Spelling {
    /// The candidate nearest to `word` by edit distance (case and `_`/`-` ignored), when it is
    /// close enough to be a plausible typo.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let key = normalised(word)
        var best: (String, Int)?
        for c in candidates.sorted() {
            let d = distance(key, normalised(c))
            if best == nil || d < best!.1 { best = (c, d) }
        }
        guard let best else { return nil }
        let limit = max(1, min(3, key.count / 3))
        return best.1 <= limit ? best.0 : nil
    }

    private static func normalised(_ s: String) -> [Character] {
        Array(s.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    /// Edit distance counting a swap of two neighbouring letters as one edit (`jbo` → `job`,
    /// `cuont` → `count`), the commonest typo (optimal string alignment).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var row = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], before[j - 2] + 1)
                }
            }
            (before, previous, row) = (previous, row, before)
        }
        return previous[b.count]
    }
}
