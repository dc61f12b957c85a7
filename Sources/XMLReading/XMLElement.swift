import Diagnostics

/// An attribute as read: unqualified attributes have a nil namespace.
public struct XMLAttribute: Sendable, Hashable {
    public var localName: String
    public var namespace: String?
    public var value: String

    public init(localName: String, namespace: String? = nil, value: String) {
        self.localName = localName
        self.namespace = namespace
        self.value = value
    }
}

/// One element and its subtree, expanded from the stream: what a mapper reads values from.
/// Elements of foreign namespaces are left out (they are extensions a portal may add).
public struct XMLElement: Sendable, Hashable {
    public var localName: String
    public var namespace: String
    public var attributes: [XMLAttribute]
    public var children: [XMLElement]
    /// The element's own character data (text and CDATA children, concatenated).
    public var text: String
    /// Where the start tag's `<` stands.
    public var location: SourceLocation

    public init(localName: String, namespace: String, attributes: [XMLAttribute] = [],
                children: [XMLElement] = [], text: String = "", location: SourceLocation) {
        self.localName = localName
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.text = text
        self.location = location
    }

    /// The value of an unqualified attribute.
    public func attribute(_ name: String) -> String? {
        for a in attributes where a.namespace == nil && a.localName == name { return a.value }
        return nil
    }

    /// Children with this local name (in the element's own namespace).
    public func children(named name: String) -> [XMLElement] {
        children.filter { $0.localName == name && $0.namespace == namespace }
    }

    /// The first child with this local name (in the element's own namespace) and how many
    /// there are, without collecting them.
    public func firstChild(named name: String) -> (first: XMLElement, count: Int)? {
        var first: XMLElement? = nil
        var count = 0
        // Comparing lengths first keeps most mismatches off String's slower comparison path.
        let length = name.utf8.count
        for child in children where child.localName.utf8.count == length && child.localName == name
            && child.namespace == namespace {
            if first == nil { first = child }
            count += 1
        }
        return first.map { ($0, count) }
    }
}
