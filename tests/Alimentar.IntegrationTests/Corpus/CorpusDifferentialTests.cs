using Alimentar.Parquet.Format;
using System.Buffers.Binary;
using System.Collections;
using System.Data.Common;
using DuckDB.NET.Data;
using Xunit.Abstractions;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Every corpus file DuckDB reads is read by Alimentar's untyped scan too, and its values compared with DuckDB's
/// cell by cell: top-level and struct leaves, and lists of values. Columns DuckDB shows in another shape (lists of
/// groups, maps) are left to the typed tests.
/// </summary>
public sealed class CorpusDifferentialTests(ITestOutputHelper output)
{
    private const int Rows = 5_000;

    /// <summary>Files DuckDB reads that Alimentar refuses, each with the reason (README, "Errors and bad files").</summary>
    private static readonly Dictionary<string, string> KnownRefusals = new(StringComparer.Ordinal)
    {
        ["datapage_v1-corrupt-checksum.parquet"] = "a page failing its CRC (DuckDB does not check them; VerifyPageChecksums(false) reads it)",
        ["rle-dict-uncompressed-corrupt-checksum.parquet"] = "a page failing its CRC (DuckDB does not check them; VerifyPageChecksums(false) reads it)",
        ["ARROW-RS-GH-6229-LEVELS.parquet"] = "a page claiming 21 values in a chunk of 1 (DuckDB reads one row of the 21)",
        ["ARROW-GH-45185.parquet"] = "repetition levels that continue a list before any started (Arrow C++ refuses it too)",
        ["large_string_map.brotli.parquet"] = "a page of more than 1 GiB",
    };

