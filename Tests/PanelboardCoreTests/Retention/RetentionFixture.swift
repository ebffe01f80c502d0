import Foundation
@testable import PanelboardCore

/// A MARAC bundle (Fixtures/retention/) with cases either side of a 2020-01-01 cut-off, each there for a
/// reason:
/// - V18001 (North): two referrals in 2018, their actions, a meeting (M18001)
///   that heard only them, an incident with P18001: the case to purge.
/// - V18002: a referral in 2018 heard at M18002 alongside V18001's second, and one
///   in 2024: kept whole, so M18002 stays and the 2024 referral stays a repeat.
/// - V18003 (South): 2024 only; its perpetrator P18009 also appears in an
///   incident with V18001 (I18003), which stays because P18009 is in a kept case.
/// - V18004: a 2018 referral with an action completed in 2020: its latest activity
///   is after the cut-off, so it is kept.
enum RetentionFixture {
    /// The ids that go. V18001 stays in the store: I18003 names them, and stays
    /// with P18009's kept case.
    static let purgedIDs = ["R18001", "R18003", "A18001", "A18002", "M18001", "I18001", "P18001"]

    /// The bundle's files (Fixtures/retention/), by name.
    static var files: [String: String] {
        let folder = MetricsHarness.repository.appendingPathComponent("Fixtures/retention")
        var files: [String: String] = [:]
        for name in ["areas", "meetings", "referrals", "actions", "attendance", "incidents"] {
            files["\(name).csv"] = try! String(contentsOf: folder.appendingPathComponent("\(name).csv"), encoding: .utf8)
        }
        return files
    }

    static var referrals: String { files["referrals.csv"]! }

    static let cutOff = Day(year: 2020, month: 1, day: 1)!
    static let today = Day(year: 2026, month: 1, day: 1)!

    /// Every byte of every file in the store's folder (store, WAL, shared memory,
    /// anything else SQLite left there).
    static func folderBytes(_ directory: URL) throws -> [(String, Data)] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).map { name in
            (name, try Data(contentsOf: directory.appendingPathComponent(name)))
        }
    }

    static func contains(_ data: Data, _ text: String) -> Bool {
        data.range(of: Data(text.utf8)) != nil
    }
}
