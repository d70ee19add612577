namespace Alimentar.IntegrationTests;

/// <summary>
/// A dataset partitioned as Hive, Spark and DuckDB write one (<c>year=2024/zone=north/part-0.parquet</c>): a member the
/// files lack reads the value its file's directories give, by the usual name rules, and a filter on it skips files
/// from their path.
/// </summary>
public sealed class HivePartitionTests : IDisposable
{
    private static readonly (int Year, string Zone)[] Partitions = [(2023, "north"), (2023, "south"), (2024, "north"), (2024, "south west")];
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Partition_keys_read_as_members_in_rows_and_typed_columns()
    {
        await WritePartitionsAsync(rowsPerFile: 3_000);

        List<PartitionedFare> rows = ParquetFiles.ReadAll(ParquetSource<PartitionedFare>.FromDirectory(_directory.Path, configure: s => s.BatchSize(1_000)));

        Assert.Equal(Partitions.Length * 3_000, rows.Count);
        Assert.All(rows, r => Assert.Equal(Partitions[r.Id / 3_000], (r.Year, r.Zone)));
        Assert.Equal(Enumerable.Range(0, rows.Count).Select(i => i * 0.5), rows.OrderBy(r => r.Id).Select(r => r.Fare));

        using var streaming = new StreamingDataset<PartitionedFare>(ParquetSource<PartitionedFare>.FromDirectory(_directory.Path), bufferSize: 2);
        foreach (Batch<PartitionedFare> batch in streaming)
        {
            using (batch)
            {
                Assert.Single(batch.Year.ToArray().Distinct());
            }
        }
    }

    [Fact]
    public async Task A_filter_on_a_partition_key_skips_the_other_partitions_files_without_reading_a_page()
    {
        await WritePartitionsAsync(rowsPerFile: 2_000);

        List<PartitionedFare> rows = ParquetFiles.ReadAll(ParquetSource<PartitionedFare>.FromDirectory(_directory.Path, configure: s => s.Where(r => r.Year >= 2024 && r.Zone == "north")));

        Assert.Equal(Enumerable.Range(4_000, 2_000), rows.Select(r => (int)r.Id));
        FilterExplanation skipped = new ParquetSource<PartitionedFare>(FileOf(2023, "north")).Where(r => r.Year >= 2024).Explain();
        Assert.Equal(0, skipped.RowsToRead);
        Assert.Contains("Year is the file's partition year=2023", skipped.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_DuckDB_partitions_reads_as_DuckDB_reads_it_back()
    {
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                COPY (SELECT i AS id, (i * 0.5)::DOUBLE AS fare, 2020 + i % 3 AS year, CASE i % 4 WHEN 0 THEN 'north' WHEN 1 THEN 'south west' WHEN 2 THEN 'a/b=c' ELSE NULL END AS zone
                      FROM range(5000) t(i)) TO '{_directory.Path}' (FORMAT PARQUET, PARTITION_BY (year, zone))
                """;
            command.ExecuteNonQuery();
        }

        List<NullableZoneFare> rows = ParquetFiles.ReadAll(ParquetSource<NullableZoneFare>.FromDirectory(_directory.Path));

        List<(long, double, int, string?)> expected = [];
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT id, fare, year, zone FROM read_parquet('{_directory.Path}/**/*.parquet', hive_partitioning = true) ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                expected.Add((reader.GetInt64(0), reader.GetDouble(1), Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        Assert.Equal(5_000, expected.Count);
        Assert.Equal(expected, rows.OrderBy(r => r.Id).Select(r => (r.Id, r.Fare, r.Year, r.Zone)));
        Assert.Contains(rows, r => r.Zone is null);
    }

    [Fact]
    public async Task Values_read_as_their_member_types_and_a_null_partition_as_null()
    {
        string path = Path.Combine(_directory.Path, "day=2024-03-01", "at=2024-03-01 10%3A30%3A00", "price=12.50", "ok=true", "big=18446744073709551615",
            "ratio=0.25", "note=a%20b%2Fc", "region=__HIVE_DEFAULT_PARTITION__", "count=", "part-0.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await ParquetDatasetWriter<FareRow>.WriteFileAsync(path, [new FareRow(1, 2.5), new FareRow(2, 3.5)]);

        List<TypedPartitions> rows = ParquetFiles.ReadAll(new ParquetSource<TypedPartitions>(path));

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(new DateOnly(2024, 3, 1), r.Day);
            Assert.Equal(new DateTime(2024, 3, 1, 10, 30, 0, DateTimeKind.Utc), r.At);
            Assert.Equal(12.50m, r.Price);
            Assert.True(r.Ok);
            Assert.Equal(ulong.MaxValue, r.Big);
            Assert.Equal(0.25f, r.Ratio);
            Assert.Equal("a b/c", r.Note);
            Assert.Null(r.Region);
            Assert.Null(r.Count);
        });
    }

    [Fact]
    public async Task A_column_the_file_has_wins_over_a_directory_of_the_same_name()
    {
        string path = Path.Combine(_directory.Path, "year=2024", "part-0.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await ParquetDatasetWriter<FareWithYear>.WriteFileAsync(path, [new FareWithYear(1, 1.5, 1999)]);

        Assert.Equal(1999, Assert.Single(ParquetFiles.ReadAll(new ParquetSource<FareWithYear>(path))).Year);
    }

    [Theory]
    [InlineData("year=abc", "does not read as Int32")]
    [InlineData("year=3000000000", "does not read as Int32")]
    [InlineData("year=__HIVE_DEFAULT_PARTITION__", "declare the member nullable")]
    public async Task A_value_the_member_cannot_take_is_a_mismatch_naming_the_directory(string directory, string reason)
    {
        string path = Path.Combine(_directory.Path, directory, "zone=north", "part-0.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await ParquetDatasetWriter<FareRow>.WriteFileAsync(path, [new FareRow(1, 2.5)]);

        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<PartitionedFare>(path)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(directory, error.Message, StringComparison.Ordinal);
        Assert.Equal("Year", error.ColumnName);
    }

    private string FileOf(int year, string zone) => Path.Combine(_directory.Path, $"year={year}", $"zone={Uri.EscapeDataString(zone)}", "part-0.parquet");

    private async Task WritePartitionsAsync(int rowsPerFile)
    {
        for (int p = 0; p < Partitions.Length; p++)
        {
            string path = FileOf(Partitions[p].Year, Partitions[p].Zone);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            int first = p * rowsPerFile;
            await ParquetDatasetWriter<FareRow>.WriteFileAsync(path, Enumerable.Range(first, rowsPerFile).Select(i => new FareRow(i, i * 0.5)), rowGroupSize: 700);
        }
    }
}

/// <summary>A fare as the partitioned files hold it: no year or zone.</summary>
[StreamingDataset]
public partial record FareRow(long Id, double Fare);

/// <summary>A fare with the partition keys its path gives.</summary>
[StreamingDataset]
public partial record PartitionedFare(long Id, double Fare, int Year, string Zone);

/// <summary>A fare whose zone may be null, as DuckDB partitions a null.</summary>
[StreamingDataset]
public partial record NullableZoneFare(long Id, double Fare, int Year, string? Zone);

/// <summary>A fare whose file holds a year column of its own.</summary>
[StreamingDataset]
public partial record FareWithYear(long Id, double Fare, int Year);

/// <summary>Partition keys of every type a path can give.</summary>
[StreamingDataset]
public partial record TypedPartitions(long Id, DateOnly Day, DateTime At, decimal Price, bool Ok, ulong Big, float Ratio, string Note, string? Region, int? Count);
