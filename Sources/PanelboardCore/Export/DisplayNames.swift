/// How a code reads on a board paper: `children_social_care` is "Children's social
/// care", `idva` is "IDVA".
public func displayName(_ code: String) -> String {
    let special = [
        "idva": "IDVA", "mash": "MASH", "dvds": "DVDS (disclosure scheme)", "dvpo": "DVPO (protection order)",
        "children_social_care": "Children's social care", "mappa": "MAPPA", "marac": "MARAC", "age_16_17": "Aged 16-17",
        "lgbt": "LGBT+", "ethnic_minority": "Black, Asian or racially minoritised", "perpetrator_under_18": "Perpetrator aged 17 or under",
        "gender_other": "Gender: other", "gender_unknown": "Gender: not recorded",
    ]
    if let name = special[code] { return name }
    let words = code.replacingOccurrences(of: "_", with: " ")
    return words.prefix(1).uppercased() + words.dropFirst()
}

extension String {
    /// "Police" reads "police" mid-sentence; "IDVA" stays "IDVA".
    var lowercasedFirstUnlessAcronym: String {
        guard let first = first, count > 1, !self[index(after: startIndex)].isUppercase else { return self }
        return first.lowercased() + dropFirst()
    }
}
