import Areas
import Documents
import ExactNumbers
import RulesLanguage
import Scoring

/// Everything a ranking is made from: the tender and its bids as files, the scheme, the area
/// tables and the figures the scheme takes from outside. The CLI builds one from its
/// arguments, the service from stored documents; both hand it to `RankPipeline.rank`.
public struct RankRequest: Sendable {
    /// The tender document.
    public var tender: DocumentInput
    /// Bid documents and batches, in any order (the result never depends on it): files, or
    /// stored documents by the names they were uploaded with.
    public var bids: [DocumentInput]
    public var scheme: Scheme
    public var areas: any AreaLookup
    /// Per-bid figures for the scheme's `input`s, by input name then bid id.
    public var inputs: PanelInputs
    /// How much of each bid's explanation to build: the text table and CSV need only the
    /// numbers (`.summary`); JSON, HTML and summaries need it all.
    public var detail: ExplanationDetail
    /// Bids explained in full whatever `detail` says (`--explain`, an assessment summary, the
    /// breakdowns an HTML report of a large tender shows).
    public var explaining: Set<String>

    public init(tender: DocumentInput, bids: [DocumentInput], scheme: Scheme, areas: any AreaLookup,
                inputs: PanelInputs = PanelInputs(), detail: ExplanationDetail = .full, explaining: Set<String> = []) {
        self.tender = tender
        self.bids = bids
        self.scheme = scheme
        self.areas = areas
        self.inputs = inputs
        self.detail = detail
        self.explaining = explaining
    }

    /// Files named on a command line.
    public init(tender: String, bids: [String], scheme: Scheme, areas: any AreaLookup,
                inputs: PanelInputs = PanelInputs(), detail: ExplanationDetail = .full, explaining: Set<String> = []) {
        self.init(tender: .file(tender), bids: bids.map(DocumentInput.file), scheme: scheme, areas: areas,
                  inputs: inputs, detail: detail, explaining: explaining)
    }
}
