@testable import PanelboardCore

/// The guard's table: identifying values that must be refused wherever they stand,
/// and near-misses that exports are full of and that must import. The values are
/// fake but well formed: Ofcom's drama ranges (07700 900xxx, 0161 496 0xxx, ...),
/// the NHS's example number 943 476 5919, example.com addresses, Royal Mail's own
/// and other well-known non-residential postcodes, HMRC's textbook NI number.
enum IdentifyingValues {
    static let refused: [(value: String, kind: IdentifyingData.Kind)] = [
        // Postcodes: every outward form, any case, zero to two spaces or a hyphen.
        ("SW1A 1AA", .postcode), ("sw1a1aa", .postcode), ("TS18 1AA", .postcode), ("TS18  1AA", .postcode),
        ("ts18-1aa", .postcode), ("GIR 0AA", .postcode), ("M1 1AE", .postcode), ("B33 8TH", .postcode),
        ("CR2 6XH", .postcode), ("DN55 1PT", .postcode), ("W1A 0AX", .postcode), ("EC1A 1BB", .postcode),
        ("ZZ99 3CZ", .postcode), ("SW1A\u{00A0}1AA", .postcode), ("lives near DN55 1PT now", .postcode),
        // E-mail addresses.
        ("jo.bloggs@example.com", .email), ("someone@example.org", .email), ("first.last+tag@mail.example.co.uk", .email),
        // UK phone numbers, in the groupings and with the prefixes people type.
        ("07700900123", .phone), ("07700 900123", .phone), ("07700 900 123", .phone), ("07700-900-123", .phone),
        ("07700.900.123", .phone), ("07700/900123", .phone), ("07700\u{00A0}900123", .phone),
        ("07700\u{202F}900\u{202F}123", .phone), ("+44 7700 900123", .phone), ("+447700900123", .phone),
        ("+44.7700.900123", .phone), ("+44 (0)20 7946 0018", .phone), ("0044 7700 900123", .phone),
        ("(01632) 960001", .phone), ("0161 496 0000", .phone), ("020 7946 0018", .phone), ("0300 123 4567", .phone),
        ("Tel07700900123", .phone), ("Mob07700900123", .phone), ("Tel: 07700 900123", .phone),
        ("call 07700 900123 after 5", .phone), ("seen 2024-01-04, 07700 900123", .phone),
        // NHS numbers with a valid check digit, in any grouping.
        ("9434765919", .nhsNumber), ("943 476 5919", .nhsNumber), ("943-476-5919", .nhsNumber),
        ("943.476.5919", .nhsNumber), ("943 4765 919", .nhsNumber), ("9434 765 919", .nhsNumber),
        ("NHS9434765919", .nhsNumber), ("4010232137", .nhsNumber), ("reviewed 2024-01-04 9434765919", .nhsNumber),
        // National Insurance numbers.
        ("AB123456C", .nationalInsurance), ("AB 12 34 56 C", .nationalInsurance), ("ab 12 34 56 c", .nationalInsurance),
        ("NINO JG-10-37-26-A", .nationalInsurance),
        // As typed in word processors and on phones: dashes, invisible characters,
        // tabs and line breaks inside, full-width forms, a letter glued on after.
        ("07700\u{2013}900123", .phone), ("07700\u{2011}900\u{2011}123", .phone), ("07700\u{2212}900123", .phone),
        ("07700\u{2014}900123", .phone), ("07700\t900123", .phone), ("07700\n900123", .phone),
        ("07700900123x", .phone), ("07700\u{200B}900123", .phone), ("0770\u{00AD}0900123", .phone),
        ("\u{FF10}\u{FF17}\u{FF17}\u{FF10}\u{FF10}\u{FF19}\u{FF10}\u{FF10}\u{FF11}\u{FF12}\u{FF13}", .phone),
        ("SW1A\u{2013}1AA", .postcode), ("SW1A\t1AA", .postcode), ("SW1A\n1AA", .postcode), ("SW1A.1AA", .postcode),
        ("sw1a/1aa", .postcode), ("SW1A   1AA", .postcode), ("SW1A\u{200D}1AA", .postcode),
        ("\u{FF33}\u{FF37}1A 1AA", .postcode), ("943\u{2013}476\u{2013}5919", .nhsNumber),
        ("jo.bloggs\u{FF20}example.com", .email), ("jo.bloggs@ex\u{00E4}mple.com", .email),
    ]

