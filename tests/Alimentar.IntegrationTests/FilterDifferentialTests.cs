using System.Linq.Expressions;
using DuckDB.NET.Data;
using ParquetSharp;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Random predicates, pushed down through <see cref="ParquetSource{T}.Where"/>, give exactly the rows an
/// in-memory LINQ filter over every row gives: over files from Arrow C++ (with and without a page index),
/// DuckDB (both page versions, with its Bloom filters) and Parquet.Net.
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
    public async Task Random_filters_over_a_Parquet_Net_file_give_the_rows_LINQ_gives()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<SharpRow>.WriteFileAsync(file.Path, Enumerable.Range(0, 9_000).Select(i => new SharpRow(
            i, i % 300 - 150, i % 9 == 0 ? float.NaN : i * 0.5f, i % 4 == 0 ? null : i % 5 == 0 ? -0.0 : i * 0.25, i % 2 == 0,
            $"k{i / 100:D3}", i % 3 == 0 ? null : $"c{i % 17}", new DateTime(2020, 1, 1).AddMinutes(i), i * 0.01m, Guid.Empty)), rowGroupSize: 1_000);
        AssertRandomFiltersMatch<SharpRow>(file.Path, seed: 13, row => row.Id);
    }

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
