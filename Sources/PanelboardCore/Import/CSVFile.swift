import CLibCSV
import Crypto
import Foundation

/// One CSV record as libcsv handed it over: the fields' bytes in one reusable
/// buffer, with the physical line each field starts on.
public struct CSVRecord {
    public internal(set) var bytes: [UInt8] = []
    public internal(set) var ends: [Int] = []
    /// The physical line (1-based, counting line breaks inside quoted fields) on
    /// which each field starts.
    public internal(set) var lines: [Int] = []

    public var count: Int { ends.count }
    /// The line the record starts on.
    public var line: Int { lines.first ?? 0 }

    public func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    public func isEmpty(_ i: Int) -> Bool { range(i).isEmpty }

    /// True when field `i` is empty or only spaces and tabs.
    public func isBlank(_ i: Int) -> Bool {
        bytes[range(i)].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// The field as a String; the bytes were validated as UTF-8 before parsing.
    public func string(_ i: Int) -> String {
        let r = range(i)
        if r.isEmpty { return "" }
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self)
        }
    }

    /// True when every field is empty or only spaces: a spreadsheet's trailing
    /// `,,,,` row, treated like a blank line.
    public var isBlank: Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }
}

/// The encodings an export may be read in. UTF-8 is the contract; Windows-1252 is
/// what Excel writes on a UK Windows machine, accepted when the user says so.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
}

/// What reading a file learned about it as a whole.
public struct FileDigest: Sendable {
    public let sha256: String
    public let bytes: Int
}

/// Streams a CSV file through libcsv: constant memory whatever the file's size (a
/// field or a record past `CSVLimits` is refused, so memory stays flat whatever
/// the input), UTF-8 checked as it goes, SHA-256 of the bytes as read, and every record handed
/// to `onRecord` with its physical line numbers.
public enum CSVFile {
    static let chunkSize = 1 << 20

    /// - Parameters:
    ///   - progress: called with the bytes read so far, after each chunk.
    ///   - afterChunk: called once each chunk's records have all been handed over.
    public static func read(
        url: URL,
        encoding: TextEncoding,
        progress: ((Int) -> Void)?,
        limits: CSVLimits = .standard,
        afterChunk: () throws -> Void = {},
        onRecord: (CSVRecord) throws -> Void
    ) throws -> FileDigest {
        try withoutActuallyEscaping(onRecord) { onRecord in
            try stream(url: url, encoding: encoding, progress: progress, limits: limits,
                       afterChunk: afterChunk, onRecord: onRecord)
        }
    }

    private static func stream(
        url: URL,
        encoding: TextEncoding,
        progress: ((Int) -> Void)?,
        limits: CSVLimits,
        afterChunk: () throws -> Void,
        onRecord: @escaping (CSVRecord) throws -> Void
    ) throws -> FileDigest {
        let name = url.lastPathComponent
        guard let handle = fopen(url.path, "rb") else {
            throw ImportError.cannotRead(path: url.path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(handle) }

        var parser = csv_parser()
        // Strict quoting, every line break reported (so lines are counted exactly),
        // and no trimming: a value is kept exactly as written.
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI)) == 0 else {
            throw ImportError.cannotRead(path: url.path, reason: "out of memory")
        }
        defer { csv_free(&parser) }
        csv_set_space_func(&parser) { _ in 0 }

        let state = ParseState(name: name, limits: limits, onRecord: onRecord)
        var hasher = SHA256()
        var validator = UTF8Validator()
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var transcoded: [UInt8] = []
        var offset = 0
        var newlines = 0
        var first = true