    public static TheoryData<string> CorpusFiles() => CorpusTests.CorpusFiles();

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Every_value_of_a_corpus_file_DuckDB_reads_equals_DuckDB_s(string relativePath)
    {
        string path = Path.Combine(TestCorpus.Root, relativePath);
        ParquetScan scan;
        try
        {
            scan = await ParquetFileInfo.ScanAsync(path, headRows: Rows).WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (AlimentarException error) when (KnownRefusals.TryGetValue(Path.GetFileName(path), out string? reason))
        {
            output.WriteLine($"refused, as known ({reason}): {error.Message}");
            return;
        }
        catch (AlimentarException error)
        {
            output.WriteLine($"refused: {error.Message}");
            using var check = new DuckDBConnection("Data Source=:memory:");
            check.Open();
            Assert.False(DuckDbReads(check, path, out _), $"DuckDB reads the file Alimentar refused: {error.Message}");
            return;
        }

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        if (!DuckDbReads(connection, path, out long duckRows))
        {
            output.WriteLine("DuckDB does not read it");
            return;
        }

        Assert.Equal(duckRows, scan.Rows);
        FileSchema schema = Schema(path);
        int compared = 0;
        for (int column = 0; column < scan.Columns.Count; column++)
        {
            // A VARIANT group is scanned as one column, shown as JSON; its values are compared by VariantTests and OtherWritersTests.
            if (schema.Leaves.SingleOrDefault(l => l.Path.ToString() == scan.Columns[column]) is not { } leaf)
            {
                Assert.All(scan.Head, row => Assert.True(row[column] is null or ParquetVariant, $"column '{scan.Columns[column]}' is neither a leaf nor a variant"));
                continue;
            }

            if (InsideVariant(schema, leaf) || Expression(leaf) is not { } expression)
            {
                continue;
            }

            if (DuckValues(connection, path, expression, leaf.MaxRepetitionLevel > 0) is not { } expected)
            {
                output.WriteLine($"column '{scan.Columns[column]}': DuckDB.NET cannot hand out its values; not compared");
                continue;
            }

            // DuckDB hands out a TIMESTAMP(NANOS) cut to whole microseconds, toward zero.
            bool nanos = leaf.Element.LogicalType is { Kind: LogicalTypeKind.Timestamp, Unit: Alimentar.Parquet.Values.TimeUnit.Nanos };

            // DuckDB takes no unit from the footer's Arrow schema: a duration is the integer stored, where we read a span
            // (nanoseconds rounded down to ticks).
            Alimentar.Parquet.Values.TimeUnit? durationUnit = leaf.Element.LogicalType is { Kind: LogicalTypeKind.Duration } duration ? duration.Unit : null;
            for (int row = 0; row < scan.Head.Count; row++)
            {
                object? shown = scan.Head[row][column];
                object? ours = Normalize(durationUnit is { } unit && shown is TimeSpan span ? unit switch
                {
                    Alimentar.Parquet.Values.TimeUnit.Millis => span.Ticks / TimeSpan.TicksPerMillisecond,
                    Alimentar.Parquet.Values.TimeUnit.Micros => span.Ticks / 10,
                    _ => span.Ticks * 100,
                } : shown);
                object? theirs = Normalize(expected[row]);
                bool withinTick = durationUnit == Alimentar.Parquet.Values.TimeUnit.Nanos && ours is decimal n && theirs is decimal m && m - n is >= 0 and < 100;
                Assert.True(Same(ours, theirs) || withinTick || (nanos && ours is long a && theirs is long b && Math.Abs(a - b) <= 10), $"row {row}, column '{scan.Columns[column]}': Alimentar read {Show(ours)}, DuckDB {Show(theirs)}");
                compared++;
            }
        }

        output.WriteLine($"{compared} cells equal in {scan.Head.Count} rows");
    }

    private static bool DuckDbReads(DuckDBConnection connection, string path, out long rows)
    {
        rows = 0;
        try
        {
            using DbCommand count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM read_parquet('{path}')";
            rows = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            using DbCommand all = connection.CreateCommand();
            all.CommandText = $"SELECT * FROM read_parquet('{path}')";
            using DbDataReader reader = all.ExecuteReader();
            while (reader.Read())
            {
            }

            return true;
        }
        catch (Exception error) when (error is DuckDBException or InvalidOperationException or NotSupportedException)
        {
            return false;
        }
    }

    private static FileSchema Schema(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        return FooterParser.Parse(bytes.AsSpan(bytes.Length - 8 - length, length)).Schema;
    }

    /// <summary>DuckDB reads a VARIANT group as one value of its own type, whose parts it does not name as struct fields.</summary>
    private static bool InsideVariant(FileSchema schema, LeafColumn leaf) =>
        schema.Elements.Any(e => e.Name == leaf.Path.FirstPart && e.ChildCount > 0 && e.LogicalType?.Kind == LogicalTypeKind.Variant);

    /// <summary>How DuckDB names the leaf's value per row: a column, a struct field, or a whole list of values.</summary>
    private static string? Expression(LeafColumn leaf)
    {
        static string Quote(IEnumerable<string> parts) => string.Join('.', parts.Select(p => $"\"{p.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
        return leaf.MaxRepetitionLevel switch
        {
            0 => Quote(leaf.Path.Parts),
            // DuckDB's JSON of a list of BLOBs escapes the bytes as text; lists of other values compare.
            1 when leaf.List is { ElementIsLeaf: true, Path.Parts.Count: 1 } list && !IsBlob(leaf) => Quote(list.Path.Parts),
            _ => null,
        };
    }

    private static bool IsBlob(LeafColumn leaf) =>
        leaf.Element.Type is PhysicalType.ByteArray or PhysicalType.FixedLenByteArray && leaf.Element.LogicalType is null && leaf.Element.ConvertedType is null;

    /// <summary>
    /// DuckDB's values of one expression, in file order; lists as JSON (DuckDB.NET cannot hand out a list holding
    /// nulls); null when DuckDB.NET has no .NET type for the column (GEOMETRY, say).
    /// </summary>
    private static List<object?>? DuckValues(DuckDBConnection connection, string path, string expression, bool list)
    {
        using DbCommand read = connection.CreateCommand();
        read.CommandText = $"SELECT {(list ? $"to_json({expression})::VARCHAR" : expression)} FROM read_parquet('{path}') LIMIT {Rows}";
        var values = new List<object?>();
        try
        {
            using DbDataReader reader = read.ExecuteReader();
            while (reader.Read())
            {
                values.Add(reader.IsDBNull(0) ? null : list ? System.Text.Json.JsonDocument.Parse(reader.GetString(0)).RootElement.Clone() : reader.GetValue(0));
            }
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException or InvalidCastException)
        {
            return null;
        }

        return values;
    }

    private static bool Same(object? ours, object? theirs) => (ours, theirs) switch
    {
        (IList a, System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } b) =>
            a.Count == b.GetArrayLength() && a.Cast<object?>().Zip(b.EnumerateArray()).All(p => SameAsJson(p.First, p.Second)),
        (IList a, IList b) => a.Cast<object?>().SequenceEqual(b.Cast<object?>()),
        // A DECIMAL wider than decimal: DuckDB.NET rounds it to decimal's 28-29 digits, the scan shows every digit.
        (string exact, decimal rounded) => decimal.TryParse(exact, System.Globalization.CultureInfo.InvariantCulture, out decimal parsed) && parsed == rounded,
        _ => Equals(ours, theirs),
    };

    /// <summary>An element against DuckDB's JSON for it: numbers by value, floats at their own precision.</summary>
    private static bool SameAsJson(object? ours, System.Text.Json.JsonElement theirs) => theirs.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Null => ours is null,
        System.Text.Json.JsonValueKind.True => ours is true,
        System.Text.Json.JsonValueKind.False => ours is false,
        System.Text.Json.JsonValueKind.String => ours is string s ? s == theirs.GetString() : ours is not null, // temporal values: shown, not compared
        System.Text.Json.JsonValueKind.Number => ours switch
        {
            decimal m => theirs.TryGetDecimal(out decimal d) && d == m,
            double d => Math.Abs(d - theirs.GetDouble()) <= Math.Abs(d) * 1e-6,
            _ => false,
        },
        _ => false,
    };

    /// <summary>One representation for both readers' values: numbers by value, instants by ticks, bytes and lists by content.</summary>
    private static object? Normalize(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b,
        float f => float.IsNaN(f) ? "NaN" : (double)f,
        double d => double.IsNaN(d) ? "NaN" : d,
        Half h => Half.IsNaN(h) ? "NaN" : (double)h,
        decimal m => m,
        sbyte or byte or short or ushort or int or uint or long => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture),
        ulong u => (decimal)u,
        System.Numerics.BigInteger big => (decimal)big,
        DateTime t => t.Ticks,
        DateTimeOffset t => t.UtcTicks,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue).Ticks,
        TimeOnly t => t.Ticks,
        TimeSpan t => t.Ticks,
        Guid g => g,
        byte[] bytes => Convert.ToHexString(bytes),
        Stream stream => Hex(stream),
        System.Text.Json.JsonElement json => json,
        IEnumerable list => list.Cast<object?>().Select(Normalize).ToList(),
        _ => value.ToString(),
    };

    private static string Hex(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Convert.ToHexString(copy.ToArray());
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        IList list => $"[{string.Join(", ", list.Cast<object?>().Select(Show))}]",
        _ => $"{value} ({value.GetType().Name})",
    };
}
