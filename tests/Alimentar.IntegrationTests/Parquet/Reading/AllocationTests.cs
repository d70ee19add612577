namespace Alimentar.IntegrationTests;

/// <summary>
/// Allocation figures, not timings. Process-wide allocation counts see every thread, so these tests run alone.
/// </summary>
[Collection(ProcessWideCountersCollection.Name)]
public sealed class AllocationTests
{
    [Theory]
    [InlineData(100_000)]
    [InlineData(400_000)]
    public async Task Value_columns_allocate_less_than_a_byte_per_row(int rowGroupSize)
    {
        using var file = new TempFile();
        const int rows = 800_000;
        await ParquetDatasetWriter<Numbers>.WriteFileAsync(file.Path, Enumerable.Range(0, rows).Select(i => new Numbers(i, i * 0.5f, i % 3 == 0 ? null : i, i % 2 == 0)), rowGroupSize);

        // Warm up so pools and JIT are settled before counting.
        ReadWithAlimentar(file.Path);

        // The least of five passes: process-wide counts also see other threads (a pool refilling after a
        // gen-2 trim, a finishing task of an earlier test), and none of that is per row.
        double sum = 0;
        long allocated = ProcessAllocations.Least(5, () => sum = ReadWithAlimentar(file.Path));

        Assert.True(sum > 0);
        double perRow = allocated / (double)rows;
        Assert.True(perRow < 1, $"streaming {rows:N0} rows allocated {allocated:N0} bytes: {perRow:N2} per row");
    }

    [Fact]
    public async Task A_wide_row_type_reuses_its_column_arrays_batch_after_batch()
    {
        // 100 columns, with batches buffered, decoded ahead and held, use some 400 arrays of one size at once:
        // every one must come back from the pool, not be allocated again for each batch.
        using var file = new TempFile();
        const int rows = 100_000;
        await ParquetDatasetWriter<WideInts>.WriteFileAsync(file.Path, Enumerable.Range(0, rows).Select(WideInts.Make), rowGroupSize: rows);
        ReadWide(file.Path);

        long allocated = ProcessAllocations.Least(3, () => Assert.Equal(rows * 99L, ReadWide(file.Path)));

        // An array per column per batch would be 100 x 4 bytes for every row.
        double perRow = allocated / (double)rows;
        Assert.True(perRow < 20, $"streaming {rows:N0} rows of 100 columns allocated {allocated:N0} bytes: {perRow:N2} per row");
    }

    [Fact]
    public async Task A_wide_row_type_reuses_its_column_arrays_however_many_batches_are_held_at_once()
    {
        // A consumer that keeps the last sixteen batches (a shuffle window, say) of 100 columns has 1,700 arrays
        // in use at least, with those buffered and decoded ahead. The pool kept 512 of a size, so the rest were
        // allocated afresh for every batch; so were all of them once one batch had more than 512 columns (1.4 GB a pass
        // over 100,000 rows of 1,100 double columns, most of it on the large object heap).
        using var file = new TempFile();
        const int rows = 400_000;
        await ParquetDatasetWriter<WideInts>.WriteFileAsync(file.Path, Enumerable.Range(0, rows).Select(WideInts.Make), rowGroupSize: 10_000);
        ReadWideHolding(file.Path, held: 16);

        long allocated = ProcessAllocations.Least(3, () => Assert.Equal(rows * 99L, ReadWideHolding(file.Path, held: 16)));

        double perRow = allocated / (double)rows;
        Assert.True(perRow < 60, $"streaming {rows:N0} rows of 100 columns, 16 batches held, allocated {allocated:N0} bytes: {perRow:N2} per row");
    }

