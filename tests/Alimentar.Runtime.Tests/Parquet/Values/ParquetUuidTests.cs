using Alimentar.Parquet.Reading.Encodings;

namespace Alimentar.Runtime.Tests;

/// <summary>UUID pages become the <see cref="Guid"/>s RFC 4122 names, in every encoding a writer may choose.</summary>
public sealed class ParquetUuidTests
{
    private static readonly FileColumnType Uuid = new(PhysicalType.FixedLenByteArray, 16, FileValueKind.Guid);

    [Fact]
    public void Stored_bytes_become_the_guid_whose_text_lists_them_in_order()
    {
        byte[] stored = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
        var values = new Guid[1];
        stored.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));

        ParquetUuid.FromStoredOrder(values);

        Assert.Equal("00112233-4455-6677-8899-aabbccddeeff", values[0].ToString());
        Assert.Equal(values[0], ParquetUuid.FromStoredBytes(stored));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    public void A_run_of_values_is_reordered_as_each_value_alone_is(int count)
    {
        byte[] stored = RandomBytes(count, seed: count);
        var values = new Guid[count];
        stored.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));

        ParquetUuid.FromStoredOrder(values);

        for (int i = 0; i < count; i++)
        {
            Assert.Equal(new Guid(stored.AsSpan(i * 16, 16), bigEndian: true), values[i]);
        }
    }

    [Fact]
    public void A_plain_page_decodes_to_its_uuids()
    {
        byte[] stored = RandomBytes(9, seed: 1);

        Guid[] decoded = Decode(stored, ParquetEncoding.Plain, 9, dictionary: null);

        Assert.Equal(Expected(stored, Enumerable.Range(0, 9)), decoded);
    }

    [Fact]
    public void A_dictionary_page_decodes_to_the_uuids_its_indices_name()
    {
        byte[] entries = RandomBytes(5, seed: 2);
        int[] indices = [4, 0, 0, 3, 1, 2, 4, 1];
        using ColumnDictionary dictionary = ColumnDictionary.Load(entries, 5, PhysicalType.FixedLenByteArray, 16);

        Guid[] decoded = Decode(BitPackedIndices(indices, bitWidth: 3), ParquetEncoding.RleDictionary, indices.Length, dictionary);

        Assert.Equal(Expected(entries, indices), decoded);
    }

    [Fact]
    public void A_byte_stream_split_page_decodes_to_its_uuids()
    {
        const int Count = 6;
        byte[] stored = RandomBytes(Count, seed: 3);
        byte[] split = new byte[stored.Length];
        for (int value = 0; value < Count; value++)
        {
            for (int b = 0; b < 16; b++)
            {
                split[(b * Count) + value] = stored[(value * 16) + b];
            }
        }

        Guid[] decoded = Decode(split, ParquetEncoding.ByteStreamSplit, Count, dictionary: null);

        Assert.Equal(Expected(stored, Enumerable.Range(0, Count)), decoded);
    }

    private static Guid[] Decode(byte[] page, ParquetEncoding encoding, int count, ColumnDictionary? dictionary)
    {
        using var reader = new PageValueReader(PhysicalType.FixedLenByteArray, 16);
        using var scratch = new ScratchBuffers();
        reader.Reset(page, encoding, count, dictionary);
        var decoded = new Guid[count];
        Assert.Equal(-1, TypedValueDecoder.Decode(reader, Uuid, decoded.AsSpan(), scratch));
        return decoded;
    }

    private static Guid[] Expected(byte[] stored, IEnumerable<int> indices) =>
        [.. indices.Select(i => new Guid(stored.AsSpan(i * 16, 16), bigEndian: true))];

    private static byte[] RandomBytes(int values, int seed)
    {
        byte[] bytes = new byte[values * 16];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A dictionary page's values section: the bit width, then one bit-packed run of eight indices.</summary>
    private static byte[] BitPackedIndices(int[] indices, int bitWidth)
    {
        Assert.Equal(8, indices.Length);
        ulong bits = 0;
        for (int i = 0; i < 8; i++)
        {
            bits |= (ulong)indices[i] << (i * bitWidth);
        }

        byte[] page = new byte[2 + bitWidth];
        page[0] = (byte)bitWidth;
        page[1] = (1 << 1) | 1; // One group of eight, bit-packed.
        for (int b = 0; b < bitWidth; b++)
        {
            page[2 + b] = (byte)(bits >> (8 * b));
        }

        return page;
    }
}
