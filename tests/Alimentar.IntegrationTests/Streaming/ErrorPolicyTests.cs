using Parquet;

namespace Alimentar.IntegrationTests;

/// <summary>One bad file among many: fail the pass (the default) or leave it out, listed with why.</summary>
public sealed class ErrorPolicyTests
{
    [Fact]
    public async Task SkipFile_leaves_out_a_corrupt_file_and_a_mismatched_one_listing_both_with_their_errors()
    {
        using TempDirectory directory = await DirectoryWithTwoBadFilesAsync();
        using var streaming = new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(directory.Path), 4).WithErrorPolicy(ErrorPolicy.SkipFile);

        long[] ids = streaming.Rows().Select(m => m.Id).ToArray();

        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), ids.Order());
        Assert.Collection(
            streaming.Skipped.OrderBy(s => s.Name, StringComparer.Ordinal),
            corrupt => { Assert.EndsWith("b-corrupt.parquet", corrupt.Name, StringComparison.Ordinal); Assert.IsType<CorruptParquetFileException>(corrupt.Error); },
            mismatch => { Assert.EndsWith("d-other.parquet", mismatch.Name, StringComparison.Ordinal); Assert.IsType<SchemaMismatchException>(mismatch.Error); });
    }

    [Fact]
    public async Task SkipFile_holds_for_sharded_passes_planned_from_footers()
    {
        using TempDirectory directory = await DirectoryWithTwoBadFilesAsync();
        var seen = new List<long>();
        for (int rank = 0; rank < 2; rank++)
        {
            using var streaming = new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(directory.Path), 4)
                .WithErrorPolicy(ErrorPolicy.SkipFile).WithShard(rank, 2).WithShuffle(5);
            seen.AddRange(streaming.Rows().Select(m => m.Id));
            Assert.Contains(streaming.Skipped, s => s.Name.EndsWith("b-corrupt.parquet", StringComparison.Ordinal));
            Assert.Contains(streaming.Skipped, s => s.Name.EndsWith("d-other.parquet", StringComparison.Ordinal) && s.Error is SchemaMismatchException);
        }

        // Both bad files are left out while planning, so the ranks share the good rows equally.
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), seen.Order());
    }

    [Fact]
    public async Task By_default_a_bad_file_fails_the_pass_with_its_own_typed_error()
    {
        using TempDirectory directory = await DirectoryWithTwoBadFilesAsync();
        using var streaming = new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(directory.Path), 4);

        var error = Assert.Throws<CorruptParquetFileException>(() => streaming.Rows().Count());
        Assert.Contains("b-corrupt.parquet", error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorPolicy.FailPass, streaming.ErrorPolicy);
    }

    [Fact]
    public async Task SkipFile_leaves_out_a_file_with_a_corrupt_last_row_group_before_any_of_its_rows()
    {
        using TempDirectory directory = await DirectoryWithACorruptPageAsync();
        using var streaming = new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(directory.Path, configure: s => s.BatchSize(10)), 4)
            .WithErrorPolicy(ErrorPolicy.SkipFile);

        long[] ids = streaming.Rows().Select(m => m.Id).ToArray();

        // b's first two row groups are sound, yet none of its rows were handed out.
        Assert.Equal(Enumerable.Range(0, 100).Concat(Enumerable.Range(200, 100)).Select(i => (long)i), ids);
        SkippedInput skipped = Assert.Single(streaming.Skipped);
        Assert.EndsWith("b-bad-page.parquet", skipped.Name, StringComparison.Ordinal);
        var error = Assert.IsType<CorruptParquetFileException>(skipped.Error);
        Assert.Equal(2, error.RowGroup);
        Assert.Equal(FileCheck.Pages, streaming.FileCheck);
    }

    [Fact]
    public async Task SkipFile_leaves_a_corrupt_page_out_of_shuffled_shards_alike_on_every_rank_and_every_epoch()
    {
        using TempDirectory directory = await DirectoryWithACorruptPageAsync();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            var seen = new List<long>();
            var counts = new List<long>();
            for (int rank = 0; rank < 3; rank++)
            {
                using var streaming = new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(directory.Path, configure: s => s.BatchSize(10)), 4)
                    .WithErrorPolicy(ErrorPolicy.SkipFile).WithShard(rank, 3).WithShuffle(11, windowRows: 50, lanes: 3).WithEpoch(epoch);
                long total = streaming.TotalRows;
                long[] ids = streaming.Rows().Select(m => m.Id).ToArray();
                Assert.Equal(total, ids.Length);
                Assert.Contains(streaming.Skipped, s => s.Name.EndsWith("b-bad-page.parquet", StringComparison.Ordinal));
                seen.AddRange(ids);
                counts.Add(ids.Length);
            }

            // 200 good rows over 3 ranks: 66 each, 2 dropped; none from the bad file.
            Assert.All(counts, c => Assert.Equal(66, c));
            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.All(seen, id => Assert.True(id is < 100 or >= 200, $"row {id} of the bad file was handed out"));
        }
    }

    [Fact]
    public async Task SkipFile_with_footer_checks_alone_hands_out_the_rows_before_a_corrupt_page()
    {
        using TempDirectory directory = await DirectoryWithACorruptPageAsync();
        using var streaming = new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(directory.Path, configure: s => s.BatchSize(10)), 4)
            .WithErrorPolicy(ErrorPolicy.SkipFile, FileCheck.Footer);

        long[] ids = streaming.Rows().Select(m => m.Id).ToArray();

        // Metadata alone cannot see the page, so b's first two row groups get through before the error.
        Assert.Equal(Enumerable.Range(0, 100).Concat(Enumerable.Range(100, 60)).Concat(Enumerable.Range(200, 100)).Select(i => (long)i), ids);
        Assert.IsType<CorruptParquetFileException>(Assert.Single(streaming.Skipped).Error);
    }

    [Fact]
    public async Task Page_checks_read_each_file_once_per_dataset_however_many_passes()
    {
        using TempDirectory directory = await DirectoryWithACorruptPageAsync();
        var source = ParquetSource<Measurement>.FromDirectory(directory.Path);
        using var streaming = new StreamingDataset<Measurement>(source, 4).WithErrorPolicy(ErrorPolicy.SkipFile).WithShuffle(3);
        _ = streaming.TotalRows;
        File.Delete(Path.Combine(directory.Path, "b-bad-page.parquet"));

        // The verdict on b is kept: the deleted file is not read again, and stays left out.
        Assert.Equal(200, streaming.Rows().Count());
        Assert.Equal(200, streaming.Rows().Count());
        Assert.IsType<CorruptParquetFileException>(Assert.Single(streaming.Skipped).Error);
    }

    [Fact]
    public async Task SkipFile_inside_an_interleave_leaves_out_the_bad_files_and_mixes_the_rest_by_the_same_seed()
    {
        using TempDirectory web = await DirectoryWithACorruptPageAsync();
        using var books = new TempDirectory("alimentar-books-");
        for (int part = 0; part < 3; part++)
        {
            await ParquetDatasetWriter<Measurement>.WriteFileAsync(
                Path.Combine(books.Path, $"part-{part}.parquet"), Enumerable.Range(1_000 + (part * 50), 50).Select(i => new Measurement(i, "b", i)), rowGroupSize: 20);
        }

        await File.WriteAllTextAsync(Path.Combine(books.Path, "part-9-truncated.parquet"), "PAR1 and no footer");
        IBatchSource<Measurement> Mix(IBatchSource<Measurement> webSource, IBatchSource<Measurement> booksSource) =>
            new InterleavedSource<Measurement>(7, (webSource, 0.6), (booksSource, 0.4)).StopWhen(InterleaveStop.AllExhausted);
        IBatchSource<Measurement> Everything() =>
            Mix(ParquetSource<Measurement>.FromDirectory(web.Path), ParquetSource<Measurement>.FromDirectory(books.Path));
        IBatchSource<Measurement> Files(string directory, params string[] names) =>
            new ChainedSource<Measurement>(names.Select(name => new ParquetSource<Measurement>(Path.Combine(directory, name))));

        using var skipping = new StreamingDataset<Measurement>(Everything(), 4).WithErrorPolicy(ErrorPolicy.SkipFile);
        long[] mixed = skipping.Rows().Select(m => m.Id).ToArray();

        // The same mix of only the good files, by the same seed and weights: the bad files cost the mix themselves, nothing more.
        using var clean = new StreamingDataset<Measurement>(
            Mix(Files(web.Path, "a.parquet", "c.parquet"), Files(books.Path, "part-0.parquet", "part-1.parquet", "part-2.parquet")), 4);
        Assert.Equal(clean.Rows().Select(m => m.Id), mixed);
        Assert.Equal(350, mixed.Length);
        Assert.Equal(
            ["b-bad-page.parquet", "part-9-truncated.parquet"],
            skipping.Skipped.Select(s => Path.GetFileName(s.Name)).Order(StringComparer.Ordinal));

        // Sharded, every rank leaves the same files out, so the shares stay disjoint and equal.
        var shares = new List<long[]>();
        for (int rank = 0; rank < 2; rank++)
        {
            using var sharded = new StreamingDataset<Measurement>(Everything(), 4).WithErrorPolicy(ErrorPolicy.SkipFile).WithShard(rank, 2).WithShuffle(3);
            shares.Add(sharded.Rows().Select(m => m.Id).ToArray());
        }

        Assert.Equal(175, shares[0].Length);
        Assert.Equal(175, shares[1].Length);
        Assert.Equal(mixed.Order(), shares[0].Concat(shares[1]).Order());
    }

    /// <summary>a holds ids 0-99 and c 200-299; b holds 100-159 in two sound row groups of 30, then 160-199 with a corrupt page.</summary>
    private static async Task<TempDirectory> DirectoryWithACorruptPageAsync()
    {
        var temporary = new TempDirectory("alimentar-page-");
        string directory = temporary.Path;
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(Path.Combine(directory, "a.parquet"), Enumerable.Range(0, 100).Select(i => new Measurement(i, "s", i)), rowGroupSize: 30);
        string bad = Path.Combine(directory, "b-bad-page.parquet");
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(bad, Enumerable.Range(100, 100).Select(i => new Measurement(i, "s", i)), rowGroupSize: 30);
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(Path.Combine(directory, "c.parquet"), Enumerable.Range(200, 100).Select(i => new Measurement(i, "s", i)), rowGroupSize: 30);

        long start;
        long length;
        await using (ParquetReader reader = await ParquetReader.CreateAsync(bad))
        {
            var chunk = reader.Metadata!.RowGroups[2].Columns[1].MetaData!;
            start = chunk.DataPageOffset;
            length = chunk.TotalCompressedSize;
        }

        byte[] bytes = await File.ReadAllBytesAsync(bad);
        bytes.AsSpan((int)start, (int)length).Fill(0xFF);
        await File.WriteAllBytesAsync(bad, bytes);
        return temporary;
    }

    /// <summary>a, c and e hold ids 0-299; b is not Parquet; d is Parquet of another row type.</summary>
    private static async Task<TempDirectory> DirectoryWithTwoBadFilesAsync()
    {
        var temporary = new TempDirectory("alimentar-policy-");
        string directory = temporary.Path;
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(Path.Combine(directory, "a.parquet"), Enumerable.Range(0, 100).Select(i => new Measurement(i, "s", i)), rowGroupSize: 30);
        await File.WriteAllTextAsync(Path.Combine(directory, "b-corrupt.parquet"), "PAR1 but nothing after it");
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(Path.Combine(directory, "c.parquet"), Enumerable.Range(100, 100).Select(i => new Measurement(i, "s", i)), rowGroupSize: 30);
        await ParquetDatasetWriter<Numbers>.WriteFileAsync(Path.Combine(directory, "d-other.parquet"), Enumerable.Range(0, 10).Select(i => new Numbers(i, i, null, true)));
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(Path.Combine(directory, "e.parquet"), Enumerable.Range(200, 100).Select(i => new Measurement(i, "s", i)), rowGroupSize: 30);
        return temporary;
    }
}
