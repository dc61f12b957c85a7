import Hummingbird

/// HTML forms as browsers send them without JavaScript: URL-encoded fields, or multipart with
/// files (an upload). Only what the pages send is read.
enum Forms {
    /// The fields of an `application/x-www-form-urlencoded` body (or query), first value of each name.
    static func urlEncoded(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { continue }
            let value = parts.count > 1 ? decode(parts[1]) ?? "" : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// One part of a multipart body.
    struct Part: Sendable {
        var name: String
        var filename: String?
        var bytes: [UInt8]
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The parts of a `multipart/form-data` body with `boundary`; nil when it is not one.
    static func multipart(_ body: [UInt8], boundary: String) -> [Part]? {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [Part] = []
        guard var position = find(delimiter, in: body, from: 0) else { return nil }
        while true {
            position += delimiter.count
            // "--" after a delimiter ends the body.
            if position + 1 < body.count, body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-") { break }
            guard let headerStart = skipLineEnd(body, position),
                  let headerEnd = find(Array("\r\n\r\n".utf8), in: body, from: headerStart) else { return nil }
            let headers = String(decoding: body[headerStart..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = find(Array("\r\n".utf8) + delimiter, in: body, from: contentStart) else { return nil }
            let disposition = headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-disposition:") } ?? ""
            if let name = parameter("name", in: disposition) {
                parts.append(Part(name: name, filename: parameter("filename", in: disposition),
                                  bytes: Array(body[contentStart..<next])))
            }
            position = next + 2
        }
        return parts
    }

    /// A `name="value"` parameter of a header line.
    static func parameter(_ name: String, in header: Substring) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix(name + "=") else { continue }
            var value = trimmed.dropFirst(name.count + 1)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return String(value)
        }
        return nil
    }

    private static func skipLineEnd(_ body: [UInt8], _ at: Int) -> Int? {
        if at + 1 < body.count, body[at] == 13, body[at + 1] == 10 { return at + 2 }
        return nil
    }

    /// Where `needle` first occurs in `haystack` at or after `start`: Knuth–Morris–Pratt, linear
    /// in the body's length whatever a hostile body holds.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, haystack.count - start >= needle.count else { return nil }
        var fallback = [Int](repeating: 0, count: needle.count)
        var k = 0
        for i in 1..<max(needle.count, 1) {
            while k > 0 && needle[i] != needle[k] { k = fallback[k - 1] }
            if needle[i] == needle[k] { k += 1 }
            fallback[i] = k
        }
        var matched = 0
        for i in start..<haystack.count {
            while matched > 0 && haystack[i] != needle[matched] { matched = fallback[matched - 1] }
            if haystack[i] == needle[matched] { matched += 1 }
            if matched == needle.count { return i - needle.count + 1 }
        }
        return nil
    }

    /// The boundary of a multipart content type.
    static func boundary(of request: Request) -> String? {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data") else { return nil }
        return parameter("boundary", in: Substring(type))
    }

    /// The text fields of a form, URL-encoded or multipart (files left out).
    static func fields(of request: Request, body: [UInt8]) -> [String: String] {
        if let boundary = boundary(of: request) {
            var fields: [String: String] = [:]
            for part in multipart(body, boundary: boundary) ?? [] where part.filename == nil && fields[part.name] == nil {
                fields[part.name] = part.text
            }
            return fields
        }
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            return [:]
        }
        return urlEncoded(String(decoding: body, as: UTF8.self))
    }

    static func field(_ name: String, of request: Request, body: [UInt8]) -> String? {
        fields(of: request, body: body)[name]
    }
}

import Foundation
