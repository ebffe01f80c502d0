/// Column names that say a column identifies a person, recognised on the name's
/// words rather than on exact spellings: `Victim's name`, `VictimName`, `Name of
/// victim`, `First name(s)`, `Date of Birth (DD/MM/YYYY)`, `Phone 1`, `Mobile No`,
/// `Address 1`, `National Insurance No` and `Driving licence number` all name the
/// same things as `victim_name`, `dob`, `phone`, `address`, `nino`.
///
/// A header is split into words (lower case; a break at anything that is not a
/// letter, at a change from letters to digits, and at a lower-to-upper case change),
/// digits are dropped, and the words are read against the rules below, in both
/// singular and plural. `name` is the one word that also names places, agencies and
/// services (`area_name`, `agency_name`, `team_name`): it identifies a person unless
/// the word before it, or the word after `name of`, is one of those.
enum ColumnNameRule {
    static func isIdentifying(_ header: String) -> Bool {
        let split = words(header)
        // Initials spelt out (`D.O.B`, `d_o_b`) are read joined, as `dob`.
        let joinedLetters = joiningSingleLetters(split)
        return judge(split) || (joinedLetters != split && judge(joinedLetters))
    }

    /// Runs of one-letter words joined into one word.
    static func joiningSingleLetters(_ words: [String]) -> [String] {
        var out: [String] = []
        var run = ""
        for word in words {
            if word.count == 1 { run += word; continue }
            if !run.isEmpty { out.append(run); run = "" }
            out.append(word)
        }
        if !run.isEmpty { out.append(run) }
        return out
    }

    private static func judge(_ words: [String]) -> Bool {
        guard !words.isEmpty else { return false }
        // Short words that are an identifier only as the whole name (`chi_squared`
        // is not a CHI number).
        if words.count == 1 && ["initial", "flat", "nhs", "chi", "cro", "ni", "cell", "mail", "born"].contains(words[0]) { return true }
        for (k, word) in words.enumerated() {
            let next = k + 1 < words.count ? words[k + 1] : nil
            if matches(word, alone) || hasStem(word) { return true }
            if let next, let followers = pairs[singular(word)], followers.contains(singular(next)) { return true }
            if isPersonName(word, at: k, in: words) { return true }
        }
        if words.contains(where: { singular($0) == "birth" || $0 == "born" })
            && !words.contains(where: { ["country", "nation", "nationality", "place"].contains($0) }) {
            return true
        }
        // Joined forms of the pairs: `dateofbirth`, `nationalinsurance`, `knownas`.
        let joined = words.joined()
        return containsAny(joined, joinedForms)
    }

    /// Words that identify wherever they stand, whole or in the plural.
    private static let alone: Set<String> = [
        "surname", "forename", "firstname", "lastname", "fullname", "givenname", "middlename", "maidenname",
        "birthname", "familyname", "nickname", "initials", "alias", "aka", "maiden", "nee", "dob", "birthday",
        "birthdate", "addr", "zip", "zipcode", "tel", "telno", "mob", "landline", "nino", "pnc", "pncid", "nhsno", "nhsnumber", "passport", "streetname", "housenumber", "houseno", "housename",
        "flatno", "flatnumber", "contactno", "contactnumber", "whatsapp", "cellphone", "fullnm", "firstnm", "lastnm",
        "surnm",
    ]

    /// Stems that identify as the end of a joined word (`homeaddress`,
    /// `mobilephone`, `victimemail`) or its start before a noun such as `number`
    /// (`phonenumber`, `emailaddress`, `addressline`), but not inside another word
    /// (`emailed`, `phoned`).
    private static let stems: [String] = [
        "address", "street", "postcode", "postalcode", "phone", "mobile", "email", "surname", "forename",
        "passport", "dateofbirth",
    ]

