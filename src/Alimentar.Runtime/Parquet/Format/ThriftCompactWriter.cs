namespace Alimentar.Parquet.Format;

/// <summary>
/// Writes Thrift's compact protocol: the inverse of <see cref="ThriftCompactReader"/>, for the footer, page
/// headers and page indexes the writer produces. Fields are written in increasing id order within a struct, as
/// the short (delta) field header needs.
/// </summary>
internal sealed class ThriftCompactWriter(ByteBuffer output)
{
    private readonly Stack<short> _outer = new();
    private short _lastFieldId;

    public void I32(short id, int value)
    {
        FieldHeader(id, ThriftCompactReader.I32);
        output.WriteZigZag(value);
    }

    public void I64(short id, long value)
    {
        FieldHeader(id, ThriftCompactReader.I64);
        output.WriteZigZag(value);
    }

    public void Byte(short id, sbyte value)
    {
        FieldHeader(id, ThriftCompactReader.Byte);
        output.WriteByte((byte)value);
    }

    public void Bool(short id, bool value) =>
        FieldHeader(id, value ? ThriftCompactReader.BooleanTrue : ThriftCompactReader.BooleanFalse);

    public void Binary(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, ThriftCompactReader.Binary);
        BinaryValue(value);
    }

    public void String(short id, string value)
    {
        FieldHeader(id, ThriftCompactReader.Binary);
        StringValue(value);
    }

    /// <summary>Starts a struct-valued field; its fields follow, then <see cref="EndStruct"/>.</summary>
    public void BeginStruct(short id)
    {
        FieldHeader(id, ThriftCompactReader.Struct);
        BeginStructValue();
    }

    /// <summary>An empty struct, as the format's unions use for their members that carry nothing.</summary>
    public void EmptyStruct(short id)
    {
        BeginStruct(id);
        EndStruct();
    }

    /// <summary>Starts a struct that is a list element or the outermost struct.</summary>
    public void BeginStructValue()
    {
        _outer.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct()
    {
        output.WriteByte(ThriftCompactReader.Stop);
        _lastFieldId = _outer.Pop();
    }

    /// <summary>Starts a list field of <paramref name="count"/> elements of <paramref name="elementType"/>; the elements follow.</summary>
    public void BeginList(short id, byte elementType, int count)
    {
        FieldHeader(id, ThriftCompactReader.List);
        if (count < 15)
        {
            output.WriteByte((byte)((count << 4) | elementType));
        }
        else
        {
            output.WriteByte((byte)(0xF0 | elementType));
            output.WriteVarint((uint)count);
        }
    }

    public void I32Value(int value) => output.WriteZigZag(value);

    public void I64Value(long value) => output.WriteZigZag(value);

    public void BoolValue(bool value) => output.WriteByte(value ? ThriftCompactReader.BooleanTrue : ThriftCompactReader.BooleanFalse);

    public void BinaryValue(ReadOnlySpan<byte> value)
    {
        output.WriteVarint((uint)value.Length);
        output.Write(value);
    }

    public void StringValue(string value)
    {
        int length = System.Text.Encoding.UTF8.GetByteCount(value);
        output.WriteVarint((uint)length);
        output.Advance(System.Text.Encoding.UTF8.GetBytes(value, output.GetSpan(length)));
    }

    private void FieldHeader(short id, byte type)
    {
        int delta = id - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            output.WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            output.WriteByte(type);
            output.WriteZigZag(id);
        }

        _lastFieldId = id;
    }
}
