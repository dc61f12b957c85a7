import Testing
import Diagnostics
@testable import XMLReading

@Suite struct MessageRewriterTests {
    let rewriter = XMLMessageRewriter(typeDescriptions: ["area": "an area code"],
                                      valueDescriptions: ["period": "a period"])

    @Test func facets() {
        #expect(rewriter.rewrite("Element '{urn:x}Job', attribute 'fte': [facet 'maxInclusive'] The value '1.5' "
            + "is greater than the maximum value allowed ('1').") == "Job/@fte: '1.5' is above the maximum of 1")
        #expect(rewriter.rewrite("Element '{urn:x}Price': [facet 'minInclusive'] The value '-1' is less than the "
            + "minimum value allowed ('0').") == "Price: '-1' is below the minimum of 0")
        #expect(rewriter.rewrite("Element '{urn:x}Job', attribute 'fte': [facet 'minExclusive'] The value '0' must "
            + "be greater than '0'.") == "Job/@fte: '0' must be greater than 0")
        #expect(rewriter.rewrite("Element '{urn:x}Size': [facet 'enumeration'] The value 'huge' is not an element "
            + "of the set {'micro', 'small'}.") == "Size: 'huge' is not one of micro, small")
        #expect(rewriter.rewrite("Element '{urn:x}Price': [facet 'fractionDigits'] The value '1.234' has more "
            + "fractional digits than are allowed ('2').") == "Price: '1.234' has more than 2 decimal places")
        #expect(rewriter.rewrite("Element '{urn:x}R', attribute 'period': [facet 'pattern'] The value 'x' is not "
            + "accepted by the pattern 'p'.") == "R/@period: 'x' is not a period")
    }

    @Test func structure() {
        #expect(rewriter.rewrite("Element '{urn:x}Job': The attribute 'fte' is required but missing.")
                == "Job: required attribute is missing")
        #expect(rewriter.rewrite("Element '{urn:x}Bid': Missing child element(s). Expected is ( {urn:x}Price ).")
                == "Bid: missing required element: Price")
        #expect(rewriter.rewrite("Element '{urn:x}Bid': Character content other than whitespace is not allowed "
            + "because the content type is 'element-only'.") == "Bid: text is not allowed here (only elements)")
        #expect(rewriter.rewrite("Something libxml2 says about {urn:x}Bid.") == "Something libxml2 says about Bid.")
    }

    @Test func foldsTheFacetAndTypeMessagesIntoOne() {
        let at = SourceLocation(file: "f.xml", line: 3, column: 9)
        let raw = [
            RawXMLError(origin: .schema, isFatal: false, code: 1839,
                        message: "Element '{urn:x}Job', attribute 'area': [facet 'pattern'] The value 'G3' is not "
                            + "accepted by the pattern 'p'.", location: at),
            RawXMLError(origin: .schema, isFatal: false, code: 1824,
                        message: "Element '{urn:x}Job', attribute 'area': 'G3' is not a valid value of the atomic "
                            + "type '{urn:x}area'.", location: at),
        ]
        #expect(rewriter.diagnostics(for: raw).map(\.description) == ["f.xml:3:9: Job/@area: 'G3' is not an area code"])
    }
}

@Suite struct PrologueScanTests {
    func scan(_ text: String) -> String? {
        PrologueScan.problem(in: Array(text.utf8)[...], displayPath: "f.xml")?.location.description
    }

    @Test func findsTheDoctypeAfterDeclarationsCommentsAndInstructions() {
        #expect(scan("<?xml version=\"1.0\"?>\n<!-- a\ncomment -->\n  <?pi x?><!DOCTYPE x>") == "f.xml:4:11")
        #expect(scan("\u{FEFF}<!DOCTYPE x>") == "f.xml:1:1")
        #expect(scan("<?xml version=\"1.0\"?><Bid/><!DOCTYPE x>") == nil)
        #expect(scan("<!-- unterminated") == nil)
    }
}
