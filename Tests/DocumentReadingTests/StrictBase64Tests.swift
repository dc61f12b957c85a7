import Testing
@testable import DocumentReading

/// RFC 4648 base64, decoded strictly (interchange.md: "anything else is a refusal").
@Suite struct StrictBase64Tests {
    func decoded(_ text: String) -> [UInt8]? {
        if case .success(let bytes) = StrictBase64.decode(text) { return bytes }
        return nil
    }

    func problem(_ text: String) -> String? {
        if case .failure(let problem) = StrictBase64.decode(text) { return problem.message }
        return nil
    }

    @Test func theRFC4648TestVectors() {
        // RFC 4648 §10.
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=",
                       "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(decoded(encoded) == Array(plain.utf8), "\(encoded)")
            #expect(EnvelopeWriter.base64Lines(Array(plain.utf8), indent: "") == (encoded.isEmpty ? "" : encoded + "\n"))
        }
    }

    @Test func everyByteValueAndLengthRoundTrips() {
        for length in 0..<80 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
            #expect(decoded(EnvelopeWriter.base64Lines(bytes, indent: "    ")) == bytes, "\(length)")
        }
    }

    @Test func whitespaceAndLineBreaksAnywhere() {
        #expect(decoded(" Zm9v\r\n\tYm Fy \n") == Array("foobar".utf8))
    }

    @Test func aCharacterOutsideTheAlphabet() {
        #expect(problem("Zm9v\nYm-y") == "'-' at line 2, column 3 of the content is not a base64 character (A-Z, a-z, 0-9, + and / with = padding)")
        #expect(problem("Zm9v_mFy")?.hasPrefix("'_' at line 1, column 5") == true)
        #expect(problem("Zm9v\u{0}mFy")?.hasPrefix("U+0000 at line 1, column 5") == true)
        #expect(problem("Zm9vé")?.hasPrefix("a character beyond ASCII at line 1, column 5") == true)
    }

    @Test func missingPadding() {
        #expect(problem("Zg") == "the content ends inside a group of four characters (2 characters; base64 is padded with = to a multiple of 4)")
        #expect(problem("Zg=") != nil)
    }

    @Test func paddingBeforeTheEnd() {
        #expect(problem("Zg==Zm9v") == "data at line 1, column 5 of the content follows the '=' padding that ends base64")
        #expect(problem("Z===") == "'=' padding at line 1, column 2 of the content stands where data is expected")
        #expect(problem("====") != nil)
    }

    @Test func bitsBeyondTheDataAreRefused() {
        // "Zh==" decodes to "f" in a lenient decoder; its last character carries bits that are not data.
        #expect(problem("Zh==") == "the last group has bits set beyond the data (not the canonical base64 of any bytes)")
        #expect(problem("Zm9=") == "the last group has bits set beyond the data (not the canonical base64 of any bytes)")
        #expect(decoded("Zm8=") == Array("fo".utf8))
    }
}
