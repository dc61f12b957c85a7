import Testing
import CLibXML2
import Diagnostics
@testable import XMLReading

@Suite struct MessageRewriterTests {
    let rewriter = XMLMessageRewriter(typeDescriptions: ["area": "an area code"],
                                      valueDescriptions: ["period": "a period"])

    /// A schema error as libxml2 reports it: its code, its fields and its message.
    func error(_ code: xmlParserErrors, _ message: String, _ str1: String? = nil, _ str2: String? = nil,
               _ str3: String? = nil, atEnd: Bool = false) -> RawXMLError {
        var raw = RawXMLError(origin: .schema, isFatal: false, code: Int(code.rawValue), message: message,
                              location: SourceLocation(file: "f.xml", line: 3, column: 9),
                              str1: str1, str2: str2, str3: str3)
        raw.raisedAtEndTag = atEnd
        raw.raisedAtStartTag = !atEnd
        return raw
    }

    @Test func facets() {
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID, "Element '{urn:x}Job', attribute 'fte': "
            + "[facet 'maxInclusive'] The value '1.5' is greater than the maximum value allowed ('1').", "1.5", "1"))
            == "Job/@fte: '1.5' is above the maximum of 1")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_MININCLUSIVE_VALID, "Element '{urn:x}Price': [facet "
            + "'minInclusive'] The value '-1' is less than the minimum value allowed ('0').", "-1", "0"))
            == "Price: '-1' is below the minimum of 0")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID, "Element '{urn:x}Job', attribute 'fte': "
            + "[facet 'minExclusive'] The value '0' must be greater than '0'.", "0", "0"))
            == "Job/@fte: '0' must be greater than 0")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_ENUMERATION_VALID, "Element '{urn:x}Size': [facet "
            + "'enumeration'] The value 'huge' is not an element of the set {'micro', 'small'}.", "huge",
            "'micro', 'small'")) == "Size: 'huge' is not one of micro, small")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_FRACTIONDIGITS_VALID, "Element '{urn:x}Price': [facet "
            + "'fractionDigits'] The value '1.234' has more fractional digits than are allowed ('2').", "1.234", "2"))
            == "Price: '1.234' has more than 2 decimal places")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_PATTERN_VALID, "Element '{urn:x}R', attribute 'period': "
            + "[facet 'pattern'] The value 'x' is not accepted by the pattern 'p'.", "x", "p"))
            == "R/@period: 'x' is not a period")
        // Length facets: an element's fields are (actual, allowed), an attribute's (value, actual, allowed).
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_MAXLENGTH_VALID, "Element '{urn:x}Name': [facet "
            + "'maxLength'] The value has a length of '501'; this exceeds the allowed maximum length of '500'.",
            "501", "500")) == "Name: the value is longer than 500 characters")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_MAXLENGTH_VALID, "Element '{urn:x}Job', attribute 'ref': "
            + "[facet 'maxLength'] The value 'xxx' has a length of '3'; this exceeds the allowed maximum length "
            + "of '2'.", "xxx", "3", "2")) == "Job/@ref: the value is longer than 2 characters")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_MINLENGTH_VALID, "Element '{urn:x}Name': [facet "
            + "'minLength'] The value has a length of '0'; this underruns the allowed minimum length of '1'.",
            "0", "1")) == "Name: a value is required")
    }

    /// The code decides, not the wording: a message libxml2 words differently reads the same.
    @Test func theCodeDecidesNotTheWording() {
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID,
                                       "Element '{urn:x}Job', attribute 'fte': too big.", "1.5", "1"))
            == "Job/@fte: '1.5' is above the maximum of 1")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3, "Element '{urn:x}Bid': no text here."))
            == "Bid: text is not allowed here (only elements)")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1,
                                       "Element '{urn:x}Job': the attribute 'x' may not be here.", "x"))
            == "Job: attribute not allowed here")
    }

    @Test func structure() {
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2, "Element '{urn:x}Job', attribute "
            + "'shift': The attribute 'shift' is not allowed.", "shift")) == "Job/@shift: attribute not allowed here")
        // On an element of a simple type libxml2 raises another code for the same problem.
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_TYPE_3_1_1, "Element '{urn:x}Name', attribute 'lang': "
            + "The attribute 'lang' is not allowed.", "lang")) == "Name/@lang: attribute not allowed here")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_COMPLEX_TYPE_4,
                                       "Element '{urn:x}Job': The attribute 'fte' is required but missing.", "fte"))
                == "Job: required attribute is missing")
        // One code for both: missing content is raised at the end tag, an unexpected element at its start.
        #expect(rewriter.rewrite(error(XML_SCHEMAV_ELEMENT_CONTENT,
                                       "Element '{urn:x}Bid': Missing child element(s). Expected is ( {urn:x}Price ).",
                                       atEnd: true))
                == "Bid: missing required element: Price")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_ELEMENT_CONTENT, "Element '{urn:x}Warranty': This element is "
            + "not expected. Expected is one of ( {urn:x}Price, ##other{urn:x}* ).", atEnd: false))
                == "Warranty: unexpected element; expected one of Price or an element of another namespace")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3, "Element '{urn:x}Bid': Character content "
            + "other than whitespace is not allowed because the content type is 'element-only'."))
                == "Bid: text is not allowed here (only elements)")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2, "Element '{urn:x}Price': Element content "
            + "is not allowed, because the content type is a simple type definition."))
                == "Price: child elements are not allowed here (a plain value is expected)")
        #expect(rewriter.rewrite(error(XML_SCHEMAV_MISC, "Something libxml2 says about {urn:x}Bid."))
                == "Something libxml2 says about Bid.")
    }

    @Test func foldsTheFacetAndTypeMessagesIntoOne() {
        let raw = [
            error(XML_SCHEMAV_CVC_PATTERN_VALID, "Element '{urn:x}Job', attribute 'area': [facet 'pattern'] The "
                + "value 'G3' is not accepted by the pattern 'p'.", "G3", "p"),
            error(XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1, "Element '{urn:x}Job', attribute 'area': 'G3' is not a "
                + "valid value of the atomic type '{urn:x}area'.", "G3"),
        ]
        #expect(rewriter.diagnostics(for: raw).map(\.description) == ["f.xml:3:9: Job/@area: 'G3' is not an area code"])
    }

    @Test func theRootsMissingDeclarationIsLeftToTheReader() {
        var root = error(XML_SCHEMAV_CVC_ELT_1, "Element 'Wrong': No matching global declaration available for the "
            + "validation root.")
        root.depth = 1
        #expect(rewriter.diagnostics(for: [root]).isEmpty)
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
