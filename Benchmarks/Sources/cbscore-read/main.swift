// cbscore-read: reads one bid file (a <Bid> or a <Bids> batch) into models, validating every
// bid against schemas/bid.xsd while streaming, and prints how many bids were read and
// refused. For timing ingestion against `xmllint --stream --schema` (docs/performance.md).
//
//   swift run -c release cbscore-read FILE

import DocumentReading
import Documents
import Foundation

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: cbscore-read FILE\n".utf8))
    exit(2)
}
do {
    let reader = try DocumentReader()
    var read = 0
    var refused = 0
    var commitments = 0
    try reader.readBids(at: CommandLine.arguments[1]) { result in
        switch result {
        case .bid(let bid):
            read += 1
            commitments += bid.commitments.count
        case .refused(_, let diagnostics):
            refused += 1
            for diagnostic in diagnostics.prefix(5) {
                FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
            }
        }
    }
    print("\(read) bids read (\(commitments) commitments), \(refused) refused")
    exit(refused == 0 ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
