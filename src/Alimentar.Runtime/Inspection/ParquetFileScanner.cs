using System.Buffers.Binary;
using System.Text.Json;

namespace Alimentar.Inspection;

/// <summary>
/// Reads every leaf column of every row group of any file, untyped, through the same column reader the
/// typed path uses: how tools inspect files they have no row type for, and how tests prove that every
/// file either decodes or fails with an <see cref="AlimentarException"/>.
/// </summary>
internal static class ParquetFileScanner
{
    /// <summary>Rows decoded at once: a scan holds this many rows of every column, whatever the row group's size.</summary>
    private const int ScanBatchRows = 65_536;

    /// <param name="path">The file.</param>
    /// <param name="headRows">How many leading rows to keep as values.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <param name="progress">Told the rows of each row group once it is decoded.</param>
    /// <param name="headOnly">Stop once the head is full, instead of decoding the whole file.</param>
    /// <param name="opened">Told the rows the footer claims, once the file is open.</param>
    public static Task<ParquetScan> ScanAsync(string path, int headRows, CancellationToken cancellationToken, IProgress<long>? progress = null, bool headOnly = false, Action<long>? opened = null) =>
        ScanAsync(_ => ValueTask.FromResult<IRangeReader>(FileRangeReader.Open(path)), path, headRows, cancellationToken, progress, headOnly, opened);

    /// <summary>
    /// Scans whatever <paramref name="open"/> opens (an object in a store), named <paramref name="path"/> in messages;
    /// as a table's file when <paramref name="view"/> is given (its columns under the table's names), less the rows
    /// <paramref name="deleted"/> deletes (a Delta deletion vector's), which are neither kept nor counted.
    /// </summary>
    public static async Task<ParquetScan> ScanAsync(
        Func<CancellationToken, ValueTask<IRangeReader>> open, string path, int headRows, CancellationToken cancellationToken, IProgress<long>? progress = null, bool headOnly = false,
        Action<long>? opened = null, TableFileView? view = null, DeletedRows? deleted = null)
    {
        await using ParquetFile file = await ParquetFile.OpenAsync(open, path, cancellationToken).ConfigureAwait(false);
        opened?.Invoke(file.Metadata.RowCount);
        FileSchema schema = view?.SchemaOf(file.Schema) ?? file.Schema;
        (BoundColumn[] columns, BoundColumn[] bound) = BindForDisplay(schema, path, view is null ? null : view.IsTableColumn);
        var binding = new ParquetFileBinding(path, new RowSchema(Path.GetFileName(path), columns.Select(c => c.Descriptor).ToArray()), bound);
        var shown = NestedVariantColumns.Plan(schema.Leaves, columns);
        bool[] geometries = GeometryColumns(columns, file.Metadata.KeyValues);
        var head = new List<object?[]>();
        long total = 0;
        long firstRow = 0;
        for (int group = 0; group < file.RowGroupCount; group++)
        {
            long rows = 0;
            long groupFirstRow = firstRow;
            try
            {
                using RowGroupReader rowGroup = RowGroupReader.Open(file, binding, group, verifyCrc: true, readAhead: !headOnly);
                rows = rowGroup.Rows;
                while (rowGroup.RowsLeft > 0)
                {
                    int batch = (int)Math.Min(ScanBatchRows, rowGroup.RowsLeft);
                    IColumnReader reader = rowGroup.NextBatch(batch);
                    int[] kept = KeptRows(deleted, firstRow, batch, Math.Max(0, headRows - head.Count));
                    firstRow += batch;
                    object?[][] keptValues = Enumerable.Range(0, kept.Length).Select(_ => new object?[columns.Length]).ToArray();
                    for (int column = 0; column < columns.Length; column++)
                    {
                        Array values = await ReadColumnAsync(reader, column, columns[column].Descriptor, batch, cancellationToken).ConfigureAwait(false);
                        for (int row = 0; row < kept.Length; row++)
                        {
                            // Only the rows kept for display are boxed.
                            object? value = values.GetValue(kept[row]);
                            keptValues[row][column] = geometries[column] && value is byte[] wkb
                                ? WellKnownBinary.ToText(wkb, GeometryTextShown) ?? value
                                : Shown(value, columns[column].FileType);
                        }
                    }

                    head.AddRange(shown.Joins ? keptValues.Select(row => shown.Shown(row, path, group)) : keptValues);
                    if (headOnly && headRows > 0 && head.Count >= headRows)
                    {
                        break;
                    }
                }
            }
            catch (Exception error) when (ParquetErrors.ShouldTranslate(error))
            {
                throw ParquetErrors.Translate(error, path, group);
            }

            // The next row group starts after this one's rows, however few of them a head-only scan decoded.
            firstRow = groupFirstRow + rows;
            rows -= deleted?.CountIn(groupFirstRow, rows) ?? 0;
            total += rows;
            progress?.Report(rows);
            if (headRows > 0 && head.Count >= headRows && headOnly)
            {
                break;
            }
        }

        return new ParquetScan(shown.Names, total, head);
    }

