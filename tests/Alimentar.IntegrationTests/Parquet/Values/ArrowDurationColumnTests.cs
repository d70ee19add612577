using Apache.Arrow;
using Apache.Arrow.Types;
using ParquetSharp;
using ParquetSharp.Arrow;
using Format = Alimentar.Parquet.Format;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record TimedTrip(long Id, TimeSpan? Took, TimeSpan? Wait, long? TookMicros, TimeSpan?[]? Legs, TimedStop? Stop, Dictionary<string, TimeSpan?>? Delays, long? Seconds);

/// <summary><see cref="TimedTrip.Stop"/>: a duration inside a struct.</summary>
public sealed record TimedStop(string? Name, TimeSpan? Dwell);

/// <summary>
/// Durations as pyarrow (pandas' <c>timedelta64</c>) and Polars write them to Parquet: bare INT64 columns whose unit only
/// the footer's stored Arrow schema (<c>ARROW:schema</c>) gives. Written here by Arrow C++, the writer under pyarrow,
/// storing its schema as pyarrow does; read into <see cref="TimeSpan"/> members at the top level, in lists, structs and
/// map values, while a <c>long</c> member still reads the integers stored.
/// </summary>
public sealed class ArrowDurationColumnTests
{
    private static readonly long?[] Micros = [0, 93_784_000_005, -5_000_000, null, 86_400_000_000L * 400];

    [Fact]
    public void Duration_columns_read_as_the_spans_they_count_wherever_they_nest()
    {
        using var file = new TempFile();
        Write(file.Path, storeSchema: true);

        List<TimedTrip> trips = ParquetFiles.ReadAll(new ParquetSource<TimedTrip>(file.Path));

        TimeSpan?[] spans = Micros.Select(m => m is long v ? TimeSpan.FromMicroseconds(v) : (TimeSpan?)null).ToArray();
        Assert.Equal(spans, trips.Select(t => t.Took));
        Assert.Equal(Micros.Select(m => m is long v ? TimeSpan.FromTicks(v / 100) : (TimeSpan?)null), trips.Select(t => t.Wait));
        Assert.Equal(Micros, trips.Select(t => t.TookMicros));
        Assert.Equal(spans.Select(s => new[] { s, null, TimeSpan.FromMilliseconds(7) }), trips.Select(t => t.Legs));
        Assert.Equal(spans, trips.Select(t => t.Stop?.Dwell));
        Assert.Equal(spans, trips.Select(t => t.Delays?["rain"]));

        // Seconds, which no Parquet time unit holds, stay integers.
        Assert.Equal(Micros.Select(m => m / 1_000_000), trips.Select(t => t.Seconds));
    }

    [Fact]
    public void Filters_on_duration_members_prune_by_the_spans_bounds()
    {
        using var file = new TempFile();
        Write(file.Path, storeSchema: true);
        TimeSpan twoDays = TimeSpan.FromDays(2);

        // The first row group's longest trip is 26 hours: its bounds rule it out.
        ParquetSource<TimedTrip> longTrips = new ParquetSource<TimedTrip>(file.Path).Where(t => t.Took > twoDays);

        Assert.Equal([4L], ParquetFiles.ReadAll(longTrips).Select(t => t.Id));
        Assert.Equal(2, longTrips.Explain().RowsToRead);
    }

