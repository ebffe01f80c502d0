extension FileSummary {
    /// The summary with every name taken from the file's header and cells left out
    /// (unknown and dropped column names, unmapped agency names), for the log's
    /// entry of a refused import: a refused bundle may be refused precisely because
    /// it was not anonymised, and the guard may not have reached every cell.
    var withoutCellValues: FileSummary {
        var summary = self
        summary.unknownColumns = []
        summary.droppedColumns = []
        summary.unmappedAgencies = [:]
        return summary
    }
}
