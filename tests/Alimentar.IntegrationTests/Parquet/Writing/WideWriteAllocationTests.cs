namespace Alimentar.IntegrationTests;

/// <summary>
/// A writer holds every column's chunk at once, so whatever it keeps per column is multiplied by the table's width:
/// what a wide table's write allocates must follow its data, not its columns times a page. Process-wide allocation
/// counts see every thread, so this runs alone and takes the least of three writes.
/// </summary>
[Collection(ProcessWideCountersCollection.Name)]
public sealed class WideWriteAllocationTests
{
    private const int Rows = 2_000;

    [Fact]
    public async Task A_hundred_columns_of_a_few_pages_each_are_written_allocating_about_their_data_not_a_page_buffer_per_column()
    {
        WideMeasurement[] rows = [.. Enumerable.Range(0, Rows).Select(WideMeasurement.Make)];
        using var file = new TempFile();
        await ParquetDatasetWriter<WideMeasurement>.WriteFileAsync(file.Path, rows);

        long least = await ProcessAllocations.LeastAsync(3, () => ParquetDatasetWriter<WideMeasurement>.WriteFileAsync(file.Path, rows));

        // 1.6 MB of values. A 1 MiB page segment and three 64 KB page buffers held per column cost 38 MB a write; the
        // segments now start at 16 KiB and the buffers go back to the pool after each page (22 MB, most of it the
        // dictionary each column of distinct measurements tries on its first 2,000 values before falling back, which
        // a new writer now takes from those before it: see the last test).
        Assert.True(least < 28_000_000, $"Writing {Rows:N0} rows of 100 columns allocated {least:N0} bytes.");
        Assert.Equal(rows, ParquetFiles.ReadAll(new ParquetSource<WideMeasurement>(file.Path)));
    }

    [Fact]
    public async Task A_wide_write_of_many_row_groups_builds_each_columns_trial_dictionary_once()
    {
        // Every column's first 4,000 values in each row group are distinct measurements, so each chunk tries a
        // dictionary and drops it. The trial grew each column's dictionary to 8,419 entries and the next chunk trimmed
        // it back by allocating it again: 61 MB for these five row groups of 20 MB of values. Now the dictionary stops
        // at the capacity it has and is cleared from chunk to chunk (24 MB).
        const int rows = 25_000;
        WideMeasurement[] wide = [.. Enumerable.Range(0, rows).Select(WideMeasurement.Make)];
        using var file = new TempFile();
        await ParquetDatasetWriter<WideMeasurement>.WriteFileAsync(file.Path, wide, rowGroupSize: 5_000);

        long least = await ProcessAllocations.LeastAsync(3, () => ParquetDatasetWriter<WideMeasurement>.WriteFileAsync(file.Path, wide, rowGroupSize: 5_000));

        Assert.True(least < 40_000_000, $"Writing {rows:N0} rows of 100 columns in five row groups allocated {least:N0} bytes.");
        Assert.Equal(wide, ParquetFiles.ReadAll(new ParquetSource<WideMeasurement>(file.Path)));
    }

    [Fact]
    public async Task Each_new_file_of_a_wide_table_takes_its_dictionaries_from_the_writers_before_it()
    {
        // Every column's 4,000 measurements are distinct, so each tries a dictionary on all of them. Each writer grew
        // its own, column by column: 22 MB a file of 100 columns, twice each dictionary's final size in the tables it
        // outgrew. The dictionaries now come back to a pool when a writer is done, for the next file's writer.
        const int rows = 4_000;
        WideMeasurement[] wide = [.. Enumerable.Range(0, rows).Select(WideMeasurement.Make)];
        using var file = new TempFile();
        await ParquetDatasetWriter<WideMeasurement>.WriteFileAsync(file.Path, wide);

        long least = await ProcessAllocations.LeastAsync(3, () => ParquetDatasetWriter<WideMeasurement>.WriteFileAsync(file.Path, wide));

        Assert.True(least < 4_000_000, $"Writing {rows:N0} rows of 100 columns allocated {least:N0} bytes.");
        Assert.Equal(wide, ParquetFiles.ReadAll(new ParquetSource<WideMeasurement>(file.Path)));
    }
}

[StreamingDataset]
public partial record WideMeasurement(
    double C0, double C1, double C2, double C3, double C4, double C5, double C6, double C7, double C8, double C9,
    double C10, double C11, double C12, double C13, double C14, double C15, double C16, double C17, double C18, double C19,
    double C20, double C21, double C22, double C23, double C24, double C25, double C26, double C27, double C28, double C29,
    double C30, double C31, double C32, double C33, double C34, double C35, double C36, double C37, double C38, double C39,
    double C40, double C41, double C42, double C43, double C44, double C45, double C46, double C47, double C48, double C49,
    double C50, double C51, double C52, double C53, double C54, double C55, double C56, double C57, double C58, double C59,
    double C60, double C61, double C62, double C63, double C64, double C65, double C66, double C67, double C68, double C69,
    double C70, double C71, double C72, double C73, double C74, double C75, double C76, double C77, double C78, double C79,
    double C80, double C81, double C82, double C83, double C84, double C85, double C86, double C87, double C88, double C89,
    double C90, double C91, double C92, double C93, double C94, double C95, double C96, double C97, double C98, double C99)
{
    public static WideMeasurement Make(int row) => new(
            row + 0.5, row + 1.5, row + 2.5, row + 3.5, row + 4.5, row + 5.5, row + 6.5, row + 7.5, row + 8.5, row + 9.5,
            row + 10.5, row + 11.5, row + 12.5, row + 13.5, row + 14.5, row + 15.5, row + 16.5, row + 17.5, row + 18.5, row + 19.5,
            row + 20.5, row + 21.5, row + 22.5, row + 23.5, row + 24.5, row + 25.5, row + 26.5, row + 27.5, row + 28.5, row + 29.5,
            row + 30.5, row + 31.5, row + 32.5, row + 33.5, row + 34.5, row + 35.5, row + 36.5, row + 37.5, row + 38.5, row + 39.5,
            row + 40.5, row + 41.5, row + 42.5, row + 43.5, row + 44.5, row + 45.5, row + 46.5, row + 47.5, row + 48.5, row + 49.5,
            row + 50.5, row + 51.5, row + 52.5, row + 53.5, row + 54.5, row + 55.5, row + 56.5, row + 57.5, row + 58.5, row + 59.5,
            row + 60.5, row + 61.5, row + 62.5, row + 63.5, row + 64.5, row + 65.5, row + 66.5, row + 67.5, row + 68.5, row + 69.5,
            row + 70.5, row + 71.5, row + 72.5, row + 73.5, row + 74.5, row + 75.5, row + 76.5, row + 77.5, row + 78.5, row + 79.5,
            row + 80.5, row + 81.5, row + 82.5, row + 83.5, row + 84.5, row + 85.5, row + 86.5, row + 87.5, row + 88.5, row + 89.5,
            row + 90.5, row + 91.5, row + 92.5, row + 93.5, row + 94.5, row + 95.5, row + 96.5, row + 97.5, row + 98.5, row + 99.5);
}
