import Diagnostics
import DocumentReading
import Scoring
#if canImport(Glibc)
import Glibc
#endif

extension RankPipeline {
    /// A ranking in which only the bids `choose` names, once the tender is ranked, carry their
    /// whole explanation: the HTML report of a large tender breaks down a few bids
    /// (`HTMLBreakdowns`), which are known only after ranking. The tender is ranked silently,
    /// the bids chosen, and the tender ranked again recording those only, rather than holding
    /// every bid's explanation. Refused if the second reading's files are not the first's
    /// (their hashes differ): the breakdowns might then not be of the bids ranked.
    public static func rank(_ request: RankRequest, reader: DocumentReader,
                            explainingChosenBy choose: (Ranking) -> Set<String>,
                            discard: (consuming [BidEvaluation]) -> Void = { _ in }) throws(DiagnosticsError) -> Ranking {
        var silent = request
        silent.detail = .summary
        silent.explaining = []
        // In a closure of its own, so the silent ranking is gone before the second reading.
        let (chosen, read) = try { () throws(DiagnosticsError) -> (Set<String>, [InputFile]) in
            let first = try rank(silent, reader: reader, discard: discard)
            return (choose(first), first.inputs)
        }()
        returnFreedMemory()
        var again = silent
        again.explaining = chosen
        let ranking = try rank(again, reader: reader, discard: discard)
        if let changed = changedInput(ranking.inputs, read) { throw DiagnosticsError([changed]) }
        return ranking
    }

    /// Hands memory already freed back to the system (left in the allocator's free lists, the
    /// silent ranking's memory would stay beside the second reading's: some 200 MB at 100,000
    /// bids). glibc's `malloc_trim`, looked up at run time since Swift's Glibc module does not
    /// declare it; nothing where it is absent.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        if let trim = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(trim, to: Trim.self)(0) }
        #endif
    }
}
