import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct SyntheticOptions: Sendable {
    /// The same seed and options write byte-identical files.
    public var seed: UInt64 = 2024
    /// The first day anything happens.
    public var from = Day(year: 2023, month: 4, day: 1)!
    /// The last day anything happens (and the as-of date to import with).
    public var to = Day(year: 2025, month: 3, day: 31)!
    /// Referral rows to write, across all panels (approximately: the schedule of
    /// meetings decides the last few).
    public var referrals = 6_000
    /// Mean actions agreed per case heard.
    public var actionsPerReferral = 3.0
    /// The order victim and perpetrator references are first seen in.
    public var idOrder = IdOrder.ordered
    /// Close old actions as panels do (most on time, some late, a few not completed
    /// or cancelled), leaving open only a few agreed more than a quarter before `to`.
    /// Off, an eighth of the actions of every year stay open, which no panel's chase
    /// list looks like; kept as the benchmarks' worst case (`generate --old-actions open`).
    public var closeOldActions = true

    public init() {}
}

/// How a generated bundle's person references run. A case-management system's
/// pseudonymous ids recur over years in no order, so a store's person indexes
/// take keys anywhere in their range: `random` is that, and the benchmarks' figure
/// of record; `ordered` numbers people as they first appear (V000001, V000002, ...),
/// which indexes append at their end and so flatters an import.
public enum IdOrder: String, Sendable, CaseIterable {
    case ordered, random
}

public struct SyntheticCounts: Sendable, Equatable {
    public var referrals = 0, actions = 0, meetings = 0, attendance = 0, cohort = 0, incidents = 0, areas = 0
}

/// What the generated bundle's panels.csv and members.csv say about its three panels:
/// each panel's terms of reference (panels.md), and who should attend.
enum SyntheticPanels {
    static let header = ["panel", "kind", "day_count", "holidays", "agenda_days_before", "minutes_days_after",
                         "late_referral_days", "meeting_every_days", "repeat_panels", "escalation_days", "quorum"]
    /// The MARAC keeps version 1's calendar days, so its figures read as every
    /// MARAC's national return does; the DRAMM works in working days and sends its
    /// notes the same day; the DAPP meets monthly (the longest gap between two
    /// fourth Tuesdays is 35 days, 25 working days).
    static let rows: [[String]] = [
        ["MARAC", "marac", "calendar", "england_and_wales", "5", "7", "7", "14", "", "", ""],
        ["DRAMM", "triage", "working", "england_and_wales", "0", "1", "0", "1", "DRAMM MARAC", "14", "3"],
        ["DAPP", "perpetrator", "working", "england_and_wales", "5", "5", "5", "25", "", "", "3"],
    ]
    /// Core members (must attend every meeting) and those who attend for their
    /// own cases.
    static let members: [(panel: String, agency: String, role: String)] = [
        ("MARAC", "police", "core"), ("MARAC", "idva", "core"), ("MARAC", "children_social_care", "core"),
        ("MARAC", "adult_social_care", "core"), ("MARAC", "primary_care", "core"), ("MARAC", "mental_health", "core"),
        ("MARAC", "housing", "core"), ("MARAC", "probation", "core"),
        ("MARAC", "substance_misuse", "when_involved"), ("MARAC", "education", "when_involved"),
        ("DRAMM", "police", "core"), ("DRAMM", "idva", "core"), ("DRAMM", "children_social_care", "core"),
        ("DRAMM", "adult_social_care", "when_involved"), ("DRAMM", "housing", "when_involved"),
        ("DAPP", "police", "core"), ("DAPP", "probation", "core"), ("DAPP", "idva", "core"),
        ("DAPP", "housing", "when_involved"), ("DAPP", "substance_misuse", "when_involved"),
    ]
}

/// Writes a synthetic, pseudonymous export bundle with the shape of a real
/// partnership's: a daily triage meeting (DRAMM) in the North and the South on every
/// working day, escalating about a quarter of its cases to MARAC; several areas
/// with a fortnightly MARAC of about 15 cases on a working day, and now and then an
/// emergency one; a
/// perpetrator panel (DAPP) meeting monthly in the North and the South with its
/// cohort, some of whom come to harm again after leaving it, a repeat rate near 30%, police
/// making about two thirds of referrals, actions on time, late, open and overdue,
/// meetings with late papers and patchy attendance.
///
/// Nothing is held in memory but bounded state (recent victims per area, cohort
/// members currently on the cohort), so it writes a million referrals as easily as
/// three thousand. Ids are pseudonymous (`V000123`, `P000042`); area names are made up.
public enum SyntheticBundle {
    static let casesPerMeeting = 15.0
    static let namedAreas = ["Northdale", "Eastbrook", "Southmoor", "Westvale", "Rivermead"]

