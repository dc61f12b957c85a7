import Diagnostics

/// One record (a `<Bid>` of a batch) as the parsing thread captured it: a flat list of start,
/// text and end events over one byte buffer, names as numbers into the reader's name table.
/// Capturing is a few appends per element, so the thread that runs libxml2 does little
/// besides; the thread that maps the record builds the `XMLElement` tree from it
/// (`element()`), off the parser's critical path.
public struct XMLRecord: Sendable {
    enum Event: Sendable {
        /// `attributes` indexes `XMLRecord.attributes`; `position` is line << 24 | column.
        case start(name: Int32, namespace: Int32, attributes: Range<Int>, position: UInt64)
        /// Character data of the innermost open element, in `bytes`.
        case text(Range<Int>)
        case end
    }

    struct Attribute: Sendable {
        var name: Int32
        /// -1 for an unqualified attribute.
        var namespace: Int32
        var value: Range<Int>
    }

    let file: String
    /// The reader's name table once the record was taken (shared, not copied).
    var names: [String] = []
    var events: [Event] = []
    var attributes: [Attribute] = []
    var bytes: [UInt8] = []

    init(file: String) {
        self.file = file
        events.reserveCapacity(64)
        bytes.reserveCapacity(1024)
    }

    mutating func appendBytes(_ source: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: source)
        return start..<bytes.count
    }

    /// The record as a tree: the same tree `XMLStreamReader.expandCurrent` builds.
    public func element() -> XMLElement? {
        var stack: [XMLElement] = []
        for event in events {
            switch event {
            case .start(let name, let namespace, let range, let position):
                let attributes = attributes[range].map {
                    XMLAttribute(localName: names[Int($0.name)],
                                 namespace: $0.namespace < 0 ? nil : names[Int($0.namespace)],
                                 value: text($0.value))
                }
                stack.append(XMLElement(
                    localName: names[Int(name)], namespace: names[Int(namespace)], attributes: attributes,
                    location: SourceLocation(file: file, packed: position)))
            case .text(let range):
                guard !stack.isEmpty else { continue }
                if stack[stack.count - 1].text.isEmpty {
                    stack[stack.count - 1].text = text(range)
                } else {
                    stack[stack.count - 1].text += text(range)
                }
            case .end:
                guard let done = stack.popLast() else { return nil }
                if stack.isEmpty { return done }
                stack[stack.count - 1].children.append(done)
            }
        }
        return nil
    }

    private func text(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}
