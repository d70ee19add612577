namespace Alimentar.Parquet.Format;

/// <summary>
/// A bounds-checked reader of Thrift's compact protocol over bytes already in memory: what page headers
/// are encoded in. Every read checks the bytes left, so a corrupt header fails with
/// <see cref="InvalidDataException"/> instead of reading past its buffer, looping or allocating.
/// Running out of bytes is reported apart (<see cref="ThriftEndOfInputException"/>, not an <see cref="InvalidDataException"/>) so that a caller that
/// fetched too few bytes of a header can fetch more and parse again.
/// </summary>
internal ref struct ThriftCompactReader(ReadOnlySpan<byte> bytes)
{
    public const byte Stop = 0;
    public const byte BooleanTrue = 1;
    public const byte BooleanFalse = 2;
    public const byte Byte = 3;
    public const byte I16 = 4;
    public const byte I32 = 5;
    public const byte I64 = 6;
    public const byte Double = 7;
    public const byte Binary = 8;
    public const byte List = 9;
    public const byte Set = 10;
    public const byte Map = 11;
    public const byte Struct = 12;

    private const int MaxDepth = 32;

    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _lastFieldId;
    private int _depth;

    /// <summary>How many bytes have been read.</summary>
    public int Position { get; private set; }

    /// <summary>Reads the next field header of the current struct; false at its end (a stop byte).</summary>
    public bool NextField(out short id, out byte type)
    {
        byte header = ReadByte();
        type = (byte)(header & 0x0F);
        if (type == Stop)
        {
            id = 0;
            return false;
        }

        int delta = header >> 4;
        int fieldId = delta == 0 ? ReadZigZag32() : _lastFieldId + delta;
        if (fieldId is < short.MinValue or > short.MaxValue)
        {
            throw Corrupt($"a field id of {fieldId}");
        }

        _lastFieldId = fieldId;
        id = (short)fieldId;
        return true;
    }

    /// <summary>Enters a nested struct; pair with <see cref="EndStruct"/> with the value it returns.</summary>
    public int BeginStruct()
    {
        Enter();
        int saved = _lastFieldId;
        _lastFieldId = 0;
        return saved;
    }

    public void EndStruct(int saved)
    {
        _depth--;
        _lastFieldId = saved;
    }

    public int ReadI32() => ReadZigZag32();

    /// <summary>An i8, i16 or i32 field as an int, whichever of the three the writer used.</summary>
    public int ReadInteger(byte type) => type == Byte ? (sbyte)Take(1)[0] : ReadZigZag32();

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBinary());

    public long ReadI64()
    {
        ulong raw = ReadVarint();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A boolean field's value, which the compact protocol carries in the field's type.</summary>
    public static bool BooleanOf(byte type) => type == BooleanTrue;

    /// <summary>Reads a binary or string value's bytes, checked against what is left.</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        ulong length = ReadVarint();
        if (length > int.MaxValue)
        {
            throw Corrupt($"a string of {length} bytes");
        }

        return Take((int)length);
    }

    /// <summary>Reads a list header: its element type and a count no larger than the bytes left could hold.</summary>
    public int ReadListHeader(out byte elementType)
    {
        byte header = ReadByte();
        elementType = (byte)(header & 0x0F);
        ulong size = (ulong)(header >> 4);
        if (size == 15)
        {
            size = ReadVarint();
        }

        // Every element takes at least one byte: a larger count is a lie that would loop for a long time.
        if (size > (ulong)(_bytes.Length - Position))
        {
            throw End($"a list of {size} elements");
        }

        return (int)size;
    }

    /// <summary>
    /// Skips a value of <paramref name="type"/>, whatever it holds. Collections count towards the nesting
    /// limit as structs do: a run of list headers in a damaged file must fail here, not overflow the stack
    /// (which .NET cannot catch).
    /// </summary>
    public void Skip(byte type)
    {
        switch (type)
        {
            case BooleanTrue or BooleanFalse:
                return;
            case Byte:
                Take(1);
                return;
            case I16 or I32 or I64:
                ReadVarint();
                return;
            case Double:
                Take(8);
                return;
            case Binary:
                ReadBinary();
                return;
            case List or Set:
                Enter();
                int count = ReadListHeader(out byte elementType);
                for (int i = 0; i < count; i++)
                {
                    // Booleans inside a collection take a byte each.
                    Skip(elementType is BooleanTrue or BooleanFalse ? Byte : elementType);
                }

                _depth--;
                return;
            case Map:
                Enter();
                SkipMap();
                _depth--;
                return;
            case Struct:
                int saved = BeginStruct();
                while (NextField(out _, out byte fieldType))
                {
                    Skip(fieldType);
                }

                EndStruct(saved);
                return;
            default:
                throw Corrupt($"an unknown value type {type}");
        }
    }

    private void SkipMap()
    {
        ulong size = ReadVarint();
        if (size == 0)
        {
            return;
        }

        if (size > (ulong)(_bytes.Length - Position))
        {
            throw End($"a map of {size} entries");
        }

        byte types = ReadByte();
        byte keyType = (byte)(types >> 4);
        byte valueType = (byte)(types & 0x0F);
        for (ulong i = 0; i < size; i++)
        {
            Skip(keyType is BooleanTrue or BooleanFalse ? Byte : keyType);
            Skip(valueType is BooleanTrue or BooleanFalse ? Byte : valueType);
        }
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Corrupt($"structures nested deeper than {MaxDepth}");
        }
    }

    private int ReadZigZag32()
    {
        ulong raw = ReadVarint();
        if (raw > uint.MaxValue)
        {
            throw Corrupt("a 32-bit number longer than five bytes");
        }

        uint value = (uint)raw;
        return (int)(value >> 1) ^ -(int)(value & 1);
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Corrupt("a number longer than ten bytes");
    }

    private byte ReadByte()
    {
        if (Position >= _bytes.Length)
        {
            throw End("a value");
        }

        return _bytes[Position++];
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _bytes.Length - Position)
        {
            throw End($"{count} bytes");
        }

        ReadOnlySpan<byte> taken = _bytes.Slice(Position, count);
        Position += count;
        return taken;
    }

    private static InvalidDataException Corrupt(string what) => new($"its Thrift encoding holds {what}");

    private ThriftEndOfInputException End(string what) => new($"its Thrift encoding ends after {Position} bytes, inside {what}");
}

/// <summary>A Thrift structure needs more bytes than were given: either fetch more, or the data is truncated.</summary>
internal sealed class ThriftEndOfInputException(string message) : IOException(message);
