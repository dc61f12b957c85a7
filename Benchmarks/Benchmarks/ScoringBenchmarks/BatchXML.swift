import Documents
import ExactNumbers
import Foundation

/// Writes generated bids as one `<Bids>` batch file, to time reading the same bids that the
/// scoring benchmarks evaluate.
enum BatchXML {
    static func write(_ bids: [Bid], to path: String) throws {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Bids xmlns=\"urn:cbscore:bid:1\">\n"
        func money(_ m: Money) -> String { m.amount.formatted(places: 2) }
        func groups(_ g: [TargetGroup]) -> String { g.map { "<TargetGroup>\($0.rawValue)</TargetGroup>" }.joined() }
        for bid in bids {
            xml += """
              <Bid id="\(bid.id)" tender="\(bid.tenderID)">
                <Submitted>\(bid.submitted.lexical)</Submitted>
                <Bidder><Name>\(bid.bidder.name)</Name><Size>\(bid.bidder.size.rawValue)</Size><LivingWageAccredited>\(bid.bidder.livingWageAccredited)</LivingWageAccredited></Bidder>
                <Price currency="GBP">\(money(bid.price))</Price>
                <FairWork><LowestHourlyRate currency="GBP">\(money(bid.fairWork.lowestHourlyRate))</LowestHourlyRate><ZeroHoursContracts>\(bid.fairWork.zeroHoursContracts)</ZeroHoursContracts><WorkforceVoice>\(bid.fairWork.workforceVoice)</WorkforceVoice><FlexibleWorking>\(bid.fairWork.flexibleWorking)</FlexibleWorking></FairWork>
                <Commitments>

            """
            for c in bid.commitments {
                switch c {
                case .job(let j):
                    let area = j.area.map { " area=\"\($0.text)\"" } ?? ""
                    xml += "      <Job ref=\"\(j.ref)\" count=\"\(j.count)\" fte=\"\(j.fte.decimalString())\" weeks=\"\(j.weeks)\" hourlyRate=\"\(money(j.hourlyRate))\"\(area)>\(groups(j.targetGroups))</Job>\n"
                case .apprenticeship(let a):
                    let area = a.area.map { " area=\"\($0.text)\"" } ?? ""
                    xml += "      <Apprenticeship ref=\"\(a.ref)\" count=\"\(a.count)\" weeks=\"\(a.weeks)\" level=\"\(a.level.rawValue)\"\(area)>\(groups(a.targetGroups))</Apprenticeship>\n"
                case .workPlacement(let p):
                    xml += "      <WorkPlacement ref=\"\(p.ref)\" count=\"\(p.count)\" weeks=\"\(p.weeks)\">\(groups(p.targetGroups))</WorkPlacement>\n"
                case .training(let t):
                    xml += "      <Training ref=\"\(t.ref)\" count=\"\(t.count)\" hours=\"\(t.hours)\"/>\n"
                case .supplyChain(let s):
                    xml += "      <SupplyChain ref=\"\(s.ref)\" kind=\"\(s.kind.rawValue)\" amount=\"\(money(s.amount))\"/>\n"
                case .volunteering(let v):
                    xml += "      <Volunteering ref=\"\(v.ref)\" hours=\"\(v.hours)\"/>\n"
                }
            }
            xml += "    </Commitments>\n  </Bid>\n"
        }
        xml += "</Bids>\n"
        try xml.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