    /// Into a folder that is new, empty, or one Panelboard wrote.
    public static func write(to directory: URL, options: SyntheticOptions, progress: ((Int) -> Void)? = nil) throws -> SyntheticCounts {
        try write(to: OutputFolder.prepare(directory.path, kind: .bundle, policy: OutputPolicy()), options: options, progress: progress)
    }

    public static func write(to folder: OutputFolder, options: SyntheticOptions, progress: ((Int) -> Void)? = nil) throws -> SyntheticCounts {
        var generator = Generator(options: options, folder: folder)
        try generator.run(progress: progress)
        return generator.counts
    }
}

/// SplitMix64: small, fast and the same on every machine.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A value from weighted choices.
    mutating func pick<T>(_ choices: [(T, Double)]) -> T {
        let total = choices.reduce(0) { $0 + $1.1 }
        var x = unit() * total
        for (value, weight) in choices {
            x -= weight
            if x < 0 { return value }
        }
        return choices[choices.count - 1].0
    }
}

/// Buffered writing of CSV rows to one file, through a `SafeFileWriter`. The
/// generator writes rows without `try`; the first failure is kept and thrown by
/// `close()`, and the file is then not put in place.
final class RowWriter {
    private let writer: SafeFileWriter
    private var buffer: [UInt8] = []
    private var failure: Error?

    init(_ folder: OutputFolder, _ name: String, header: [String]) throws {
        writer = try folder.writer(name)
        buffer.reserveCapacity(1 << 20)
        row(header)
    }

    func row(_ cells: [String]) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { buffer.append(0x2C) }
            buffer.append(contentsOf: CSVText.field(cell).utf8)
        }
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        if failure == nil {
            do { try buffer.withUnsafeBufferPointer { try writer.write(bytes: $0) } } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        if let failure {
            writer.discard()
            throw failure
        }
        try writer.commit()
    }
}

private struct Generator {
    let options: SyntheticOptions
    let folder: OutputFolder
    var random: SeededRandom
    /// The perpetrator-panel columns (MAPPA flags, RFG scores) draw from a stream
    /// of their own, so that adding them changed no other value of a seed's bundle.
    var extra: SeededRandom
    /// Whether an old open action is closed after all: a stream of its own, so the
    /// other values of a seed's bundle stayed as they were.
    var closing: SeededRandom
    var counts = SyntheticCounts()

    struct RecentCase { let victim: String; let perpetrator: String; let referred: Day }
    struct Area {
        let name: String; let population: Int; let group: String; let offset: Int
        var recent: [RecentCase]; var recentNext: Int
        /// The fortnightly meeting fell on a bank holiday: it meets on the next working day.
        var pendingMeeting = false
    }

    var areas: [Area] = []
    var victimCounter = 0, perpetratorCounter = 0, referralCounter = 0, actionCounter = 0
    var meetingCounter = 0, incidentCounter = 0
    /// Perpetrators on the DAPP cohort now, with the day their membership ends (nil:
    /// beyond the data), so that no one is adopted twice at once.
    var onCohort: [String: Day?] = [:]
    /// Perpetrators whose harm after leaving the DAPP cohort brings them back to
    /// their area's MARAC, with the day of that harm, per area.
    var returning: [Int: [(perpetrator: String, after: Day)]] = [:]

    /// Cases the DRAMM sent on to an area's MARAC, waiting for its next meeting.
    var escalated: [Int: [(victim: String, perpetrator: String, triaged: Day)]] = [:]
    /// The daily triage meetings draw from a stream of their own, as the perpetrator
    /// columns do.
    var triage: SeededRandom
    /// The offices close on Christmas Eve when it falls on a weekday (holidays.csv),
    /// on top of the bank holidays.
    let closures: [Day]
    let calendar: WorkingCalendar

    /// Monday 0 ... Sunday 6 (1970-01-01 was a Thursday).
    static func weekday(_ day: Day) -> Int { ((day.ordinal % 7) + 10) % 7 }

    /// Monday to Friday and not a bank holiday of England and Wales; outside the
    /// years the shipped lists cover, Monday to Friday.
    func isWorkingDay(_ day: Day) -> Bool {
        (try? calendar.isWorkingDay(day)) ?? (Self.weekday(day) < 5)
    }

