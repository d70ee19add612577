namespace Alimentar.LargeFile;

/// <summary>Writes events until the file reaches a size, one row group at a time, never holding more than one.</summary>
public static class EventFile
{
    private static readonly string[] Labels = ["airport", "downtown", "suburb", "harbour", "stadium", "station", "campus"];

    public static async Task<long> WriteAsync(string path, long targetBytes, int rowGroupSize)
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(30);
        long id = 0;
        await using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1 << 20);
        await using (ParquetDatasetWriter<Event> writer = await ParquetDatasetWriter<Event>.CreateAsync(file, leaveOpen: true, new ParquetWriteOptions { RowGroupSize = rowGroupSize }))
        {
            while (file.Length < targetBytes)
            {
                for (int i = 0; i < rowGroupSize; i++, id++)
                {
                    await writer.WriteAsync(new Event(
                        id,
                        random.Next(1, 1_000_000),
                        (float)random.NextDouble(),
                        id % 10 == 0 ? null : random.NextDouble() * 1000,
                        random.Next(4) != 0,
                        start.AddMilliseconds(id * 37),
                        Labels[random.Next(Labels.Length)],
                        id % 5 == 0 ? $"note {random.Next(1000)}" : null));
                }
            }
        }

        return id;
    }
}
