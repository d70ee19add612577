namespace Alimentar.Storage;

/// <summary>
/// One row of a Delta table's checkpoint (<c>_delta_log/N.checkpoint.parquet</c>): the table's state at version N as
/// actions, one non-null per row. Only what <see cref="DeltaLog"/> needs is read: the files added (with their
/// partition values and deletion vectors), the table's schema and configuration and the protocol's reader features.
/// </summary>
[StreamingDataset]
internal sealed partial record DeltaCheckpointRow(DeltaCheckpointAdd? Add, DeltaCheckpointMetadata? MetaData, DeltaCheckpointProtocol? Protocol, DeltaCheckpointSidecar? Sidecar);

/// <summary>A file of the table: its URI-escaped path relative to the root, its partition values (null for a null value), its deletion vector if any, and its statistics as JSON.</summary>
internal sealed record DeltaCheckpointAdd(string? Path, Dictionary<string, string?>? PartitionValues, DeltaCheckpointDeletionVector? DeletionVector, string? Stats);

/// <summary>A deletion vector (<see cref="DeltaDeletionVector"/>); its storage type is null when the file has none.</summary>
internal sealed record DeltaCheckpointDeletionVector(string? StorageType, string? PathOrInlineDv, int? Offset, int? SizeInBytes, long? Cardinality);

/// <summary>The table's schema and configuration (where column mapping is set); its id is always there, so the group is found by it.</summary>
internal sealed record DeltaCheckpointMetadata(string? Id, string? SchemaString, Dictionary<string, string?>? Configuration);

/// <summary>The reader features a reader must have (older tables have none, only a reader version).</summary>
internal sealed record DeltaCheckpointProtocol(int? MinReaderVersion, string[]? ReaderFeatures);

/// <summary>A V2 checkpoint's sidecar: a Parquet file of <c>_delta_log/_sidecars</c> holding some of the table's files.</summary>
internal sealed record DeltaCheckpointSidecar(string? Path);