    init(options: SyntheticOptions, folder: OutputFolder) {
        self.options = options
        self.folder = folder
        self.random = SeededRandom(seed: options.seed)
        self.extra = SeededRandom(seed: options.seed ^ 0xDA99_5C0E)
        self.triage = SeededRandom(seed: options.seed ^ 0x7E1A_6E00)
        closures = (options.from.year...max(options.from.year, options.to.year))
            .compactMap { Day(year: $0, month: 12, day: 24) }
            .filter { $0 >= options.from && $0 <= options.to && Self.weekday($0) < 5 }
        calendar = WorkingCalendar(nation: .englandAndWales, closures: closures)
        self.closing = SeededRandom(seed: options.seed ^ 0xC105_ED00)
    }

    mutating func run(progress: ((Int) -> Void)?) throws {
        let days = max(1, options.to.ordinal - options.from.ordinal + 1)
        let meetingsPerArea = Double(days) / 14.0
        // About 60% of referrals go to the MARACs, 33% to the daily triage
        // meetings (a quarter of whose cases go on to MARAC) and the rest to the DAPP.
        let areaCount = max(1, Int((Double(options.referrals) * 0.6 / (SyntheticBundle.casesPerMeeting * meetingsPerArea)).rounded()))
        let casesPerMeeting = Double(options.referrals) * 0.6 / (Double(areaCount) * meetingsPerArea)
        let workingDays = Double(max(1, days)) * 5.0 / 7.0 * 0.97
        let triagePerAreaDay = Double(options.referrals) * 0.33 / (Double(areaCount) * workingDays)
        for i in 0..<areaCount {
            let name = i < SyntheticBundle.namedAreas.count ? SyntheticBundle.namedAreas[i] : String(format: "District %04d", i + 1)
            areas.append(Area(name: name, population: 45_000 + random.int(0...60) * 1_000, group: i % 2 == 0 ? "North" : "South",
                              offset: random.int(0...13), recent: [], recentNext: 0))
        }

        let referrals = try RowWriter(folder, "referrals.csv", header: [
            "referral_id", "panel", "area", "victim_ref", "perpetrator_ref", "referral_date", "meeting_id", "meeting_date",
            "referring_agency", "referral_reason", "risk_level", "dash_score", "rfg_score", "discussion_type", "children_count",
            "victim_gender", "victim_age_band", "victim_ethnic_minority", "victim_disabled", "victim_lgbt",
            "perpetrator_under_18", "recorded_repeat", "outcome", "mappa", "screening_decision", "children_services_status",
        ])
        let actions = try RowWriter(folder, "actions.csv", header: [
            "action_id", "referral_id", "agency", "agreed_date", "due_date", "completed_date", "status", "action_type",
        ])
        let meetings = try RowWriter(folder, "meetings.csv", header: [
            "meeting_id", "panel", "area", "meeting_date", "agenda_sent_date", "minutes_sent_date", "meeting_type",
        ])
        let attendance = try RowWriter(folder, "attendance.csv", header: ["meeting_id", "agency", "status"])
        let cohort = try RowWriter(folder, "cohort.csv", header: [
            "perpetrator_ref", "panel", "area", "adopted_date", "adoption_source", "exit_date", "exit_reason",
            "rfg_at_adoption", "rfg_at_exit",
        ])
        let incidents = try RowWriter(folder, "incidents.csv", header: [
            "incident_id", "incident_date", "perpetrator_ref", "victim_ref", "incident_type",
        ])
        let areasFile = try RowWriter(folder, "areas.csv", header: ["area", "adult_female_population", "group"])
        let mapping = try RowWriter(folder, "agency-mapping.csv", header: ["local_name", "agency"])
        let panels = try RowWriter(folder, "panels.csv", header: SyntheticPanels.header)
        for row in SyntheticPanels.rows { panels.row(row) }
        let members = try RowWriter(folder, "members.csv", header: ["panel", "area", "agency", "role", "from_date", "to_date"])
        for member in SyntheticPanels.members { members.row([member.panel, "", member.agency, member.role, "", ""]) }
        let holidays = try RowWriter(folder, "holidays.csv", header: ["date", "area"])
        for day in closures { holidays.row([day.iso, ""]) }
        for (local, code) in Self.localNames { mapping.row([local, code]) }
        for area in areas { areasFile.row([area.name, String(area.population), area.group]) }
        counts.areas = areas.count
        let writers = Writers(referrals: referrals, actions: actions, meetings: meetings, attendance: attendance,
                              cohort: cohort, incidents: incidents)

        var day = options.from
        var reported = 0
        while day <= options.to {
            let index = day.ordinal - options.from.ordinal
            let working = isWorkingDay(day)
            // Each area's MARAC meets fortnightly on its weekday, the next working day
            // when that is a bank holiday; now and then an emergency meeting between.
            for a in areas.indices {
                let slot = (index + areas[a].offset) % 14
                if working && (slot == 13 || (slot < 13 && areas[a].pendingMeeting)) {
                    areas[a].pendingMeeting = false
                    marac(area: a, on: day, cases: casesPerMeeting, type: "scheduled", writers)
                } else if slot == 13 {
                    areas[a].pendingMeeting = true
                } else if working && slot == 6 && triage.chance(0.03) {
                    marac(area: a, on: day, cases: 1.5, type: "emergency", writers)
                }
            }
            if working {
                for group in ["North", "South"] {
                    let members = areas.indices.filter { areas[$0].group == group }
                    if !members.isEmpty { dramm(group: group, areas: members, on: day, cases: triagePerAreaDay * Double(members.count), writers) }
                }
            }
            // The DAPP meets monthly, North on the fourth Tuesday and South on the
            // fourth Thursday, each hearing the perpetrators of its group's areas.
            let perAreaMonthly = max(1, casesPerMeeting * meetingsPerArea / 9.0 / (Double(days) / 30.4))
            for (group, weekday) in [("North", 1), ("South", 3)] where isDappDay(day, weekday: weekday) {
                let members = areas.indices.filter { areas[$0].group == group }
                if !members.isEmpty {
                    dapp(group: group, areas: members, on: day, cases: perAreaMonthly * Double(members.count), writers)
                }
            }
            if let progress, referralCounter >= reported + 10_000 {
                reported = referralCounter
                progress(referralCounter)
            }
            day = day.adding(days: 1)
            // Members whose membership has ended are free to be adopted again.
            if day.day == 22 { onCohort = onCohort.filter { _, exit in exit.map { $0 > day } ?? true } }
        }
        for w in [referrals, actions, meetings, attendance, cohort, incidents, areasFile, mapping, panels, members, holidays] { try w.close() }
        counts.referrals = referralCounter
        counts.actions = actionCounter
        counts.incidents = incidentCounter
        progress?(referralCounter)
    }

