namespace Alimentar.Abstractions.Tests;

public sealed class ListBufferTests
{
    [Fact]
    public void A_dictionary_row_takes_its_entries_and_measuring_them_allocates_nothing()
    {
        var buffer = new ListBuffer<KeyValuePair<string, double>>(4, new ColumnBufferPool());
        var scores = new Dictionary<string, double> { ["a"] = 1.5, ["b"] = 2.5 };
        buffer.Set(0, (IReadOnlyCollection<KeyValuePair<string, double>>)scores);
        buffer.Set(1, (IReadOnlyCollection<KeyValuePair<string, double>>?)null);
        buffer.Set(2, (IReadOnlyCollection<KeyValuePair<string, double>>)new Dictionary<string, double>());
        for (int i = 0; i < 3; i++)
        {
            buffer.SizeInBytes(0, 3);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        long bytes = buffer.SizeInBytes(0, 3);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        ListColumn<KeyValuePair<string, double>> column = buffer.View(0, 3);
        Assert.Equal(scores.ToArray(), column[0].ToArray());
        Assert.True(column.IsNull(1));
        Assert.Equal(0, column.LengthOf(2));
        Assert.True(bytes > 0);
        Assert.Equal(0, allocated);
        buffer.Return();
    }
}
