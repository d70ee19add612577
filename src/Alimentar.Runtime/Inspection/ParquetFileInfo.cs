using System.Globalization;

namespace Alimentar;

/// <summary>
/// What a Parquet file's footer says, read without decoding any data: its columns with their Parquet
/// types and the C# member each binds to, its row groups with sizes, codecs and column statistics (in
/// their logical types: a TIMESTAMP's minimum is a <see cref="DateTime"/>), and a row type scaffolded
/// for it. What tools such as the <c>alimentar</c> CLI show.
/// </summary>
/// <example>
/// <code>
/// ParquetFileInfo info = await ParquetFileInfo.ReadAsync("trips.parquet");
/// Console.WriteLine($"{info.RowCount} rows, written by {info.CreatedBy}");
/// Console.WriteLine(info.ScaffoldRowType("Trip", "MyApp"));
/// </code>
/// </example>
public sealed class ParquetFileInfo
{
    private readonly FileSchema _schema;
    private readonly IReadOnlyList<(string Key, string Value)>? _tablePartitions;
    private readonly Func<string, bool>? _isTableColumn;

    /// <param name="path">The file, as messages name it.</param>
    /// <param name="metadata">Its footer.</param>
    /// <param name="length">Its length in bytes.</param>
    /// <param name="schema">The schema shown: the footer's, or a table's renaming of it (Delta's column mapping).</param>
    /// <param name="tablePartitions">A table's partition values for the file, from its log; null to take them from the path.</param>
    /// <param name="isTableColumn">Whether a top-level column is the table's; a file's others are left out. Null keeps every column.</param>
    private ParquetFileInfo(string path, FileMetadata metadata, long length, FileSchema? schema = null, IReadOnlyList<(string Key, string Value)>? tablePartitions = null, Func<string, bool>? isTableColumn = null)
    {
        _tablePartitions = tablePartitions;
        _isTableColumn = isTableColumn;
        Path = path;
        Length = length;
        _schema = schema ?? metadata.Schema;
        RowCount = metadata.RowCount;
        CreatedBy = metadata.CreatedBy;
        bool[] shown = [.. _schema.Leaves.Select(leaf => isTableColumn?.Invoke(leaf.Path.FirstPart) ?? true)];
        Columns = _schema.Leaves.Select((leaf, i) => ColumnInfo(leaf) with { Encodings = EncodingsOf(metadata, i) }).Where((_, i) => shown[i]).ToArray();
        Schema = [.. SchemaTree(_schema).Where(node => isTableColumn?.Invoke(node.Name) ?? true)];
        RowGroups = metadata.RowGroups.Select(rowGroup => RowGroupInfo(rowGroup, _schema, metadata.CreatedBy, shown)).ToArray();
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The file's length in bytes.</summary>
    public long Length { get; }

    /// <summary>The rows the footer claims.</summary>
    public long RowCount { get; }

    /// <summary>The writer's own name and version, as it recorded them; null when it did not.</summary>
    public string? CreatedBy { get; }

    /// <summary>The leaf columns, in file order.</summary>
    public IReadOnlyList<ParquetColumnInfo> Columns { get; }

    /// <summary>The row groups, in file order.</summary>
    public IReadOnlyList<ParquetRowGroupInfo> RowGroups { get; }

    /// <summary>The schema as the file nests it: the root's fields, groups (structs, lists, maps) with their children.</summary>
    public IReadOnlyList<ParquetSchemaNode> Schema { get; }

    /// <summary>Reads the footer of the file at <paramref name="path"/>.</summary>
    /// <param name="path">A Parquet file.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The file's metadata.</returns>
    /// <exception cref="AlimentarException">The file is missing, not Parquet, or its footer is corrupt or encrypted.</exception>
    public static async Task<ParquetFileInfo> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        await using ParquetFile file = await OpenAsync(path, cancellationToken).ConfigureAwait(false);
        return new ParquetFileInfo(path, file.Metadata, file.Pages.Length);
    }

