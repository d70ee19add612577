namespace Alimentar;

/// <content>
/// Delta Lake tables (<see cref="DeltaLog"/>): a folder or prefix with a <c>_delta_log</c> read as its log says, at its
/// latest version (<see cref="FromDirectory"/>, <see cref="FromStore"/>) or at one named (<see cref="FromDeltaTable(string, long, Func{ParquetSource{T}, ParquetSource{T}}?)"/>).
/// </content>
public sealed partial class ParquetSource<T>
{
    /// <summary>
    /// The Delta Lake table in <paramref name="directory"/> as it was at <paramref name="version"/> (time travel: the
    /// files that version's log names, with their deletion vectors, partition values and column mapping), so a
    /// training run can be repeated on the data it saw while the table moves on. As <see cref="FromDirectory"/> reads a
    /// table, otherwise; a partition folder of the table reads that version's files in it.
    /// </summary>
    /// <param name="directory">The table's folder, or a partition folder of it.</param>
    /// <param name="version">The table version, as its commits number them (<c>00000000000000000042.json</c> is 42).</param>
    /// <param name="configure">Applied to each file's source, e.g. <c>s =&gt; s.BatchSize(1024)</c>.</param>
    /// <returns>A source over the version's files.</returns>
    /// <exception cref="SourceUnavailableException">The folder is not a Delta table, the version is past its latest, or a file the version names is not there (vacuumed).</exception>
    /// <exception cref="UnsupportedParquetFeatureException">The version's commits were cleaned up with no checkpoint for them, or the table uses what its log alone cannot honour.</exception>
    /// <exception cref="CorruptParquetFileException">A deletion vector is damaged or disagrees with the log.</exception>
    public static IBatchSource<T> FromDeltaTable(string directory, long version, Func<ParquetSource<T>, ParquetSource<T>>? configure = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return DeltaFiles(DeltaTable.Listing(directory, version), configure, options: null);
    }

    /// <summary>The Delta Lake table under <paramref name="prefix"/> of <paramref name="store"/> as it was at <paramref name="version"/>, as <see cref="FromDeltaTable(string, long, Func{ParquetSource{T}, ParquetSource{T}}?)"/> reads a folder.</summary>
    /// <param name="store">Where the table lives.</param>
    /// <param name="prefix">The table's prefix, e.g. <c>lake/trips/</c>, or a partition's.</param>
    /// <param name="version">The table version.</param>
    /// <param name="configure">Applied to each file's source.</param>
    /// <param name="options">Request sizes, parallelism, retries and timeouts.</param>
    /// <returns>A source over the version's files.</returns>
    /// <exception cref="SourceUnavailableException">The prefix is not a Delta table, the version is past its latest, or a file the version names is not there.</exception>
    /// <exception cref="UnsupportedParquetFeatureException">The version's commits were cleaned up with no checkpoint for them, or the table uses what its log alone cannot honour.</exception>
    /// <exception cref="CorruptParquetFileException">A deletion vector is damaged or disagrees with the log.</exception>
    public static IBatchSource<T> FromDeltaTable(IObjectStore store, string prefix, long version, Func<ParquetSource<T>, ParquetSource<T>>? configure = null, ObjectReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return DeltaFiles(DeltaTable.Listing(store, prefix, version, options), configure, options);
    }

    /// <summary>A source per file of the listing, each reading the file as the table's (names, partitions, statistics from the log) less the rows its deletion vector deletes.</summary>
    private static IBatchSource<T> DeltaFiles(DeltaTableListing listing, Func<ParquetSource<T>, ParquetSource<T>>? configure, ObjectReadOptions? options)
    {
        if (listing.Files.Count == 0)
        {
            // A table just created, or emptied by a delete, is a table of no rows, as Delta's own readers read it.
            return new EmptySource<T>(listing.Name);
        }

        var sources = new List<ParquetSource<T>>(listing.Files.Count);
        foreach (DeltaTableFile file in listing.Files)
        {
            ParquetSource<T> source = file.Store is { } store
                ? file.Listed is { } info ? new ParquetSource<T>(store, info.Key, info, options) : new ParquetSource<T>(store, file.Location, options)
                : new ParquetSource<T>(file.Location);
            source._view = file.View();
            if (file.LoadDeletedRows() is { } deleted)
            {
                source.ExcludeRows(deleted);
            }

            sources.Add(configure is null ? source : configure(source));
        }

        return new ChainedSource<T>(sources);
    }
}
