import Foundation
@testable import Server
import Testing

/// WCAG 2.2 AA contrast of the pages' colours, read from the stylesheet the service sends:
/// 4.5:1 for text on its background (1.4.3), 3:1 for focus outlines and field borders (1.4.11).
@Suite struct ContrastTests {
    static let css = Service.stylesheet

    /// `--name: #rrggbb` from the stylesheet's `:root`.
    static func variable(_ name: String) throws -> String {
        let pattern = try NSRegularExpression(pattern: "--\(name):\\s*(#[0-9a-fA-F]{6})")
        let range = NSRange(css.startIndex..., in: css)
        let match = try #require(pattern.firstMatch(in: css, range: range), "--\(name) in the stylesheet")
        return String(css[Range(match.range(at: 1), in: css)!])
    }

    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16)!
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
        let linear = channels.map { $0 <= 0.04045 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    static func ratio(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func textMeetsFourPointFiveToOne() throws {
        let ink = try Self.variable("ink"), muted = try Self.variable("muted"), band = try Self.variable("band")
        let accent = try Self.variable("accent"), pass = try Self.variable("pass"), fail = try Self.variable("fail")
        let white = "#ffffff"
        // Backgrounds written as literals: each must still be in the stylesheet as tested.
        for declaration in [".green { background: #2e7d32; }", ".amber { background: #8a5300; }", ".red { background: #c62828; }",
                            ".due { background: #616161; }", ".overdue-tag { background: #b42318; color: #fff; }",
                            "background: #fdf0ef;", "background: #eef8f0;", "background: #fde8e6; color: var(--fail);"] {
            #expect(Self.css.contains(declaration), "the stylesheet no longer has \(declaration): update this test")
        }
        let pairs: [(String, String, String)] = [
            ("text", ink, white), ("muted text", muted, white), ("muted text in a panel", muted, band),
            ("links", accent, white), ("links in a panel", accent, band), ("the header and primary buttons", white, accent),
            ("passed", pass, white), ("failed, excluded", fail, white), ("an error box's heading", fail, "#fdf0ef"),
            ("text in an error box", ink, "#fdf0ef"), ("text in a confirmation", ink, "#eef8f0"), ("a failed badge", fail, "#fde8e6"),
            ("green", white, "#2e7d32"), ("amber", white, "#8a5300"), ("red", white, "#c62828"), ("not yet due", white, "#616161"),
            ("overdue", white, "#b42318"),
        ]
        for (what, foreground, background) in pairs {
            let r = Self.ratio(foreground, background)
            #expect(r >= 4.5, "\(what): \(foreground) on \(background) is \(String(format: "%.2f", r)):1")
        }
    }

    @Test func outlinesAndBordersMeetThreeToOne() throws {
        let ink = try Self.variable("ink")
        #expect(Self.css.contains("outline: 3px solid var(--ink)"))
        #expect(Self.ratio(ink, "#ffffff") >= 3, "focus outline on white")
        #expect(Self.ratio(ink, try Self.variable("band")) >= 3, "focus outline in a panel")
        #expect(Self.css.contains("header.site a:focus-visible, header.site button:focus-visible { outline-color: #fff; }"))
        #expect(Self.ratio("#ffffff", try Self.variable("accent")) >= 3, "focus outline in the header")
        #expect(Self.css.contains("border: 1px solid #6b7682"))
        #expect(Self.ratio("#6b7682", "#ffffff") >= 3, "a field's border")
    }
}