    struct Writers {
        let referrals, actions, meetings, attendance, cohort, incidents: RowWriter
    }

    static let localNames: [(String, String)] = [
        ("Northdale Constabulary", "police"), ("Harbour IDVA Service", "idva"), ("Riverside Recovery", "substance_misuse"),
        ("Eastbrook Childrens Services", "children_social_care"), ("Moorside Housing Trust", "housing"),
    ]

    static let referrers: [(String, Double)] = [
        ("police", 66), ("idva", 10), ("children_social_care", 6), ("secondary_care", 3), ("mental_health", 3),
        ("primary_care", 2), ("adult_social_care", 2), ("probation", 2), ("housing", 2), ("substance_misuse", 1),
        ("voluntary_sector", 1), ("mash", 1), ("education", 0.5), ("other", 0.5),
    ]

    /// An agency as an export might spell it: mostly the code, sometimes a local
    /// name (mapped), sometimes in other case.
    mutating func spell(_ code: String) -> String {
        if random.chance(0.08), let local = Self.localNames.first(where: { $0.1 == code }) { return local.0 }
        if random.chance(0.05) { return code.replacingOccurrences(of: "_", with: " ").capitalized }
        return code
    }

    /// A date as an export might write it: mostly ISO, sometimes UK day-first.
    mutating func write(_ day: Day?) -> String {
        guard let day else { return "" }
        if random.chance(0.05) { return String(format: "%02d/%02d/%04d", day.day, day.month, day.year) }
        return day.iso
    }

    mutating func yesNo(_ p: Double, unknown: Double = 0.03) -> String {
        if random.chance(unknown) { return "" }
        let yes = random.chance(p)
        return random.chance(0.1) ? (yes ? "Yes" : "No") : (yes ? "Y" : "N")
    }

    mutating func newMeeting(panel: String, area: Int, areaName: String? = nil, on day: Day, type: String = "scheduled",
                             _ w: Writers) -> String {
        meetingCounter += 1
        counts.meetings += 1
        let id = String(format: "M%07d", meetingCounter)
        let agenda: Day? = random.pick([(day.adding(days: -7), 80), (day.adding(days: -3), 10), (nil, 10)])
        var minutes: Day? = random.pick([(day.adding(days: random.int(2...6)), 75), (day.adding(days: random.int(8...14)), 15), (nil, 10)])
        if let m = minutes, m > options.to { minutes = nil }
        w.meetings.row([id, panel, areaName ?? areas[area].name, write(day), write(agenda), write(minutes), type])
        for agency in ["police", "idva", "children_social_care", "adult_social_care", "primary_care", "mental_health",
                       "housing", "probation", "substance_misuse", "education"] {
            let status: String = random.pick([("attended", 75), ("deputy", 8), ("written_update", 7), ("apologies", 7), ("absent", 3)])
            w.attendance.row([id, agency, status])
            counts.attendance += 1
        }
        return id
    }

