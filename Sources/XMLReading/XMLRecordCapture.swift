import CLibXML2
import Diagnostics

extension XMLStreamReader {
    /// Captures the element the reader stands on and its subtree as an `XMLRecord`, leaving
    /// the reader on its end: what `expandCurrent` does, with the same limits and findings,
    /// but without building the tree, which the record's consumer does on its own thread.
    /// Elements outside `namespace` are skipped (XInclude elements are refused). Nil when
    /// the document ends (malformed) before the element does.
    public func captureCurrent(keeping namespace: String) -> XMLRecord? {
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
                if event.namespace != kept {
                    let name = sax.pointee.name(event.namespace)
                    if kept < 0 && name == namespace {
                        kept = event.namespace
                    } else {
                        if Self.xincludeNamespaces.contains(name) {
                            noteForeign(XMLStart(localName: sax.pointee.name(event.name), namespace: name, attributes: [],
                                                 isEmpty: false, depth: Int(event.depth),
                                                 location: sax.pointee.location(event.position)))
                        }
                        guard skipSubtree() else { return nil }
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
                        "element-text", limits.elementTextBytes, unit: " bytes",
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
        for index in event.first..<event.first + event.count {
            let attribute = sax.pointee.attributes[index]
            if index - event.first == limits.attributesPerElement {
                sax.pointee.findings.append(ReaderLimits.diagnostic(
                    "attributes-per-element", limits.attributesPerElement, at: sax.pointee.location(event.position),
                    found: "the element has more than \(limits.attributesPerElement) attributes"))
                break
            }
            var count = attribute.count
            if count > limits.attributeValueBytes {
                sax.pointee.findings.append(ReaderLimits.diagnostic(
                    "attribute-length", limits.attributeValueBytes, unit: " bytes", at: sax.pointee.location(event.position),
                    found: "attribute \(sax.pointee.name(attribute.name)) holds \(count) bytes"))
                count = limits.attributeValueBytes
            }
            let value = sax.pointee.bytes.withUnsafeBufferPointer {
                record.appendBytes(UnsafeBufferPointer(rebasing: $0[attribute.first..<attribute.first + count]))
            }
            record.attributes.append(XMLRecord.Attribute(name: attribute.name, namespace: attribute.namespace, value: value))
        }
        record.events.append(.start(name: event.name, namespace: event.namespace,
                                    attributes: first..<record.attributes.count, position: event.position))
    }

    /// Reads past the end of the element whose start was just read. False when the document
    /// ends first.
    private func skipSubtree() -> Bool {
        var depth = 1
        while depth > 0 {
            guard let event = nextEvent() else { return false }
            switch event.kind {
            case .start: depth += 1
            case .end: depth -= 1
            case .text: break
            }
        }
        return true
    }

    /// Over `elementsPerRecord`: notes it, skips to the end of the record keeping nothing
    /// more, and closes what was open (the finding refuses the record).
    private func abandonRecord(_ record: XMLRecord, openCount: Int, at position: UInt64) -> XMLRecord? {
        sax.pointee.findings.append(ReaderLimits.diagnostic(
            "record-elements", limits.elementsPerRecord, at: sax.pointee.location(position),
            found: "more than \(limits.elementsPerRecord) elements in one record"))
        var record = record
        // The element just started is open too.
        var depth = openCount + 1
        while depth > 0, let event = nextEvent() {
            switch event.kind {
            case .start: depth += 1
            case .end: depth -= 1
            case .text: break
            }
        }
        for _ in 0..<openCount { record.events.append(.end) }
        record.names = sax.pointee.names
        return record
    }
}
