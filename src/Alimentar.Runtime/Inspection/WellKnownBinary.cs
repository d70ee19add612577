using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Alimentar.Inspection;

/// <summary>
/// Geometries in well-known binary (WKB: Parquet's GEOMETRY and GEOGRAPHY columns, GeoParquet's geometry columns) as
/// well-known text, for tools to show: <c>POINT (30 10)</c>, <c>POLYGON Z ((…))</c>, <c>MULTIPOINT EMPTY</c>. Reads ISO
/// WKB (dimensions as type codes 1000, 2000 and 3000 above the base type) and PostGIS's extended WKB (dimension flags
/// and an optional SRID), in either byte order. Bytes that are not a geometry give null, never an exception: they come
/// from the file.
/// </summary>
internal static class WellKnownBinary
{
    /// <summary>Collections nest; this is as deep as a shown geometry may go.</summary>
    private const int MaxDepth = 32;

    private const uint ExtendedZ = 0x8000_0000;
    private const uint ExtendedM = 0x4000_0000;
    private const uint ExtendedSrid = 0x2000_0000;

    private static readonly string[] TypeNames = ["", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"];

    /// <summary>The geometry as WKT, cut to <paramref name="mostCharacters"/> with an ellipsis; null when the bytes are not a geometry.</summary>
    public static string? ToText(ReadOnlySpan<byte> wkb, int mostCharacters = int.MaxValue)
    {
        var text = new StringBuilder();
        int at = 0;
        if (!TryWrite(wkb, ref at, text, depth: 0, bare: false, out string? srid) || at != wkb.Length)
        {
            return null;
        }

        string shown = srid is null ? text.ToString() : $"SRID={srid};{text}";
        return shown.Length <= mostCharacters ? shown : shown[..Math.Max(0, mostCharacters - 3)] + "...";
    }

    /// <summary>Writes one geometry from its header on; <paramref name="bare"/> leaves out its type, as a multi-geometry's parts are written (<c>MULTIPOINT ((30 10))</c>).</summary>
    private static bool TryWrite(ReadOnlySpan<byte> wkb, ref int at, StringBuilder text, int depth, bool bare, out string? srid)
    {
        srid = null;
        if (depth > MaxDepth || at + 5 > wkb.Length || wkb[at] > 1)
        {
            return false;
        }

        bool little = wkb[at] == 1;
        at++;
        uint code = ReadUInt32(wkb, ref at, little);
        bool z = (code & ExtendedZ) != 0, m = (code & ExtendedM) != 0;
        if ((code & ExtendedSrid) != 0)
        {
            if (at + 4 > wkb.Length)
            {
                return false;
            }

            uint id = ReadUInt32(wkb, ref at, little);
            srid = id.ToString(CultureInfo.InvariantCulture);
        }

        code &= 0x0FFF_FFFF;
        uint dimensions = code / 1000;
        uint type = code % 1000;
        if (dimensions > 3 || type is 0 or > 7)
        {
            return false;
        }

        z |= dimensions is 1 or 3;
        m |= dimensions is 2 or 3;
        int ordinates = 2 + (z ? 1 : 0) + (m ? 1 : 0);
        if (!bare)
        {
            text.Append(TypeNames[type]);
            text.Append(z && m ? " ZM " : z ? " Z " : m ? " M " : " ");
        }

        switch (type)
        {
            case 1:
                return Point(wkb, ref at, little, ordinates, text);
            case 2:
                return PointList(wkb, ref at, little, ordinates, text);
            case 3:
                return Rings(wkb, ref at, little, ordinates, text);
            default:
                // A multi-geometry or collection: a count, then whole geometries, each with its own header.
                if (!TryCount(wkb, ref at, little, minimumBytes: 5, out int parts))
                {
                    return false;
                }

                if (parts == 0)
                {
                    text.Append("EMPTY");
                    return true;
                }

                text.Append('(');
                for (int part = 0; part < parts; part++)
                {
                    text.Append(part == 0 ? string.Empty : ", ");
                    if (!TryWrite(wkb, ref at, text, depth + 1, bare: type != 7, out _))
                    {
                        return false;
                    }
                }

                text.Append(')');
                return true;
        }
    }

    private static bool Point(ReadOnlySpan<byte> wkb, ref int at, bool little, int ordinates, StringBuilder text)
    {
        if (at + (8 * ordinates) > wkb.Length)
        {
            return false;
        }

        // An empty point is stored with NaN coordinates.
        bool empty = true;
        for (int i = 0; i < ordinates; i++)
        {
            empty &= double.IsNaN(ReadDouble(wkb, at + (8 * i), little));
        }

        if (empty)
        {
            at += 8 * ordinates;
            text.Append("EMPTY");
            return true;
        }

        text.Append('(');
        Coordinates(wkb, ref at, little, ordinates, text);
        text.Append(')');
        return true;
    }

    /// <summary>A count of points and the points: <c>(x y, x y)</c>, or <c>EMPTY</c>.</summary>
    private static bool PointList(ReadOnlySpan<byte> wkb, ref int at, bool little, int ordinates, StringBuilder text)
    {
        if (!TryCount(wkb, ref at, little, minimumBytes: 8 * ordinates, out int points))
        {
            return false;
        }

        if (points == 0)
        {
            text.Append("EMPTY");
            return true;
        }

        text.Append('(');
        for (int point = 0; point < points; point++)
        {
            text.Append(point == 0 ? string.Empty : ", ");
            Coordinates(wkb, ref at, little, ordinates, text);
        }

        text.Append(')');
        return true;
    }

    private static bool Rings(ReadOnlySpan<byte> wkb, ref int at, bool little, int ordinates, StringBuilder text)
    {
        if (!TryCount(wkb, ref at, little, minimumBytes: 4, out int rings))
        {
            return false;
        }

        if (rings == 0)
        {
            text.Append("EMPTY");
            return true;
        }

        text.Append('(');
        for (int ring = 0; ring < rings; ring++)
        {
            text.Append(ring == 0 ? string.Empty : ", ");
            if (!PointList(wkb, ref at, little, ordinates, text))
            {
                return false;
            }
        }

        text.Append(')');
        return true;
    }

    private static void Coordinates(ReadOnlySpan<byte> wkb, ref int at, bool little, int ordinates, StringBuilder text)
    {
        for (int i = 0; i < ordinates; i++)
        {
            double value = ReadDouble(wkb, at, little);
            at += 8;
            text.Append(i == 0 ? string.Empty : " ");
            text.Append(double.IsNaN(value) ? "nan" : value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A count that the bytes left can hold, each item taking at least <paramref name="minimumBytes"/>.</summary>
    private static bool TryCount(ReadOnlySpan<byte> wkb, ref int at, bool little, int minimumBytes, out int count)
    {
        count = 0;
        if (at + 4 > wkb.Length)
        {
            return false;
        }

        uint claimed = ReadUInt32(wkb, ref at, little);
        if (claimed > (uint)((wkb.Length - at) / minimumBytes))
        {
            return false;
        }

        count = (int)claimed;
        return true;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> wkb, ref int at, bool little)
    {
        ReadOnlySpan<byte> bytes = wkb.Slice(at, 4);
        at += 4;
        return little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private static double ReadDouble(ReadOnlySpan<byte> wkb, int at, bool little) =>
        little ? BinaryPrimitives.ReadDoubleLittleEndian(wkb.Slice(at, 8)) : BinaryPrimitives.ReadDoubleBigEndian(wkb.Slice(at, 8));
}
