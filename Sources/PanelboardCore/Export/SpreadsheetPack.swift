import CXlsxWriter
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The board pack as one spreadsheet (`report --xlsx`), written by libxlsxwriter: a
/// Notes sheet (the scope, the marking, the key, the definitions, the settings and
/// where the figures came from), then a sheet per section of the dashboard with the
/// pack's own tables (`BoardPack.sections`). Numbers are numbers, with the page's
/// formatting; `<5` and `[c]` are text; cells are written as values, never as
/// formulas, so nothing in them can run.
public struct SpreadsheetPack {
    public let pack: BoardPack

    /// The zip comment every spreadsheet Panelboard writes ends with: how it knows
    /// its own file to replace it without `--force` (`OutputMarker.spreadsheet`).
    static let signature = "panelboard board pack"

    public init(pack: BoardPack) {
        self.pack = pack
    }

    /// Writes the spreadsheet through the safe writer's rules: libxlsxwriter fills
    /// the writer's temporary file beside the target (owner-only), which then
    /// replaces the target.
    public func write(to path: String, policy: OutputPolicy) throws {
        try write(into: SafeFileWriter(path: path, policy: policy, marker: .spreadsheet))
    }

    /// Fills a writer opened beforehand (`report` opens it before computing the
    /// figures, so a target it may not write fails first), and commits it.
    public func write(into writer: SafeFileWriter) throws {
        let path = writer.path
        do {
            try fill(writer.temporaryPath, reportingAs: path)
            try Self.sign(writer.temporaryPath, reportingAs: path)
            try writer.commit()
        } catch {
            writer.discard()
            throw error
        }
    }

    func fill(_ file: String, reportingAs path: String) throws {
        // libxlsxwriter keeps its working files in a temporary folder: the target's
        // own, not the system's, so the figures stay where the user put them.
        let folder = strdup(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        defer { free(folder) }
        var options = lxw_workbook_options(constant_memory: 0, tmpdir: folder, use_zip64: 0)
        guard let workbook = workbook_new_opt(file, &options) else {
            throw OutputError.cannotWrite(path: path, reason: "the spreadsheet library could not start a workbook")
        }
        var book = Book(workbook: workbook)
        let title = "\(pack.report.scope.panel) board pack, \(pack.report.scope.period.label)"
        withCStrings([title, "Panelboard \(pack.toolVersion)"]) { strings in
            var properties = lxw_doc_properties()
            properties.title = strings[0]
            properties.comments = strings[1]
            _ = workbook_set_properties(workbook, &properties)
        }
        book.notes(pack)
        for table in pack.sections { book.sheet(table, pack) }
        let result = workbook_close(workbook)
        if result != LXW_NO_ERROR {
            throw OutputError.cannotWrite(path: path, reason: String(cString: lxw_strerror(result)))
        }
    }

    /// Ends the zip with Panelboard's comment (the end-of-central-directory record
    /// may carry one; readers skip it).
    static func sign(_ file: String, reportingAs path: String) throws {
        let fd = open(file, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw OutputError.cannotWrite(path: path, reason: FilePath.errorText()) }
        defer { close(fd) }
        let end = lseek(fd, 0, SEEK_END)
        var record = [UInt8](repeating: 0, count: 22)
        guard end >= 22, pread(fd, &record, 22, end - 22) == 22,
              record[0...3].elementsEqual([0x50, 0x4B, 0x05, 0x06]), record[20] == 0, record[21] == 0 else {
            throw OutputError.cannotWrite(path: path, reason: "the spreadsheet library wrote an unexpected file")
        }
        let comment = Array(signature.utf8)
        var length = [UInt8(comment.count & 0xFF), UInt8(comment.count >> 8)]
        guard pwrite(fd, &length, 2, end - 2) == 2, pwrite(fd, comment, comment.count, end) == comment.count else {
            throw OutputError.cannotWrite(path: path, reason: FilePath.errorText())
        }
    }
}

/// The workbook being written, and its formats.
private struct Book {
    let workbook: UnsafeMutablePointer<lxw_workbook>
    let bold: UnsafeMutablePointer<lxw_format>
    let wrap: UnsafeMutablePointer<lxw_format>
    let symbol: UnsafeMutablePointer<lxw_format>
    var numberFormats: [String: UnsafeMutablePointer<lxw_format>] = [:]

