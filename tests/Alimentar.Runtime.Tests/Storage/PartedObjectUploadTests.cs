namespace Alimentar.Runtime.Tests;

public sealed class PartedObjectUploadTests
{
    [Fact]
    public async Task Bytes_go_out_in_full_parts_in_order_and_the_rest_with_the_commit()
    {
        await using var upload = new RecordingUpload(partSize: 4);
        await upload.WriteAsync(new byte[] { 1, 2, 3 }, CancellationToken.None);
        await upload.WriteAsync(new byte[] { 4, 5, 6, 7, 8, 9, 10 }, CancellationToken.None);
        await upload.CompleteAsync(CancellationToken.None);

        Assert.Equal(["0:1,2,3,4", "1:5,6,7,8", "commit:9,10"], upload.Calls);
    }

    [Fact]
    public async Task Disposing_without_completing_aborts_once_and_a_completed_upload_is_not_aborted()
    {
        var abandoned = new RecordingUpload(partSize: 2);
        await abandoned.WriteAsync(new byte[] { 1, 2, 3 }, CancellationToken.None);
        await abandoned.DisposeAsync();
        await abandoned.DisposeAsync();

        var completed = new RecordingUpload(partSize: 2);
        await completed.CompleteAsync(CancellationToken.None);
        await completed.DisposeAsync();

        Assert.Equal(["0:1,2", "abort"], abandoned.Calls);
        Assert.Equal(["commit:"], completed.Calls);
        Assert.Equal("key", completed.Key);
    }

    private sealed class RecordingUpload(int partSize) : PartedObjectUpload("key", partSize)
    {
        public List<string> Calls { get; } = [];

        protected override ValueTask SendPartAsync(ReadOnlyMemory<byte> part, int number, CancellationToken cancellationToken)
        {
            Calls.Add($"{number}:{string.Join(",", part.ToArray())}");
            return ValueTask.CompletedTask;
        }

        protected override ValueTask CommitAsync(ReadOnlyMemory<byte> rest, CancellationToken cancellationToken)
        {
            Calls.Add($"commit:{string.Join(",", rest.ToArray())}");
            return ValueTask.CompletedTask;
        }

        protected override ValueTask AbortAsync()
        {
            Calls.Add("abort");
            return ValueTask.CompletedTask;
        }
    }
}
