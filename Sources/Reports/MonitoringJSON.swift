import Documents
import Monitoring

/// Machine-readable monitoring results: `cbscore.monitoring/1` (one contract) and
/// `cbscore.portfolio/1`. Numbers that are quantities, money, percents or points are exact
/// decimal strings; counts are integers; keys keep the order below.
public enum MonitoringJSONReport {
    public static func render(_ p: ContractProgress) -> String {
        typealias J = JSONValue
        let commitments: [J] = p.commitments.map { c in
            .object([
                ("ref", .string(c.ref)), ("kind", .string(c.kind.rawValue)), ("unit", .string(c.kind.unit)),
                ("committed", MonitoringFormatting.json(c.committed)), ("expected", MonitoringFormatting.json(c.expected)), ("delivered", MonitoringFormatting.json(c.delivered)),
                ("percent", MonitoringFormatting.json(c.percent)), ("status", .string(c.status.rawValue)),
                ("hires", c.hires.map { h in
                    J.object([("filled", J.integer(h.filled)), ("sustained", J.integer(h.sustained)), ("inPost", J.integer(h.inPost)),
                              ("leftEarly", J.integer(h.leftEarly)), ("notCounted", J.integer(h.notCounted))])
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
                             ("expected", MonitoringFormatting.json(t.expected)), ("delivered", MonitoringFormatting.json(t.delivered))])
                })),
            ])
        }
        let points: J = p.points.map { pts in
            .object([
                ("lines", .array(pts.lines.map { l in
                    .object([("id", .string(l.id)), ("title", .string(l.title)),
                             ("committed", MonitoringFormatting.json(l.committed)), ("delivered", MonitoringFormatting.json(l.delivered))])
                })),
                ("committedTotal", MonitoringFormatting.json(pts.committedTotal)), ("deliveredTotal", MonitoringFormatting.json(pts.deliveredTotal)),
            ])
        } ?? .null
        return J.object([
            ("format", .string("cbscore.monitoring/1")),
            ("contract", .object([("id", .string(p.contractID)), ("supplier", .string(p.supplier)),
                                  ("start", .string(p.start.description)), ("end", .string(p.end.description))]
                                 // Only a withdrawn contract carries the key, so other documents are unchanged.
                                 + (p.withdrawal.map { w in [("withdrawn", J.object([("reason", .string(w.reason)), ("by", .string(w.by)),
                                                                                      ("at", .string(w.at))]))] } ?? []))),
            ("asOf", .string(p.asOf.description)), ("termFraction", MonitoringFormatting.json(p.termFraction)),
            ("periods", .array(p.periods.map { .string($0.description) })),
            ("commitments", .array(commitments)), ("points", points),
        ]).written
    }

    public static func render(_ p: Portfolio) -> String {
        typealias J = JSONValue
        func tally(_ t: HireTally) -> [(String, J)] { [("counted", J.integer(t.counted)), ("notCounted", J.integer(t.notCounted))] }
        // The background section when the portfolio has one (the store always gives it).
        let background: [(String, J)] = p.background.map { [("background", AnnualReportJSON.background($0))] } ?? []
        return J.object([
            ("format", .string("cbscore.portfolio/1")), ("asOf", .string(p.asOf.description)),
            ("contracts", J.integer(p.contracts)),
            ("suppliers", .array(p.suppliers.map { s in
                .object([("supplier", .string(s.supplier)), ("contracts", J.integer(s.contracts)),
                         ("kinds", .array(s.kinds.map { k in
                             .object([("kind", .string(k.kind.rawValue)), ("unit", .string(k.kind.unit)),
                                      ("commitments", J.integer(k.commitments)), ("committed", MonitoringFormatting.json(k.committed)),
                                      ("expected", MonitoringFormatting.json(k.expected)), ("delivered", MonitoringFormatting.json(k.delivered)),
                                      ("percent", MonitoringFormatting.json(k.percent)), ("status", .string(k.status.rawValue))])
                         }))])
            })),
            ("councils", .array(p.councils.map { .object([("council", .string($0.council))] + tally($0.hires)) })),
            ("deciles", .array(p.deciles.map { .object([("decile", J.integer($0.decile))] + tally($0.hires)) })),
            ("hiresWithoutArea", .object(tally(p.hiresWithoutArea))),
        ] + background + [
            ("contractStatuses", .array(p.contractStatuses.map {
                .object([("contract", .string($0.contractID)), ("supplier", .string($0.supplier)),
                         ("status", .string($0.status.rawValue))])
            })),
        ]).written
    }
}
