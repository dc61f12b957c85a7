import CLibXML2
import Diagnostics

extension XMLStreamReader {
    /// Captures the element the reader stands on and its subtree as an `XMLRecord`, leaving
    /// the reader on its end: what `expandCurrent` does, with the same limits and findings,
    /// but without building the tree, which the record's consumer does on its own thread.
    /// Elements outside `namespace` are skipped (an XInclude element among them is refused
    /// as it is parsed, `SAXState.start`); with no namespace, elements of every namespace are
    /// kept (a UBL envelope mixes several) but XInclude elements are skipped. Nil when the
    /// document ends (malformed) before the element does.
    public func captureCurrent(keeping namespace: String?) -> XMLRecord? {
        guard let root = takeCurrentEvent() else { return nil }
        var record = XMLRecord(file: displayPath)
        /// The kept namespace's number, once an element in it has been seen.
        var kept: Int32 = sax.pointee.name(root.namespace) == namespace ? root.namespace : -1
        /// Per open element: text bytes so far, where it starts and its name (for the text limit).
        var open: [(textBytes: Int, position: UInt64, name: Int32)] = []
        appendStart(root, to: &record)
        open.append((0, root.position, root.name))
        var elementCount = 1
        while let event = nextEvent() {
            switch event.kind {
            case .start:
                if namespace == nil ? [Self.xinclude2001, Self.xinclude2003].contains(sax.pointee.name(event.namespace))
                    : event.namespace != kept {
                    let name = sax.pointee.name(event.namespace)
                    if namespace != nil && kept < 0 && name == namespace {
                        kept = event.namespace
                    } else {
                        guard skipToEnd() else { return nil }
                        continue
                    }
                }
                elementCount += 1
                if elementCount > limits.elementsPerRecord {
                    return abandonRecord(record, openCount: open.count, at: event.position)
                }
                appendStart(event, to: &record)
                open.append((0, event.position, event.name))
            case .text:
                let last = open.count - 1
                guard open[last].textBytes + event.count <= limits.elementTextBytes else {
                    sax.pointee.findings.append(ReaderLimits.diagnostic(
                        .limitElementText, limits.elementTextBytes, unit: " bytes",
                        at: sax.pointee.location(open[last].position),
                        found: "<\(sax.pointee.name(open[last].name))> holds more text than allowed"))
                    continue
                }
                open[last].textBytes += event.count
                let range = sax.pointee.bytes.withUnsafeBufferPointer {
                    record.appendBytes(UnsafeBufferPointer(rebasing: $0[event.first..<event.first + event.count]))
                }
                record.events.append(.text(range))
            case .end:
                record.events.append(.end)
                open.removeLast()
                if open.isEmpty {
                    record.names = sax.pointee.names
                    return record
                }
            }
        }
        return nil
    }

    /// A start event with the element's attributes (within the attribute limits).
    private func appendStart(_ event: SAXEvent, to record: inout XMLRecord) {
        let first = record.attributes.count
        forEachAttribute(of: event) { attribute, count in
            let value = sax.pointee.bytes.withUnsafeBufferPointer {
                record.appendBytes(UnsafeBufferPointer(rebasing: $0[attribute.first..<attribute.first + count]))
            }
            record.attributes.append(XMLRecord.Attribute(name: attribute.name, namespace: attribute.namespace, value: value))
        }
        record.events.append(.start(name: event.name, namespace: event.namespace,
                                    attributes: first..<record.attributes.count, position: event.position))
    }

    /// Over `elementsPerRecord`: notes it, skips to the end of the record keeping nothing
    /// more, and closes what was open (the finding refuses the record).
    private func abandonRecord(_ record: XMLRecord, openCount: Int, at position: UInt64) -> XMLRecord? {
        sax.pointee.findings.append(ReaderLimits.diagnostic(
            .limitRecordElements, limits.elementsPerRecord, at: sax.pointee.location(position),
            found: "more than \(limits.elementsPerRecord) elements in one record"))
        var record = record
        // The element just started is open too.
        _ = skipToEnd(depth: openCount + 1)
        for _ in 0..<openCount { record.events.append(.end) }
        record.names = sax.pointee.names
        return record
    }
}
