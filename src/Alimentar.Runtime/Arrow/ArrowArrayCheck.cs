using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Alimentar.Arrow;

/// <summary>
/// Whether an Arrow array's buffers hold what its length and offset claim, its children and dictionary included.
/// Arrow's reader takes a record batch's field node lengths as the message states them, so a damaged length of a billion
/// in a stream of kilobytes once sized an 8 GB array for values that were never there; nothing is sized by an array's
/// length until this has passed.
/// </summary>
internal static class ArrowArrayCheck
{
    /// <summary>What of <paramref name="data"/> does not fit its buffers, or null when all of it does.</summary>
    public static string? Problem(ArrayData data)
    {
        string type = data.DataType.Name;
        if (data.Length < 0 || data.Offset < 0 || data.NullCount > data.Length)
        {
            return $"{type} array claims {data.Length} values from offset {data.Offset} with {data.NullCount} nulls";
        }

        long end = (long)data.Offset + data.Length;
        if (Buffer(data, 0) is { IsEmpty: false } validity && validity.Length < Bytes(end, bitWidth: 1))
        {
            return $"{type} array of {end} values has {validity.Length} bytes of validity bits";
        }

        switch (data.DataType)
        {
            case NullType:
                return null;
            case DictionaryType dictionary:
                return (dictionary.IndexType is FixedWidthType index ? Fixed(data, end, index.BitWidth) : $"{type} array has indices of {dictionary.IndexType.Name}")
                    ?? (data.Dictionary is { } values ? Problem(values) : null);
            case FixedWidthType fixedWidth:
                return Fixed(data, end, fixedWidth.BitWidth);
            case BinaryType or StringType:
                return Offsets(data, end, wide: false, out long bytes) ?? (bytes > Buffer(data, 2).Length ? $"{type} array's offsets reach byte {bytes} of {Buffer(data, 2).Length}" : null);
            case LargeBinaryType or LargeStringType:
                return Offsets(data, end, wide: true, out long largeBytes) ?? (largeBytes > Buffer(data, 2).Length ? $"{type} array's offsets reach byte {largeBytes} of {Buffer(data, 2).Length}" : null);
            case ListType or MapType:
                return Offsets(data, end, wide: false, out long items) ?? Child(data, items);
            case LargeListType:
                return Offsets(data, end, wide: true, out long largeItems) ?? Child(data, largeItems);
            case FixedSizeListType fixedSize:
                return Child(data, end * fixedSize.ListSize);
            case StructType:
                foreach (ArrayData child in data.Children ?? [])
                {
                    if ((child.Length < end ? $"{type} array of {end} values has a field of {child.Length}" : Problem(child)) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                // Views, unions and run-end encodings: their own layouts, checked through their children only.
                return (data.Children ?? []).Select(Problem).FirstOrDefault(problem => problem is not null);
        }
    }

    private static string? Fixed(ArrayData data, long end, int bitWidth) =>
        Buffer(data, 1).Length < Bytes(end, bitWidth) ? $"{data.DataType.Name} array of {end} values has {Buffer(data, 1).Length} bytes of values" : null;

    /// <summary>Checks the offsets buffer holds <paramref name="end"/> + 1 offsets and gives the last.</summary>
    private static string? Offsets(ArrayData data, long end, bool wide, out long last)
    {
        ReadOnlySpan<byte> offsets = Buffer(data, 1).Span;
        int width = wide ? 8 : 4;
        last = 0;
        if (end > 0 && offsets.Length < (end + 1) * width)
        {
            return $"{data.DataType.Name} array of {end} values has {offsets.Length} bytes of offsets";
        }

        if (end > 0)
        {
            last = wide ? MemoryMarshal.Cast<byte, long>(offsets)[(int)end] : MemoryMarshal.Cast<byte, int>(offsets)[(int)end];
        }

        return null;
    }

    private static string? Child(ArrayData data, long needed)
    {
        if (data.Children is not [ArrayData child, ..])
        {
            return $"{data.DataType.Name} array has no values";
        }

        return child.Length < needed ? $"{data.DataType.Name} array's lists reach value {needed} of {child.Length}" : Problem(child);
    }

    private static ArrowBuffer Buffer(ArrayData data, int index) => data.Buffers is { } buffers && index < buffers.Length ? buffers[index] : ArrowBuffer.Empty;

    private static long Bytes(long values, int bitWidth) => ((values * bitWidth) + 7) / 8;
}