    /// Values the guard must let through, in free text and, where they fit, in the
    /// typed columns they belong to.
    static let passed: [String] = [
        "V00123", "P00042", "P0001", "R0000001", "A00000123", "M01", "I001", "M0000012", "V00123 V00124",
        "District 0008", "District 0012", "M62 J26", "A1 road", "DASH 18", "DASH score 23 of 27", "rfg 45", "RFG 145",
        "2024-01-03", "03/01/2024", "1/3/2024", "reviewed 2024-01-04 2024-01-18", "2024-01-04 2024-01-18 2024-02-01",
        "2024-01-04, 2024-01-18", "04/01/2024 18/01/2024", "seen 2024-01-04 and 18/01/2024", "2024-01 2024-02 2024-03",
        "16", "27", "0", "2024", "£1,200", "£12,500.50", "1,234,567", "12 referrals, 3 actions", "3 of 5 agencies",
        "QQ123456C", "QQ 12 34 56 C", "AB123456", "FY2024Q1", "2023-24", "2023/24", "Q1 2024", "Section 47", "S47",
        "Stockton", "North Tees", "Children's Social Care", "visible_high_risk", "25-34", "65+", "@home", "M1",
        "9434765918", "1234567890", "12345", "07700 9001", "0770090012345", "+33 1 23 45 67 89", "24/7", "10:30", "version 1.2.3", "heard, then \"stepped down\"",
    ]

    /// Column names that identify a person, however they are spelled.
    static let identifyingColumnNames: [String] = [
        // The list: slightly-off headers that once passed a raw import.
        "Victim's name", "VictimName", "Name of victim", "First name(s)", "Initials", "Known As", "AKA", "Alias",
        "Child 1 name", "Date of Birth (DD/MM/YYYY)", "birthday", "Phone 1", "Mobile No", "Contact number", "Email 2",
        "Address 1", "Street Name", "House number", "National Insurance No", "Passport", "Driving licence number",
        // And the usual spellings.
        "name", "Name", "names", "first name", "First_Name", "firstName", "surname", "Surnames", "forename",
        "victim_name", "Victim Name", "perpetrator surname", "client_names", "child1name", "victimname", "maiden name",
        "nickname", "preferred name", "known_as", "DOB", "victim_dob", "date of birth", "Date-Of-Birth", "dateofbirth",
        "birth date", "address", "Address Line 1", "home_address", "addresses", "street", "flat", "flat number",
        "house_no", "postcode", "Post Code", "post_code1", "zip", "telephone", "tel", "Tel No", "mobile",
        "mobile_phone", "MobilePhone", "phonenumber", "homeaddress", "AddressLine2", "phone", "phone_number", "landline", "email", "e-mail", "E-mail address", "EmailAddress",
        "NHS", "NHS number", "NHS_No", "nhsnumber", "CHI number", "CHI", "PNC", "PNC id", "CRO number",
        "national insurance number", "NI number", "NINO", "ni_no", "passport number", "driving_licence", "Driver License",
        // Found by trying: initials spelt out, abbreviations, other words for the same things.
        "D.O.B", "d_o_b", "D O B", "full_nm", "First Nm", "mail", "Born", "year born", "WhatsApp", "Cell", "Cell phone",
        "Home Number", "home_phone",
    ]

    /// Column names that merely contain such a word, and the contract's own: a
    /// rule may not refuse them.
    static let passedColumnNames: [String] = [
        "victim_ref", "perpetrator_ref", "area_name", "agency_name", "team_name", "panel_name", "service_name",
        "local_name", "display_name", "Name of agency", "school name", "hotel", "initial_assessment_date",
        "contact", "contact_date", "contact_made", "country_of_birth", "children_count", "dash_score", "status", "group", "notes",
        "referral_source", "agency", "meeting_type", "minutes_emailed_date", "phoned_back", "screening_decision", "repeat_panels", "not_same_day_as",
    ]
}