        // The state outlives the parse (withExtendedLifetime below), so the
        // callbacks borrow it: taking a reference would retain and release it for
        // every field of the file.
        let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { data, length, context in
            Unmanaged<ParseState>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.field(data, length) }
        }
        let rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
            Unmanaged<ParseState>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.endRow(terminator) }
        }

        try withExtendedLifetime(state) {
            let context = Unmanaged.passUnretained(state).toOpaque()
            while true {
                let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, chunkSize, handle) }
                if n == 0 {
                    if ferror(handle) != 0 {
                        throw ImportError.cannotRead(path: url.path, reason: String(cString: strerror(errno)))
                    }
                    break
                }
                buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                var start = 0
                if first {
                    first = false
                    if n >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
                }
                // Feeds bytes to libcsv; a strict-mode quoting error names its offset
                // in the file (only meaningful when the bytes are the file's own).
                func feed(_ input: UnsafeBufferPointer<UInt8>, fileOffset: Int?) throws {
                    let used = csv_parse(&parser, input.baseAddress, input.count, fieldCallback, rowCallback, context)
                    if used != input.count && csv_error(&parser) == CSV_EPARSE {
                        throw ImportError.malformedCSV(file: name, line: state.line, byteOffset: fileOffset.map { $0 + used })
                    }
                }
                try buffer.withUnsafeBufferPointer { raw in
                    let chunk = UnsafeBufferPointer(rebasing: raw[start..<n])
                    switch encoding {
                    case .utf8:
                        if let bad = validator.validate(chunk) {
                            // The parser has not reached the bad byte: count its line here.
                            let line = newlines + UnsafeBufferPointer(rebasing: chunk[0..<bad]).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                            throw ImportError.notUTF8(file: name, byteOffset: offset + start + bad, line: line)
                        }
                        newlines += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                        try feed(chunk, fileOffset: offset + start)
                    case .windows1252:
                        Windows1252.transcode(chunk, into: &transcoded)
                        try transcoded.withUnsafeBufferPointer { try feed($0, fileOffset: nil) }
                    }
                }
                if let error = state.error { throw error }
                // libcsv holds a field until it ends: one that has not ended within
                // the limit never will (a stray quote, /dev/zero), so stop here
                // rather than let its buffer grow with the rest of the input.
                if parser.entry_pos > limits.fieldBytes {
                    throw ImportError.tooLarge(file: name, line: state.line, .fieldBytes(limits.fieldBytes))
                }
                offset += n
                progress?(offset)
                try afterChunk()
            }
            if validator.isIncomplete {
                throw ImportError.notUTF8(file: name, byteOffset: offset - validator.pendingBytes, line: state.line)
            }
            if csv_fini(&parser, fieldCallback, rowCallback, context) != 0 {
                throw ImportError.unclosedQuote(file: name, line: state.line)
            }
            if let error = state.error { throw error }
        }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return FileDigest(sha256: hex, bytes: offset)
    }

    /// The callbacks' state. A class, because libcsv's C callbacks reach it through
    /// an opaque pointer.
    private final class ParseState {
        // Touched for every field of the file, only from libcsv's callbacks on one
        // thread: the runtime's exclusivity bookkeeping would cost more than the
        // work itself.
        @exclusivity(unchecked) var record = CSVRecord()
        @exclusivity(unchecked) var line = 1
        @exclusivity(unchecked) var pendingCR = false
        @exclusivity(unchecked) var error: Error?
        let onRecord: (CSVRecord) throws -> Void
        let name: String
        let limits: CSVLimits

        init(name: String, limits: CSVLimits, onRecord: @escaping (CSVRecord) throws -> Void) {
            self.name = name
            self.limits = limits
            self.onRecord = onRecord
        }

        func field(_ data: UnsafeMutableRawPointer?, _ length: Int) {
            if error != nil { return }
            if length > limits.fieldBytes || record.bytes.count + length > limits.recordBytes
                || record.ends.count >= limits.recordFields {
                let exceeded: CSVLimitExceeded = length > limits.fieldBytes ? .fieldBytes(limits.fieldBytes)
                    : record.ends.count >= limits.recordFields ? .recordFields(limits.recordFields) : .recordBytes(limits.recordBytes)
                error = ImportError.tooLarge(file: name, line: record.lines.first ?? line, exceeded)
                return
            }
            pendingCR = false
            record.lines.append(line)
            if let data, length > 0 {
                let bytes = UnsafeRawBufferPointer(start: data, count: length)
                record.bytes.append(contentsOf: bytes)
                // Line breaks inside a quoted field are physical lines too.
                var previous: UInt8 = 0
                for b in bytes {
                    if b == 0x0A { if previous != 0x0D { line += 1 } } else if b == 0x0D { line += 1 }
                    previous = b
                }
            }
            record.ends.append(record.bytes.count)
        }

        func endRow(_ terminator: Int32) {
            if record.count > 0 {
                if error == nil && !record.isBlank {
                    do { try onRecord(record) } catch { self.error = error }
                }
                record.reset()
                if terminator == 0x0D { line += 1; pendingCR = true } else if terminator == 0x0A { line += 1 }
            } else {
                // An empty line (or the LF of a CRLF) between records.
                if terminator == 0x0A && pendingCR { pendingCR = false } else if terminator >= 0 { line += 1 }
                if terminator == 0x0D { pendingCR = true }
            }
        }
    }
}

/// A streaming UTF-8 check that finds the first bad byte, across chunk boundaries.
struct UTF8Validator {
    private var needed = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private(set) var pendingBytes = 0

    var isIncomplete: Bool { needed > 0 }

    /// The offset in `chunk` of the first byte that makes the text invalid.
    mutating func validate(_ chunk: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let count = chunk.count
        while i < count {
            let b = chunk[i]
            if needed == 0 {
                // ASCII runs are the common case.
                if b < 0x80 { i += 1; continue }
                switch b {
                case 0xC2...0xDF: needed = 1
                case 0xE0: needed = 2; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: needed = 2
                case 0xED: needed = 2; upper = 0x9F
                case 0xF0: needed = 3; lower = 0x90
                case 0xF1...0xF3: needed = 3
                case 0xF4: needed = 3; upper = 0x8F
                default: return i
                }
                pendingBytes = 1
            } else {
                guard b >= lower && b <= upper else { return i }
                lower = 0x80; upper = 0xBF
                needed -= 1
                pendingBytes += 1
                if needed == 0 { pendingBytes = 0 }
            }
            i += 1
        }
        return nil
    }
}

/// Windows-1252 to UTF-8, for exports saved by Excel on Windows.
enum Windows1252 {
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func transcode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        for b in input {
            if b < 0x80 { output.append(b); continue }
            let scalar = b < 0xA0 ? high[Int(b - 0x80)] : UInt32(b)
            for unit in String(Character(Unicode.Scalar(scalar)!)).utf8 { output.append(unit) }
        }
    }
}
