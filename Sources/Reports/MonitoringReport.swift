import Monitoring

/// Renders monitoring results (`cbscore monitor --format`): one contract's progress or the
/// portfolio, as text, JSON, CSV or self-contained HTML. The same value gives the same bytes.
public enum MonitoringReport {
    public static func render(_ progress: ContractProgress, format: ReportFormat) -> String {
        switch format {
        case .text: MonitoringTextReport.render(progress)
        case .json: MonitoringJSONReport.render(progress)
        case .csv: MonitoringCSVReport.render(progress)
        case .html: MonitoringHTMLReport.render(progress)
        }
    }

    public static func render(_ portfolio: Portfolio, format: ReportFormat) -> String {
        switch format {
        case .text: MonitoringTextReport.render(portfolio)
        case .json: MonitoringJSONReport.render(portfolio)
        case .csv: MonitoringCSVReport.render(portfolio)
        case .html: MonitoringHTMLReport.render(portfolio)
        }
    }
}
