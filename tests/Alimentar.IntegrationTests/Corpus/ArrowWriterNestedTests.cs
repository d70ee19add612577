using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using ParquetSharp;

namespace Alimentar.IntegrationTests;

/// <summary>The nested shapes pyarrow writes, as C# members: every level may be null or empty.</summary>
[StreamingDataset]
public partial record ArrowWrittenRow(
    long Id,
    List<ArrowWrittenPoint?>? Points,
    Dictionary<string, long?>? Counts,
    List<List<int?>?>? Spans,
    ArrowWrittenAddress? Address,
    float[]? Vector,
    string? Category);

/// <summary>An element of <see cref="ArrowWrittenRow.Points"/>.</summary>
public sealed record ArrowWrittenPoint(long? X, string? Label);

/// <summary><see cref="ArrowWrittenRow.Address"/>.</summary>
public sealed record ArrowWrittenAddress(string? City, int? Zip);

/// <summary>
/// Nested files as Arrow C++ writes them (the writer under pyarrow, so under most datasets on the Hub): lists of
/// structs, maps, lists of lists, nullable structs, fixed-size lists and dictionary-encoded strings, with nulls and
/// empties at every level and pages small enough that lists cross page boundaries. Read typed, every row must equal
/// the row the arrays were built from. Arrow's field names are snake_case, the members PascalCase.
/// </summary>
public sealed class ArrowWriterNestedTests
{
    private const int Rows = 3_000;

