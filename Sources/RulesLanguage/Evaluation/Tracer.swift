/// What an evaluation keeps besides the numbers. The scheme is lowered once per tracer from
/// the same code (`Lowering<T>`), so the numbers of a silent run and of a recording run come
/// from one definition of each construct; only the recording one builds figures, steps,
/// items and texts. `T.records` is a constant in each specialisation, so the silent code has
/// no explanation work left in it, not even a test. `SendableMetatype`: the lowered closures
/// are `@Sendable` and read `T.records`.
protocol Tracer: SendableMetatype {
    static var records: Bool { get }
}

/// Numbers only: ranking tables and CSV, the cross-bid step of bids not shown in full, the
/// checker's constant folding.
enum Silent: Tracer {
    static var records: Bool { false }
}

/// Numbers and their explanation: JSON, HTML, `--explain`, summaries, `cbscore test`.
enum Recording: Tracer {
    static var records: Bool { true }
}
