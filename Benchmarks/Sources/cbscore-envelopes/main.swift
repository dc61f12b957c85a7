// cbscore-envelopes: splits a batch written by cbscore-generate into one file per bid and
// writes each bid's UBL envelope with the library call behind `cbscore envelope`, for timing
// the ranking of a folder of envelopes against the folder of the same bare bids
// (docs/performance-interchange.md, scripts/envelope-benchmark.sh).
//
//   swift run -c release cbscore-envelopes BATCH TENDER OUTPUT-FOLDER
//       → OUTPUT-FOLDER/bids/B-N.xml and OUTPUT-FOLDER/envelopes/B-N.ubl.xml

import DocumentReading
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: cbscore-envelopes BATCH TENDER OUTPUT-FOLDER\n".utf8))
    exit(2)
}
let (batch, tender, output) = (arguments[1], arguments[2], arguments[3])
let bids = output + "/bids", envelopes = output + "/envelopes"
do {
    for folder in [bids, envelopes] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
    let reader = try DocumentReader()
    // cbscore-generate writes each bid from a line `  <Bid id="…"` to a line `  </Bid>`.
    let text = try String(contentsOfFile: batch, encoding: .utf8)
    var count = 0
    var current: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("  <Bid ") { current = [line] } else if !current.isEmpty { current.append(line) }
        guard line == "  </Bid>" else { continue }
        let id = String(current[0].split(separator: "\"")[1])
        let body = current.map { $0.dropFirst(2) }.joined(separator: "\n")
        let bid = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + body.replacingOccurrences(of: "<Bid ", with: "<Bid xmlns=\"urn:cbscore:bid:1\" ", options: .anchored) + "\n"
        let file = "\(bids)/\(id).xml"
        try Data(bid.utf8).write(to: URL(fileURLWithPath: file))
        let envelope = try reader.makeEnvelope(bidAt: file, tenderAt: tender)
        try Data(envelope.utf8).write(to: URL(fileURLWithPath: "\(envelopes)/\(id).ubl.xml"))
        current = []
        count += 1
    }
    print("\(count) bids and their envelopes written to \(output)")
} catch {
    FileHandle.standardError.write(Data("cbscore-envelopes: \(error)\n".utf8))
    exit(1)
}
