/// GSS codes of Scotland's 32 council areas, by the name the SIMD 2020v2 file gives them, so a
/// data zone can be matched against a tender's `Region` codes. The SIMD file has names only;
/// the codes are those in force since 2019 (Fife, Perth and Kinross, Glasgow City and North
/// Lanarkshire were recoded), as the NSPL's `laua` column uses them.
enum ScottishCouncils {
    static let codeByName: [String: String] = [
        "Aberdeen City": "S12000033",
        "Aberdeenshire": "S12000034",
        "Angus": "S12000041",
        "Argyll and Bute": "S12000035",
        "City of Edinburgh": "S12000036",
        "Clackmannanshire": "S12000005",
        "Dumfries and Galloway": "S12000006",
        "Dundee City": "S12000042",
        "East Ayrshire": "S12000008",
        "East Dunbartonshire": "S12000045",
        "East Lothian": "S12000010",
        "East Renfrewshire": "S12000011",
        "Falkirk": "S12000014",
        "Fife": "S12000047",
        "Glasgow City": "S12000049",
        "Highland": "S12000017",
        "Inverclyde": "S12000018",
        "Midlothian": "S12000019",
        "Moray": "S12000020",
        "Na h-Eileanan an Iar": "S12000013",
        "North Ayrshire": "S12000021",
        "North Lanarkshire": "S12000050",
        "Orkney Islands": "S12000023",
        "Perth and Kinross": "S12000048",
        "Renfrewshire": "S12000038",
        "Scottish Borders": "S12000026",
        "Shetland Islands": "S12000027",
        "South Ayrshire": "S12000028",
        "South Lanarkshire": "S12000029",
        "Stirling": "S12000030",
        "West Dunbartonshire": "S12000039",
        "West Lothian": "S12000040",
    ]
}
