namespace Alimentar.IntegrationTests;

/// <summary>One bad file among many: fail the pass (the default) or leave it out, listed with why.</summary>
public sealed class ErrorPolicyTests
{
    [Fact]
    public async Task SkipFile_leaves_out_a_corrupt_file_and_a_mismatched_one_listing_both_with_their_errors()
    {
        string directory = await DirectoryWithTwoBadFilesAsync();
        try
        {
            using var streaming = new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(directory), 4).WithErrorPolicy(ErrorPolicy.SkipFile);

            long[] ids = streaming.Rows().Select(m => m.Id).ToArray();

            Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), ids.Order());
            Assert.Collection(
                streaming.Skipped.OrderBy(s => s.Name, StringComparer.Ordinal),
                corrupt => { Assert.EndsWith("b-corrupt.parquet", corrupt.Name, StringComparison.Ordinal); Assert.IsType<CorruptParquetFileException>(corrupt.Error); },
                mismatch => { Assert.EndsWith("d-other.parquet", mismatch.Name, StringComparison.Ordinal); Assert.IsType<SchemaMismatchException>(mismatch.Error); });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task SkipFile_holds_for_sharded_passes_planned_from_footers()
    {
        string directory = await DirectoryWithTwoBadFilesAsync();
        try
        {
            var seen = new List<long>();
            for (int rank = 0; rank < 2; rank++)
            {
                using var streaming = new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(directory), 4)
                    .WithErrorPolicy(ErrorPolicy.SkipFile).WithShard(rank, 2).WithShuffle(5);
                seen.AddRange(streaming.Rows().Select(m => m.Id));
                Assert.Contains(streaming.Skipped, s => s.Name.EndsWith("b-corrupt.parquet", StringComparison.Ordinal));
                Assert.Contains(streaming.Skipped, s => s.Name.EndsWith("d-other.parquet", StringComparison.Ordinal) && s.Error is SchemaMismatchException);
            }

            // Both bad files are left out while planning, so the ranks share the good rows equally.
            Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), seen.Order());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task By_default_a_bad_file_fails_the_pass_with_its_own_typed_error()
    {
        string directory = await DirectoryWithTwoBadFilesAsync();
        try
        {
            using var streaming = new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(directory), 4);

            var error = Assert.Throws<CorruptParquetFileException>(() => streaming.Rows().Count());
            Assert.Contains("b-corrupt.parquet", error.Message, StringComparison.Ordinal);
            Assert.Equal(ErrorPolicy.FailPass, streaming.ErrorPolicy);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>a, c and e hold ids 0-299; b is not Parquet; d is Parquet of another row type.</summary>
    private static async Task<string> DirectoryWithTwoBadFilesAsync()
    {
        string directory = Directory.CreateTempSubdirectory("alimentar-policy-").FullName;
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(Path.Combine(directory, "a.parquet"), Enumerable.Range(0, 100).Select(i => new Measurement(i, "s", i)), rowGroupSize: 30);
        await File.WriteAllTextAsync(Path.Combine(directory, "b-corrupt.parquet"), "PAR1 but nothing after it");
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(Path.Combine(directory, "c.parquet"), Enumerable.Range(100, 100).Select(i => new Measurement(i, "s", i)), rowGroupSize: 30);
        await ParquetDatasetWriter<Numbers>.WriteFileAsync(Path.Combine(directory, "d-other.parquet"), Enumerable.Range(0, 10).Select(i => new Numbers(i, i, null, true)));
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(Path.Combine(directory, "e.parquet"), Enumerable.Range(200, 100).Select(i => new Measurement(i, "s", i)), rowGroupSize: 30);
        return directory;
    }
}
