import Diagnostics
import ExactNumbers
import Testing
@testable import RulesLanguage

/// `delivery status green from 90% amber from 70%`: the thresholds monitoring rates delivery by.
@Suite struct DeliveryStatusTests {
    @Test func statesTheThresholds() throws {
        let program = try Support.program("delivery status green from 95% amber from 72.5%\n")
        let status = try #require(program.deliveryStatus)
        #expect(status.green == Exact(95))
        #expect(status.amber == Exact(decimal: "72.5")!)
    }

    @Test func absentMeansTheDefaultsApply() throws {
        #expect(try Support.program("").deliveryStatus == nil)
    }

    @Test func amberAboveGreenIsRefused() throws {
        let d = try #require(Support.diagnostics("delivery status green from 70% amber from 90%\n").first)
        #expect(d.id == "rules.check.delivery-status")
        #expect(d.message == "the amber threshold (90%) must be between 0% and the green threshold (70%)")
        #expect(d.span.start.line == 6 && d.span.start.column == 1)
    }

    @Test func aThresholdWithoutPercentSignIsRefused() throws {
        let d = try #require(Support.diagnostics("delivery status green 90 amber 70%\n").first)
        #expect(d.id == "rules.parse.expected-percent")
        #expect(d.message == "expected the green threshold as a percentage, found the number 90")
        #expect(d.span.start.line == 6 && d.span.start.column == 23)
        #expect(d.hint == "write it with a percent sign, e.g. `90%`")
    }

    @Test func givenTwiceIsRefused() throws {
        let d = try #require(Support.diagnostics(
            "delivery status green from 90% amber from 70%\ndelivery status green from 80% amber from 60%\n").first)
        #expect(d.id == "rules.parse.duplicate-status")
        #expect(d.span.start.line == 7)
    }
}