    init(workbook: UnsafeMutablePointer<lxw_workbook>) {
        self.workbook = workbook
        bold = workbook_add_format(workbook)
        format_set_bold(bold)
        format_set_text_wrap(bold)
        format_set_align(bold, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        wrap = workbook_add_format(workbook)
        format_set_text_wrap(wrap)
        format_set_align(wrap, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        symbol = workbook_add_format(workbook)
        format_set_align(symbol, UInt8(LXW_ALIGN_RIGHT.rawValue))
    }

    mutating func format(_ style: PackValue.NumberStyle) -> UnsafeMutablePointer<lxw_format> {
        let code = switch style {
        case .whole: "#,##0"
        case let .decimal(d): "#,##0." + String(repeating: "0", count: max(d, 1))
        case let .percent(d): d == 0 ? "0%" : "0." + String(repeating: "0", count: d) + "%"
        }
        if let existing = numberFormats[code] { return existing }
        let made = workbook_add_format(workbook)!
        format_set_num_format(made, code)
        numberFormats[code] = made
        return made
    }

    func string(_ sheet: UnsafeMutablePointer<lxw_worksheet>, _ row: Int, _ column: Int, _ text: String,
                _ format: UnsafeMutablePointer<lxw_format>? = nil) {
        _ = worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), text, format)
    }

    /// The lines above every sheet's table: the title, then the scope, the marking
    /// and the suppression status; printed pages carry them in the header too.
    func heading(_ sheet: UnsafeMutablePointer<lxw_worksheet>, _ title: String, _ pack: BoardPack) {
        let scope = pack.report.scope
        string(sheet, 0, 0, title, bold)
        let status = pack.figures.suppression.enabled ? pack.figures.suppression.summary : Suppression.unsuppressedNotice
        string(sheet, 1, 0, "\(scope.panel) · \(scope.area ?? "All areas") · \(scope.period.label) (\(scope.period.from.iso) to \(scope.period.to.iso)) · \(scope.settings.protectiveMarking) · \(status)")
        // The page header's codes start with "&": a literal one is doubled.
        let marking = scope.settings.protectiveMarking.replacingOccurrences(of: "&", with: "&&")
        let printed = pack.figures.suppression.enabled ? "" : " · " + Suppression.unsuppressedNotice.uppercased()
        _ = worksheet_set_header(sheet, "&L\(marking)\(printed)&RPage &P of &N")
        _ = worksheet_set_footer(sheet, "&L\(marking)")
    }

    mutating func sheet(_ table: PackTable, _ pack: BoardPack) {
        guard let sheet = workbook_add_worksheet(workbook, String(table.name.prefix(31))) else { return }
        heading(sheet, table.title, pack)
        let top = 3
        for (c, name) in table.columns.enumerated() { string(sheet, top, c, name, bold) }
        var widths = table.columns.map { min(max($0.count, 8), 40) }
        for (r, row) in table.rows.enumerated() {
            for (c, value) in row.enumerated() {
                let at = lxw_row_t(top + 1 + r), column = lxw_col_t(c)
                switch value {
                case let .text(t): _ = worksheet_write_string(sheet, at, column, t, c == 0 ? bold : wrap)
                case let .symbol(s): _ = worksheet_write_string(sheet, at, column, s, symbol)
                case let .number(v, style): _ = worksheet_write_number(sheet, at, column, v, format(style))
                case .blank: break
                }
                if c < widths.count { widths[c] = min(max(widths[c], value.csvText.count + 2), c == 0 ? 50 : 40) }
            }
        }
        for (c, width) in widths.enumerated() {
            _ = worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), Double(width), nil)
        }
        // The headings stay in view, and so do the rows' names.
        worksheet_freeze_panes(sheet, lxw_row_t(top + 1), 1)
    }

    func notes(_ pack: BoardPack) {
        guard let sheet = workbook_add_worksheet(workbook, "Notes") else { return }
        heading(sheet, "About this pack", pack)
        var row = 3
        func block(_ title: String, _ lines: [(String, String)]) {
            string(sheet, row, 0, title, bold)
            row += 1
            for line in lines {
                string(sheet, row, 0, line.0, wrap)
                string(sheet, row, 1, line.1, wrap)
                row += 1
            }
            row += 1
        }
        block("Key to the symbols", pack.figures.suppression.key.map { ($0.symbol, $0.meaning) })
        block("What the figures mean", pack.definitions)
        block("Settings used", pack.settings)
        block("Where the figures come from", pack.aboutRows.filter { !$0.item.hasPrefix("key ") }.map { ($0.item, $0.value) })
        _ = worksheet_set_column(sheet, 0, 0, 42, nil)
        _ = worksheet_set_column(sheet, 1, 1, 90, nil)
        worksheet_freeze_panes(sheet, 3, 0)
    }
}

/// C strings for the length of `body`.
private func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) throws -> T) rethrows -> T {
    let pointers = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return try body(pointers)
}

extension OutputMarker {
    /// The spreadsheet's zip comment (`SpreadsheetPack.signature`), at its very end.
    public static let spreadsheet = OutputMarker(tail: SpreadsheetPack.signature)
}
