using System.Buffers.Binary;

namespace Alimentar.Parquet.Values;

/// <summary>
/// Statistics that known writers get wrong, put right where the fault is understood and left out where it is
/// not: shared by filter pruning, which would lose rows on a wrong bound, and by <see cref="ParquetFileInfo"/>,
/// which would show it.
/// </summary>
internal static class WriterFaults
{
    /// <summary>
    /// A chunk's min and max as its column type reads them. Parquet.Net writes a TIMESTAMP(MICROS) column's bounds
    /// as whole milliseconds rounded down (seen in 6.1.0, the version Alimentar writes with): for 6.1 they are
    /// widened to the microseconds they stand for, and for other versions not used at all (both null).
    /// </summary>
    public static (byte[]? Min, byte[]? Max) CorrectBounds(byte[]? min, byte[]? max, string? createdBy, FileColumnType type)
    {
        if (createdBy is null || !createdBy.StartsWith("Parquet.Net", StringComparison.OrdinalIgnoreCase)
            || type.AnnotatedKind != FileValueKind.DateTime || type.Physical != PhysicalType.Int64)
        {
            return (min, max);
        }

        if (!createdBy.StartsWith("Parquet.Net version 6.1.", StringComparison.Ordinal) || type.Unit != TimeUnit.Micros
            || min is not { Length: 8 } || max is not { Length: 8 })
        {
            return (null, null);
        }

        long low = BinaryPrimitives.ReadInt64LittleEndian(min), high = BinaryPrimitives.ReadInt64LittleEndian(max);
        if (low is < long.MinValue / 1000 or > long.MaxValue / 1000 || high is < long.MinValue / 1000 or > (long.MaxValue / 1000) - 1)
        {
            return (null, null);
        }

        byte[] wideMin = new byte[8], wideMax = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(wideMin, low * 1000);
        BinaryPrimitives.WriteInt64LittleEndian(wideMax, (high * 1000) + 999);
        return (wideMin, wideMax);
    }

    /// <summary>
    /// How many bytes a chunk may run past its footer's <c>total_compressed_size</c>:
    /// parquet-mr 1.2.8 and earlier left the dictionary page's header out of that size (PARQUET-816), so the
    /// chunk's last page seems cut off. Such chunks are read up to 100 bytes further, as Arrow C++ does; files
    /// from every other writer are read exactly as their footer says.
    /// </summary>
    public static int DictionaryHeaderLeftOut(string? createdBy)
    {
        const string prefix = "parquet-mr version ";
        if (createdBy == "parquet-mr")
        {
            return 100; // No version at all: as old as they come, as Arrow C++ reads it.
        }

        if (createdBy is null || !createdBy.StartsWith(prefix, StringComparison.Ordinal))
        {
            return 0;
        }

        string version = createdBy[prefix.Length..].Split(' ', 2)[0];
        int dash = version.IndexOf('-', StringComparison.Ordinal);
        return Version.TryParse(dash >= 0 ? version[..dash] : version, out Version? parsed) && parsed < new Version(1, 2, 9) ? 100 : 0;
    }
}