    /// <summary>Why a Delta table's files are not listed as a dataset's.</summary>
    private const string DeltaRefusal = "whose rows are those its log names, less its deletion vectors, not those of every file in it; list them with DeltaTable.Files, or read it with ParquetSource<T>.FromDirectory or FromStore";

    /// <summary>
    /// The Parquet files of a directory that <see cref="ParquetSource{T}.FromDirectory"/> reads, in the order it reads
    /// them: every file matching <paramref name="searchPattern"/> in it and its subdirectories (Hive partitions), less
    /// those in paths with a part starting with <c>_</c> or <c>.</c>. What tools inspect a dataset file by file with.
    /// </summary>
    /// <param name="directory">The dataset's directory.</param>
    /// <param name="searchPattern">Which files are Parquet.</param>
    /// <returns>The files' paths.</returns>
    /// <exception cref="SourceUnavailableException">
    /// The directory is missing or holds no such file, or it is (or lies in) a Delta Lake table, whose rows are those its
    /// log names less its deletion vectors, not its files': <see cref="ParquetSource{T}.FromDirectory"/> reads it so.
    /// </exception>
    /// <exception cref="UnsupportedParquetFeatureException">It is an Apache Iceberg or Hudi table, whose files are not all its rows.</exception>
    public static IReadOnlyList<string> DatasetFiles(string directory, string searchPattern = "*.parquet")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(searchPattern);
        if (!Directory.Exists(directory))
        {
            throw AlimentarThrow.Unavailable(directory, "the directory does not exist");
        }

        if (Storage.DeltaTableLocator.Find(directory) is { } table)
        {
            throw AlimentarThrow.Unavailable(directory, $"it is a Delta Lake table ({table}), {DeltaRefusal}");
        }

