import Foundation
import Testing
@testable import PanelboardCore

#if canImport(Glibc)
import Glibc
#endif

/// A field or a record past the documented limits is refused with its file and
/// line, never its value, and however the input goes on (no end, no closing quote)
/// the read stops after a few megabytes.
@Suite struct CSVLimitsTests {
    struct Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("pb-limits-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
            let file = url.appendingPathComponent(name)
            try Data(bytes).write(to: file)
            return file
        }
        func cleanUp() { try? FileManager.default.removeItem(at: url) }
    }

    /// Reads a file with `limits`, returning the records' first fields, or the error.
    static func read(_ url: URL, _ limits: CSVLimits) -> Result<[String], Error> {
        var firsts: [String] = []
        do {
            _ = try CSVFile.read(url: url, encoding: .utf8, progress: nil, limits: limits) { firsts.append($0.string(0)) }
            return .success(firsts)
        } catch {
            return .failure(error)
        }
    }

    static func message(_ result: Result<[String], Error>) -> String? {
        if case let .failure(error) = result { return "\(error)" }
        return nil
    }

    static let small = CSVLimits(fieldBytes: 16, recordBytes: 40, recordFields: 5)

    @Test func aFieldAtTheLimitIsReadAndOnePastItIsRefusedWithItsLine() throws {
        let f = try Folder()
        defer { f.cleanUp() }
        let atLimit = try f.file("ok.csv", Array("a,b\n\(String(repeating: "k", count: 16)),x\n".utf8))
        #expect(try Self.read(atLimit, Self.small).get() == ["a", String(repeating: "k", count: 16)])

        // Quoted, over two lines: the line is the one the field starts on.
        let over = try f.file("over.csv", Array("a,b\nx,y\n1,\"kkkkkkkk\nkkkkkkkkk\"\n".utf8))
        let message = Self.message(Self.read(over, Self.small))
        #expect(message?.hasPrefix("over.csv:3: error: a field longer than 16 bytes starts on this line.") == true, "\(message ?? "")")
        #expect(message?.contains("kkk") == false)
    }

    @Test func aRecordPastItsBytesOrItsFieldsIsRefusedWithItsLine() throws {
        let f = try Folder()
        defer { f.cleanUp() }
        let wide = try f.file("wide.csv", Array("a,b\nx,y\n1,2,3,4,5\n1,2,3,4,5,6\n".utf8))
        #expect(Self.message(Self.read(wide, Self.small))?.hasPrefix("wide.csv:4: error: the record on this line has more than 5 fields.") == true)

        let long = try f.file("long.csv", Array("a,b\n\(String(repeating: "q", count: 15)),\(String(repeating: "q", count: 15)),\(String(repeating: "q", count: 15))\n".utf8))
        let message = Self.message(Self.read(long, Self.small))
        #expect(message?.hasPrefix("long.csv:2: error: the record on this line is longer than 40 bytes.") == true)
        #expect(message?.contains("qqq") == false)
    }

    /// The standard limits, as the docs state them.
    @Test func theStandardLimitsAreTheDocumentedOnes() {
        #expect(CSVLimits.standard == CSVLimits(fieldBytes: 1_048_576, recordBytes: 4_194_304, recordFields: 4096))
        #expect(CSVLimits.bytes(1_048_576) == "1 MiB (1,048,576 bytes)")
    }

    // MARK: Inputs that never end, through the importer with the standard limits

    struct Workspace {
        let folder: Folder
        let store: Store
        init() throws {
            folder = try Folder()
            store = try Store.openForWriting(at: folder.url.appendingPathComponent("store.sqlite").path)
        }
        func importBundle(_ path: String) -> String? {
            do {
                _ = try BundleImporter(store: store, options: ImportOptions()).run(try ExportBundle(paths: [path]))
                return nil
            } catch {
                return "\(error)"
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aReferralsFileLinkedToDevZeroStops() throws {
        let w = try Workspace()
        defer { w.folder.cleanUp() }
        let bundle = w.folder.url.appendingPathComponent("bundle")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bundle.appendingPathComponent("referrals.csv").path, withDestinationPath: "/dev/zero")
        let message = w.importBundle(bundle.path)
        #expect(message?.hasPrefix("referrals.csv:1: error: a field longer than 1 MiB (1,048,576 bytes) starts on this line.") == true,
                "\(message ?? "imported")")
    }

    /// One stray quote near the top of a file larger than the limit: refused at the
    /// line the quote opens, not after reading the rest into one field.
    @Test(.timeLimit(.minutes(1)))
    func aStrayQuoteInALargeFileIsRefusedAtItsLine() throws {
        let w = try Workspace()
        defer { w.folder.cleanUp() }
        let bundle = w.folder.url.appendingPathComponent("bundle")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        var text = "referral_id,panel,area,victim_ref,referral_date,referring_agency\n"
        text += "R1,MARAC,Stockton,V1,2024-01-03,police\n"
        text += "R2,MARAC,\"Stockton,V2,2024-01-03,police\n"
        for k in 3..<60_000 { text += "R\(k),MARAC,Stockton,V\(k),2024-01-03,police\n" }
        #expect(text.utf8.count > 2 * CSVLimits.standard.fieldBytes)
        try text.write(to: bundle.appendingPathComponent("referrals.csv"), atomically: true, encoding: .utf8)
        let message = w.importBundle(bundle.path)
        #expect(message?.hasPrefix("referrals.csv:3: error: a field longer than 1 MiB (1,048,576 bytes) starts on this line.") == true,
                "\(message ?? "imported")")
        #expect(message?.contains("Stockton") == false)
    }

    /// A FIFO whose writer never closes it: the import stops on the limit without
    /// waiting for an end of file that never comes.
    @Test(.timeLimit(.minutes(1)))
    func aFIFOThatNeverEndsStops() throws {
        let w = try Workspace()
        defer { w.folder.cleanUp() }
        let bundle = w.folder.url.appendingPathComponent("bundle")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        let fifo = bundle.appendingPathComponent("referrals.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // The writer's end closes only after the import has returned; a write after
        // the reader has gone fails with EPIPE rather than killing the test.
        signal(SIGPIPE, SIG_IGN)
        let importDone = DispatchSemaphore(value: 0)
        let writerDone = DispatchSemaphore(value: 0)
        let bounded = 4 * CSVLimits.standard.fieldBytes
        Thread.detachNewThread {
            let fd = open(fifo, O_WRONLY)
            if fd >= 0 {
                let header = Array("referral_id,panel,area,victim_ref,referral_date,referring_agency\nR1,MARAC,".utf8)
                _ = header.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                let block = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
                var sent = 0
                while sent < bounded {
                    let n = block.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                    if n <= 0 { break }
                    sent += n
                }
                importDone.wait()
                close(fd)
            }
            writerDone.signal()
        }
        let message = w.importBundle(bundle.path)
        importDone.signal()
        writerDone.wait()
        #expect(message?.hasPrefix("referrals.csv:2: error: a field longer than 1 MiB (1,048,576 bytes) starts on this line.") == true,
                "\(message ?? "imported")")
    }
}