    [Fact]
    public async Task Batches_of_records_and_maps_allocate_their_objects_and_little_else()
    {
        // Decoding a list of records and a map assembles each batch from per-leaf slots, entry starts and presence;
        // those arrays are reused batch after batch, so what a row costs is the objects it holds. They were
        // allocated afresh for every batch: 811 bytes a row here, mostly on the large object heap.
        using var file = new TempFile();
        const int rows = 200_000;
        await ParquetDatasetWriter<Tracked>.WriteFileAsync(file.Path, Enumerable.Range(0, rows).Select(Tracked.Make), rowGroupSize: 100_000);
        ReadTracked(file.Path);

        long allocated = ProcessAllocations.Least(3, () => Assert.Equal(rows * 4L, ReadTracked(file.Path)));

        // Four Spot objects of 32 bytes and a string-keyed map's three entries held inline: 128 bytes of objects.
        double perRow = allocated / (double)rows;
        Assert.True(perRow < 128 + 96, $"streaming {rows:N0} rows of records and maps allocated {allocated:N0} bytes: {perRow:N2} per row");
    }

    [Fact]
    public void Shredded_variants_allocate_their_bytes_and_little_else()
    {
        // DuckDB shreds the objects' steady keys into typed columns, so every row's variant is put back together. The
        // assembler was made afresh for every batch, growing its buffer and lists from nothing, with a sort delegate per
        // object: 588 bytes a row here, 229 now; a row object and its variant's bytes, assembled into one array per batch.
        using var file = new TempFile();
        const int rows = 200_000;
        DuckDbDifferentialTests.Write(file, $$$"""
            SELECT i::BIGINT AS id,
                   CASE WHEN i % 10 = 0 THEN ('[' || i || ', "x"]')
                        ELSE '{"id": ' || i || ', "name": "user' || (i % 1000) || '", "score": ' || (i % 100) / 4.0 || ', "tags": ["a", "b' || (i % 7) || '"], "meta": {"ok": ' || (i % 2 = 0) || '}}'
                   END::JSON::VARIANT AS payload
            FROM range({{{rows}}}) t(i)
            """, "ROW_GROUP_SIZE 100000");
        ReadVariants(file.Path);

        long allocated = ProcessAllocations.Least(3, () => Assert.Equal(rows, ReadVariants(file.Path)));

        double perRow = allocated / (double)rows;
        Assert.True(perRow < 300, $"streaming {rows:N0} shredded variants allocated {allocated:N0} bytes: {perRow:N2} per row");
    }

