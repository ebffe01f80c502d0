import Foundation
import Testing
@testable import PanelboardCore

#if canImport(Glibc)
import Glibc
#endif

/// Reading a file on a second thread hands the loader what reading it inline
/// would: the same records, lines and digest, in order; a reading error after the
/// records before it; and a loader that gives up stops the reader, whatever it
/// was waiting for.
@Suite struct ImportReadAheadTests {
    struct Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("pb-readahead-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
            let file = url.appendingPathComponent(name)
            try Data(bytes).write(to: file)
            return file
        }
        func cleanUp() { try? FileManager.default.removeItem(at: url) }
    }

    /// A record as the loader sees it: each field with the line it starts on.
    static func describe(_ record: CSVRecord) -> String {
        (0..<record.count).map { "\(record.lines[$0]):\(record.string($0))" }.joined(separator: "|")
    }

    /// Several chunks' worth of rows (so several batches cross between the
    /// threads, more than the queue holds), some with quoted line breaks and
    /// empty fields, CRLF and LF mixed.
    static func manyChunks() -> [UInt8] {
        var text = "id,note,n\r\n"
        var i = 0
        while text.utf8.count < CSVFile.chunkSize * (ReadAhead.depth + 3) {
            switch i % 4 {
            case 0: text += "R\(i),\"two\nlines\",\(i)\n"
            case 1: text += "R\(i),,\(i)\r\n"
            case 2: text += "R\(i),\"a, quoted \"\"comma\"\"\",\(i)\n"
            default: text += "R\(i),plain \(String(repeating: "x", count: i % 97)),\(i)\n"
            }
            i += 1
        }
        return Array(text.utf8)
    }

    static func readInline(_ url: URL) throws -> ([String], FileDigest) {
        var seen: [String] = []
        let digest = try CSVFile.read(url: url, encoding: .utf8, progress: nil) { seen.append(describe($0)) }
        return (seen, digest)
    }

    static func readAhead(_ url: URL) throws -> ([String], FileDigest) {
        var seen: [String] = []
        let digest = try ReadAhead.read(url: url, encoding: .utf8, progress: nil) { seen.append(describe($0)) }
        return (seen, digest)
    }

    @Test func readingAheadHandsOverTheRecordsLinesAndDigestThatReadingInlineDoes() throws {
        let f = try Folder()
        defer { f.cleanUp() }
        let url = try f.file("many.csv", Self.manyChunks())
        let (inline, inlineDigest) = try Self.readInline(url)
        let (ahead, aheadDigest) = try Self.readAhead(url)
        #expect(inline.count > 100_000)
        #expect(ahead == inline)
        #expect(aheadDigest.sha256 == inlineDigest.sha256)
        #expect(aheadDigest.bytes == inlineDigest.bytes)
        // A quoted line break counts: the row after one starts a line further on.
        #expect(ahead[1] == "2:R0|2:two\nlines|3:0")
        #expect(ahead[2] == "4:R1|4:|4:1")
    }

    @Test func aReadingErrorArrivesAfterTheRecordsBeforeIt() throws {
        let f = try Folder()
        defer { f.cleanUp() }
        // Good rows over several chunks, then a byte that is not UTF-8.
        var bytes = Self.manyChunks()
        bytes +=  Array("R-last,ok,1\nR-bad,".utf8) + [0xFF] + Array(",2\n".utf8)
        let url = try f.file("bad.csv", bytes)

        var inline: [String] = []
        let inlineError = #expect(throws: ImportError.self) {
            try CSVFile.read(url: url, encoding: .utf8, progress: nil) { inline.append(Self.describe($0)) }
        }
        var ahead: [String] = []
        let aheadError = #expect(throws: ImportError.self) {
            try ReadAhead.read(url: url, encoding: .utf8, progress: nil) { ahead.append(Self.describe($0)) }
        }
        // The chunks before the bad one were loaded, then the same error, naming the same place.
        #expect(ahead == inline)
        #expect(ahead.count > 100_000)
        #expect(aheadError != nil)
        #expect(aheadError.map { "\($0)" } == inlineError.map { "\($0)" })
    }

    @Test func anImportReadAheadStoresWhatAnImportReadInlineStores() throws {
        let w = try ImportIndexDeferralTests.Workspace(referrals: 400)
        defer { w.cleanUp() }
        let ahead = try w.store("ahead.sqlite"), inline = try w.store("inline.sqlite")
        let a = try w.run(ahead, deferring: false) { $0.readAhead = true }
        let b = try w.run(inline, deferring: false) { $0.readAhead = false }
        #expect(a.files.map(\.new) == b.files.map(\.new))
        #expect(a.files.map(\.sha256) == b.files.map(\.sha256))
        #expect(a.files.map(\.bytes) == b.files.map(\.bytes))
        #expect(a.files.contains { $0.new > 1_000 })
        #expect(try ImportIndexDeferralTests.dump(ahead) == ImportIndexDeferralTests.dump(inline))
        // Again: every row unchanged.
        let again = try w.run(ahead, deferring: false) { $0.readAhead = true }
        #expect(again.files.allSatisfy { $0.new == 0 && $0.changed == 0 && $0.unchanged == $0.rowsRead })
    }

    struct Stop: Error, Equatable {}

    @Test func aLoaderThatGivesUpStopsTheReaderAndItsErrorIsTheOneThrown() throws {
        let f = try Folder()
        defer { f.cleanUp() }
        let url = try f.file("many.csv", Self.manyChunks())
        // The reader fills the queue and waits for room while the loader stops at
        // its tenth record: the call must return, with the loader's error.
        var taken = 0
        #expect(throws: Stop.self) {
            try ReadAhead.read(url: url, encoding: .utf8, progress: nil) { _ in
                taken += 1
                if taken == 10 { throw Stop() }
            }
        }
        #expect(taken == 10)
    }

    /// A loader that gives up while the reader waits on a pipe that sends no more
    /// returns at once: the reader is told to stop, not waited for.
    @Test func aLoaderThatGivesUpDoesNotWaitForAPipeThatSendsNoMore() throws {
        let f = try Folder()
        defer { f.cleanUp() }
        let fifo = f.url.appendingPathComponent("held.csv")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        // The writing end stays open, quiet, until the test has its answer.
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo.path) else { return }
            handle.write(Data(("id,n\n" + String(repeating: "R1,1\n", count: CSVFile.chunkSize / 5 + 10)).utf8))
            Thread.sleep(forTimeInterval: 5)
            try? handle.close()
        }
        writer.start()
        let started = Date()
        #expect(throws: Stop.self) {
            try ReadAhead.read(url: fifo, encoding: .utf8, progress: nil) { _ in throw Stop() }
        }
        #expect(Date().timeIntervalSince(started) < 4)
    }

    @Test func theQueueBetweenTheThreadsIsBounded() throws {
        let channel = RecordChannel<ReadingOnly.Output>(depth: 2)
        var batch = RecordBatch<ReadingOnly.Output>()
        var record = CSVRecord()
        record.bytes = Array("ab".utf8)
        record.ends = [1, 2]
        record.lines = [1, 1]
        batch.append(record)
        let one = batch
        var put = one
        try channel.put(&put)
        #expect(put.isEmpty)
        put = one
        try channel.put(&put)
        // A third batch waits for room: the reader is held until the loader takes one.
        let third = Thread {
            var third = one
            try? channel.put(&third)
            channel.finish(.success(FileDigest(sha256: "", bytes: 0)))
        }
        third.start()
        Thread.sleep(forTimeInterval: 0.2)
        #expect(channel.waiting == 2)
        var copied = CSVRecord()
        var taken = try #require(try channel.take())
        taken.copy(0, into: &copied)
        #expect(copied.string(0) == "a" && copied.string(1) == "b")
        channel.recycle(&taken)
        #expect(taken.isEmpty)
        channel.waitUntilFinished()
        #expect(channel.waiting == 2)
        #expect(try channel.take() != nil)
        #expect(try channel.take() != nil)
        #expect(try channel.take() == nil)
    }
}
