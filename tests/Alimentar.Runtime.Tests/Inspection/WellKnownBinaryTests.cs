namespace Alimentar.Runtime.Tests;

/// <summary>Well-known binary from a file is shown as text or not at all: damaged, truncated or absurdly nested bytes give null, never an exception.</summary>
public sealed class WellKnownBinaryTests
{
    private static readonly byte[] Polygon =
    [
        1, 3, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0,
        .. Point(0, 0), .. Point(1, 0), .. Point(0, 1), .. Point(0, 0),
    ];

    [Fact]
    public void A_polygon_an_extended_point_with_an_srid_and_a_cut_text_are_shown()
    {
        Assert.Equal("POLYGON ((0 0, 1 0, 0 1, 0 0))", WellKnownBinary.ToText(Polygon));
        Assert.Equal("POLYGON ((0 0, 1...", WellKnownBinary.ToText(Polygon, mostCharacters: 19));

        // PostGIS's extended WKB: the Z flag and an SRID before the coordinates.
        byte[] extended = [1, 1, 0, 0, 0xA0, .. BitConverter.GetBytes(4326), .. Point(1, 2), .. BitConverter.GetBytes(3.0)];
        Assert.Equal("SRID=4326;POINT Z (1 2 3)", WellKnownBinary.ToText(extended));
    }

    [Fact]
    public void Truncated_damaged_and_deeply_nested_bytes_are_not_shown_and_never_throw()
    {
        for (int length = 0; length < Polygon.Length; length++)
        {
            Assert.Null(WellKnownBinary.ToText(Polygon.AsSpan(0, length)));
        }

        Assert.Null(WellKnownBinary.ToText([.. Polygon, 0]));
        Assert.Null(WellKnownBinary.ToText([1, 9, 0, 0, 0]));
        Assert.Null(WellKnownBinary.ToText([1, 4, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F]));

        // Collections within collections, deeper than any shown geometry goes.
        var nested = new List<byte>();
        for (int depth = 0; depth < 100; depth++)
        {
            nested.AddRange([1, 7, 0, 0, 0, 1, 0, 0, 0]);
        }

        nested.AddRange([1, 1, 0, 0, 0, .. Point(1, 2)]);
        Assert.Null(WellKnownBinary.ToText(nested.ToArray()));

        var random = new Random(17);
        for (int i = 0; i < 20_000; i++)
        {
            byte[] bytes = (byte[])Polygon.Clone();
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            byte[] noise = new byte[random.Next(64)];
            random.NextBytes(noise);
            _ = WellKnownBinary.ToText(bytes);
            _ = WellKnownBinary.ToText(noise);
        }
    }

    private static byte[] Point(double x, double y) => [.. BitConverter.GetBytes(x), .. BitConverter.GetBytes(y)];
}
