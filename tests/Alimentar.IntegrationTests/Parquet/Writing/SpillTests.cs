namespace Alimentar.IntegrationTests;

/// <summary>
/// <see cref="ParquetWriteOptions.SpillBytes"/>: a row group larger than the limit keeps its finished pages in a
/// temporary file, not in memory, and the file written is the one an all-in-memory write gives.
/// </summary>
public sealed class SpillTests
{
    private const long SpillBytes = 256 << 10;

    [Fact]
    public async Task Row_groups_past_the_spill_limit_wait_on_disk_and_the_file_is_the_one_memory_gives()
    {
        Sensor[] rows = Enumerable.Range(0, 450_000).Select(Sensor.Make).ToArray();
        using var spillDirectory = new TempDirectory();
        using var inMemory = new TempFile();
        using var spilled = new TempFile();
        var layout = new ParquetWriteOptions { RowGroupSize = 200_000, RowGroupBytes = long.MaxValue };

        long heldInMemory = await WriteInStepsAsync(inMemory.Path, rows, layout, _ => { });
        bool spillFileSeen = false;
        long heldWithSpill = await WriteInStepsAsync(spilled.Path, rows, layout with { SpillBytes = SpillBytes, SpillDirectory = spillDirectory.Path }, writer =>
        {
            Assert.InRange(writer.BufferedBytes, 0, SpillBytes);
            spillFileSeen |= writer.SpillPath is { } path && File.Exists(path) && Path.GetDirectoryName(path) == spillDirectory.Path;
        });

        Assert.True(heldInMemory > 4 * SpillBytes, $"Without a spill the writer held {heldInMemory} bytes; the test needs row groups well past the limit.");
        Assert.InRange(heldWithSpill, 1, SpillBytes);
        Assert.True(spillFileSeen, "The pages never went to a spill file in the directory asked for.");
        Assert.Empty(Directory.GetFileSystemEntries(spillDirectory.Path));
        Assert.Equal(await File.ReadAllBytesAsync(inMemory.Path), await File.ReadAllBytesAsync(spilled.Path));
        Assert.Equal(rows, ParquetFiles.ReadAll(new ParquetSource<Sensor>(spilled.Path)));
    }

    [Fact]
    public async Task A_write_that_fails_after_spilling_leaves_neither_the_file_nor_the_spill_file()
    {
        using var spillDirectory = new TempDirectory();
        using var file = new TempFile();
        Sensor[] rows = Enumerable.Range(0, 300_000).Select(Sensor.Make).ToArray();
        rows[250_000] = rows[250_000] with { Name = null! };
        ParquetDatasetWriter<Sensor> writer = await ParquetDatasetWriter<Sensor>.CreateAsync(
            file.Path, new ParquetWriteOptions { SpillBytes = SpillBytes, SpillDirectory = spillDirectory.Path });
        await writer.WriteAsync(rows.Take(200_000));
        Assert.NotEmpty(Directory.GetFileSystemEntries(spillDirectory.Path));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await writer.WriteAsync(rows.Skip(200_000)));
        await writer.DisposeAsync();

        Assert.False(File.Exists(file.Path));
        Assert.Empty(Directory.GetFileSystemEntries(spillDirectory.Path));
    }

    [Fact]
    public async Task A_spill_limit_below_one_byte_or_a_missing_spill_directory_is_refused_when_the_writer_is_made()
    {
        using var file = new TempFile();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => ParquetDatasetWriter<Sensor>.CreateAsync(file.Path, new ParquetWriteOptions { SpillBytes = 0 }));
        DirectoryNotFoundException missing = await Assert.ThrowsAsync<DirectoryNotFoundException>(
            () => ParquetDatasetWriter<Sensor>.CreateAsync(file.Path, new ParquetWriteOptions { SpillBytes = SpillBytes, SpillDirectory = file.Path + ".missing" }));
        Assert.Contains(file.Path + ".missing", missing.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file.Path));
    }

    /// <summary>Writes the rows 10,000 at a time, looking at the writer after each step; returns the most it held in memory.</summary>
    private static async Task<long> WriteInStepsAsync(string path, Sensor[] rows, ParquetWriteOptions options, Action<ParquetDatasetWriter<Sensor>> afterStep)
    {
        long most = 0;
        await using ParquetDatasetWriter<Sensor> writer = await ParquetDatasetWriter<Sensor>.CreateAsync(path, options);
        foreach (Sensor[] step in rows.Chunk(10_000))
        {
            await writer.WriteAsync(step);
            most = Math.Max(most, writer.BufferedBytes);
            afterStep(writer);
        }

        return most;
    }
}
