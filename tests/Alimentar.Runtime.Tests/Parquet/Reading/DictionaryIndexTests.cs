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

    [Fact]
    public void A_dictionary_page_hands_out_its_indices_checked_and_a_plain_page_none()
    {
        byte[] entries = [1, 0, 0, 0, (byte)'a', 1, 0, 0, 0, (byte)'b'];
        using ColumnDictionary dictionary = ColumnDictionary.Load(entries, 2, PhysicalType.ByteArray, 0);
        // Bit width 1, one bit-packed group of eight: 0 1 1 0 1 0 0 1.
        byte[] page = [1, (1 << 1) | 1, 0b1001_0110];
        using var reader = new PageValueReader(PhysicalType.ByteArray, 0);
        reader.Reset(page, ParquetEncoding.RleDictionary, 8, dictionary);

        Assert.True(reader.TryTakeDictionaryIndices(5, out ReadOnlySpan<int> first, out ColumnDictionary? from));
        Assert.Equal([0, 1, 1, 0, 1], first.ToArray());
        Assert.Same(dictionary, from);
        Assert.True(reader.TryTakeDictionaryIndices(3, out ReadOnlySpan<int> rest, out _));
        Assert.Equal([0, 0, 1], rest.ToArray());
        Assert.Throws<InvalidDataException>(() => reader.TryTakeDictionaryIndices(1, out ReadOnlySpan<int> _, out _));

        using var plain = new PageValueReader(PhysicalType.ByteArray, 0);
        plain.Reset(entries, ParquetEncoding.Plain, 2, dictionary: null);
        Assert.False(plain.TryTakeDictionaryIndices(2, out ReadOnlySpan<int> _, out _));
    }

    [Fact]
    public void An_index_past_the_dictionary_is_refused_when_taken()
    {
        byte[] entries = [1, 0, 0, 0, (byte)'a'];
        using ColumnDictionary dictionary = ColumnDictionary.Load(entries, 1, PhysicalType.ByteArray, 0);
        byte[] page = [1, (1 << 1) | 1, 0b0000_0010];
        using var reader = new PageValueReader(PhysicalType.ByteArray, 0);
        reader.Reset(page, ParquetEncoding.RleDictionary, 8, dictionary);

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => reader.TryTakeDictionaryIndices(8, out ReadOnlySpan<int> _, out _));

        Assert.Equal("a dictionary index 1 in a dictionary of 1 values", error.Message);
    }
}
