using System.Linq.Expressions;
using DuckDB.NET.Data;
using ParquetSharp;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Random predicates, pushed down through <see cref="ParquetSource{T}.Where"/>, give exactly the rows an
/// in-memory LINQ filter over every row gives: over files from Arrow C++ (with and without a page index),
/// DuckDB (both page versions, with its Bloom filters), Parquet.Net and Alimentar.
/// </summary>
public sealed class FilterDifferentialTests
{
    private const int Predicates = 120;

    [Theory]
    [InlineData(false, "dictionary")]
    [InlineData(true, "dictionary")]
    [InlineData(true, "plain")]
    public void Random_filters_over_an_Arrow_cpp_file_give_the_rows_LINQ_gives(bool pageIndex, string encodings)
    {
        using var file = new TempFile();
        ParquetSharpDifferentialTests.Write(file.Path, ParquetDataPageVersion.V2, encodings, Compression.Snappy, rows: 12_000, pageIndex: pageIndex);
        AssertRandomFiltersMatch<SharpRow>(file.Path, seed: pageIndex ? 11 : 7, row => row.Id);
    }

    [Theory]
    [InlineData("V1")]
    [InlineData("V2")]
    public void Random_filters_over_a_DuckDB_file_give_the_rows_LINQ_gives(string version)
    {
        using var file = new TempFile();
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        DuckDbDifferentialTests.Write(connection, DuckDbDifferentialTests.QueryOf(6_000), file.Path, $"PARQUET_VERSION {version}, COMPRESSION zstd, ROW_GROUP_SIZE 1000");
        AssertRandomFiltersMatch<DuckRow>(file.Path, seed: version == "V1" ? 3 : 5, row => row.Id);
    }

    [Fact]
    public async Task Random_filters_over_an_Alimentar_file_give_the_rows_LINQ_gives()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<SharpRow>.WriteFileAsync(file.Path, FilterRows(), rowGroupSize: 1_000);
        AssertRandomFiltersMatch<SharpRow>(file.Path, seed: 13, row => row.Id);
    }

    /// <summary>
    /// Parquet.Net's statistics, bounds and encodings, as its serializer writes them (the writer Alimentar's users come
    /// from), by default and with the encodings it can be asked for column by column.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Random_filters_over_a_Parquet_Net_file_give_the_rows_LINQ_gives(bool encodings)
    {
        using var file = new TempFile();
        var options = new global::Parquet.ParquetOptions { RowGroupSize = 1_000 };
        if (encodings)
        {
            options.ColumnEncodingHints["Id"] = global::Parquet.EncodingHint.DeltaBinaryPacked;
            options.ColumnEncodingHints["Small"] = global::Parquet.EncodingHint.DeltaBinaryPacked;
            options.ColumnEncodingHints["Score"] = global::Parquet.EncodingHint.ByteSplitStream;
            options.ColumnEncodingHints["Value"] = global::Parquet.EncodingHint.ByteSplitStream;
            options.ColumnEncodingHints["Label"] = global::Parquet.EncodingHint.Dictionary;
            options.ColumnEncodingHints["Comment"] = global::Parquet.EncodingHint.Dictionary;
        }

        await global::Parquet.Serialization.ParquetSerializer.SerializeAsync(FilterRows(), file.Path, options);

        Assert.StartsWith("Parquet.Net", (await ParquetFileInfo.ReadAsync(file.Path)).CreatedBy, StringComparison.Ordinal);
        AssertRandomFiltersMatch<SharpRow>(file.Path, seed: encodings ? 17 : 19, row => row.Id);
    }

    private static IEnumerable<SharpRow> FilterRows() => Enumerable.Range(0, 9_000).Select(i => new SharpRow(
        i, i % 300 - 150, i % 9 == 0 ? float.NaN : i * 0.5f, i % 4 == 0 ? null : i % 5 == 0 ? -0.0 : i * 0.25, i % 2 == 0,
        $"k{i / 100:D3}", i % 3 == 0 ? null : $"c{i % 17}", new DateTime(2020, 1, 1).AddMinutes(i), i * 0.01m, Guid.Empty));

    private static void AssertRandomFiltersMatch<T>(string path, int seed, Func<T, long> id)
        where T : IStreamingRow<T>
    {
        List<T> all = ParquetFiles.ReadAll(new ParquetSource<T>(path));
        var predicates = new RandomPredicates<T>(new Random(seed), all);
        for (int i = 0; i < Predicates; i++)
        {
            Expression<Func<T, bool>> predicate = predicates.Next();
            long[] expected = all.Where(predicate.Compile()).Select(id).ToArray();
            long[] actual = ParquetFiles.ReadAll(new ParquetSource<T>(path).BatchSize(389).Where(predicate)).Select(id).ToArray();
            Assert.True(expected.SequenceEqual(actual), $"{predicate}: LINQ keeps {expected.Length} rows, the reader {actual.Length}; first difference at {FirstDifference(expected, actual)}");
        }
    }

    private static int FirstDifference(long[] expected, long[] actual)
    {
        int i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i])
        {
            i++;
        }

        return i;
    }
}

