import Foundation

/// Reads a CSV file on a thread of its own while the caller's thread loads what it
/// has read: libcsv, the UTF-8 check and the file's SHA-256 run on the second core,
/// and with a `ReadingStage` whatever of each record's work needs nothing from the
/// store (the import's: the guard and the typing, `RowParser`); the checks that
/// read the store and SQLite stay on the first.
///
/// Every record is handed to `onRecord` on the caller's thread, in order, exactly
/// as `CSVFile.read` hands it, with what the stage made of it, so the row rules,
/// the upsert and the one transaction see what they always saw. A reading error
/// (bad UTF-8, a stray quote, a field past the limits), or the stage's (a refused
/// header), reaches the caller after the records before it, where reading inline
/// would have thrown it.
///
/// Memory stays flat: the reader stops when `depth` batches are waiting, a batch
/// holds at most `batchRecords` records, and the loader hands each batch back
/// emptied for the reader to fill again, with the stage's outputs kept for reuse.
/// Batches allocated on the reader's thread and freed on the loader's grew a
/// malloc arena of their own to 40 MB on a million-row file; reused, they stay a
/// few hundred kilobytes each. A chunk's last records go over when the chunk ends,
/// so a file that arrives slowly (a pipe) is loaded as its chunks arrive, never
/// held back until a batch fills.
enum ReadAhead {
    /// Batches waiting between the threads: enough to ride out an index page
    /// flush on the writing side without letting the reader run far ahead.
    static let depth = 4
    /// A parsed row holds its typed values beside its record (about a kilobyte for
    /// a referral): 1,024 of them a batch took a million-row import from 96 to
    /// 105 MB; 256 keep the rows between the threads under 2 MB, and a batch
    /// handed across per 256 rows costs nothing measurable.
    static let batchRecords = 256

    /// Reading only: each record as `CSVFile.read` hands it.
    static func read(
        url: URL,
        encoding: TextEncoding,
        progress: (@Sendable (Int) -> Void)?,
        limits: CSVLimits = .standard,
        onRecord: (CSVRecord) throws -> Void
    ) throws -> FileDigest {
        try read(url: url, encoding: encoding, progress: progress, limits: limits, stage: ReadingOnly()) { record, _ in
            try onRecord(record)
        }
    }

    /// Reading, and `stage` run on each record on the reading thread; `onRecord`
    /// gets the record and the stage's output for it, to use in place (the output
    /// is reused for a later record once `onRecord` returns).
    static func read<Stage: ReadingStage>(
        url: URL,
        encoding: TextEncoding,
        progress: (@Sendable (Int) -> Void)?,
        limits: CSVLimits = .standard,
        stage: Stage,
        onRecord: (CSVRecord, inout Stage.Output) throws -> Void
    ) throws -> FileDigest {
        let channel = RecordChannel<Stage.Output>(depth: depth)
        let reader = Thread {
            var stage = stage
            var batch = RecordBatch<Stage.Output>()
            func send() throws {
                if !batch.isEmpty { try channel.put(&batch) }
            }
            do {
                // No progress once the loader has stopped: the import has ended.
                let digest = try CSVFile.read(
                    url: url, encoding: encoding, progress: progress.map { report in
                        { bytes in if !channel.isCancelled { report(bytes) } }
                    }, limits: limits,
                    afterChunk: send,
                    onRecord: { record in
                        try batch.append(record, stage: &stage)
                        if batch.count >= batchRecords { try send() }
                    })
                try send()
                channel.finish(.success(digest))
            } catch {
                channel.finish(.failure(error))
            }
        }
        // libcsv, the record buffers and the stage are all the reader needs; 1 MiB is ample.
        reader.stackSize = 1 << 20
        reader.start()

        var record = CSVRecord()
        do {
            while var batch = try channel.take() {
                for i in 0..<batch.count {
                    batch.copy(i, into: &record)
                    try onRecord(record, &batch.outputs[i])
                }
                channel.recycle(&batch)
            }
        } catch {
            // The reader may be waiting for room, or for a pipe that sends no more:
            // told to stop, it does at its next batch or chunk, having touched only
            // the channel and its own file. Waiting for it could wait for ever.
            channel.cancel()
            throw error
        }
        return try channel.digest()
    }
}

/// The work on each record that moves to the reading thread with it. It may hold
/// state from record to record (the header, read first), but nothing shared with
/// the loading thread.
protocol ReadingStage: Sendable {
    associatedtype Output: Sendable
    /// A fresh output, for a batch that has none to reuse at this position.
    func makeOutput() -> Output
    /// Fills `output` for `record`, overwriting what an earlier record left there.
    /// An error ends the reading, as a reading error does.
    mutating func prepare(_ record: CSVRecord, into output: inout Output) throws
}

