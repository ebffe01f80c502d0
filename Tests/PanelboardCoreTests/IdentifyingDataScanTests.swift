import Testing
@testable import PanelboardCore

/// Cells that once made the scan loop forever, and must simply pass.
@Suite struct IdentifyingDataScanTests {
    @Test(.timeLimit(.minutes(1)), arguments: [
        "alert(1)", "<script>alert(1)</script>", "x(1", "a+1", "f(0)(1)(2)", "(", "+", "((((1", "a(", "V00123(2)",
        "\"><img src=x onerror=alert(1)>", "{{#model}}{{{css}}}{{/model}}",
    ])
    func terminatesAndPasses(cell: String) {
        #expect(IdentifyingData.scan(cell) == nil)
    }
}

/// The guard's positives (fake but well-formed values: Ofcom's drama ranges, the
/// NHS's example number and pseudo-postcode, example.org) and the near-misses that
/// exports are full of and that must pass.
@Suite struct IdentifyingDataTests {
    @Test(arguments: [
        // Postcodes, every outward form, with and without the space, in a sentence.
        ("M1 1AE", IdentifyingData.Kind.postcode), ("B33 8TH", .postcode), ("CR2 6XH", .postcode),
        ("DN55 1PT", .postcode), ("W1A 0AX", .postcode), ("EC1A 1BB", .postcode), ("SW1A 1AA", .postcode),
        ("sw1a1aa", .postcode), ("ZZ99 3CZ", .postcode), ("lives near DN55 1PT now", .postcode),
        // E-mail addresses.
        ("someone@example.org", .email), ("first.last+tag@mail.example.co.uk", .email), ("see a.b@example.com.", .email),
        // UK phone numbers.
        ("07700 900123", .phone), ("07700900123", .phone), ("07700-900-123", .phone), ("+44 7700 900123", .phone),
        ("+44 (0)20 7946 0018", .phone), ("0044 7700 900123", .phone), ("01632 960001", .phone), ("(01632) 960001", .phone),
        ("020 7946 0018", .phone), ("0300 123 4567", .phone), ("call 07700 900123 after 5", .phone),
        // NHS numbers with a valid check digit.
        ("9434765919", .nhsNumber), ("943 476 5919", .nhsNumber), ("943-476-5919", .nhsNumber), ("4010232137", .nhsNumber),
    ])
    func refuses(cell: String, kind: IdentifyingData.Kind) {
        #expect(IdentifyingData.scan(cell) == kind)
    }

    @Test(arguments: [
        "V00123", "P00042", "R0000001", "A00000123", "M01", "I001", "M0000012", "Stockton", "Hartlepool", "North Tees",
        "2024-01-03", "03/01/2024", "1/3/2024", "16", "27", "0", "3", "2024", "£1,200", "@home", "M1",
        "Children's Social Care", "Cleveland Police", "visible_high_risk", "significant update", "25-34", "65+",
        "9434765918", "1234567890", "12345", "heard, then \"stepped down\"", "DASH 18", "rfg 45", "FY2024Q1",
        "District 0012", "R0001 and R0002",
    ])
    func passes(cell: String) {
        #expect(IdentifyingData.scan(cell) == nil)
    }

    @Test(arguments: [
        "name", "Name", "first name", "First_Name", "surname", "forename", "victim_name", "Victim Name", "DOB",
        "date of birth", "Date-Of-Birth", "address", "Address Line 1", "postcode", "phone", "telephone", "mobile",
        "email", "NHS number", "NHS_No", "PNC id", "national insurance number", "NI number", "perpetrator surname",
    ])
    func identifyingColumnNames(header: String) {
        #expect(IdentifyingData.isIdentifyingColumn(header))
    }

    @Test(arguments: [
        "area", "area_name", "agency_name", "local_name", "referral_id", "victim_ref", "perpetrator_ref", "meeting_date",
        "referring_agency", "panel", "outcome", "status", "hotel", "group", "children_count", "dash_score",
    ])
    func otherColumnNames(header: String) {
        #expect(!IdentifyingData.isIdentifyingColumn(header))
    }

    @Test func masking() {
        #expect(Mask.value("SW1A 1AA") == "S*** ***")
        #expect(Mask.value("someone@example.org") == "s******@*******.***")
        #expect(Mask.value("07700 900123") == "0**** ******")
        #expect(Mask.quoted("maybe") == "'m****'")
    }
}