        return Storage.DatasetPaths.LocalFiles(directory, searchPattern);
    }

    /// <summary>
    /// The objects under <paramref name="prefix"/> of <paramref name="store"/> that <see cref="ParquetSource{T}.FromStore"/>
    /// reads, in the order it reads them: keys ending with <paramref name="suffix"/>, not empty, less those with a part
    /// below the prefix's folder starting with <c>_</c> or <c>.</c>.
    /// </summary>
    /// <param name="store">Where the objects live.</param>
    /// <param name="prefix">The key prefix, e.g. <c>trips/</c>.</param>
    /// <param name="options">Retries and timeouts of the listing.</param>
    /// <param name="suffix">Which keys are Parquet files.</param>
    /// <returns>The objects, each with its length and ETag.</returns>
    /// <exception cref="SourceUnavailableException">
    /// The listing failed after its retries or found no such object, or the prefix is (or lies in) a Delta Lake table,
    /// whose rows are those its log names: <see cref="ParquetSource{T}.FromStore"/> reads it so.
    /// </exception>
    /// <exception cref="UnsupportedParquetFeatureException">It is an Apache Iceberg or Hudi table, whose files are not all its rows.</exception>
    public static IReadOnlyList<ObjectInfo> DatasetObjects(IObjectStore store, string prefix, ObjectReadOptions? options = null, string suffix = ".parquet")
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(suffix);
        ObjectReadOptions settings = options ?? ObjectReadOptions.Default;
        List<ObjectInfo> listed = Storage.ObjectListing.Take(store, prefix, settings);
        string root = prefix[..(prefix.LastIndexOf('/') + 1)];
        if (Storage.DeltaTableLocator.Find(store, root, listed, settings) is var (table, _))
        {
            throw AlimentarThrow.Unavailable(Storage.ObjectRangeReader.NameOf(store, prefix), $"it is a Delta Lake table ({Storage.ObjectRangeReader.NameOf(store, table)}), {DeltaRefusal}");
        }

        return Storage.DatasetPaths.StoreObjects(store, prefix, listed, suffix);
    }

    /// <summary>Reads the footer of object <paramref name="key"/> in <paramref name="store"/>: usually one range request.</summary>
    /// <param name="store">Where the object lives.</param>
    /// <param name="key">The object's key.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The file's metadata; <see cref="Path"/> is the store's name and the key.</returns>
    /// <exception cref="AlimentarException">The object is missing or unreadable, not Parquet, or its footer is corrupt or encrypted.</exception>
    public static async Task<ParquetFileInfo> ReadAsync(IObjectStore store, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        string name = Storage.ObjectRangeReader.NameOf(store, key);
        await using ParquetFile file = await ParquetFile.OpenAsync(Open(store, key), name, cancellationToken).ConfigureAwait(false);
        return new ParquetFileInfo(name, file.Metadata, file.Pages.Length);
    }

    /// <summary>Like <see cref="ScanAsync(string, int, bool, IProgress{long}?, CancellationToken)"/>, over object <paramref name="key"/> in <paramref name="store"/>.</summary>
    /// <param name="store">Where the object lives.</param>
    /// <param name="key">The object's key.</param>
    /// <param name="headRows">Leading rows to keep.</param>
    /// <param name="headOnly">Stop once the head is full instead of decoding the whole file.</param>
    /// <param name="progress">Told the rows of each row group once it is decoded.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The columns, the rows decoded and the head.</returns>
    public static Task<ParquetScan> ScanAsync(IObjectStore store, string key, int headRows = 0, bool headOnly = false, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(headRows);
        return ParquetFileScanner.ScanAsync(Open(store, key), Storage.ObjectRangeReader.NameOf(store, key), headRows, cancellationToken, progress, headOnly);
    }

    /// <summary>
    /// Says which row groups and pages a filter written as text would read from the file at <paramref name="path"/>,
    /// and why, from metadata alone (footer, page index, Bloom filters), with every column bound untyped.
    /// </summary>
    /// <remarks>
    /// The text is C#-like over the file's column paths: <c>id &gt;= 100 &amp;&amp; (name == "x" || note == null)</c>,
    /// <c>!(price &lt; 1.5)</c>, <c>label.StartsWith("pre")</c>, <c>id in (1, 2, 3)</c>; dates, times and GUIDs are
    /// written as strings (<c>at &gt;= "2024-01-05T00:00:00Z"</c>) and strings compare ordinally, as
    /// <see cref="ParquetSource{T}.Where"/> does.
    /// </remarks>
    /// <param name="path">A Parquet file.</param>
    /// <param name="where">The filter, as text.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    /// <returns>One line per row group.</returns>
    /// <exception cref="FormatException">The text is not a filter over the file's columns; the message says where and why.</exception>
    /// <exception cref="AlimentarException">The file cannot be read.</exception>
    public static Task<FilterExplanation> ExplainAsync(string path, string where, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(where);
        return FilterExplainer.ExplainAsync(_ => ValueTask.FromResult<IRangeReader>(FileRangeReader.Open(path)), path, columns => FilterText.Parse(where, columns), cancellationToken);
    }

    /// <summary>Like <see cref="ExplainAsync(string, string, CancellationToken)"/>, over object <paramref name="key"/> in <paramref name="store"/>.</summary>
    /// <param name="store">Where the object lives.</param>
    /// <param name="key">The object's key.</param>
    /// <param name="where">The filter, as text.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    /// <returns>One line per row group.</returns>
    /// <exception cref="FormatException">The text is not a filter over the file's columns.</exception>
    public static Task<FilterExplanation> ExplainAsync(IObjectStore store, string key, string where, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(where);
        return FilterExplainer.ExplainAsync(Open(store, key), Storage.ObjectRangeReader.NameOf(store, key), columns => FilterText.Parse(where, columns), cancellationToken);
    }

    /// <summary>
    /// Reads the footer of a Delta table's file, its columns under the table's names (a table with column mapping stores
    /// them under physical names, <c>col-5f42…</c>); <see cref="RowCount"/> is the file's, deleted rows included.
    /// </summary>
    /// <param name="file">A file of <see cref="DeltaTable.Files(string, long?)"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The file's metadata; <see cref="Path"/> is <see cref="DeltaTableFile.Name"/>.</returns>
    /// <exception cref="AlimentarException">The file is unreadable, not Parquet, or its footer is corrupt or encrypted.</exception>
    public static async Task<ParquetFileInfo> ReadAsync(DeltaTableFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using ParquetFile parquet = await ParquetFile.OpenAsync(file.Open(), file.Name, cancellationToken).ConfigureAwait(false);
        TableFileView view = file.View();
        return new ParquetFileInfo(file.Name, parquet.Metadata, parquet.Pages.Length, view.SchemaOf(parquet.Schema), view.Partitions, view.IsTableColumn);
    }

    /// <summary>
    /// Like <see cref="ScanAsync(string, int, bool, IProgress{long}?, CancellationToken)"/>, over a Delta table's file as
    /// the table holds it: its columns under the table's names, and the rows its deletion vector deletes neither kept
    /// nor counted. Its partition values are the file's <see cref="DeltaTableFile.PartitionValues"/>.
    /// </summary>
    /// <param name="file">A file of <see cref="DeltaTable.Files(string, long?)"/>.</param>
    /// <param name="headRows">Leading rows to keep.</param>
    /// <param name="headOnly">Stop once the head is full instead of decoding the whole file.</param>
    /// <param name="progress">Told the rows of each row group (less its deleted ones) once it is decoded.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The columns, the rows decoded that the table holds, and the head.</returns>
    /// <exception cref="AlimentarException">A column cannot be read, or the deletion vector is damaged; the message names the file.</exception>
    public static Task<ParquetScan> ScanAsync(DeltaTableFile file, int headRows = 0, bool headOnly = false, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfNegative(headRows);
        return ParquetFileScanner.ScanAsync(file.Open(), file.Name, headRows, cancellationToken, progress, headOnly, view: file.View(), deleted: file.LoadDeletedRows());
    }

    /// <summary>Like <see cref="ExplainAsync(string, string, CancellationToken)"/>, over a Delta table's file, the filter written over the table's column names.</summary>
    /// <param name="file">A file of <see cref="DeltaTable.Files(string, long?)"/>.</param>
    /// <param name="where">The filter, as text.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    /// <returns>One line per row group (deleted rows are not told apart: a deletion vector is not metadata).</returns>
    /// <exception cref="FormatException">The text is not a filter over the table's columns.</exception>
    public static Task<FilterExplanation> ExplainAsync(DeltaTableFile file, string where, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(where);
        return FilterExplainer.ExplainAsync(file.Open(), file.Name, columns => FilterText.Parse(where, columns), cancellationToken, file.View());
    }

    private static Func<CancellationToken, ValueTask<IRangeReader>> Open(IObjectStore store, string key) =>
        async token => await Storage.ObjectRangeReader.OpenAsync(store, key, null, ObjectReadOptions.Default, tracker: null, token).ConfigureAwait(false);

    /// <summary>
    /// Decodes every column of every row group, untyped, through the same page reader typed sources use,
    /// keeping the first <paramref name="headRows"/> rows as values.
    /// </summary>
    /// <param name="path">A Parquet file.</param>
    /// <param name="headRows">Leading rows to keep.</param>
    /// <param name="headOnly">Stop once the head is full instead of decoding the whole file.</param>
    /// <param name="progress">Told the rows of each row group once it is decoded.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The columns, the rows decoded and the head.</returns>
    /// <exception cref="AlimentarException">A column cannot be read, naming the file, row group and column.</exception>
    public static Task<ParquetScan> ScanAsync(string path, int headRows = 0, bool headOnly = false, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegative(headRows);
        return ParquetFileScanner.ScanAsync(path, headRows, cancellationToken, progress, headOnly);
    }

    /// <summary>The source of a <c>[StreamingDataset] partial record</c> whose members bind to this file's columns.</summary>
    /// <param name="typeName">The record's name.</param>
    /// <param name="ns">Its namespace, or null for none.</param>
    /// <returns>C# source, with a comment for each column no member can bind.</returns>
    public string ScaffoldRowType(string typeName, string? ns = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        return RowTypeScaffolder.Scaffold(_schema, typeName, ns, Path, _tablePartitions, _isTableColumn);
    }

    private static async Task<ParquetFile> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw AlimentarThrow.Unavailable(path, "the file does not exist");
        }

        return await ParquetFile.OpenAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The footer's depth-first element list as a tree; a leaf carries its type as <see cref="Columns"/> shows it.</summary>
    private static IReadOnlyList<ParquetSchemaNode> SchemaTree(FileSchema schema)
    {
        int next = 1;
        int leaf = 0;
        return Children(schema.Elements[0].ChildCount, []);

        List<ParquetSchemaNode> Children(int count, string[] parent)
        {
            var nodes = new List<ParquetSchemaNode>(count);
            for (int i = 0; i < count && next < schema.Elements.Count; i++)
            {
                SchemaElement element = schema.Elements[next++];
                string repetition = element.Repetition.ToString().ToUpperInvariant();
                if (element.ChildCount > 0 || element.Type is null)
                {
                    string? annotation = element.LogicalType is { Kind: not LogicalTypeKind.None } logical ? logical.Kind.ToString().ToUpperInvariant()
                        : element.ConvertedType is { } converted ? converted.ToString().ToUpperInvariant()
                        : null;
                    // A VARIANT group binds as one member (or field, or element), as a leaf does.
                    string[] path = [.. parent, element.Name];
                    string? member = VariantBinder.IsVariant(schema.Leaves, path) ? "ParquetVariant" : null;
                    nodes.Add(new ParquetSchemaNode(element.Name, repetition, annotation is null ? "GROUP" : $"GROUP ({annotation})", member, Children(element.ChildCount, path)));
                }
                else
                {
                    LeafColumn column = schema.Leaves[leaf++];
                    string described = ParquetSchemaBinder.Describe(column);
                    nodes.Add(new ParquetSchemaNode(element.Name, repetition, described[..described.LastIndexOf(' ')], RowTypeScaffolder.MemberType(column), []));
                }
            }

            return nodes;
        }
    }

    private static ParquetColumnInfo ColumnInfo(LeafColumn leaf)
    {
        string described = ParquetSchemaBinder.Describe(leaf);
        int split = described.LastIndexOf(' ');
        return new ParquetColumnInfo(leaf.Path.ToString(), described[..split], described[(split + 1)..], RowTypeScaffolder.MemberType(leaf));
    }

    /// <summary>The encodings column <paramref name="column"/>'s chunks declare, each once, in the order first met.</summary>
    private static string[] EncodingsOf(FileMetadata metadata, int column) =>
        metadata.RowGroups.SelectMany(rowGroup => column < rowGroup.Columns.Count ? rowGroup.Columns[column].Encodings : [])
            .Distinct()
            .Select(FormatNames.Name)
            .ToArray();

    /// <summary>A row group's sizes, codecs and the statistics of the columns <paramref name="shown"/> keeps, in <see cref="Columns"/>' order.</summary>
    private static ParquetRowGroupInfo RowGroupInfo(RowGroupMetadata rowGroup, FileSchema schema, string? createdBy, bool[] shown)
    {
        var statistics = new ParquetColumnStatistics[rowGroup.Columns.Count];
        for (int i = 0; i < statistics.Length; i++)
        {
            ColumnStatistics? stored = rowGroup.Columns[i].Statistics;
            FileColumnType? type = i < schema.Leaves.Count ? TypeOf(schema.Leaves[i]) : null;
            (byte[]? min, byte[]? max) = type is null
                ? (null, null)
                : WriterFaults.CorrectBounds(stored?.MinValue ?? stored?.LegacyMin, stored?.MaxValue ?? stored?.LegacyMax, createdBy, type);
            statistics[i] = new ParquetColumnStatistics(
                stored?.NullCount,
                type is null ? null : StatisticsDecoder.Decode(min, type),
                type is null ? null : StatisticsDecoder.Decode(max, type));
        }

        return new ParquetRowGroupInfo(
            rowGroup.RowCount,
            rowGroup.Columns.Sum(c => c.TotalCompressedSize),
            rowGroup.Columns.Sum(c => c.TotalUncompressedSize),
            rowGroup.Columns.Select(c => c.Codec.ToString().ToUpperInvariant()).Distinct().ToArray(),
            statistics.Where((_, i) => i >= shown.Length || shown[i]).ToArray());
    }

    private static FileColumnType? TypeOf(LeafColumn leaf)
    {
        try
        {
            return FileColumnType.Of(leaf.Element);
        }
        catch (InvalidDataException)
        {
            // A column whose type cannot be read is still listed, without statistics.
            return null;
        }
    }
}

