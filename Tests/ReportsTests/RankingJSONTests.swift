import Foundation
import Testing
@testable import Reports
import Scoring

@Suite struct RankingJSONTests {
    @Test func matchesGolden() {
        Golden.check(RankingReport.render(SampleRanking.ranking, format: .json), "ranking.json")
    }

    /// The streamed report (what `rank --output` writes) is the rendered one, byte for byte,
    /// however small the pieces it is handed on in.
    @Test func streamedInPiecesMatchesRendered() {
        let rendered = RankingReport.render(SampleRanking.ranking, format: .json)
        for chunkSize in [1, 100, 1 << 20] {
            var streamed: [UInt8] = []
            var pieces = 0
            JSONWriter.write(RankingJSON.document(SampleRanking.ranking), chunkSize: chunkSize) {
                streamed.append(contentsOf: $0)
                pieces += 1
            }
            #expect(String(decoding: streamed, as: UTF8.self) == rendered)
            #expect(chunkSize > 100 || pieces > 1)
        }
        for format in ReportFormat.allCases {
            var streamed: [UInt8] = []
            RankingReport.write(SampleRanking.ranking, format: format) { streamed.append(contentsOf: $0) }
            #expect(String(decoding: streamed, as: UTF8.self) == RankingReport.render(SampleRanking.ranking, format: format))
        }
    }

    @Test func isValidJSONWithTheSpecShape() throws {
        let text = RankingReport.render(SampleRanking.ranking, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "cbscore.result/1")
        let bids = try #require(object["bids"] as? [[String: Any]])
        // Ranked in rank order, then excluded by id.
        #expect(bids.map { $0["id"] as? String } == ["B-014-05", "B-014-03", "B-014-08", "B-014-04", "B-014-07"])
        #expect(bids[1]["rank"] as? Int == 2)
        #expect(bids[1]["total"] as? String == "84")
        #expect(bids[4]["rank"] is NSNull)
        #expect(bids[4]["status"] as? String == "excluded")
        let refused = try #require(object["refused"] as? [[String: Any]])
        #expect(refused.first?["id"] as? String == "B-014-09")
    }

    @Test func spec_fields_come_first_in_example_order() {
        let text = RankingReport.render(SampleRanking.ranking, format: .json)
        let order = ["\"format\"", "\"tender\"", "\"scheme\"", "\"inputs\"", "\"bids\"", "\"refused\""]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())
    }

    @Test func nonTerminatingScoreIsADecimalString() {
        let text = RankingReport.render(SampleRanking.ranking, format: .json)
        #expect(text.contains("\"points\": \"62.22222222222222222222\""))
        #expect(text.contains("\"total\": \"72.22222222222222222222\""))
    }

    @Test func sameRankingInAnyOrderGivesSameBytes() {
        var shuffled = SampleRanking.ranking
        shuffled.bids.reverse()
        shuffled.inputs.reverse()
        #expect(RankingReport.render(shuffled, format: .json) == RankingReport.render(SampleRanking.ranking, format: .json))
    }

    @Test func escapesStrings() {
        #expect(JSONWriter.quoted("a\"b\\c\n\t\u{01}\u{2028}\u{2029}£") == "\"a\\\"b\\\\c\\n\\t\\u0001\\u2028\\u2029£\"")
        #expect(JSONWriter.write(.object([])) == "{}\n")
        #expect(JSONWriter.write(.array([.null, .bool(false), .integer(-3)])) == "[\n  null,\n  false,\n  -3\n]\n")
    }
}
