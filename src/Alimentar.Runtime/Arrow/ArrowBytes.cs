using Apache.Arrow;
using Apache.Arrow.Arrays;

namespace Alimentar.Arrow;

/// <summary>
/// The bytes of one string or binary value, whichever layout the writer chose: 32-bit offsets (<c>utf8</c>,
/// <c>binary</c>), 64-bit ones (<c>large_utf8</c>, which Polars writes), views (<c>utf8_view</c>, Polars' newest), fixed
/// widths, or a dictionary of any of them (pandas categoricals, Polars' categoricals).
/// </summary>
internal static class ArrowBytes
{
    /// <summary>The bytes of value <paramref name="index"/>; the caller has checked it is not null.</summary>
    /// <exception cref="InvalidCastException">The array holds no byte values, or a dictionary index is not an integer.</exception>
    public static ReadOnlySpan<byte> Get(IArrowArray array, int index) => array switch
    {
        BinaryArray binary => binary.GetBytes(index),
        LargeBinaryArray large => large.GetBytes(index),
        BinaryViewArray view => view.GetBytes(index),
        FixedSizeBinaryArray fixedSize => fixedSize.GetBytes(index),
        DictionaryArray dictionary => Get(dictionary.Dictionary, DictionaryIndex(dictionary.Indices, index)),
        _ => throw new InvalidCastException($"an Arrow {array.Data.DataType.Name} array holds no strings or bytes"),
    };

    private static int DictionaryIndex(IArrowArray indices, int index) => checked(indices switch
    {
        Int8Array a => a.GetValue(index) ?? 0,
        UInt8Array a => a.GetValue(index) ?? 0,
        Int16Array a => a.GetValue(index) ?? 0,
        UInt16Array a => a.GetValue(index) ?? 0,
        Int32Array a => a.GetValue(index) ?? 0,
        UInt32Array a => (int)(a.GetValue(index) ?? 0),
        Int64Array a => (int)(a.GetValue(index) ?? 0),
        UInt64Array a => (int)(a.GetValue(index) ?? 0),
        _ => throw new InvalidCastException($"dictionary indices of Arrow {indices.Data.DataType.Name}"),
    });
}
