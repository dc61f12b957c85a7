import Documents
import Monitoring
import Scoring

/// Renders monitoring results (`cbscore monitor --format`): one contract's progress or the
/// portfolio, as text, JSON, CSV or self-contained HTML. The same value gives the same bytes.
public enum MonitoringReport {
    /// `provenance` is shown by the HTML page (scheme, store, as-of date, file hashes).
    public static func render(_ progress: ContractProgress, format: ReportFormat,
                              provenance: MonitoringProvenance? = nil) -> String {
        switch format {
        case .text: MonitoringTextReport.render(progress)
        case .json: MonitoringJSONReport.render(progress)
        case .csv: MonitoringCSVReport.render(progress)
        case .html: MonitoringHTMLReport.render(progress, provenance: provenance)
        }
    }

    public static func render(_ portfolio: Portfolio, format: ReportFormat,
                              provenance: MonitoringProvenance? = nil) -> String {
        switch format {
        case .text: MonitoringTextReport.render(portfolio)
        case .json: MonitoringJSONReport.render(portfolio)
        case .csv: MonitoringCSVReport.render(portfolio)
        case .html: MonitoringHTMLReport.render(portfolio, provenance: provenance)
        }
    }
}