    public static TheoryData<string, bool, string> Settings() => new()
    {
        { "V1", true, "Snappy" },
        { "V2", true, "Zstd" },
        { "V1", false, "Uncompressed" },
        { "V2", false, "Gzip" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_row_Arrow_CPP_writes_reads_back_as_the_row_it_was_built_from(string version, bool dictionary, string compression)
    {
        using var file = new TempFile();
        List<ArrowWrittenRow> expected = [.. Enumerable.Range(0, Rows).Select(Row)];
        Write(file.Path, expected, version == "V2" ? ParquetDataPageVersion.V2 : ParquetDataPageVersion.V1, dictionary, Enum.Parse<Compression>(compression));

        List<ArrowWrittenRow> actual = ParquetFiles.ReadAll(new ParquetSource<ArrowWrittenRow>(file.Path).BatchSize(700));

        Assert.Equal(Rows, actual.Count);
        for (int i = 0; i < Rows; i++)
        {
            Assert.True(JsonSerializer.Serialize(expected[i]) == JsonSerializer.Serialize(actual[i]),
                $"row {i}: expected {JsonSerializer.Serialize(expected[i])}, read {JsonSerializer.Serialize(actual[i])}");
        }
    }

    private static readonly string[] Colours = ["red", "green", "blue"];

    private static ArrowWrittenRow Row(int i) => new(
        Id: i,
        Points: (i % 7) switch
        {
            0 => null,
            1 => [],
            _ => [.. Enumerable.Range(0, (i % 4) + 1).Select(j => j == 1 && i % 3 == 0
                ? null
                : new ArrowWrittenPoint((i + j) % 5 == 0 ? null : (i * 10L) + j, j % 2 == 0 ? $"p{i}-{j}" : null))],
        },
        Counts: (i % 6) switch
        {
            0 => null,
            1 => [],
            _ => new Dictionary<string, long?> { ["a"] = i, ["b"] = i % 4 == 0 ? null : -i },
        },
        Spans: i % 5 == 0
            ? null
            : [.. Enumerable.Range(0, i % 4).Select(j => j == 2
                ? null
                : (List<int?>)[.. Enumerable.Range(0, (i + j) % 3).Select(m => m == 1 && i % 2 == 0 ? (int?)null : (i * 100) + (j * 10) + m)])],
        Address: i % 9 == 0 ? null : new ArrowWrittenAddress(i % 2 == 0 ? $"city{i % 13}" : null, i % 3 == 0 ? null : 10_000 + i),
        Vector: i % 8 == 0 ? null : [i, i + 0.5f, -i],
        Category: i % 10 == 0 ? null : Colours[i % 3]);

    private static void Write(string path, List<ArrowWrittenRow> rows, ParquetDataPageVersion version, bool dictionary, Compression compression)
    {
        var pointType = new StructType([new Field("x", Int64Type.Default, true), new Field("label", StringType.Default, true)]);
        var addressType = new StructType([new Field("city", StringType.Default, true), new Field("zip", Int32Type.Default, true)]);
        var countsType = new MapType(new Field("key", StringType.Default, false), new Field("value", Int64Type.Default, true));
        var vectorType = new FixedSizeListType(new Field("item", FloatType.Default, true), 3);
        var categoryType = new DictionaryType(Int32Type.Default, StringType.Default, false);
        var schema = new Apache.Arrow.Schema.Builder()
            .Field(new Field("id", Int64Type.Default, false))
            .Field(new Field("points", new ListType(new Field("item", pointType, true)), true))
            .Field(new Field("counts", countsType, true))
            .Field(new Field("spans", new ListType(new Field("item", new ListType(new Field("item", Int32Type.Default, true)), true)), true))
            .Field(new Field("address", addressType, true))
            .Field(new Field("vector", vectorType, true))
            .Field(new Field("category", categoryType, true))
            .Build();

        using WriterProperties properties = new WriterPropertiesBuilder()
            .Compression(compression)
            .DataPageVersion(version)
            .DataPagesize(1_024)
            .MaxRowGroupLength(1_000)
            .EnableDictionary()
            .Build();
        using WriterProperties plain = new WriterPropertiesBuilder()
            .Compression(compression)
            .DataPageVersion(version)
            .DataPagesize(1_024)
            .MaxRowGroupLength(1_000)
            .DisableDictionary()
            .Build();
        using var writer = new ParquetSharp.Arrow.FileWriter(path, schema, dictionary ? properties : plain);
        // Two record batches, so a row group spans batches as pyarrow's do.
        foreach (List<ArrowWrittenRow> part in new[] { rows[..1_300], rows[1_300..] })
        {
            var batch = new RecordBatch(schema,
            [
                new Int64Array.Builder().AppendRange(part.Select(r => r.Id)).Build(),
                Points(part, pointType),
                Counts(part, countsType),
                Spans(part),
                Address(part, addressType),
                Vector(part, vectorType),
                Category(part, categoryType),
            ], part.Count);
            writer.WriteRecordBatch(batch);
        }

        writer.Close();
    }

    private static ListArray Points(List<ArrowWrittenRow> rows, StructType pointType)
    {
        List<ArrowWrittenPoint?> elements = [.. rows.SelectMany(r => r.Points ?? [])];
        var x = new Int64Array.Builder();
        var label = new StringArray.Builder();
        var present = new ArrowBuffer.BitmapBuilder();
        foreach (ArrowWrittenPoint? point in elements)
        {
            AppendNullable(x, point?.X);
            AppendString(label, point?.Label);
            present.Append(point is not null);
        }

        var points = new StructArray(pointType, elements.Count, [x.Build(), label.Build()], present.Build(), elements.Count(p => p is null));
        return ListOf(rows, r => r.Points?.Count, points, pointType);
    }

    private static MapArray Counts(List<ArrowWrittenRow> rows, MapType countsType)
    {
        var keys = new StringArray.Builder();
        var values = new Int64Array.Builder();
        foreach (KeyValuePair<string, long?> entry in rows.SelectMany(r => r.Counts ?? []))
        {
            keys.Append(entry.Key);
            AppendNullable(values, entry.Value);
        }

        StringArray keyArray = keys.Build();
        var entries = new StructArray(countsType.KeyValueType, keyArray.Length, [keyArray, values.Build()], ArrowBuffer.Empty);
        (ArrowBuffer offsets, ArrowBuffer validity, int nulls) = Offsets(rows, r => r.Counts?.Count);
        return new MapArray(countsType, rows.Count, offsets, entries, validity, nulls);
    }

    private static ListArray Spans(List<ArrowWrittenRow> rows)
    {
        List<List<int?>?> inner = [.. rows.SelectMany(r => r.Spans ?? [])];
        var values = new Int32Array.Builder();
        foreach (int? value in inner.SelectMany(list => list ?? []))
        {
            AppendNullable(values, value);
        }

        var innerType = new ListType(new Field("item", Int32Type.Default, true));
        (ArrowBuffer innerOffsets, ArrowBuffer innerValidity, int innerNulls) = Offsets(inner, list => list?.Count);
        var innerLists = new ListArray(innerType, inner.Count, innerOffsets, values.Build(), innerValidity, innerNulls);
        return ListOf(rows, r => r.Spans?.Count, innerLists, innerType);
    }

    private static StructArray Address(List<ArrowWrittenRow> rows, StructType addressType)
    {
        var city = new StringArray.Builder();
        var zip = new Int32Array.Builder();
        var present = new ArrowBuffer.BitmapBuilder();
        foreach (ArrowWrittenRow row in rows)
        {
            AppendString(city, row.Address?.City);
            AppendNullable(zip, row.Address?.Zip);
            present.Append(row.Address is not null);
        }

        return new StructArray(addressType, rows.Count, [city.Build(), zip.Build()], present.Build(), rows.Count(r => r.Address is null));
    }

    private static FixedSizeListArray Vector(List<ArrowWrittenRow> rows, FixedSizeListType vectorType)
    {
        var values = new FloatArray.Builder();
        var present = new ArrowBuffer.BitmapBuilder();
        foreach (ArrowWrittenRow row in rows)
        {
            values.AppendRange(row.Vector ?? [0, 0, 0]);
            present.Append(row.Vector is not null);
        }

        return new FixedSizeListArray(vectorType, rows.Count, values.Build(), present.Build(), rows.Count(r => r.Vector is null));
    }

    private static DictionaryArray Category(List<ArrowWrittenRow> rows, DictionaryType categoryType)
    {
        var indices = new Int32Array.Builder();
        foreach (ArrowWrittenRow row in rows)
        {
            AppendNullable(indices, row.Category is null ? null : System.Array.IndexOf(Colours, row.Category));
        }

        var words = new StringArray.Builder();
        foreach (string colour in Colours)
        {
            words.Append(colour);
        }

        return new DictionaryArray(categoryType, indices.Build(), words.Build());
    }

    private static ListArray ListOf<TRow>(List<TRow> rows, Func<TRow, int?> count, IArrowArray values, IArrowType elementType)
    {
        (ArrowBuffer offsets, ArrowBuffer validity, int nulls) = Offsets(rows, count);
        return new ListArray(new ListType(new Field("item", elementType, true)), rows.Count, offsets, values, validity, nulls);
    }

    /// <summary>The offsets and validity of a list-like array whose item <c>i</c> holds <paramref name="count"/> elements, or is null.</summary>
    private static (ArrowBuffer Offsets, ArrowBuffer Validity, int Nulls) Offsets<TItem>(List<TItem> items, Func<TItem, int?> count)
    {
        var offsets = new ArrowBuffer.Builder<int>();
        var validity = new ArrowBuffer.BitmapBuilder();
        int end = 0;
        int nulls = 0;
        offsets.Append(0);
        foreach (TItem item in items)
        {
            int? n = count(item);
            end += n ?? 0;
            offsets.Append(end);
            validity.Append(n is not null);
            nulls += n is null ? 1 : 0;
        }

        return (offsets.Build(), validity.Build(), nulls);
    }

    private static void AppendNullable<TValue, TArray, TBuilder>(PrimitiveArrayBuilder<TValue, TArray, TBuilder> builder, TValue? value)
        where TValue : struct
        where TArray : IArrowArray
        where TBuilder : class, IArrowArrayBuilder<TArray>
    {
        if (value is { } present)
        {
            builder.Append(present);
        }
        else
        {
            builder.AppendNull();
        }
    }

    private static void AppendString(StringArray.Builder builder, string? value)
    {
        if (value is null)
        {
            builder.AppendNull();
        }
        else
        {
            builder.Append(value);
        }
    }
}