    mutating func marac(area a: Int, on day: Day, cases mean: Double, type: String, _ w: Writers) {
        let meeting = newMeeting(panel: "MARAC", area: a, on: day, type: type, w)
        // The cases the daily triage sent on come first, referred a day or two after
        // triage; they are part of the meeting's usual number of cases.
        let waiting = (escalated[a] ?? []).filter { $0.triaged < day }
        escalated[a] = (escalated[a] ?? []).filter { $0.triaged >= day }
        for case_ in waiting {
            let referred = min(day, case_.triaged.adding(days: triage.int(0...2)))
            let windowStart = referred.addingMonths(-12)
            let isRepeat = areas[a].recent.contains { $0.victim == case_.victim && $0.referred >= windowStart && $0.referred < referred }
            let id = referral(panel: "MARAC", area: a, victim: case_.victim, perpetrator: case_.perpetrator, referred: referred,
                              meeting: (meeting, day), isRepeat: isRepeat, w)
            remember(area: a, RecentCase(victim: case_.victim, perpetrator: case_.perpetrator, referred: referred))
            agreeActions(referral: id, on: day, w)
        }
        let n = max(1, Int((mean + (random.unit() - 0.5) * mean * 0.6).rounded())) - waiting.count
        for _ in 0..<max(0, n) {
            // A referral received one to three weeks before; about one in eight late.
            let lag = random.chance(0.12) ? random.int(1...6) : random.int(7...21)
            let referred = max(options.from, day.adding(days: -lag))
            var victim: String, perpetrator: String
            var isRepeat = false
            let windowStart = referred.addingMonths(-12)
            let candidates = areas[a].recent.filter { $0.referred >= windowStart && $0.referred < referred }
            if random.chance(0.30), !candidates.isEmpty {
                let earlier = candidates[random.int(0...(candidates.count - 1))]
                victim = earlier.victim
                perpetrator = random.chance(0.85) ? earlier.perpetrator : newPerpetrator()
                isRepeat = true
            } else {
                victimCounter += 1
                victim = personRef("V", victimCounter)
                if let due = returning[a]?.firstIndex(where: { $0.after < referred }) {
                    perpetrator = returning[a]!.remove(at: due).perpetrator
                } else {
                    perpetrator = newPerpetrator()
                }
            }
            // A few referrals are never heard.
            let heard = !random.chance(0.03)
            let id = referral(panel: "MARAC", area: a, victim: victim, perpetrator: perpetrator, referred: referred,
                              meeting: heard ? (meeting, day) : nil, isRepeat: isRepeat, w)
            if heard {
                remember(area: a, RecentCase(victim: victim, perpetrator: perpetrator, referred: referred))
                agreeActions(referral: id, on: day, w)
            }
        }
    }

    mutating func newPerpetrator() -> String {
        perpetratorCounter += 1
        return personRef("P", perpetratorCounter)
    }

    /// The n-th person's reference. In random order, n goes through a bijection of
    /// 1...10^8 (multiplication by a number prime to 10^8, plus a seeded offset), so
    /// references never collide and successive people land far apart in the range.
    func personRef(_ prefix: String, _ n: Int) -> String {
        switch options.idOrder {
        case .ordered:
            return prefix + String(format: "%06d", n)
        case .random:
            let space: UInt64 = 100_000_000
            let offset = (options.seed &* 0x9E37_79B9) % space
            let scattered = (UInt64(n) % space &* 2_654_435_761 % space + offset) % space
            return prefix + String(format: "%08llu", scattered)
        }
    }

    mutating func remember(area a: Int, _ recent: RecentCase) {
        if areas[a].recent.count < 400 {
            areas[a].recent.append(recent)
        } else {
            areas[a].recent[areas[a].recentNext] = recent
            areas[a].recentNext = (areas[a].recentNext + 1) % 400
        }
    }