/// <summary>One leaf column of a Parquet file.</summary>
/// <param name="Path">Its path, '/' between the parts of a nested column.</param>
/// <param name="Type">Its physical type and annotation, e.g. <c>INT64 (TIMESTAMP(MICROS, UTC))</c>.</param>
/// <param name="Repetition">REQUIRED, OPTIONAL or REPEATED.</param>
/// <param name="MemberType">The C# member type it binds to, or the reason none can, in parentheses.</param>
public sealed record ParquetColumnInfo(string Path, string Type, string Repetition, string MemberType)
{
    /// <summary>
    /// The encodings its column chunks declare, across every row group, each once in the order first met, as the
    /// format spells them (<c>RLE_DICTIONARY</c>, <c>PLAIN</c>, <c>DELTA_BINARY_PACKED</c>); the list a writer declares
    /// usually includes <c>RLE</c> for the levels.
    /// </summary>
    public IReadOnlyList<string> Encodings { get; init; } = [];

    /// <summary>Equal when every member is, the encodings compared item by item rather than as one list instance.</summary>
    public bool Equals(ParquetColumnInfo? other) =>
        other is not null && Path == other.Path && Type == other.Type && Repetition == other.Repetition
        && MemberType == other.MemberType && Encodings.SequenceEqual(other.Encodings);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Path, Type, Repetition, MemberType, Encodings.Count);
}

