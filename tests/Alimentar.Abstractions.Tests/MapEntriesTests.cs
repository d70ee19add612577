namespace Alimentar.Abstractions.Tests;

public sealed class MapEntriesTests
{
    [Fact]
    public void A_dictionary_stored_as_entries_comes_back_whole_and_a_null_map_stays_null()
    {
        var buffer = new ListBuffer<KeyValuePair<string, int>>(2, new ColumnBufferPool());
        buffer.Set(0, new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 });
        buffer.Set(1, (IReadOnlyCollection<KeyValuePair<string, int>>?)null);

        ListColumn<KeyValuePair<string, int>> column = buffer.View(0, 2);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, MapEntries.ToDictionary(column, 0));
        Assert.Null(MapEntries.ToDictionary(column, 1));
        Assert.Empty(MapEntries.ToDictionary(buffer, 1));
        buffer.Return();
    }

    [Fact]
    public void A_key_met_twice_in_a_row_is_refused_with_the_row_and_key()
    {
        var records = new RecordColumn(0, [new RecordColumnNode(0, [1]) { Offsets = [0], NullLists = [] }, new RecordColumnNode(0, []) { Values = new string?[1] }], (_, _, _) => new InvalidOperationException(), (row, key) => new InvalidOperationException($"row {row} key {key}"));

        records.RequireDistinctKeys<string, int>(0, [new("a", 1), new("b", 1)]);
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => records.RequireDistinctKeys<string, int>(3, [new("a", 1), new("a", 2)]));

        Assert.Equal("row 3 key a", error.Message);
    }
}
