// cbscore-generate: writes a realistic, seeded <Bids> batch that validates against
// schemas/bid.xsd, with real area codes, for benchmarks. A tool of the repository, not part
// of the test suite. Output is written as it is produced, so any size fits in little memory.
//
//   swift run -c release cbscore-generate --bids 100000 --seed 7 --output /tmp/bids.xml
//       [--tender GCR-2026-014] [--data DIR]
//
// --data is the folder of official tables (default: ../shared/data next to the repository,
// else the repository's fixtures/areas samples); only their first column (the codes) is read.

import BenchmarkSupport
import Foundation

struct Options {
    var bids = 1000
    var seed: UInt64 = 1
    var tender = "GCR-2026-014"
    var output: String?
    var data: String?

    static func parse(_ arguments: [String]) -> Options? {
        var options = Options()
        var index = 1
        func value() -> String? {
            index += 1
            return index < arguments.count ? arguments[index] : nil
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--bids": guard let v = value().flatMap(Int.init), v >= 0 else { return nil }; options.bids = v
            case "--seed": guard let v = value().flatMap(UInt64.init) else { return nil }; options.seed = v
            case "--tender": guard let v = value() else { return nil }; options.tender = v
            case "--output": guard let v = value() else { return nil }; options.output = v
            case "--data": guard let v = value() else { return nil }; options.data = v
            default: return nil
            }
            index += 1
        }
        return options.output == nil ? nil : options
    }
}

/// Real area codes: data zones, English and Welsh LSOAs, Scottish postcodes.
struct AreaCodes {
    var dataZones: [String] = []
    var english: [String] = []
    var welsh: [String] = []
    var postcodes: [String] = []

    static func firstColumn(_ path: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var codes: [String] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).dropFirst() {
            guard let first = line.split(separator: ",", maxSplits: 1).first else { continue }
            let code = first.trimmingCharacters(in: CharacterSet(charactersIn: "\"\u{FEFF} "))
            if !code.isEmpty { codes.append(code) }
        }
        return codes
    }

    init(data: String?, repository: String) {
        let official = data ?? (repository + "/../shared/data")
        dataZones = Self.firstColumn(official + "/simd2020v2/simd2020v2_datazones.csv")
        english = Self.firstColumn(official + "/imd2019-england/imd2019_lsoa_file1.csv")
        welsh = Self.firstColumn(official + "/wimd2019/wimd2019_lsoa_ranks.csv")
        postcodes = Self.firstColumn(official + "/postcodes-scotland/nspl_nov2021_scotland_subset.csv")
        if dataZones.isEmpty || english.isEmpty || welsh.isEmpty || postcodes.isEmpty {
            let samples = repository + "/fixtures/areas"
            dataZones = Self.firstColumn(samples + "/simd2020v2_datazones_sample.csv")
            english = Self.firstColumn(samples + "/imd2019_lsoa_file1_sample.csv")
            welsh = Self.firstColumn(samples + "/wimd2019_lsoa_ranks_sample.csv")
            postcodes = Self.firstColumn(samples + "/nspl_nov2021_scotland_sample.csv")
        }
    }

    var isEmpty: Bool { dataZones.isEmpty || english.isEmpty || welsh.isEmpty || postcodes.isEmpty }

    /// Mostly Scottish data zones, as a Glasgow tender would see.
    mutating func any(_ random: inout SplitMix64) -> String {
        switch random.below(20) {
        case 0: random.pick(english)
        case 1: random.pick(welsh)
        case 2, 3, 4: random.pick(postcodes)
        default: random.pick(dataZones)
        }
    }
}

/// Buffered output straight to the file.
final class Output {
    let handle: FileHandle
    var buffer = [UInt8]()

    init?(path: String) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else { return nil }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

enum Vocabulary {
    static let firstParts = ["Clyde", "Kelvin", "Govan", "Partick", "Springburn", "Dennistoun", "Shettleston",
                             "Maryhill", "Possilpark", "Castlemilk", "Pollok", "Drumchapel", "Easterhouse",
                             "Rutherglen", "Cambuslang", "Paisley", "Renfrew", "Clydebank", "Bearsden",
                             "Motherwell", "Hamilton", "Coatbridge", "Kirkintilloch", "Barrhead", "Govanhill"]
    static let trades = ["Build", "Property Services", "Joinery", "Roofing", "Heating Services", "Maintenance",
                         "Building Services", "Electrical", "Plumbing & Heating", "Decorators", "Groundworks",
                         "Facilities", "Glazing", "Scaffolding", "Retrofit"]
    static let suffixes = ["Ltd", "Ltd", "Ltd", "Limited", "plc", "C.I.C.", "Co-operative Ltd"]
    static let roles = ["Multi-trade operative", "Joiner's labourer", "Apprentice plumber", "Roofing labourer",
                        "Painter and decorator", "Electrical improver", "Stores administrator",
                        "Retrofit insulation installer", "Gas engineer trainee", "Site administrator",
                        "Community liaison officer", "Landscaping operative", "Scaffolder's labourer"]
    static let qualifications = ["SVQ Level 2 Construction", "CSCS Green Card", "SVQ Level 3 Plumbing",
                                 "Gas Safe ACS core", "IPAF 3a", "Emergency First Aid at Work", "Asbestos awareness"]
    static let groups = ["young-person", "primary-carer", "disabled", "ethnic-minority", "low-income",
                         "care-experienced", "long-term-unemployed", "veteran", "justice-involved"]
    static let sizes = ["micro", "small", "small", "medium", "medium", "large"]
    static let levels = ["foundation", "modern", "modern", "graduate"]
    static let kinds = ["sme", "social-enterprise", "supported-business", "local"]
}

func money(_ pence: Int) -> String {
    let pounds = pence / 100
    let rest = pence % 100
    return "\(pounds).\(rest < 10 ? "0" : "")\(rest)"
}

func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
}

