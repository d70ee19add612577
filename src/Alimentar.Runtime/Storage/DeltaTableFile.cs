using Alimentar.Binding;
using Alimentar.Storage;

namespace Alimentar;

/// <summary>
/// A data file of a Delta Lake table at a version, as the table's log describes it: where it is, its partition values,
/// and how many of its rows a deletion vector deletes. What tools that have no row type read a table's rows through
/// (<see cref="ParquetFileInfo.ScanAsync(DeltaTableFile, int, bool, IProgress{long}?, CancellationToken)"/>), under the
/// table's column names and without its deleted rows; typed reading needs none of this
/// (<see cref="ParquetSource{T}.FromDeltaTable(string, long, Func{ParquetSource{T}, ParquetSource{T}}?)"/>).
/// </summary>
/// <example>
/// <code>
/// foreach (DeltaTableFile file in DeltaTable.Files("lake/trips"))
/// {
///     ParquetScan scan = await ParquetFileInfo.ScanAsync(file, headRows: 5, headOnly: true);
///     Console.WriteLine($"{file.Path}: {string.Join(", ", scan.Columns)}");
/// }
/// </code>
/// </example>
public sealed class DeltaTableFile
{
    private readonly DeltaDataFile _data;
    private readonly string _table;
    private readonly Func<string, long, int, byte[]> _readRange;
    private readonly ObjectReadOptions _options;

    internal DeltaTableFile(DeltaDataFile data, string table, string name, IObjectStore? store, string location, ObjectInfo? listed, Func<string, long, int, byte[]> readRange, ObjectReadOptions? options = null)
    {
        _options = options ?? ObjectReadOptions.Default;
        _data = data;
        _table = table;
        _readRange = readRange;
        Name = name;
        Store = store;
        Location = location;
        Listed = listed;
        PartitionValues = [.. data.Partitions.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))];
    }

    /// <summary>The file as the log names it, below the table's root (<c>city=Lisbon/part-0.parquet</c>), unescaped.</summary>
    public string Path => _data.Path;

    /// <summary>The file as errors name it: its full local path, or its store's name and its key.</summary>
    public string Name { get; }

    /// <summary>Its partition values by the table's column names, as the log holds them (text; null for a null partition).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> PartitionValues { get; }

    /// <summary>How many of the file's rows its deletion vector deletes: 0 when it has none.</summary>
    public long DeletedRowCount => _data.DeletionVector?.Cardinality ?? 0;

    /// <summary>The store the file is in; null for a local file.</summary>
    internal IObjectStore? Store { get; }

    /// <summary>Its local path, or its key in <see cref="Store"/>.</summary>
    internal string Location { get; }

    /// <summary>Its description in the table's listing (length and ETag), when the listing held it.</summary>
    internal ObjectInfo? Listed { get; }

    /// <summary>How the file is read as the table's: its columns renamed, and its partition values from the log.</summary>
    internal TableFileView View() => _data.View();

    /// <summary>The rows its deletion vector deletes, read and checked now; null when it has none.</summary>
    /// <exception cref="CorruptParquetFileException">The vector is damaged or disagrees with the log.</exception>
    internal DeletedRows? LoadDeletedRows() => _data.DeletionVector?.Load(_table, _data.Path, _readRange);

    /// <summary>Opens the file's bytes for reading.</summary>
    internal Func<CancellationToken, ValueTask<IRangeReader>> Open() => Store is { } store
        ? async token => await ObjectRangeReader.OpenAsync(store, Location, Listed, _options, tracker: null, token).ConfigureAwait(false)
        : _ => ValueTask.FromResult<IRangeReader>(FileRangeReader.Open(Location));

    /// <inheritdoc />
    public override string ToString() => Name;
}