    [Fact]
    public void Without_the_stored_schema_a_duration_is_an_integer_and_a_TimeSpan_member_is_refused_naming_what_reads_it()
    {
        using var file = new TempFile();
        Write(file.Path, storeSchema: false);

        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<TimedTrip>(file.Path)));

        Assert.Contains("member TimedTrip.Took", error.Message, StringComparison.Ordinal);
        Assert.Contains("found INT64 OPTIONAL; its values read into long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_schema_that_does_not_decode_is_ignored_not_an_error()
    {
        var elements = new[]
        {
            new Format.SchemaElement { Name = "schema", ChildCount = 1 },
            new Format.SchemaElement { Name = "took", Type = Format.PhysicalType.Int64, Repetition = Format.Repetition.Optional },
        };

        foreach (string damaged in new[] { "not base64!", Convert.ToBase64String(new byte[64]), Convert.ToBase64String(Enumerable.Range(0, 200).Select(i => (byte)(i * 37)).ToArray()) })
        {
            IReadOnlyList<Format.SchemaElement> annotated =
                Format.ArrowSchemaHints.AnnotateDurations(elements, [new(Format.ArrowSchemaHints.Key, damaged)]);
            Assert.Same(elements, annotated);
        }
    }

    [Fact]
    public void Damaged_copies_of_a_stored_schema_change_nothing_or_annotate_durations_never_throw()
    {
        using var file = new TempFile();
        Write(file.Path, storeSchema: true);
        byte[] bytes = File.ReadAllBytes(file.Path);
        int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        Format.FileMetadata metadata = Format.FooterParser.Parse(bytes.AsSpan(bytes.Length - 8 - length, length));
        byte[] stored = Convert.FromBase64String(metadata.KeyValues.Single(pair => pair.Key == Format.ArrowSchemaHints.Key).Value!);
        var elements = metadata.Schema.Elements.Select(e => e.LogicalType?.Kind == Format.LogicalTypeKind.Duration ? e with { LogicalType = null } : e).ToArray();
        // took, wait, took_micros, a leg, a stop's dwell and a delay.
        Assert.Equal(6, Format.ArrowSchemaHints.AnnotateDurations(elements, metadata.KeyValues).Count(e => e.LogicalType?.Kind == Format.LogicalTypeKind.Duration));

        var random = new Random(20261205);
        for (int round = 0; round < 5_000; round++)
        {
            byte[] damaged = (byte[])stored.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            IReadOnlyList<Format.SchemaElement> annotated = Format.ArrowSchemaHints.AnnotateDurations(
                elements, [new(Format.ArrowSchemaHints.Key, Convert.ToBase64String(damaged))]);
            Assert.Equal(elements.Length, annotated.Count);
            Assert.All(annotated.Zip(elements), pair => Assert.Equal(pair.Second with { LogicalType = null }, pair.First with { LogicalType = null }));
        }
    }

    /// <summary>
    /// Two row groups (three rows and two) of durations in microseconds and nanoseconds, a list and a struct and a map
    /// of them, and one in seconds; with Arrow's schema stored in the footer, as pyarrow stores it, or not.
    /// </summary>
    private static void Write(string path, bool storeSchema)
    {
        DurationArray Durations(DurationType type, IEnumerable<long?> counts)
        {
            var builder = new DurationArray.Builder(type);
            foreach (long? count in counts)
            {
                if (count is long value)
                {
                    builder.Append(value);
                }
                else
                {
                    builder.AppendNull();
                }
            }

            return builder.Build();
        }

        int rows = Micros.Length;
        var legType = new ListType(new Field("element", DurationType.Microsecond, true));
        var legs = new ListArray.Builder(DurationType.Microsecond);
        var legValues = (DurationArray.Builder)legs.ValueBuilder;
        var stopType = new StructType([new Field("name", StringType.Default, true), new Field("dwell", DurationType.Microsecond, true)]);
        var delayType = new MapType(StringType.Default, DurationType.Microsecond);
        var delays = new MapArray.Builder(delayType);
        foreach (long? m in Micros)
        {
            legs.Append();
            if (m is long v)
            {
                legValues.Append(v);
            }
            else
            {
                legValues.AppendNull();
            }

            legValues.AppendNull();
            legValues.Append(7_000);
            delays.Append();
            ((StringArray.Builder)delays.KeyBuilder).Append("rain");
            if (m is long d)
            {
                ((DurationArray.Builder)delays.ValueBuilder).Append(d);
            }
            else
            {
                ((DurationArray.Builder)delays.ValueBuilder).AppendNull();
            }
        }

        IArrowArray stop = new StructArray(stopType, rows,
            [new StringArray.Builder().AppendRange(Micros.Select(_ => "depot")).Build(), Durations(DurationType.Microsecond, Micros)], ArrowBuffer.Empty, 0);
        Schema schema = new Schema.Builder()
            .Field(new Field("id", Int64Type.Default, false))
            .Field(new Field("took", DurationType.Microsecond, true))
            .Field(new Field("wait", DurationType.Nanosecond, true))
            .Field(new Field("took_micros", DurationType.Microsecond, true))
            .Field(new Field("legs", legType, true))
            .Field(new Field("stop", stopType, true))
            .Field(new Field("delays", delayType, true))
            .Field(new Field("seconds", DurationType.Second, true))
            .Build();
        var batch = new RecordBatch(schema,
        [
            new Int64Array.Builder().AppendRange(Enumerable.Range(0, rows).Select(i => (long)i)).Build(),
            Durations(DurationType.Microsecond, Micros),
            Durations(DurationType.Nanosecond, Micros),
            Durations(DurationType.Microsecond, Micros),
            legs.Build(),
            stop,
            delays.Build(),
            Durations(DurationType.Second, Micros.Select(m => m / 1_000_000)),
        ], rows);

        using WriterProperties properties = new WriterPropertiesBuilder().MaxRowGroupLength(3).Build();
        using ArrowWriterPropertiesBuilder arrowBuilder = new ArrowWriterPropertiesBuilder();
        using ArrowWriterProperties arrowProperties = (storeSchema ? arrowBuilder.StoreSchema() : arrowBuilder).Build();
        using var writer = new FileWriter(path, schema, properties, arrowProperties);
        writer.WriteRecordBatch(batch);
        writer.Close();
    }
}