    mutating func referral(panel: String, area a: Int, areaName: String? = nil, victim: String?, perpetrator: String, referred: Day,
                           meeting: (String, Day)?, isRepeat: Bool, _ w: Writers) -> String {
        referralCounter += 1
        let id = String(format: "R%07d", referralCounter)
        let reason: String = panel == "MARAC"
            ? (isRepeat && random.chance(0.4) ? "repeat" : random.pick([
                ("visible_high_risk", 45), ("professional_judgement", 25), ("potential_escalation", 15),
                ("police_incident_high", 5), ("transfer_in", 3), ("third_party", 2), ("dvds", 2), ("dvpo", 1), ("other", 2)]))
            : random.pick([("professional_judgement", 40), ("prison_release", 25), ("police_incident_high", 20), ("other", 15)])
        let dash = reason == "visible_high_risk" ? String(random.int(14...24)) : (random.chance(0.2) ? "" : String(random.int(6...13)))
        let agency: String = panel == "MARAC" ? random.pick(Self.referrers) : random.pick([("police", 60), ("probation", 40)])
        let gender: String = random.pick([("female", 93), ("male", 5), ("other", 0.5), ("", 1.5)])
        let genderText = gender == "female" && random.chance(0.2) ? "F" : (gender == "male" && random.chance(0.2) ? "M" : gender)
        let age: String = random.pick([("16-17", 2), ("18-24", 18), ("25-34", 32), ("35-44", 25), ("45-54", 14), ("55-64", 6), ("65+", 2), ("", 1)])
        let recorded: String
        if meeting == nil || random.chance(0.1) {
            recorded = ""
        } else {
            let truth = random.chance(0.06) ? !isRepeat : isRepeat
            recorded = truth ? "Y" : "N"
        }
        let discussion: String = random.pick([("full", 80), ("significant update", 12), ("information_only", 8)])
        w.referrals.row([
            id, random.chance(0.02) ? panel.lowercased() : panel, areaName ?? areas[a].name, victim ?? "", perpetrator, write(referred),
            meeting?.0 ?? "", write(meeting?.1), spell(agency), reason,
            random.pick([("high", 70), ("very_high", 15), ("medium", 10), ("standard", 5)]),
            panel == "MARAC" ? dash : "", panel == "MARAC" ? "" : String(random.int(10...60)),
            meeting == nil ? "" : discussion, random.chance(0.08) ? "" : String(random.pick([(0, 35), (1, 25), (2, 22), (3, 12), (4, 6)])),
            panel == "MARAC" ? genderText : "", panel == "MARAC" ? age : "",
            yesNo(0.15), yesNo(0.18), yesNo(0.03), yesNo(0.02, unknown: 0.1), recorded,
            meeting == nil ? "" : (random.chance(0.9) ? "" : "heard"),
            // Perpetrator panels ask whether the person is managed under MAPPA (a
            // few are: the panel should not be hearing them); MARACs mostly do not say.
            panel == "MARAC"
                ? extra.pick([("", 70), ("N", 29), ("Y", 1)])
                : extra.pick([("N", 86), ("Y", 4), ("", 10)]),
            // Screening and children's services status (panels.md), from the triage
            // stream so that the columns above keep their values.
            panel == "MARAC" ? triage.pick([("accepted", 90), ("deferred", 5), ("redirected", 2), ("", 3)]) : "",
            panel == "MARAC" ? triage.pick([("none", 35), ("early_help", 10), ("child_in_need", 20),
                                            ("child_protection_plan", 15), ("looked_after", 2), ("not_known", 8), ("", 10)]) : "",
        ])
        return id
    }

    mutating func agreeActions(referral: String, on day: Day, _ w: Writers) {
        let mean = options.actionsPerReferral
        let n = max(0, Int((mean + (random.unit() - 0.5) * 2 * min(mean, 2)).rounded()))
        for _ in 0..<n {
            actionCounter += 1
            let id = String(format: "A%08d", actionCounter)
            let agency: String = random.pick([("police", 35), ("idva", 25), ("housing", 10), ("children_social_care", 10),
                                              ("primary_care", 5), ("mental_health", 5), ("probation", 5), ("other", 5)])
            let due: Day? = random.chance(0.05) ? nil : day.adding(days: random.pick([(14, 50), (21, 25), (28, 25)]))
            var status = "open"
            var completed: Day? = nil
            let fate: String = random.pick([("on_time", 55), ("late", 20), ("open", 12), ("not_completed", 5), ("cancelled", 5), ("blank", 3)])
            let limit = due ?? day.adding(days: 28)
            switch fate {
            case "on_time", "blank":
                completed = day.adding(days: random.int(0...max(0, limit.ordinal - day.ordinal)))
                status = fate == "blank" ? "" : "completed"
            case "late":
                completed = limit.adding(days: random.int(1...30))
                status = "completed"
            case "not_completed", "cancelled":
                status = fate
            default:
                break
            }
            if let c = completed, c > options.to { completed = nil; status = "open" }
            // Panels chase what is open and close it: an action agreed more than a
            // quarter ago is still open only now and then. Left open at the rate of
            // recent ones, ten years of them would make a chase list of every year.
            if options.closeOldActions, fate == "open", day.ordinal < options.to.ordinal - 91, !closing.chance(0.04) {
                let limit = due ?? day.adding(days: 28)
                switch closing.pick([("on_time", 55.0), ("late", 30), ("not_completed", 8), ("cancelled", 7)]) {
                case "on_time":
                    completed = day.adding(days: closing.int(0...max(0, limit.ordinal - day.ordinal)))
                    status = "completed"
                case "late":
                    completed = limit.adding(days: closing.int(1...90))
                    status = "completed"
                case let other:
                    status = other
                }
                if let c = completed, c > options.to { completed = options.to }
            }
            let type: String = random.pick([("safeguarding_victim", 25), ("enforcement", 15), ("engagement", 15), ("housing", 10),
                                             ("safeguarding_children", 10), ("health", 10), ("information_sharing", 10), ("disruption", 5)])
            w.actions.row([id, referral, spell(agency), write(day), write(due), write(completed), status, type])
        }
    }

