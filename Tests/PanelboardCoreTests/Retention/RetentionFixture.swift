import Foundation
@testable import PanelboardCore

/// A MARAC bundle with cases either side of a 2020-01-01 cut-off, each there for a
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

    static let areas = """
        area,adult_female_population
        North,40000
        South,30000
        """
    static let meetings = """
        meeting_id,panel,area,meeting_date
        M18001,MARAC,North,2018-02-14
        M18002,MARAC,North,2018-05-16
        M18003,MARAC,South,2018-05-17
        M24001,MARAC,North,2024-02-14
        M24002,MARAC,South,2024-02-15
        """
    static let referrals = """
        referral_id,panel,area,victim_ref,perpetrator_ref,referral_date,meeting_id,meeting_date,referring_agency,risk_level
        R18001,MARAC,North,V18001,P18001,2018-02-01,M18001,2018-02-14,police,high
        R18002,MARAC,North,V18002,P18002,2018-04-20,M18002,2018-05-16,idva,high
        R18003,MARAC,North,V18001,P18001,2018-05-01,M18002,2018-05-16,police,medium
        R18004,MARAC,South,V18004,P18004,2018-05-02,M18003,2018-05-17,police,high
        R24001,MARAC,North,V18002,P18002,2024-01-20,M24001,2024-02-14,police,high
        R24002,MARAC,South,V18003,P18009,2024-02-01,M24002,2024-02-15,idva,high
        """
    static let actions = """
        action_id,referral_id,agency,agreed_date,due_date,completed_date,status
        A18001,R18001,police,2018-02-14,2018-02-28,2018-03-01,completed
        A18002,R18003,housing,2018-05-16,2018-05-30,2018-05-29,completed
        A18003,R18004,police,2018-05-17,2018-06-01,2020-02-03,completed
        A24001,R24001,police,2024-02-14,2024-02-28,2024-02-20,completed
        """
    static let attendance = """
        meeting_id,agency,status
        M18001,police,attended
        M18001,idva,attended
        M18002,police,attended
        M24001,police,attended
        """
    static let incidents = """
        incident_id,incident_date,perpetrator_ref,victim_ref
        I18001,2018-01-10,P18001,V18001
        I18002,2018-01-11,P18002,V18002
        I18003,2018-01-12,P18009,V18001
        """

    static var files: [String: String] {
        ["areas.csv": areas, "meetings.csv": meetings, "referrals.csv": referrals, "actions.csv": actions,
         "attendance.csv": attendance, "incidents.csv": incidents]
    }

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
