import Testing
@testable import Areas

@Test(arguments: [
    ("dg1 1ad", "DG1 1AD"), ("DG11AD", "DG1 1AD"), (" Dg1  1aD ", "DG1 1AD"), ("g312xt", "G31 2XT"),
    ("EC1A1BB", "EC1A 1BB"), ("w1a 0ax", "W1A 0AX"), ("M1 1AE", "M1 1AE"), ("DG10 9AA", "DG10 9AA"),
])
func postcodesAreNormalised(written: String, standard: String) {
    #expect(Postcode.normalise(written) == standard)
}

@Test(arguments: ["", "DG1", "DG1 1A", "1DG 1AD", "DG1 AAD", "DG1 11D", "DGGG1 1AD", "S01006506", "DG1-1AD"])
func nonPostcodesAreRefused(written: String) {
    #expect(Postcode.normalise(written) == nil)
}

@Test func codeKeysRoundTrip() {
    for code in ["S01006506", "E01000001", "W01001958", "S01013481"] {
        let key = AreaKey.code(code)
        #expect(key.map(AreaKey.codeText) == code)
    }
    #expect(AreaKey.code("S0100650") == nil)
    #expect(AreaKey.code("s01006506") == nil)
    #expect(AreaKey.postcode(compact: Array("DG11AD".utf8)).map(AreaKey.postcodeText) == "DG1 1AD")
}
