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

/// <summary>Deeper shapes and other element types in lists, as pyarrow writes them.</summary>
[StreamingDataset]
public partial record ArrowWrittenDeepRow(
    long Id,
    Dictionary<string, int?[]?>? Spans,
    ArrowWrittenBasket? Basket,
    List<byte[]?>? Blobs,
    List<bool?>? Flags,
    List<DateTime?>? Times,
    List<decimal?>? Prices);

/// <summary><see cref="ArrowWrittenDeepRow.Basket"/>: a struct holding a list of structs that hold lists.</summary>
public sealed record ArrowWrittenBasket(List<ArrowWrittenItem?>? Items, double? Total);

/// <summary>An element of <see cref="ArrowWrittenBasket.Items"/>.</summary>
public sealed record ArrowWrittenItem(int? A, List<string?>? Tags);

/// <summary>
/// Nested files as Arrow C++ writes them (the writer under pyarrow, so under most datasets on the Hub): lists of
/// structs, maps, lists of lists, nullable structs, fixed-size lists, dictionary-encoded strings, maps of lists,
/// structs of lists of structs of lists, and lists of binary, booleans, timestamps and decimals, with nulls and
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
    public void Every_row_Arrow_CPP_writes_reads_back_as_the_row_it_was_built_from(string version, bool dictionary, string compression) =>
        AssertReadsBackAsBuilt(Enumerable.Range(0, Rows).Select(Row), (path, rows) => Write(path, rows, Page(version), dictionary, Enum.Parse<Compression>(compression)));

    [Theory]
    [MemberData(nameof(Settings))]
    public void Maps_of_lists_structs_of_lists_of_structs_and_lists_of_other_types_read_back_as_built(string version, bool dictionary, string compression) =>
        AssertReadsBackAsBuilt(Enumerable.Range(0, Rows).Select(DeepRow), (path, rows) => WriteDeep(path, rows, Page(version), dictionary, Enum.Parse<Compression>(compression)));

    private static ParquetDataPageVersion Page(string version) => version == "V2" ? ParquetDataPageVersion.V2 : ParquetDataPageVersion.V1;

    /// <summary>Writes <paramref name="rows"/> with <paramref name="write"/>, reads the file typed, and compares row by row.</summary>
    private static void AssertReadsBackAsBuilt<T>(IEnumerable<T> rows, Action<string, List<T>> write)
        where T : IStreamingRow<T>
    {
        using var file = new TempFile();
        List<T> expected = [.. rows];
        write(file.Path, expected);

        List<T> actual = ParquetFiles.ReadAll(new ParquetSource<T>(file.Path).BatchSize(700));

        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(JsonSerializer.Serialize(expected[i]) == JsonSerializer.Serialize(actual[i]),
                $"row {i}: expected {JsonSerializer.Serialize(expected[i])}, read {JsonSerializer.Serialize(actual[i])}");
        }
    }

    private static readonly string[] Colours = ["red", "green", "blue"];

    private static ArrowWrittenDeepRow DeepRow(int i) => new(
        Id: i,
        Spans: (i % 5) switch
        {
            0 => null,
            1 => [],
            _ => new Dictionary<string, int?[]?> { ["x"] = i % 3 == 0 ? null : [i, null, -i], ["y"] = [], ["z" + (i % 7)] = [i % 11] },
        },
        Basket: i % 6 == 0
            ? null
            : new ArrowWrittenBasket(
                i % 4 == 0 ? null : [.. Enumerable.Range(0, i % 3).Select(j => j == 1 && i % 2 == 0 ? null : new ArrowWrittenItem(j == 0 ? null : i + j, (i + j) % 3 == 0 ? null : ["t" + j, null]))],
                i % 5 == 0 ? null : i * 0.25),
        Blobs: i % 7 == 0 ? null : [[(byte)i, (byte)(i >> 8)], null, []],
        Flags: i % 8 == 0 ? null : [i % 2 == 0, null, true],
        Times: i % 9 == 0 ? null : [new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i * 977L).AddTicks((i % 10) * 10), null],
        Prices: i % 10 == 0 ? null : [(i - 1_500) / 100m, null, 12345678.91m]);

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

        using WriterProperties properties = Properties(version, dictionary, compression);
        using var writer = new ParquetSharp.Arrow.FileWriter(path, schema, properties);
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

    private static void WriteDeep(string path, List<ArrowWrittenDeepRow> rows, ParquetDataPageVersion version, bool dictionary, Compression compression)
    {
        var intList = new ListType(new Field("item", Int32Type.Default, true));
        var spansType = new MapType(new Field("key", StringType.Default, false), new Field("value", intList, true));
        var stringList = new ListType(new Field("item", StringType.Default, true));
        var itemType = new StructType([new Field("a", Int32Type.Default, true), new Field("tags", stringList, true)]);
        var itemList = new ListType(new Field("item", itemType, true));
        var basketType = new StructType([new Field("items", itemList, true), new Field("total", DoubleType.Default, true)]);
        var timeType = new TimestampType(Apache.Arrow.Types.TimeUnit.Microsecond, "UTC");
        var priceType = new Decimal128Type(10, 2);
        var schema = new Apache.Arrow.Schema.Builder()
            .Field(new Field("id", Int64Type.Default, false))
            .Field(new Field("spans", spansType, true))
            .Field(new Field("basket", basketType, true))
            .Field(new Field("blobs", new ListType(new Field("item", BinaryType.Default, true)), true))
            .Field(new Field("flags", new ListType(new Field("item", BooleanType.Default, true)), true))
            .Field(new Field("times", new ListType(new Field("item", timeType, true)), true))
            .Field(new Field("prices", new ListType(new Field("item", priceType, true)), true))
            .Build();

        using WriterProperties properties = Properties(version, dictionary, compression);
        using var writer = new ParquetSharp.Arrow.FileWriter(path, schema, properties);
        foreach (List<ArrowWrittenDeepRow> part in new[] { rows[..1_300], rows[1_300..] })
        {
            // The map's values: one list of ints per entry.
            List<KeyValuePair<string, int?[]?>> entries = [.. part.SelectMany(r => r.Spans ?? [])];
            var keys = new StringArray.Builder();
            var spanValues = new Int32Array.Builder();
            foreach (KeyValuePair<string, int?[]?> entry in entries)
            {
                keys.Append(entry.Key);
                foreach (int? value in entry.Value ?? [])
                {
                    AppendNullable(spanValues, value);
                }
            }

            (ArrowBuffer valueOffsets, ArrowBuffer valueValidity, int valueNulls) = Offsets(entries, e => e.Value?.Length);
            var spanLists = new ListArray(intList, entries.Count, valueOffsets, spanValues.Build(), valueValidity, valueNulls);
            var entryArray = new StructArray(spansType.KeyValueType, entries.Count, [keys.Build(), spanLists], ArrowBuffer.Empty);
            (ArrowBuffer mapOffsets, ArrowBuffer mapValidity, int mapNulls) = Offsets(part, r => r.Spans?.Count);

            // The basket: a struct of a list of structs, each with a list of strings.
            List<ArrowWrittenItem?> items = [.. part.SelectMany(r => r.Basket?.Items ?? [])];
            var a = new Int32Array.Builder();
            var tags = new StringArray.Builder();
            var itemPresent = new ArrowBuffer.BitmapBuilder();
            foreach (ArrowWrittenItem? item in items)
            {
                AppendNullable(a, item?.A);
                itemPresent.Append(item is not null);
                foreach (string? tag in item?.Tags ?? [])
                {
                    AppendString(tags, tag);
                }
            }

            (ArrowBuffer tagOffsets, ArrowBuffer tagValidity, int tagNulls) = Offsets(items, item => item?.Tags?.Count);
            var tagLists = new ListArray(stringList, items.Count, tagOffsets, tags.Build(), tagValidity, tagNulls);
            var itemArray = new StructArray(itemType, items.Count, [a.Build(), tagLists], itemPresent.Build(), items.Count(item => item is null));
            var total = new DoubleArray.Builder();
            var basketPresent = new ArrowBuffer.BitmapBuilder();
            foreach (ArrowWrittenDeepRow row in part)
            {
                AppendNullable(total, row.Basket?.Total);
                basketPresent.Append(row.Basket is not null);
            }

            var basket = new StructArray(basketType, part.Count,
                [ListOf(part, r => r.Basket?.Items?.Count, itemArray, itemType), total.Build()], basketPresent.Build(), part.Count(r => r.Basket is null));

            var blobs = new BinaryArray.Builder();
            var flags = new BooleanArray.Builder();
            var times = new TimestampArray.Builder(timeType);
            var prices = new Decimal128Array.Builder(priceType);
            foreach (ArrowWrittenDeepRow row in part)
            {
                foreach (byte[]? blob in row.Blobs ?? [])
                {
                    if (blob is null) blobs.AppendNull(); else blobs.Append(blob.AsSpan());
                }

                foreach (bool? flag in row.Flags ?? [])
                {
                    if (flag is { } value) flags.Append(value); else flags.AppendNull();
                }

                foreach (DateTime? time in row.Times ?? [])
                {
                    if (time is { } value) times.Append(new DateTimeOffset(value)); else times.AppendNull();
                }

                foreach (decimal? price in row.Prices ?? [])
                {
                    if (price is { } value) prices.Append(value); else prices.AppendNull();
                }
            }

            var batch = new RecordBatch(schema,
            [
                new Int64Array.Builder().AppendRange(part.Select(r => r.Id)).Build(),
                new MapArray(spansType, part.Count, mapOffsets, entryArray, mapValidity, mapNulls),
                basket,
                ListOf(part, r => r.Blobs?.Count, blobs.Build(), BinaryType.Default),
                ListOf(part, r => r.Flags?.Count, flags.Build(), BooleanType.Default),
                ListOf(part, r => r.Times?.Count, times.Build(), timeType),
                ListOf(part, r => r.Prices?.Count, prices.Build(), priceType),
            ], part.Count);
            writer.WriteRecordBatch(batch);
        }

        writer.Close();
    }

    /// <summary>Pages of 1 KB so lists cross page boundaries, row groups of 1,000 rows, dictionaries on or off.</summary>
    private static WriterProperties Properties(ParquetDataPageVersion version, bool dictionary, Compression compression)
    {
        using WriterPropertiesBuilder builder = new WriterPropertiesBuilder()
            .Compression(compression)
            .DataPageVersion(version)
            .DataPagesize(1_024)
            .MaxRowGroupLength(1_000);
        return (dictionary ? builder.EnableDictionary() : builder.DisableDictionary()).Build();
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
