using System.Buffers.Binary;

namespace Alimentar.Runtime.Tests;

/// <summary>PLAIN numbers read where they lie in the page, for nullable columns that only spread them among nulls.</summary>
public sealed class PlainValueViewTests
{
    [Fact]
    public void A_plain_page_hands_out_its_values_in_order_and_then_refuses_more_than_it_holds()
    {
        // One byte in front, so the values start at an odd offset as they do behind definition levels.
        byte[] page = new byte[1 + (5 * sizeof(double))];
        for (int i = 0; i < 5; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(page.AsSpan(1 + (i * sizeof(double))), i * 1.5);
        }

        using var reader = new PageValueReader(PhysicalType.Double, 0);
        reader.Reset(page.AsMemory(1), ParquetEncoding.Plain, 5, dictionary: null);

        Assert.False(reader.TryTakePlain(2, out ReadOnlySpan<int> _), "a type of another width takes nothing");
        Assert.True(reader.TryTakePlain(2, out ReadOnlySpan<double> first));
        Assert.True(reader.TryTakePlain(3, out ReadOnlySpan<double> rest));
        Assert.Equal([0, 1.5], first.ToArray());
        Assert.Equal([3, 4.5, 6], rest.ToArray());
        Assert.Throws<InvalidDataException>(() => reader.TryTakePlain(1, out ReadOnlySpan<double> _));
    }

    [Fact]
    public void Pages_that_need_decoding_are_left_to_the_decoder()
    {
        using var split = new PageValueReader(PhysicalType.Double, 0);
        split.Reset(new byte[16], ParquetEncoding.ByteStreamSplit, 2, dictionary: null);
        using var booleans = new PageValueReader(PhysicalType.Boolean, 0);
        booleans.Reset(new byte[1], ParquetEncoding.Plain, 8, dictionary: null);

        Assert.False(split.TryTakePlain(2, out ReadOnlySpan<double> _));
        Assert.False(booleans.TryTakePlain(8, out ReadOnlySpan<byte> _));
        // Nothing was taken: the decoder still reads both values.
        byte[] decoded = new byte[16];
        split.ReadFixed(decoded, 2);
    }

    [Fact]
    public void Only_columns_stored_as_the_member_s_own_type_skip_decoding()
    {
        var cases = new (PhysicalType Physical, FileValueKind Kind, bool Stored)[]
        {
            (PhysicalType.Int32, FileValueKind.Int32, true),
            (PhysicalType.Int64, FileValueKind.Int64, true),
            (PhysicalType.Double, FileValueKind.Double, true),
            (PhysicalType.Int32, FileValueKind.DateOnly, false),
            (PhysicalType.Int64, FileValueKind.DateTime, false),
            (PhysicalType.Int32, FileValueKind.Int16, false),
        };

        foreach ((PhysicalType physical, FileValueKind kind, bool stored) in cases)
        {
            var type = new FileColumnType(physical, 0, kind);
            bool asMember = physical switch
            {
                PhysicalType.Int32 => TypedValueDecoder.IsStoredAs<int>(type),
                PhysicalType.Int64 => TypedValueDecoder.IsStoredAs<long>(type),
                _ => TypedValueDecoder.IsStoredAs<double>(type),
            };

            Assert.True(stored == asMember, $"{physical} as {kind}");
            Assert.False(TypedValueDecoder.IsStoredAs<float>(type));
        }
    }
}