func writeBid(number: Int, tender: String, random: inout SplitMix64, areas: inout AreaCodes, to out: Output) {
    let name = "\(random.pick(Vocabulary.firstParts)) \(random.pick(Vocabulary.trades)) \(random.pick(Vocabulary.suffixes))"
    let rate = 1_300 + random.below(120)  // 13.00 … 14.19
    let price = (800_000 + random.below(2_200_000)) * 100 + random.pick([0, 0, 50, 99])
    var text = """
      <Bid id="B-\(number)" tender="\(tender)">
        <Submitted>2026-03-\(two(1 + random.below(31)))T\(two(8 + random.below(10))):\(two(random.below(60))):\(two(random.below(60)))Z</Submitted>
        <Bidder>
          <Name>\(escape(name))</Name>
          <CompanyNumber>SC\(100_000 + random.below(899_999))</CompanyNumber>
          <Size>\(random.pick(Vocabulary.sizes))</Size>
          <SocialEnterprise>\(random.chance(10))</SocialEnterprise>
          <LivingWageAccredited>\(random.chance(60))</LivingWageAccredited>
        </Bidder>
        <Price currency="GBP">\(money(price))</Price>
        <FairWork>
          <LowestHourlyRate currency="GBP">\(money(rate))</LowestHourlyRate>
          <ZeroHoursContracts>\(random.chance(15))</ZeroHoursContracts>
          <WorkforceVoice>\(random.chance(70))</WorkforceVoice>
          <FlexibleWorking>\(random.chance(55))</FlexibleWorking>
          <GenderPayGapPercent>\(random.below(200) - 50 < 0 ? "-" : "")\(abs(random.below(200) - 50) / 10).\(random.below(10))</GenderPayGapPercent>
        </FairWork>
        <Commitments>

    """
    var ref = 0
    func next(_ prefix: String) -> String { ref += 1; return "\(prefix)\(ref)" }
    for _ in 0..<(1 + random.below(3)) {
        var chosen: [String] = []
        for _ in 0..<random.below(3) {
            let group = random.pick(Vocabulary.groups)
            if !chosen.contains(group) { chosen.append(group) }
        }
        let groups = chosen.map { "        <TargetGroup>\($0)</TargetGroup>\n" }
        text += "      <Job ref=\"\(next("J"))\" count=\"\(1 + random.below(4))\" fte=\"\(random.pick(["1.0", "1.0", "0.8", "0.5"]))\" "
            + "weeks=\"\(random.pick([20, 26, 39, 52, 52, 78, 104]))\" hourlyRate=\"\(money(rate + random.below(60)))\" "
            + "area=\"\(areas.any(&random))\">\n"
            + "        <Role>\(escape(random.pick(Vocabulary.roles)))</Role>\n" + groups.joined() + "      </Job>\n"
    }
    if random.chance(50) {
        text += "      <Apprenticeship ref=\"\(next("A"))\" count=\"\(1 + random.below(3))\" weeks=\"\(random.pick([40, 52, 104, 156]))\" "
            + "level=\"\(random.pick(Vocabulary.levels))\" area=\"\(areas.any(&random))\">\n"
            + "        <TargetGroup>young-person</TargetGroup>\n      </Apprenticeship>\n"
    }
    if random.chance(40) {
        text += "      <WorkPlacement ref=\"\(next("P"))\" count=\"\(1 + random.below(15))\" weeks=\"\(1 + random.below(4))\">"
            + "<TargetGroup>school-pupil</TargetGroup></WorkPlacement>\n"
    }
    text += "      <Training ref=\"\(next("T"))\" count=\"\(1 + random.below(30))\" hours=\"\(random.pick([7, 14, 35, 70]))\" "
        + "qualification=\"\(random.pick(Vocabulary.qualifications))\"/>\n"
    for _ in 0..<(random.below(3)) {
        text += "      <SupplyChain ref=\"\(next("S"))\" kind=\"\(random.pick(Vocabulary.kinds))\" "
            + "amount=\"\(money((5_000 + random.below(300_000)) * 100))\"/>\n"
    }
    if random.chance(35) {
        text += "      <Volunteering ref=\"\(next("V"))\" hours=\"\(20 + random.below(400))\"/>\n"
    }
    text += "    </Commitments>\n  </Bid>\n"
    out.write(text)
}

let repository: String = {
    var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(4)  // Benchmarks/Sources/cbscore-generate/main.swift
    return parts.joined(separator: "/")
}()

guard let options = Options.parse(CommandLine.arguments) else {
    FileHandle.standardError.write(Data(("usage: cbscore-generate --bids N --seed S --output FILE "
        + "[--tender ID] [--data DIR]\n").utf8))
    exit(2)
}
var areas = AreaCodes(data: options.data, repository: repository)
guard !areas.isEmpty else {
    FileHandle.standardError.write(Data("cbscore-generate: no area tables found (give --data DIR)\n".utf8))
    exit(2)
}
guard let path = options.output, let out = Output(path: path) else {
    FileHandle.standardError.write(Data("cbscore-generate: cannot write the output file\n".utf8))
    exit(1)
}
var random = SplitMix64(state: options.seed)
out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Generated by cbscore-generate: \(options.bids) bids, seed \(options.seed). -->\n")
out.write("<Bids xmlns=\"urn:cbscore:bid:1\">\n")
for number in 1...max(options.bids, 1) where options.bids > 0 {
    writeBid(number: number, tender: options.tender, random: &random, areas: &areas, to: out)
}
out.write("</Bids>\n")
out.flush()
