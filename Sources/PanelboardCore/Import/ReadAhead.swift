import Foundation

/// Reads a CSV file on a thread of its own while the caller's thread loads what it
/// has read: libcsv, the UTF-8 check and the file's SHA-256 run on the second core,
/// the guard, the checks and SQLite on the first.
///
/// Only the reading moves: every record is handed to `onRecord` on the caller's
/// thread, in order, exactly as `CSVFile.read` hands it, so the guard, the row
/// rules, the upsert and the one transaction see what they always saw. A reading
/// error (bad UTF-8, a stray quote, a field past the limits) reaches the caller
/// after the records before it, where `CSVFile.read` would have thrown it.
///
/// Memory stays flat: the reader stops when `depth` batches are waiting, a batch
/// holds at most `batchRecords` records, and the loader hands each batch back
/// emptied for the reader to fill again. Batches allocated on the reader's thread
/// and freed on the loader's grew a malloc arena of their own to 40 MB on a
/// million-row file; reused, they stay a few hundred kilobytes each. A chunk's last
/// records go over when the chunk ends, so a file that arrives slowly (a pipe) is
/// loaded as its chunks arrive, never held back until a batch fills.
enum ReadAhead {
    /// Batches waiting between the threads: enough to ride out an index page
    /// flush on the writing side without letting the reader run far ahead.
    static let depth = 4
    static let batchRecords = 1_024

    static func read(
        url: URL,
        encoding: TextEncoding,
        progress: (@Sendable (Int) -> Void)?,
        limits: CSVLimits = .standard,
        onRecord: (CSVRecord) throws -> Void
    ) throws -> FileDigest {
        let channel = RecordChannel(depth: depth)
        let reader = Thread {
            var batch = RecordBatch()
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
                        batch.append(record)
                        if batch.count >= batchRecords { try send() }
                    })
                try send()
                channel.finish(.success(digest))
            } catch {
                channel.finish(.failure(error))
            }
        }
        // libcsv and the record buffers are all the reader needs; 1 MiB is ample.
        reader.stackSize = 1 << 20
        reader.start()

        var record = CSVRecord()
        do {
            while var batch = try channel.take() {
                for i in 0..<batch.count {
                    batch.copy(i, into: &record)
                    try onRecord(record)
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

/// Several records in flat buffers: three arrays per batch instead of three per
/// record, so handing a chunk's records across costs a few allocations.
struct RecordBatch: Sendable, Equatable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var lines: [Int] = []
    /// Per record: where its fields start in `ends` and `lines`, and its first byte.
    private var fieldStarts: [Int] = []
    private var byteStarts: [Int] = []

    var count: Int { fieldStarts.count }
    var isEmpty: Bool { fieldStarts.isEmpty }

    mutating func append(_ record: CSVRecord) {
        let base = bytes.count
        fieldStarts.append(ends.count)
        byteStarts.append(base)
        bytes.append(contentsOf: record.bytes)
        for end in record.ends { ends.append(base + end) }
        lines.append(contentsOf: record.lines)
    }

    /// Empties the batch, keeping its buffers for the next.
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
final class RecordChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    private var batches: [RecordBatch] = []
    private var head = 0
    /// Emptied batches the loader handed back, for the reader to fill again.
    private var spares: [RecordBatch] = []
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
    func put(_ batch: inout RecordBatch) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count - head >= depth && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        batches.append(batch)
        batch = spares.popLast() ?? RecordBatch()
        condition.broadcast()
    }

    /// The next batch; nil when the file has been read to its end; the reading's
    /// error once the batches before it are taken.
    func take() throws -> RecordBatch? {
        condition.lock()
        defer { condition.unlock() }
        while head == batches.count && outcome == nil { condition.wait() }
        if head < batches.count {
            let batch = batches[head]
            batches[head] = RecordBatch()
            head += 1
            if head == batches.count { batches.removeAll(keepingCapacity: true); head = 0 }
            condition.broadcast()
            return batch
        }
        if case let .failure(error)? = outcome { throw error }
        return nil
    }

    /// Hands a loaded batch back, emptied, for the reader to fill again.
    func recycle(_ batch: inout RecordBatch) {
        batch.removeAll()
        condition.lock()
        defer { condition.unlock() }
        spares.append(batch)
        batch = RecordBatch()
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
