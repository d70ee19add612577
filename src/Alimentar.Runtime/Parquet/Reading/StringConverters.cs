namespace Alimentar.Parquet.Reading;

/// <summary>Byte arrays as strings (UTF-8), repeated values shared through the column's pool or its dictionary.</summary>
internal readonly struct StringConverter(StringPool pool) : IByteArrayConverter<string?>
{
    public string? Convert(ReadOnlySpan<byte> bytes) => pool.Get(bytes);

    public string? FromDictionary(ColumnDictionary dictionary, int index) => dictionary.String(index, pool);
}

/// <summary>Byte arrays as fresh arrays: a binary value is mutable, so rows never share one.</summary>
internal readonly struct BinaryConverter : IByteArrayConverter<byte[]?>
{
    public byte[]? Convert(ReadOnlySpan<byte> bytes) => bytes.ToArray();

    public byte[]? FromDictionary(ColumnDictionary dictionary, int index) => dictionary.Entry(index).ToArray();
}

/// <summary>
/// As <see cref="BinaryConverter"/>, but a dictionary entry used again is the same array (<see cref="ColumnDictionary.SharedBytes"/>):
/// for leaves whose arrays no one changes, a variant's binaries.
/// </summary>
internal readonly struct SharedBinaryConverter : IByteArrayConverter<byte[]?>
{
    public byte[]? Convert(ReadOnlySpan<byte> bytes) => bytes.ToArray();

    public byte[]? FromDictionary(ColumnDictionary dictionary, int index) => dictionary.SharedBytes(index);
}

/// <summary>DECIMAL stored as big-endian bytes (FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY), as its exact text.</summary>
internal readonly struct DecimalTextConverter(int scale) : IByteArrayConverter<string?>
{
    public string? Convert(ReadOnlySpan<byte> bytes) => ParquetDecimal.ToText(bytes, scale);

    public string? FromDictionary(ColumnDictionary dictionary, int index) => Convert(dictionary.Entry(index));
}
