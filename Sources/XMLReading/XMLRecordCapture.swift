import CLibXML2
import Diagnostics

extension XMLStreamReader {
    /// Captures the element the reader stands on and its subtree as an `XMLRecord`, leaving
    /// the reader on its end: what `expandCurrent` does, with the same limits and findings,
    /// but without building the tree, which the record's consumer does on its own thread.
    /// Elements outside `namespace` are skipped (XInclude elements are refused). Nil when
    /// the document ends (malformed) before the element does.
    public func captureCurrent(keeping namespace: String) -> XMLRecord? {
        guard nodeType == XML_READER_TYPE_ELEMENT.rawValue, let node = xmlTextReaderCurrentNode(reader) else { return nil }
        var record = XMLRecord(file: displayPath)
        let startDepth = Int(xmlTextReaderDepth(reader))
        /// Per open element: text bytes so far, and where it starts (for the text limit).
        var open: [(textBytes: Int, position: UInt64, name: String)] = []
        let rootName = interned(node.pointee.name) ?? ""
        let rootPosition = appendStart(node, name: rootName, namespace: interned(node.pointee.ns?.pointee.href) ?? "",
                                       to: &record)
        if xmlTextReaderIsEmptyElement(reader) == 1 {
            record.events.append(.end)
            return record
        }
        open.append((0, rootPosition, rootName))
        var skip = false
        var elementCount = 1
        while true {
            guard advance(skipping: skip) else { return nil }
            skip = false
            switch nodeType {
            case XML_READER_TYPE_ELEMENT.rawValue:
                guard let child = xmlTextReaderCurrentNode(reader) else { return nil }
                let name = interned(child.pointee.name) ?? ""
                let childNamespace = interned(child.pointee.ns?.pointee.href) ?? ""
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                if childNamespace != namespace {
                    if Self.xincludeNamespaces.contains(childNamespace) {
                        noteForeign(XMLStart(localName: name, namespace: childNamespace, attributes: [], isEmpty: isEmpty,
                                             depth: Int(xmlTextReaderDepth(reader)), location: currentLocation()))
                    }
                    skip = !isEmpty
                    continue
                }
                elementCount += 1
                if elementCount > limits.elementsPerRecord {
                    abandonRecord(&record, openCount: open.count, startDepth: startDepth, at: currentLocation())
                    return record
                }
                let position = appendStart(child, name: name, namespace: childNamespace, to: &record)
                if isEmpty {
                    record.events.append(.end)
                } else {
                    open.append((0, position, name))
                }
            case XML_READER_TYPE_TEXT.rawValue, XML_READER_TYPE_CDATA.rawValue:
                guard let value = xmlTextReaderConstValue(reader), !open.isEmpty else { continue }
                let count = Int(xmlStrlen(value))
                let last = open.count - 1
                guard open[last].textBytes + count <= limits.elementTextBytes else {
                    let position = open[last].position
                    findings.append(ReaderLimits.diagnostic(
                        "element-text", limits.elementTextBytes, unit: " bytes",
                        at: SourceLocation(file: displayPath, line: Int(position >> 24), column: Int(position & 0xFFFFFF)),
                        found: "<\(open[last].name)> holds more text than allowed"))
                    continue
                }
                open[last].textBytes += count
                record.events.append(.text(record.appendBytes(value, count: count)))
            case XML_READER_TYPE_END_ELEMENT.rawValue:
                record.events.append(.end)
                open.removeLast()
                if open.isEmpty { return record }
            default:
                continue
            }
        }
    }

    /// A start event with the element's attributes (within the attribute limits); returns
    /// its position.
    private func appendStart(_ node: xmlNodePtr, name: String, namespace: String,
                             to record: inout XMLRecord) -> UInt64 {
        let position = currentPosition()
        let first = record.attributes.count
        var attribute = node.pointee.properties
        var count = 0
        while let current = attribute {
            attribute = current.pointee.next
            count += 1
            let localName = interned(current.pointee.name) ?? ""
            if count > limits.attributesPerElement {
                findings.append(ReaderLimits.diagnostic(
                    "attributes-per-element", limits.attributesPerElement, at: location(position),
                    found: "the element has more than \(limits.attributesPerElement) attributes"))
                break
            }
            var value = appendValue(of: current, to: &record)
            if value.count > limits.attributeValueBytes {
                findings.append(ReaderLimits.diagnostic(
                    "attribute-length", limits.attributeValueBytes, unit: " bytes", at: location(position),
                    found: "attribute \(localName) holds \(value.count) bytes"))
                value = value.lowerBound..<value.lowerBound + limits.attributeValueBytes
            }
            record.attributes.append(XMLRecord.Attribute(
                localName: localName, namespace: interned(current.pointee.ns?.pointee.href), value: value))
        }
        record.events.append(.start(localName: name, namespace: namespace,
                                    attributes: first..<record.attributes.count, position: position))
        return position
    }

    /// An attribute's value appended to the record: its one text child, or the children joined.
    private func appendValue(of attribute: xmlAttrPtr, to record: inout XMLRecord) -> Range<Int> {
        if let child = attribute.pointee.children, child.pointee.next == nil,
           child.pointee.type == XML_TEXT_NODE, let content = child.pointee.content {
            return record.appendBytes(content, count: Int(xmlStrlen(content)))
        }
        guard let joined = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1) else {
            return record.bytes.count..<record.bytes.count
        }
        defer { cbscore_xmlFree(joined) }
        return record.appendBytes(joined, count: Int(xmlStrlen(joined)))
    }

    /// The start tag's line << 24 | column (see `currentLocation`).
    private func currentPosition() -> UInt64 {
        let packed = cbscore_node_position(xmlTextReaderCurrentNode(reader))
        if packed != 0 { return packed }
        let location = currentLocation()
        return UInt64(location.line) << 24 | UInt64(location.column)
    }

    private func location(_ position: UInt64) -> SourceLocation {
        SourceLocation(file: displayPath, line: Int(position >> 24), column: Int(position & 0xFFFFFF))
    }

    /// Over `elementsPerRecord`: notes it, skips to the end of the record keeping nothing
    /// more, and closes what was open (the finding refuses the record).
    private func abandonRecord(_ record: inout XMLRecord, openCount: Int, startDepth: Int, at location: SourceLocation) {
        findings.append(ReaderLimits.diagnostic(
            "record-elements", limits.elementsPerRecord, at: location,
            found: "more than \(limits.elementsPerRecord) elements in one record"))
        while advance(skipping: true) {
            if nodeType == XML_READER_TYPE_END_ELEMENT.rawValue,
               Int(xmlTextReaderDepth(reader)) == startDepth { break }
        }
        for _ in 0..<openCount { record.events.append(.end) }
    }
}
