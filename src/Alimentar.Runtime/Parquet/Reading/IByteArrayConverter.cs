namespace Alimentar.Parquet.Reading;

/// <summary>Turns one BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY value into a member value; a struct, so calls inline.</summary>
internal interface IByteArrayConverter<TValue>
{
    TValue Convert(ReadOnlySpan<byte> bytes);

    /// <summary>The value of a dictionary entry; a converter that shares values (strings) caches them in the dictionary.</summary>
    TValue FromDictionary(ColumnDictionary dictionary, int index);
}