    /// Two words that identify together: `first name` is caught by `name`, but
    /// `house number`, `known as` and `national insurance` need their pair.
    private static let pairs: [String: Set<String>] = [
        "house": ["number", "no", "num", "name"],
        "flat": ["number", "no", "num", "name"],
        "known": ["as"],
        "post": ["code"],
        "postal": ["code"],
        "zip": ["code"],
        "contact": ["number", "no", "num", "tel", "telephone", "detail"],
        "e": ["mail"],
        "mail": ["address"],
        "date": ["birth"],
        "nhs": ["number", "no", "num", "id", "ref"],
        "chi": ["number", "no", "num"],
        "cro": ["number", "no", "num", "id", "ref"],
        "pnc": ["number", "no", "num", "id", "ref"],
        "ni": ["number", "no", "num"],
        "national": ["insurance"],
        "insurance": ["number", "no", "num"],
        "driving": ["licence", "license"],
        "driver": ["licence", "license"],
        "licence": ["number", "no", "num"],
        "license": ["number", "no", "num"],
        "preferred": ["name"],
        "home": ["number", "no", "num", "phone", "tel", "telephone"],
        "full": ["nm"],
        "first": ["nm"],
        "last": ["nm"],
        "given": ["nm"],
        "cell": ["phone", "number", "no", "num"],
    ]

    /// Joined forms of the pairs.
    private static let joinedForms: [String] = [
        "knownas", "nationalinsurance", "drivinglicence", "drivinglicense", "driverlicence", "driverslicence",
        "nhsnumber", "chinumber", "pncnumber", "cronumber", "ninumber", "emailaddress", "dateofbirth", "whatsapp",
    ]

    /// What `name` may follow (or, as `name of ...`, precede) when it names a place,
    /// an organisation, a service or a thing rather than a person.
    private static let notPeople: Set<String> = [
        "area", "agency", "team", "panel", "service", "local", "file", "table", "column", "field", "scheme",
        "school", "organisation", "organization", "org", "unit", "group", "project", "provider", "site",
        "location", "place", "ward", "district", "borough", "council", "force", "region", "trust", "hospital",
        "practice", "surgery", "court", "meeting", "metric", "event", "report", "query", "category", "type",
        "code", "display", "programme", "program", "course", "intervention", "dataset", "bundle", "sheet",
        "town", "city", "county", "country", "authority", "department", "directorate", "division",
        "business", "company", "product", "venue", "partnership", "board", "role", "status", "tab", "form",
    ]

    /// `name`, `names`, or a word ending in it (`victimname`), not naming a place
    /// or an organisation.
    private static func isPersonName(_ word: String, at k: Int, in words: [String]) -> Bool {
        let w = singular(word)
        guard w.hasSuffix("name") else { return false }
        if w != "name" {
            // A joined form: judge what is before `name` (`areaname` is a place).
            let before = String(w.dropLast(4))
            return !notPeople.contains(before) && !["re", "host", "domain"].contains(before)
        }
        if k > 0 && notPeople.contains(singular(words[k - 1])) { return false }
        // `name of agency`
        if k + 2 < words.count && words[k + 1] == "of" && notPeople.contains(singular(words[k + 2])) { return false }
        return true
    }

    private static func matches(_ word: String, _ set: Set<String>) -> Bool {
        set.contains(word) || set.contains(singular(word))
    }

    private static let stemEndings: Set<String> = [
        "address", "addr", "number", "num", "no", "line", "name", "code", "detail", "id", "book",
    ]

    private static func hasStem(_ word: String) -> Bool {
        let w = singular(word)
        return stems.contains { stem in
            w.hasSuffix(stem) || (w.hasPrefix(stem) && stemEndings.contains(singular(String(w.dropFirst(stem.count)))))
        }
    }

    private static func containsAny(_ word: String, _ stems: [String]) -> Bool {
        stems.contains { word.contains($0) }
    }

    /// `names` -> `name`, `addresses` -> `address`, `details` -> `detail`; words that
    /// end in `s` of their own (`alias`, `address`, `status`) stay.
    static func singular(_ word: String) -> String {
        if ["alias", "address", "status", "as", "has", "his", "yes", "was", "nhs", "aliases"].contains(word) {
            return word == "aliases" ? "alias" : word
        }
        if word.hasSuffix("sses") { return String(word.dropLast(2)) }
        if word.hasSuffix("s") && !word.hasSuffix("ss") && word.count > 2 { return String(word.dropLast()) }
        return word
    }

    /// The header's words, lower case, without digits.
    static func words(_ header: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        func flush() {
            if !current.isEmpty { words.append(current.lowercased()) }
            current = ""
        }
        for ch in header {
            if ch.isLetter {
                if ch.isUppercase && previousWasLower { flush() }
                current.append(ch)
                previousWasLower = ch.isLowercase
            } else {
                // Digits and everything else break words; digits are dropped.
                flush()
                previousWasLower = false
            }
        }
        flush()
        // `Victim's` is one word, `victim`.
        return words.filter { $0 != "s" }
    }
}
