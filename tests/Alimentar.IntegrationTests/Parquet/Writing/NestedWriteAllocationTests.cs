namespace Alimentar.IntegrationTests;

/// <summary>
/// A nested member is laid out node by node for each slice before it is shredded into its leaves; the arrays that
/// hold the nodes come from the pool and go back to it once the slice is shredded, so a warm write of records, lists
/// of lists and maps allocates far less than the rows it writes. Process-wide allocation counts see every thread, so
/// this runs alone and takes the least of three writes.
/// </summary>
[Collection(ProcessWideCountersCollection.Name)]
public sealed class NestedWriteAllocationTests
{
    private const int Rows = 200_000;

    [Fact]
    public async Task Nested_rows_are_written_reusing_the_arrays_their_nodes_are_laid_out_in()
    {
        WrittenConversation[] rows = Enumerable.Range(0, Rows).Select(WrittenConversation.Make).ToArray();
        using var file = new TempFile();
        await WriteAsync(file.Path, rows);

        long least = await ProcessAllocations.LeastAsync(3, () => WriteAsync(file.Path, rows));

        // Growing each slice's nodes afresh allocated about 600 bytes a row, and measuring a slice boxed each map entry
        // where the JIT had not optimised the box away (another 130); the pages themselves need none.
        double perRow = least / (double)Rows;
        Assert.True(perRow < 150, $"Writing {Rows:N0} nested rows allocated {least:N0} bytes, {perRow:N0} a row.");
        Assert.Equal(rows, ParquetFiles.ReadAll(new ParquetSource<WrittenConversation>(file.Path)), WrittenConversation.Comparer);
    }

    private static async Task WriteAsync(string path, WrittenConversation[] rows)
    {
        await using ParquetDatasetWriter<WrittenConversation> writer = await ParquetDatasetWriter<WrittenConversation>.CreateAsync(path);
        await writer.WriteAsync(rows);
    }
}

[StreamingDataset]
public partial record WrittenConversation(long Id, List<WrittenMessage> Messages, int[][] Spans, Dictionary<string, double>? Scores)
{
    public static IEqualityComparer<WrittenConversation> Comparer { get; } = EqualityComparer<WrittenConversation>.Create(
        (a, b) => a!.Id == b!.Id && a.Messages.SequenceEqual(b.Messages) && a.Spans.Length == b.Spans.Length
            && a.Spans.Zip(b.Spans).All(p => p.First.SequenceEqual(p.Second))
            && (a.Scores is null ? b.Scores is null : b.Scores is not null && a.Scores.OrderBy(e => e.Key).SequenceEqual(b.Scores.OrderBy(e => e.Key))),
        c => c.Id.GetHashCode());

    public static WrittenConversation Make(int i) => new(
        i,
        [.. Enumerable.Range(0, i % 5).Select(k => new WrittenMessage(k % 2 == 0 ? "user" : "assistant", $"content {(i * 7) + k}", k))],
        [.. Enumerable.Range(0, i % 4).Select(k => new[] { k, k + 1, k + 2 })],
        i % 3 == 0 ? null : new Dictionary<string, double> { ["a"] = i, ["b"] = i * 0.5 });
}

public sealed record WrittenMessage(string Role, string Content, int Tokens);