/// No work beyond reading.
struct ReadingOnly: ReadingStage {
    struct Output: Sendable, Equatable {}
    func makeOutput() -> Output { Output() }
    func prepare(_ record: CSVRecord, into output: inout Output) {}
}

/// Several records in flat buffers: three arrays per batch instead of three per
/// record, so handing a chunk's records across costs a few allocations; and the
/// stage's output for each, kept when the batch is emptied, to be filled again.
struct RecordBatch<Output: Sendable>: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var lines: [Int] = []
    /// Per record: where its fields start in `ends` and `lines`, and its first byte.
    private var fieldStarts: [Int] = []
    private var byteStarts: [Int] = []
    /// The stage's output for record `i`; beyond `count`, spares from earlier use.
    var outputs: [Output] = []

    var count: Int { fieldStarts.count }
    var isEmpty: Bool { fieldStarts.isEmpty }

    /// The record, and the stage's output for it made before the record is added:
    /// a stage that throws leaves the batch as it was.
    mutating func append<Stage: ReadingStage>(_ record: CSVRecord, stage: inout Stage) throws where Stage.Output == Output {
        let n = count
        if outputs.count == n { outputs.append(stage.makeOutput()) }
        try stage.prepare(record, into: &outputs[n])
        append(record)
    }

    mutating func append(_ record: CSVRecord) {
        let base = bytes.count
        fieldStarts.append(ends.count)
        byteStarts.append(base)
        bytes.append(contentsOf: record.bytes)
        for end in record.ends { ends.append(base + end) }
        lines.append(contentsOf: record.lines)
    }

    /// Empties the batch, keeping its buffers and its outputs for the next.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        fieldStarts.removeAll(keepingCapacity: true)
        byteStarts.removeAll(keepingCapacity: true)
    }

    /// Record `i` into `record`, reusing its buffers.
    func copy(_ i: Int, into record: inout CSVRecord) {
        record.reset()
        let fields = fieldStarts[i]..<(i + 1 < fieldStarts.count ? fieldStarts[i + 1] : ends.count)
        let base = byteStarts[i]
        let end = i + 1 < byteStarts.count ? byteStarts[i + 1] : bytes.count
        record.bytes.append(contentsOf: bytes[base..<end])
        for f in fields { record.ends.append(ends[f] - base) }
        record.lines.append(contentsOf: lines[fields])
    }
}

/// A bounded queue of batches from one reader to one loader, and how the reading
/// ended. NSCondition guards every field, so it is Sendable by hand.
final class RecordChannel<Output: Sendable>: @unchecked Sendable {
    typealias Batch = RecordBatch<Output>
    private let condition = NSCondition()
    private let depth: Int
    private var batches: [Batch] = []
    private var head = 0
    /// Emptied batches the loader handed back, for the reader to fill again.
    private var spares: [Batch] = []
    private var outcome: Result<FileDigest, Error>?
    private var cancelled = false

    /// Thrown on the reading side once the loader has given up.
    struct Cancelled: Error {}

    init(depth: Int) { self.depth = depth }

    /// Batches read and not yet taken.
    var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return batches.count - head
    }

    /// Waits for room, queues the batch and leaves an emptied one in its place;
    /// throws `Cancelled` when the loader has stopped. The batches move, never
    /// shared between the threads, so filling and emptying them copies nothing.
    func put(_ batch: inout Batch) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count - head >= depth && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        batches.append(batch)
        batch = spares.popLast() ?? Batch()
        condition.broadcast()
    }

    /// The next batch; nil when the file has been read to its end; the reading's
    /// error once the batches before it are taken.
    func take() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while head == batches.count && outcome == nil { condition.wait() }
        if head < batches.count {
            let batch = batches[head]
            batches[head] = Batch()
            head += 1
            if head == batches.count { batches.removeAll(keepingCapacity: true); head = 0 }
            condition.broadcast()
            return batch
        }
        if case let .failure(error)? = outcome { throw error }
        return nil
    }

    /// Hands a loaded batch back, emptied, for the reader to fill again.
    func recycle(_ batch: inout Batch) {
        batch.removeAll()
        condition.lock()
        defer { condition.unlock() }
        spares.append(batch)
        batch = Batch()
    }

    func finish(_ result: Result<FileDigest, Error>) {
        condition.lock()
        outcome = result
        condition.broadcast()
        condition.unlock()
    }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
    }

    func waitUntilFinished() {
        condition.lock()
        while outcome == nil { condition.wait() }
        condition.unlock()
    }

    func digest() throws -> FileDigest {
        condition.lock()
        defer { condition.unlock() }
        return try outcome!.get()
    }
}
