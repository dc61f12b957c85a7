import Documents
import Monitoring

/// Machine-readable monitoring results: `cbscore.monitoring/1` (one contract) and
/// `cbscore.portfolio/1`. Numbers that are quantities, money, percents or points are exact
/// decimal strings; counts are integers; keys keep the order below.
public enum MonitoringJSONReport {
    public static func render(_ p: ContractProgress) -> String {
        typealias J = MonitoringJSONValue
        let commitments: [J] = p.commitments.map { c in
            .object([
                ("ref", .string(c.ref)), ("kind", .string(c.kind.rawValue)), ("unit", .string(c.kind.unit)),
                ("committed", .exact(c.committed)), ("expected", .exact(c.expected)), ("delivered", .exact(c.delivered)),
                ("percent", .optional(c.percent)), ("status", .string(c.status.rawValue)),
                ("hires", c.hires.map { h in
                    J.object([("filled", .int(h.filled)), ("sustained", .int(h.sustained)), ("inPost", .int(h.inPost)),
                              ("leftEarly", .int(h.leftEarly)), ("notCounted", .int(h.notCounted))])
                } ?? .null),
                ("people", .array(c.hireOutcomes.map { h in
                    .object([
                        ("person", .string(h.person)), ("period", .string(h.period.description)),
                        ("start", .string(h.start.description)), ("sustainedFrom", .string(h.sustainedFrom.description)),
                        ("area", .optional(h.area)), ("decile", .optional(h.decile)), ("council", .optional(h.council)),
                        ("targetGroups", .array(h.targetGroups.map { .string($0.rawValue) })),
                        ("state", .string(h.state.rawValue)), ("leftOn", .optional(h.leftOn?.description)),
                        ("reasons", .array(h.reasons.map { .string($0) })),
                    ])
                })),
                ("timeline", .array(c.timeline.map { t in
                    .object([("period", .string(t.period.description)), ("date", .string(t.date.description)),
                             ("expected", .exact(t.expected)), ("delivered", .exact(t.delivered))])
                })),
            ])
        }
        let points: J = p.points.map { pts in
            .object([
                ("lines", .array(pts.lines.map { l in
                    .object([("id", .string(l.id)), ("title", .string(l.title)),
                             ("committed", .optional(l.committed)), ("delivered", .optional(l.delivered))])
                })),
                ("committedTotal", .exact(pts.committedTotal)), ("deliveredTotal", .exact(pts.deliveredTotal)),
            ])
        } ?? .null
        return J.object([
            ("format", .string("cbscore.monitoring/1")),
            ("contract", .object([("id", .string(p.contractID)), ("supplier", .string(p.supplier)),
                                  ("start", .string(p.start.description)), ("end", .string(p.end.description))])),
            ("asOf", .string(p.asOf.description)), ("termFraction", .exact(p.termFraction)),
            ("periods", .array(p.periods.map { .string($0.description) })),
            ("commitments", .array(commitments)), ("points", points),
        ]).rendered() + "\n"
    }

    public static func render(_ p: Portfolio) -> String {
        typealias J = MonitoringJSONValue
        func tally(_ t: HireTally) -> [(String, J)] { [("counted", .int(t.counted)), ("notCounted", .int(t.notCounted))] }
        return J.object([
            ("format", .string("cbscore.portfolio/1")), ("asOf", .string(p.asOf.description)),
            ("contracts", .int(p.contracts)),
            ("suppliers", .array(p.suppliers.map { s in
                .object([("supplier", .string(s.supplier)), ("contracts", .int(s.contracts)),
                         ("kinds", .array(s.kinds.map { k in
                             .object([("kind", .string(k.kind.rawValue)), ("unit", .string(k.kind.unit)),
                                      ("commitments", .int(k.commitments)), ("committed", .exact(k.committed)),
                                      ("expected", .exact(k.expected)), ("delivered", .exact(k.delivered)),
                                      ("percent", .optional(k.percent)), ("status", .string(k.status.rawValue))])
                         }))])
            })),
            ("councils", .array(p.councils.map { .object([("council", .string($0.council))] + tally($0.hires)) })),
            ("deciles", .array(p.deciles.map { .object([("decile", .int($0.decile))] + tally($0.hires)) })),
            ("hiresWithoutArea", .object(tally(p.hiresWithoutArea))),
            ("contractStatuses", .array(p.contractStatuses.map {
                .object([("contract", .string($0.contractID)), ("supplier", .string($0.supplier)),
                         ("status", .string($0.status.rawValue))])
            })),
        ]).rendered() + "\n"
    }
}
