namespace Alimentar.Fuzzing;

/// <summary>What an input is read as.</summary>
internal enum FuzzTarget
{
    /// <summary>A Parquet file.</summary>
    Parquet,

    /// <summary>An Arrow IPC stream (or file).</summary>
    Arrow,

    /// <summary>A Delta Lake commit: the whole log of a table whose data files and deletion vectors come from the seeds' tables.</summary>
    Delta,
}