/// <summary>One row group of a Parquet file.</summary>
/// <param name="RowCount">Its rows.</param>
/// <param name="CompressedSize">Its column chunks' bytes in the file.</param>
/// <param name="UncompressedSize">Its column chunks' bytes once decompressed.</param>
/// <param name="Codecs">The codecs its chunks use.</param>
/// <param name="Statistics">One entry per column, in file order.</param>
public sealed record ParquetRowGroupInfo(long RowCount, long CompressedSize, long UncompressedSize, IReadOnlyList<string> Codecs, IReadOnlyList<ParquetColumnStatistics> Statistics);

/// <summary>A column chunk's statistics, decoded into the column's logical type; null where the writer stored none.</summary>
/// <param name="NullCount">The nulls in the chunk.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
public sealed record ParquetColumnStatistics(long? NullCount, object? Min, object? Max);

/// <summary>What scanning a file decoded: its leaf columns, its rows, and the first rows' values.</summary>
/// <param name="Columns">The leaf columns' paths.</param>
/// <param name="Rows">The rows decoded.</param>
/// <param name="Head">The leading rows, one value per column (arrays for lists).</param>
public sealed record ParquetScan(IReadOnlyList<string> Columns, long Rows, IReadOnlyList<object?[]> Head);

/// <summary>One node of a Parquet file's schema: a group (a struct, or a list or map's wrapper) or a leaf column.</summary>
/// <param name="Name">The node's own name.</param>
/// <param name="Repetition">REQUIRED, OPTIONAL or REPEATED, as the file declares the node itself.</param>
/// <param name="Type">For a leaf its physical type and annotation; for a group <c>GROUP</c>, with its annotation (<c>GROUP (LIST)</c>).</param>
/// <param name="MemberType">For a leaf, the C# member type it binds to on its own (or why it cannot); for a VARIANT group at any depth, <c>ParquetVariant</c>; null for other groups.</param>
/// <param name="Children">A group's fields, in file order; empty for a leaf.</param>
public sealed record ParquetSchemaNode(string Name, string Repetition, string Type, string? MemberType, IReadOnlyList<ParquetSchemaNode> Children);