/// <summary>int32_with_null_pages.parquet (parquet-mr): a column index with pages of nulls only.</summary>
[StreamingDataset]
public partial record NullPagesRow(int? Int32Field);

/// <summary>Files from the parquet-testing corpus whose writers (parquet-mr, Impala) stored page indexes: random filters against LINQ, and damaged indexes.</summary>
public sealed class CorpusFilterTests
{
    [Theory]
    [InlineData("alltypes_tiny_pages.parquet", 17)]
    [InlineData("alltypes_tiny_pages_plain.parquet", 19)]
    public void Random_filters_over_parquet_mr_tiny_pages_give_the_rows_LINQ_gives(string name, int seed)
    {
        string path = ParquetFiles.Corpus(name);
        List<AllTypes> all = ParquetFiles.ReadAll(new ParquetSource<AllTypes>(path));
        var predicates = new RandomPredicates<AllTypes>(new Random(seed), all);
        for (int i = 0; i < 100; i++)
        {
            Expression<Func<AllTypes, bool>> predicate = predicates.Next();
            AllTypes[] expected = all.Where(predicate.Compile()).ToArray();
            List<AllTypes> actual = ParquetFiles.ReadAll(new ParquetSource<AllTypes>(path).BatchSize(333).Where(predicate));
            Assert.True(expected.SequenceEqual(actual), $"{predicate}: LINQ keeps {expected.Length} rows, the reader {actual.Count}");
        }
    }

    [Fact]
    public void Pages_of_nulls_only_are_judged_by_the_column_index()
    {
        string path = ParquetFiles.Corpus("int32_with_null_pages.parquet");
        List<NullPagesRow> all = ParquetFiles.ReadAll(new ParquetSource<NullPagesRow>(path));
        var predicates = new RandomPredicates<NullPagesRow>(new Random(23), all);
        for (int i = 0; i < 100; i++)
        {
            Expression<Func<NullPagesRow, bool>> predicate = predicates.Next();
            Assert.Equal(all.Where(predicate.Compile()), ParquetFiles.ReadAll(new ParquetSource<NullPagesRow>(path).Where(predicate)));
        }

        RowGroupExplanation group = Assert.Single(new ParquetSource<NullPagesRow>(path).Where(r => r.Int32Field == null).Explain().RowGroups);
        Assert.Contains("page index keeps", group.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("column index")]
    [InlineData("offset index")]
    public async Task A_damaged_page_index_is_not_used_and_the_rows_still_come_out_exact(string damaged)
    {
        using var file = new TempFile();
        File.Copy(ParquetFiles.Corpus("alltypes_tiny_pages.parquet"), file.Path, overwrite: true);
        long offset;
        int length;
        await using (Alimentar.Parquet.Reading.ParquetFile parquet = await Alimentar.Parquet.Reading.ParquetFile.OpenAsync(file.Path, CancellationToken.None))
        {
            Alimentar.Parquet.Format.ColumnChunkMetadata id = parquet.Metadata.RowGroups[0].Columns[0];
            (offset, length) = damaged == "column index" ? (id.ColumnIndexOffset!.Value, id.ColumnIndexLength!.Value) : (id.OffsetIndexOffset!.Value, id.OffsetIndexLength!.Value);
        }

        await using (FileStream stream = File.OpenWrite(file.Path))
        {
            stream.Position = offset;
            stream.Write(Enumerable.Repeat((byte)0xFF, length).ToArray());
        }

        ParquetSource<AllTypes> source = new ParquetSource<AllTypes>(file.Path).Where(t => t.Id >= 3_000 && t.Id < 3_100);

        Assert.Contains($"its {damaged} for 'id' cannot be read", Assert.Single(source.Explain().RowGroups).Reason, StringComparison.Ordinal);
        Assert.Equal(
            ParquetFiles.ReadAll(new ParquetSource<AllTypes>(ParquetFiles.Corpus("alltypes_tiny_pages.parquet"))).Where(t => t.Id >= 3_000 && t.Id < 3_100),
            ParquetFiles.ReadAll(source));
    }
}
