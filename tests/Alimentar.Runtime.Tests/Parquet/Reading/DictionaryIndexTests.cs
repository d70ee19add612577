using Alimentar.Parquet.Reading.Encodings;

namespace Alimentar.Runtime.Tests;

/// <summary>A page's dictionary indices are checked against the dictionary before any is used, the first bad one named.</summary>
public sealed class DictionaryIndexTests
{
    [Fact]
    public void Indices_within_the_dictionary_pass()
    {
        int[] indices = [.. Enumerable.Range(0, 1_000).Select(i => i % 7)];

        ColumnDictionary.CheckIndices(indices, count: 7);
        ColumnDictionary.CheckIndices([], count: 0);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void The_first_index_outside_the_dictionary_is_refused_by_value(int bad)
    {
        int[] indices = [.. Enumerable.Range(0, 1_000).Select(i => i % 7)];
        indices[613] = bad;
        indices[900] = 8;

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ColumnDictionary.CheckIndices(indices, count: 7));

        Assert.Equal($"a dictionary index {bad} in a dictionary of 7 values", error.Message);
    }

    [Fact]
    public void Any_index_into_an_empty_dictionary_is_refused()
    {
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ColumnDictionary.CheckIndices([0], count: 0));

        Assert.Equal("a dictionary index 0 in a dictionary of 0 values", error.Message);
    }
}