    /// <summary>A geometry's text beyond this is cut: a country's outline can run to megabytes.</summary>
    private const int GeometryTextShown = 4_096;

    /// <summary>
    /// Which columns hold geometries as well-known binary, shown as their text: those of Parquet's GEOMETRY and GEOGRAPHY
    /// types, and the columns a GeoParquet file's <c>geo</c> metadata names with the WKB encoding (GeoParquet 1.x leaves
    /// them plain binaries).
    /// </summary>
    private static bool[] GeometryColumns(BoundColumn[] columns, IReadOnlyList<KeyValuePair<string, string?>> keyValues)
    {
        var geoParquet = new HashSet<string>(StringComparer.Ordinal);
        if (keyValues.FirstOrDefault(kv => kv.Key == "geo").Value is { } geo)
        {
            try
            {
                using var document = JsonDocument.Parse(geo);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("columns", out var declared) && declared.ValueKind == JsonValueKind.Object)
                {
                    foreach (var column in declared.EnumerateObject())
                    {
                        if (column.Value.ValueKind == JsonValueKind.Object && column.Value.TryGetProperty("encoding", out var encoding)
                            && encoding.ValueKind == JsonValueKind.String && string.Equals(encoding.GetString(), "WKB", StringComparison.OrdinalIgnoreCase))
                        {
                            geoParquet.Add(column.Name);
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Damaged metadata shows the columns as the binaries they are.
            }
        }

        return Array.ConvertAll(columns, column => column.Descriptor.Type == ColumnType.Binary && !column.Descriptor.IsList
            && (column.Field.Element.LogicalType?.Kind is LogicalTypeKind.Geometry or LogicalTypeKind.Geography
                || (column.Field.Path.Parts.Count == 1 && geoParquet.Contains(column.Field.Name))));
    }

    /// <summary>The positions in a batch of the first <paramref name="wanted"/> rows that <paramref name="deleted"/> leaves.</summary>
    private static int[] KeptRows(DeletedRows? deleted, long firstRow, int batch, int wanted)
    {
        if (deleted is null)
        {
            return [.. Enumerable.Range(0, Math.Min(wanted, batch))];
        }

        if (wanted == 0)
        {
            return [];
        }

        bool[] passes = new bool[batch];
        passes.AsSpan().Fill(true);
        deleted.Clear(firstRow, passes);
        var kept = new List<int>(Math.Min(wanted, batch));
        for (int row = 0; row < batch && kept.Count < wanted; row++)
        {
            if (passes[row])
            {
                kept.Add(row);
            }
        }

        return [.. kept];
    }

    /// <summary>
    /// Every leaf column as <see cref="BindEveryLeaf"/> binds it, but a top-level VARIANT group as one
    /// <see cref="ParquetVariant"/> column, shown as its JSON: the columns to show, then those with the variants'
    /// leaves after them.
    /// </summary>
    private static (BoundColumn[] Shown, BoundColumn[] All) BindForDisplay(FileSchema schema, string path, Func<string, bool>? isTableColumn)
    {
        BoundColumn[] plain = [.. BindEveryLeaf(schema, path, timestampsAsStored: true).Where(c => isTableColumn?.Invoke(c.Field.Path.FirstPart) ?? true)];
        string[] variants = plain.Select(c => c.Field).Where(l => l.Path.Parts.Count > 1).Select(l => l.Path.FirstPart).Distinct()
            .Where(top => VariantBinder.IsVariant(schema.Leaves, top)).ToArray();
        if (variants.Length == 0)
        {
            return (plain, plain);
        }

        var shown = new List<BoundColumn>();
        foreach (BoundColumn column in plain)
        {
            string top = column.Field.Path.FirstPart;
            if (!variants.Contains(top))
            {
                shown.Add(column);
            }
            else if (!shown.Any(c => c.Descriptor.Type == ColumnType.Variant && c.Descriptor.Name == top))
            {
                // Bound below, in file order among the others.
                shown.Add(new BoundColumn(new ColumnDescriptor(top, top, ColumnType.Variant, IsNullable: true) { HasExplicitName = true }, column.Field, FileValueKind.Unsupported));
            }
        }

        LeafColumn[] fileLeaves = [.. schema.Leaves];
        var rowSchema = new RowSchema(Path.GetFileName(path), shown.Select(c => c.Descriptor).ToArray());
        var extra = new List<BoundColumn>();
        for (int i = 0; i < shown.Count; i++)
        {
            if (shown[i].Descriptor.Type == ColumnType.Variant)
            {
                shown[i] = VariantBinder.Bind(fileLeaves, rowSchema, shown[i].Descriptor, i, shown.Count, extra, path);
            }
        }

        return ([.. shown], [.. shown, .. extra]);
    }

    /// <summary>Binds every leaf column as a nullable member of its natural type: how tools read files they have no row type for.</summary>
    /// <param name="schema">The file's schema.</param>
    /// <param name="path">The file, for errors.</param>
    /// <param name="timestampsAsStored">Bind INT64 timestamps as the integers stored, for <see cref="Shown"/> to show (a scan), rather than as <see cref="DateTime"/> (a filter's operands).</param>
    internal static BoundColumn[] BindEveryLeaf(FileSchema schema, string path, bool timestampsAsStored = false)
    {
        return schema.Leaves.Select(field =>
        {
            string name = field.Path.ToString();
            FileValueKind kind = FileValueKinds.Of(field);
            if (kind.NaturalType() is not { } natural)
            {
                throw AlimentarThrow.Unsupported(path, $"{ParquetSchemaBinder.Describe(field)}{(field.MaxRepetitionLevel > 1 ? " nested in more than one list" : string.Empty)} is not supported", column: name);
            }

            // Decimals wider than System.Decimal are shown as their exact text rather than failing on a value that does not fit.
            int precision = field.Element.LogicalType?.Precision is > 0 and int declared ? declared : field.Element.Precision ?? 0;
            // A time of day is shown as a TimeSpan, which holds the 24:00:00 some writers store where TimeOnly cannot.
            // A timestamp is read as stored (an INT64's integer, an INT96's bytes) and shown by Shown, so a year past 9999 is
            // shown, not refused.
            ColumnType type = kind == FileValueKind.Decimal && precision > 28 && field.MaxRepetitionLevel == 0 ? ColumnType.String
                : natural == ColumnType.TimeOnly ? ColumnType.TimeSpan
                : timestampsAsStored && kind == FileValueKind.DateTime && field.Element.Type == PhysicalType.Int64 ? ColumnType.Int64
                : timestampsAsStored && field.Element.Type == PhysicalType.Int96 ? ColumnType.Binary
                : natural;
            var descriptor = new ColumnDescriptor(name, name, type, IsNullable: true)
            {
                HasExplicitName = true,
                IsList = field.MaxRepetitionLevel > 0,
                ListDepth = field.MaxRepetitionLevel,
                ElementIsNullable = true,
            };
            return MissingMember.IsNullByAnnotation(field)
                ? MissingMember.Nulls(new RowSchema(Path.GetFileName(path), descriptor), descriptor)
                : new BoundColumn(descriptor, field, kind);
        }).ToArray();
    }

    /// <summary>
    /// A kept value as the scan shows it: a timestamp read as its stored integer becomes a <see cref="DateTime"/>, or,
    /// past what one holds, its ISO 8601 text; a list of them stays a <c>DateTime?[]</c> unless it holds such a text.
    /// </summary>
    private static object? Shown(object? value, FileColumnType type)
    {
        if (type.StoredFrom != FileValueKind.DateTime)
        {
            return value;
        }

        switch (value)
        {
            case long raw:
                return ParquetTime.TryTimestampTicks(raw, type.Unit, out long ticks)
                    ? new DateTime(ticks, type.IsAdjustedToUtc ? DateTimeKind.Utc : DateTimeKind.Unspecified)
                    : ParquetTime.TimestampText(raw, type.Unit);
            case byte[] { Length: 12 } int96:
                long nanosOfDay = BinaryPrimitives.ReadInt64LittleEndian(int96);
                int julianDay = BinaryPrimitives.ReadInt32LittleEndian(int96.AsSpan(8));
                return ParquetTime.TryInt96Ticks(nanosOfDay, julianDay, out long int96Ticks)
                    ? new DateTime(int96Ticks, DateTimeKind.Unspecified)
                    : ParquetTime.Int96Text(nanosOfDay, julianDay);
            case long?[] or byte[]?[]:
                object?[] shown = ((Array)value).Cast<object?>().Select(element => Shown(element, type)).ToArray();
                return Array.TrueForAll(shown, element => element is null or DateTime) ? Array.ConvertAll(shown, element => (DateTime?)element) : shown;
            case object?[] lists:
                return Array.ConvertAll(lists, element => Shown(element, type));
            default:
                return value;
        }
    }

    private static ValueTask<Array> ReadColumnAsync(IColumnReader reader, int column, ColumnDescriptor descriptor, int rows, CancellationToken cancellationToken) =>
        ColumnTypes.Accept<ValueTask<Array>, ColumnRead>(descriptor.Type, new ColumnRead(reader, column, descriptor, rows, cancellationToken));

    /// <summary>Reads one column of a batch into an array of its natural type's nullable values (or lists of them).</summary>
    private readonly struct ColumnRead(IColumnReader reader, int column, ColumnDescriptor descriptor, int rows, CancellationToken cancellationToken) : IColumnTypeVisitor<ValueTask<Array>>
    {
        public ValueTask<Array> Value<T>()
            where T : struct => ReadAsync<T>(reader, column, descriptor, rows, cancellationToken);

        public ValueTask<Array> String() => ReadStringsAsync(reader, column, descriptor, rows, cancellationToken);

        public ValueTask<Array> Binary() => ReadBinaryAsync(reader, column, descriptor, rows, cancellationToken);
    }

    private static async ValueTask<Array> ReadAsync<T>(IColumnReader reader, int column, ColumnDescriptor descriptor, int rows, CancellationToken cancellationToken)
        where T : struct
    {
        if (descriptor.ListDepth > 1)
        {
            return await ReadListsAsync<object?>(rows, (lists, token) => reader.ReadNestedNullableElementListsAsync(column, lists, Nested<T?>(descriptor.ListDepth), token), cancellationToken).ConfigureAwait(false);
        }

        if (descriptor.IsList)
        {
            return await ReadListsAsync<T?>(rows, (lists, token) => reader.ReadNullableElementListsAsync(column, lists, token), cancellationToken).ConfigureAwait(false);
        }

        var values = new T?[rows];
        await reader.ReadNullableValuesAsync(column, values.AsMemory(), cancellationToken).ConfigureAwait(false);
        return values;
    }

    private static async ValueTask<Array> ReadStringsAsync(IColumnReader reader, int column, ColumnDescriptor descriptor, int rows, CancellationToken cancellationToken)
    {
        if (descriptor.ListDepth > 1)
        {
            return await ReadListsAsync<object?>(rows, (lists, token) => reader.ReadNestedStringListsAsync(column, lists, Nested<string?>(descriptor.ListDepth), token), cancellationToken).ConfigureAwait(false);
        }

        if (descriptor.IsList)
        {
            return await ReadListsAsync<string?>(rows, (lists, token) => reader.ReadStringListsAsync(column, lists, token), cancellationToken).ConfigureAwait(false);
        }

        var values = new string?[rows];
        await reader.ReadStringsAsync(column, values.AsMemory(), cancellationToken).ConfigureAwait(false);
        return values;
    }

    private static async ValueTask<Array> ReadBinaryAsync(IColumnReader reader, int column, ColumnDescriptor descriptor, int rows, CancellationToken cancellationToken)
    {
        if (descriptor.ListDepth > 1)
        {
            return await ReadListsAsync<object?>(rows, (lists, token) => reader.ReadNestedBinaryListsAsync(column, lists, Nested<byte[]?>(descriptor.ListDepth), token), cancellationToken).ConfigureAwait(false);
        }

        if (descriptor.IsList)
        {
            return await ReadListsAsync<byte[]?>(rows, (lists, token) => reader.ReadBinaryListsAsync(column, lists, token), cancellationToken).ConfigureAwait(false);
        }

        var values = new byte[]?[rows];
        await reader.ReadBinaryAsync(column, values.AsMemory(), cancellationToken).ConfigureAwait(false);
        return values;
    }

    /// <summary>The element of a row's list of lists <paramref name="depth"/> deep, as nested arrays (null where a list is null).</summary>
    private static Func<NestedLists<TValue>, int, object?> Nested<TValue>(int depth)
    {
        Func<NestedLists<TValue>, int, object?> element = static (lists, entry) => lists.Values(entry, nullable: true);
        for (int level = depth - 2; level >= 1; level--)
        {
            Func<NestedLists<TValue>, int, object?> inner = element;
            int at = level;
            element = (lists, entry) => lists.Array(at, entry, nullable: true, inner);
        }

        return element;
    }

    /// <summary>A list column as one array per row (null for a null list), the shape the scan shows.</summary>
    private static async ValueTask<Array> ReadListsAsync<TElement>(int rows, Func<ListBuffer<TElement>, CancellationToken, ValueTask> read, CancellationToken cancellationToken)
    {
        var buffer = new ListBuffer<TElement>(rows, ColumnBufferPool.Shared);
        try
        {
            await read(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.View(0, rows).ToArrays();
        }
        finally
        {
            buffer.Return();
        }
    }
}