    mutating func dapp(group: String, areas members: [Int], on day: Day, cases mean: Double, _ w: Writers) {
        let meeting = newMeeting(panel: "DAPP", area: members[0], areaName: group, on: day, w)
        let n = max(1, Int((mean + (random.unit() - 0.5) * mean).rounded()))
        for _ in 0..<n {
            // Most come from a MARAC of one of the group's areas.
            let a = members[random.int(0...(members.count - 1))]
            let recent = areas[a].recent
            let perpetrator = !recent.isEmpty && random.chance(0.8)
                ? recent[random.int(0...(recent.count - 1))].perpetrator : newPerpetrator()
            let referred = max(options.from, day.adding(days: -random.int(5...25)))
            let id = referral(panel: "DAPP", area: a, areaName: group, victim: nil, perpetrator: perpetrator, referred: referred,
                              meeting: (meeting, day), isRepeat: false, w)
            agreeActions(referral: id, on: day, w)
            guard onCohort[perpetrator] == nil else { continue }
            var exit: Day? = day.adding(days: random.int(60...400))
            var reason = ""
            if let e = exit, e <= options.to {
                reason = random.pick([("no_further_harm", 40), ("custody", 15), ("moved_out_of_area", 10), ("mappa", 8),
                                      ("stepped_down", 15), ("deceased", 2), ("other", 10)])
            } else {
                exit = nil
            }
            onCohort[perpetrator] = .some(exit)
            let source: String = random.pick([("marac", 60), ("probation", 25), ("professional_judgement", 10), ("other", 5)])
            // RFG scores: most who leave with no further harm score lower than when
            // they joined; the rest move either way. Some are not recorded.
            let atAdoption = extra.int(20...80)
            var atExit: Int? = nil
            if exit != nil {
                atExit = reason == "no_further_harm" && extra.chance(0.85)
                    ? max(0, atAdoption - extra.int(5...40)) : max(0, atAdoption + extra.int(-15...15))
            }
            let adoptionScore = extra.chance(0.1) ? "" : String(atAdoption)
            let exitScore = extra.chance(0.1) ? "" : atExit.map(String.init) ?? ""
            w.cohort.row([perpetrator, "DAPP", group, write(day), source, write(exit), reason, adoptionScore, exitScore])
            counts.cohort += 1
            // Incidents while on the cohort: none for some, so exit reviews come due.
            let end = min(exit ?? options.to, options.to)
            let incidents = random.pick([(0, 35), (1, 35), (2, 20), (3, 10)])
            for _ in 0..<incidents where end > day {
                incidentCounter += 1
                let date = day.adding(days: random.int(1...(end.ordinal - day.ordinal)))
                w.incidents.row([String(format: "I%07d", incidentCounter), write(date), perpetrator, "",
                                 random.pick([("violence", 30), ("threats", 25), ("stalking_harassment", 20), ("breach_of_order", 15),
                                              ("sexual", 3), ("other", 7)])])
            }
            // A minority come to harm again after leaving (fewer of those who left
            // with no further harm); about half of those are referred back to MARAC.
            if let exit, exit < options.to, extra.chance(reason == "no_further_harm" ? 0.12 : 0.3) {
                let date = exit.adding(days: extra.int(10...300))
                if date <= options.to {
                    incidentCounter += 1
                    w.incidents.row([String(format: "I%07d", incidentCounter), date.iso, perpetrator, "",
                                     extra.pick([("violence", 40), ("threats", 30), ("breach_of_order", 20), ("other", 10)])])
                    if extra.chance(0.5) { returning[a, default: []].append((perpetrator, date)) }
                }
            }
        }
    }

