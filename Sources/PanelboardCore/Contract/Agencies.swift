import Foundation

/// Canonical agency codes, after the referral routes of the SafeLives national
/// MARAC dataset, so a MARAC's quarterly return can be filled from the store.
public enum Agency {
    public static let codes: [String] = [
        "police", "idva", "children_social_care", "adult_social_care", "primary_care",
        "secondary_care", "mental_health", "substance_misuse", "probation",
        "voluntary_sector", "mash", "education", "housing", "other",
    ]

    private static let folded: [String: String] = Dictionary(
        uniqueKeysWithValues: codes.map { (Vocabulary.fold($0), $0) })

    /// The canonical code for a name written like one (`Police`, `Mental health`).
    public static func canonical(_ raw: String) -> String? {
        folded[Vocabulary.fold(raw)]
    }
}

/// Turns local agency names (`Cleveland Police`, `CGL`) into canonical codes.
///
/// A mapping file is a CSV with the columns `local_name` and `agency`; names are
/// matched ignoring case and surrounding spaces. A bundle folder's own
/// `agency-mapping.csv` is read first, then any `--mapping` files, later entries
/// winning.
public struct AgencyMapping: Sendable {
    private var names: [String: String] = [:]

    public init() {}

    public var count: Int { names.count }

    public mutating func add(localName: String, agency: String) {
        names[Self.key(localName)] = agency
    }

    /// The agency code for a cell: a canonical code as written, else a mapped local
    /// name, else nil (the caller keeps the name as written and reports it).
    public func resolve(_ raw: String) -> String? {
        if let code = Agency.canonical(raw) { return code }
        return names[Self.key(raw)]
    }

    private static func key(_ name: String) -> String {
        name.trimmingSpaces().lowercased()
    }

    /// Reads a mapping file. Its agency column must hold canonical codes: a mapping
    /// onto a name nobody knows would only hide the problem.
    public mutating func load(contentsOf url: URL) throws {
        let file = url.lastPathComponent
        var header: [String: Int]? = nil
        var problems: [ImportProblem] = []
        _ = try CSVFile.read(url: url, encoding: .utf8, progress: nil) { record in
            // Every cell of the mapping file is checked like a bundle's: a local name
            // is printed when unmapped, and stored when mapped.
            if header == nil {
                let headerProblems = HeaderCheck.problems(record, file: file)
                if !headerProblems.isEmpty { throw ImportError.badHeader(headerProblems) }
                var columns: [String: Int] = [:]
                for i in 0..<record.count { columns[ColumnName.normalise(record.string(i))] = i }
                guard columns["local_name"] != nil, columns["agency"] != nil else {
                    throw ImportError.badMappingFile(file: file, reason: "it needs the columns local_name and agency")
                }
                header = columns
                return
            }
            var flagged = false
            for i in 0..<record.count where !record.isEmpty(i) {
                let value = record.string(i)
                if let finding = CellCheck.check(value) {
                    flagged = true
                    problems.append(ImportProblem(
                        file: file, line: record.lines[i], column: i + 1, columnName: nil,
                        message: CellCheck.message(finding, value)))
                }
            }
            if flagged { return }
            let nameIndex = header!["local_name"]!, agencyIndex = header!["agency"]!
            let local = agencyIndex < record.count && nameIndex < record.count
                ? record.string(nameIndex).trimmingSpaces() : ""
            let target = agencyIndex < record.count ? record.string(agencyIndex) : ""
            if local.isEmpty && target.trimmingSpaces().isEmpty { return }
            guard let code = Agency.canonical(target) else {
                problems.append(ImportProblem(
                    file: file, line: record.line, column: agencyIndex + 1, columnName: "agency",
                    message: "\(Mask.quoted(target)) is not an agency code (use one of: \(Agency.codes.joined(separator: ", ")))"))
                return
            }
            add(localName: local, agency: code)
        }
        if !problems.isEmpty { throw ImportError.invalidRows(problems, total: problems.count) }
    }
}
