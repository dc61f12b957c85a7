import Documents
import XMLReading

extension Tender {
    /// Maps an expanded, schema-checked `<Tender>`; nil when a required value is missing.
    static func map(_ element: XMLElement, _ m: inout ElementMapper) -> Tender? {
        let id = m.attribute(element, "id", required: true, expected: "an identifier", ValueText.nonEmpty)
        let title = m.value(element, "Title", required: true, expected: "a title", ValueText.nonEmpty)
        let authority = m.value(element, "Authority", required: true, expected: "a name",
                                ValueText.nonEmpty)
        let value = m.money(element, "EstimatedValue", required: true)
        let weeks = m.value(element, "DurationWeeks", required: true, expected: ValueText.count,
                            ValueText.positive)
        let closing = m.value(element, "ClosingDate", required: true, expected: ValueText.date,
                              ValueText.date)
        let region = m.single(element, "Region", required: false).map {
            $0.text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                .map(String.init)
        } ?? []
        guard let id, let title, let authority, let value, let weeks, let closing else { return nil }
        return Tender(id: id, title: title, authority: authority, estimatedValue: value,
                      durationWeeks: weeks, closingDate: closing, region: region,
                      location: element.location)
    }
}
