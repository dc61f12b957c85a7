import Scoring
enum RankingHTML { static func render(_ ranking: Ranking) -> String { "" } }