    [Fact]
    public async Task Repeated_strings_are_one_instance_per_value()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 10_000).Select(i => new Measurement(i, $"sensor-{i % 4}", i)), rowGroupSize: 2_500);

        List<Measurement> rows = ParquetFiles.ReadAll(new ParquetSource<Measurement>(file.Path));

        Assert.Equal(4, rows.Select(r => r.Sensor).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    /// <summary>Streams the rows of <see cref="VariantRow"/> and counts those holding a variant.</summary>
    private static long ReadVariants(string path)
    {
        using var streaming = new StreamingDataset<VariantRow>(new ParquetSource<VariantRow>(path), bufferSize: 2);
        long present = 0;
        foreach (VariantRow row in streaming.Rows())
        {
            present += row.Payload is { Kind: not VariantKind.Null } ? 1 : 0;
        }

        return present;
    }

    /// <summary>Streams batches of <see cref="Tracked"/>, disposing each, and counts the spots.</summary>
    private static long ReadTracked(string path)
    {
        using var streaming = new StreamingDataset<Tracked>(new ParquetSource<Tracked>(path), bufferSize: 2);
        long spots = 0;
        foreach (Batch<Tracked> batch in streaming)
        {
            using (batch)
            {
                ListColumn<Spot> column = batch.Spots;
                for (int row = 0; row < batch.Count; row++)
                {
                    spots += column[row].Length;
                }
            }
        }

        return spots;
    }

    private static long ReadWide(string path) =>
        (long)Sum(new ParquetSource<WideInts>(path), batch => batch.C99);

    /// <summary>Streams every batch, keeping the last <paramref name="held"/> undisposed, and adds up the last column.</summary>
    private static long ReadWideHolding(string path, int held)
    {
        using var streaming = new StreamingDataset<WideInts>(new ParquetSource<WideInts>(path));
        var window = new Queue<Batch<WideInts>>();
        long sum = 0;
        foreach (Batch<WideInts> batch in streaming)
        {
            foreach (int value in batch.C99)
            {
                sum += value;
            }

            window.Enqueue(batch);
            if (window.Count > held)
            {
                window.Dequeue().Dispose();
            }
        }

        while (window.Count > 0)
        {
            window.Dequeue().Dispose();
        }

        return sum;
    }

    // Columns are read through typed spans; batches are disposed so buffers return to the pool.
    private static double ReadWithAlimentar(string path) =>
        Sum(new ParquetSource<Numbers>(path).DecodeAhead(0), batch => batch.Score);

    /// <summary>Streams every batch, two buffered, and adds up one column read through its typed span.</summary>
    private static double Sum<TRow, TValue>(ParquetSource<TRow> source, ColumnOf<TRow, TValue> column)
        where TRow : IStreamingRow<TRow>
        where TValue : System.Numerics.INumberBase<TValue>
    {
        using var streaming = new StreamingDataset<TRow>(source, bufferSize: 2);
        double sum = 0;
        foreach (Batch<TRow> batch in streaming)
        {
            using (batch)
            {
                foreach (TValue value in column(batch))
                {
                    sum += double.CreateTruncating(value);
                }
            }
        }

        return sum;
    }

    private delegate ReadOnlySpan<TValue> ColumnOf<TRow, TValue>(Batch<TRow> batch)
        where TRow : IStreamingRow<TRow>;
}

/// <summary>A row of 100 int columns; C99 is always 99.</summary>
[StreamingDataset]
public partial record WideInts(int C00, int C01, int C02, int C03, int C04, int C05, int C06, int C07, int C08, int C09, int C10, int C11, int C12, int C13, int C14, int C15, int C16, int C17, int C18, int C19, int C20, int C21, int C22, int C23, int C24, int C25, int C26, int C27, int C28, int C29, int C30, int C31, int C32, int C33, int C34, int C35, int C36, int C37, int C38, int C39, int C40, int C41, int C42, int C43, int C44, int C45, int C46, int C47, int C48, int C49, int C50, int C51, int C52, int C53, int C54, int C55, int C56, int C57, int C58, int C59, int C60, int C61, int C62, int C63, int C64, int C65, int C66, int C67, int C68, int C69, int C70, int C71, int C72, int C73, int C74, int C75, int C76, int C77, int C78, int C79, int C80, int C81, int C82, int C83, int C84, int C85, int C86, int C87, int C88, int C89, int C90, int C91, int C92, int C93, int C94, int C95, int C96, int C97, int C98, int C99)
{
    public static WideInts Make(int i) => new(i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99);
}

public sealed record Spot(long X, string Label);

/// <summary>Four spots (a list of records) and three counts (a map) per row.</summary>
[StreamingDataset]
public partial record Tracked(long Id, List<Spot> Spots, Dictionary<string, long> Counts)
{
    private static readonly string[] Labels = ["a", "b", "c", "d", "e"];

    public static Tracked Make(int i) => new(
        i,
        [.. Enumerable.Range(0, 4).Select(j => new Spot(i + j, Labels[(i + j) % 5]))],
        new Dictionary<string, long> { ["x"] = i, ["y"] = i + 1, ["z"] = i + 2 });
}

/// <summary>The numbers of <see cref="Tracked"/> as flat lists.</summary>
[StreamingDataset]
public partial record FlatTracked(long Id, long[] Xs, long[] Counts);

[StreamingDataset]
public partial record Numbers(long Id, float Score, int? Maybe, bool Flag);

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCountersCollection
{
    public const string Name = "Process-wide counters";
}