    /// The DAPP's day in a month: the fourth such weekday (the 22nd to the 28th),
    /// or the next working day when that is a bank holiday.
    func isDappDay(_ day: Day, weekday: Int) -> Bool {
        guard isWorkingDay(day) else { return false }
        for back in 0...4 {
            let candidate = day.adding(days: -back)
            if candidate.day >= 22 && candidate.day <= 28 && Self.weekday(candidate) == weekday {
                return back == 0 || (1...back).allSatisfy { !isWorkingDay(day.adding(days: -$0)) }
            }
        }
        return false
    }

    /// A daily triage meeting (a DRAMM) of an area group: the police incidents of
    /// the last working day, high and medium risk, and referrals from other
    /// agencies; about a quarter go on to their area's MARAC. Its core members
    /// (police, IDVA, children's social care) nearly always attend.
    mutating func dramm(group: String, areas members: [Int], on day: Day, cases mean: Double, _ w: Writers) {
        meetingCounter += 1
        counts.meetings += 1
        let meeting = String(format: "M%07d", meetingCounter)
        let minutes: Day? = triage.pick([(day, 85), (day.adding(days: 1), 10), (nil, 5)])
        w.meetings.row([meeting, "DRAMM", group, day.iso, day.iso, minutes.map { $0 > options.to ? "" : $0.iso } ?? "", "scheduled"])
        let recorded = triage.chance(0.97)
        for agency in ["police", "idva", "children_social_care", "adult_social_care", "housing"] where recorded {
            let core = ["police", "idva", "children_social_care"].contains(agency)
            let status: String = core
                ? triage.pick([("attended", 92), ("deputy", 4), ("apologies", 3), ("absent", 1)])
                : triage.pick([("attended", 50), ("written_update", 20), ("apologies", 30)])
            w.attendance.row([meeting, agency, status])
            counts.attendance += 1
        }
        let n = max(0, Int((mean + (triage.unit() - 0.5) * mean).rounded()))
        for _ in 0..<n {
            let a = members[triage.int(0...(members.count - 1))]
            // Some are back at triage within a year of a MARAC.
            let recent = areas[a].recent
            var victim: String, perpetrator: String
            if triage.chance(0.12), !recent.isEmpty {
                let earlier = recent[triage.int(0...(recent.count - 1))]
                (victim, perpetrator) = (earlier.victim, earlier.perpetrator)
            } else {
                victimCounter += 1
                victim = personRef("V", victimCounter)
                perpetrator = newPerpetrator()
            }
            let reason: String = triage.pick([("police_incident_high", 34), ("police_incident_medium", 34), ("third_party", 8),
                                              ("transfer_in", 5), ("dvds", 7), ("dvpo", 5), ("visible_high_risk", 4), ("other", 3)])
            let high = reason == "police_incident_high" || reason == "visible_high_risk"
            let risk: String = high ? triage.pick([("high", 75), ("very_high", 20), ("medium", 5)])
                : triage.pick([("medium", 60), ("standard", 20), ("high", 20)])
            let dash = triage.chance(0.1) ? "" : String(high ? triage.int(12...24) : triage.int(3...15))
            // Incidents overnight and over the weekend come to the next working day.
            let referred = day.adding(days: -triage.pick([(0, 40), (1, 45), (3, 15)]))
            referralCounter += 1
            let id = String(format: "R%07d", referralCounter)
            let children = triage.chance(0.1) ? "" : String(triage.pick([(0, 40), (1, 25), (2, 20), (3, 15)]))
            let status: String = children == "0" ? "none"
                : triage.pick([("none", 30), ("early_help", 15), ("child_in_need", 20), ("child_protection_plan", 15),
                               ("looked_after", 2), ("not_known", 8), ("", 10)])
            let escalate = (risk == "very_high" || (risk == "high" && triage.chance(0.45))) && triage.chance(0.8)
            w.referrals.row([
                id, "DRAMM", group, victim, perpetrator, write(max(options.from, referred)), meeting, day.iso,
                triage.pick([("police", 85), ("idva", 5), ("children_social_care", 5), ("probation", 3), ("housing", 2)]),
                reason, risk, dash, "", triage.pick([("full", 70), ("significant_update", 20), ("information_only", 10)]),
                children, triage.pick([("female", 92), ("male", 6), ("", 2)]),
                triage.pick([("18-24", 20), ("25-34", 33), ("35-44", 25), ("45-54", 14), ("55-64", 5), ("65+", 2), ("", 1)]),
                "", "", "", "", "", escalate ? "escalated to MARAC" : "", "",
                triage.pick([("accepted", 85), ("declined", 5), ("deferred", 5), ("redirected", 5)]), status,
            ])
            if escalate { escalated[a, default: []].append((victim, perpetrator, day)) }
        }
    }
}
