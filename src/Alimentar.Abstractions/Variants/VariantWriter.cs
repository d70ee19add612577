using System.Buffers.Binary;
using System.Numerics;

namespace Alimentar.Variants;

/// <summary>
/// Encodes variant values into one growing buffer. An object's or array's entries are written first, each where
/// the last ended; closing the container then puts its header, keys and offsets in front of them, so nesting needs
/// no buffer of its own.
/// </summary>
internal sealed class VariantWriter
{
    private byte[] _buffer = new byte[64];

    /// <summary>Where the next value starts.</summary>
    public int Position { get; private set; }

    /// <summary>Everything written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Position);

    /// <summary>Forgets everything written, keeping the buffer.</summary>
    public void Clear() => Position = 0;

    public void Null() => Primitive(VariantFormat.NullType, 0);

    public void Boolean(bool value) => Primitive(value ? VariantFormat.TrueType : VariantFormat.FalseType, 0);

    /// <summary>An integer in the narrowest of the format's widths that holds it.</summary>
    public void Integer(long value)
    {
        if (value == (sbyte)value) Int8((sbyte)value);
        else if (value == (short)value) Int16((short)value);
        else if (value == (int)value) Int32((int)value);
        else Int64(value);
    }

    public void Int8(sbyte value) => Primitive(VariantFormat.Int8Type, 1)[0] = (byte)value;

    public void Int16(short value) => BinaryPrimitives.WriteInt16LittleEndian(Primitive(VariantFormat.Int16Type, 2), value);

    public void Int32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Primitive(VariantFormat.Int32Type, 4), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Primitive(VariantFormat.Int64Type, 8), value);

    public void Double(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Primitive(VariantFormat.DoubleType, 8), value);

    public void Float(float value) => BinaryPrimitives.WriteSingleLittleEndian(Primitive(VariantFormat.FloatType, 4), value);

    /// <summary>A decimal of <paramref name="precision"/> digits: DECIMAL4, 8 or 16 as the digits need.</summary>
    public void Decimal(BigInteger unscaled, int scale, int precision)
    {
        if (precision <= 9 && unscaled >= int.MinValue && unscaled <= int.MaxValue)
        {
            Span<byte> payload = Primitive(VariantFormat.Decimal4Type, 5);
            payload[0] = (byte)scale;
            BinaryPrimitives.WriteInt32LittleEndian(payload[1..], (int)unscaled);
        }
        else if (precision <= 18 && unscaled >= long.MinValue && unscaled <= long.MaxValue)
        {
            Span<byte> payload = Primitive(VariantFormat.Decimal8Type, 9);
            payload[0] = (byte)scale;
            BinaryPrimitives.WriteInt64LittleEndian(payload[1..], (long)unscaled);
        }
        else
        {
            Span<byte> payload = Primitive(VariantFormat.Decimal16Type, 17);
            payload[0] = (byte)scale;
            BinaryPrimitives.WriteInt128LittleEndian(payload[1..], (Int128)unscaled);
        }
    }

    public void Date(int days) => BinaryPrimitives.WriteInt32LittleEndian(Primitive(VariantFormat.DateType, 4), days);

    /// <summary>A timestamp or time: <paramref name="type"/> is one of the format's 8-byte temporal types.</summary>
    public void Temporal(int type, long count) => BinaryPrimitives.WriteInt64LittleEndian(Primitive(type, 8), count);

    public void Uuid(Guid value) => value.TryWriteBytes(Primitive(VariantFormat.UuidType, 16), bigEndian: true, out _);

    public void Binary(ReadOnlySpan<byte> bytes) => Sized(VariantFormat.BinaryType, bytes);

    /// <summary>A string from its UTF-8 bytes: a short string when it fits one.</summary>
    public void String(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= VariantFormat.MaxShortString)
        {
            Span<byte> destination = Reserve(1 + utf8.Length);
            destination[0] = (byte)((utf8.Length << 2) | VariantFormat.ShortString);
            utf8.CopyTo(destination[1..]);
        }
        else
        {
            Sized(VariantFormat.StringType, utf8);
        }
    }

    /// <summary>A value encoded elsewhere, copied as it is.</summary>
    public void Encoded(ReadOnlySpan<byte> value) => value.CopyTo(Reserve(value.Length));

    /// <summary>
    /// Closes an object whose field values were written from <paramref name="start"/> on: <paramref name="fields"/>
    /// gives each field's key index and where its value starts (relative to <paramref name="start"/>), in key order.
    /// </summary>
    public void EndObject(int start, ReadOnlySpan<(int Id, int Offset)> fields)
    {
        int total = Position - start;
        int maxId = 0;
        foreach ((int id, _) in fields)
        {
            maxId = Math.Max(maxId, id);
        }

        int idSize = VariantFormat.SizeOf(maxId);
        int offsetSize = VariantFormat.SizeOf(total);
        bool large = fields.Length > byte.MaxValue;
        int countSize = large ? 4 : 1;
        int headerSize = 1 + countSize + (fields.Length * idSize) + ((fields.Length + 1) * offsetSize);
        Span<byte> header = Insert(start, headerSize);
        header[0] = (byte)(VariantFormat.Object | ((offsetSize - 1) << 2) | ((idSize - 1) << 4) | (large ? 0x40 : 0));
        VariantFormat.WriteUnsigned(header[1..], fields.Length, countSize);
        int ids = 1 + countSize;
        int offsets = ids + (fields.Length * idSize);
        for (int i = 0; i < fields.Length; i++)
        {
            VariantFormat.WriteUnsigned(header[(ids + (i * idSize))..], fields[i].Id, idSize);
            VariantFormat.WriteUnsigned(header[(offsets + (i * offsetSize))..], fields[i].Offset, offsetSize);
        }

        VariantFormat.WriteUnsigned(header[(offsets + (fields.Length * offsetSize))..], total, offsetSize);
    }

    /// <summary>Closes an array whose elements were written from <paramref name="start"/> on, each starting at the offset given.</summary>
    public void EndArray(int start, ReadOnlySpan<int> offsets)
    {
        int total = Position - start;
        int offsetSize = VariantFormat.SizeOf(total);
        bool large = offsets.Length > byte.MaxValue;
        int countSize = large ? 4 : 1;
        int headerSize = 1 + countSize + ((offsets.Length + 1) * offsetSize);
        Span<byte> header = Insert(start, headerSize);
        header[0] = (byte)(VariantFormat.Array | ((offsetSize - 1) << 2) | (large ? 0x10 : 0));
        VariantFormat.WriteUnsigned(header[1..], offsets.Length, countSize);
        for (int i = 0; i < offsets.Length; i++)
        {
            VariantFormat.WriteUnsigned(header[(1 + countSize + (i * offsetSize))..], offsets[i], offsetSize);
        }

        VariantFormat.WriteUnsigned(header[(1 + countSize + (offsets.Length * offsetSize))..], total, offsetSize);
    }

    /// <summary>Metadata holding <paramref name="names"/> (UTF-8) in the order given, marked sorted when they are.</summary>
    public static byte[] Metadata(IReadOnlyList<byte[]> names)
    {
        bool sorted = true;
        int length = 0;
        for (int i = 0; i < names.Count; i++)
        {
            length += names[i].Length;
            sorted &= i == 0 || names[i - 1].AsSpan().SequenceCompareTo(names[i]) < 0;
        }

        int offsetSize = VariantFormat.SizeOf(Math.Max(length, names.Count));
        var metadata = new byte[1 + offsetSize + ((names.Count + 1) * offsetSize) + length];
        metadata[0] = (byte)(VariantFormat.Version | (sorted ? 0x10 : 0) | ((offsetSize - 1) << 6));
        VariantFormat.WriteUnsigned(metadata.AsSpan(1), names.Count, offsetSize);
        int offsets = 1 + offsetSize;
        int strings = offsets + ((names.Count + 1) * offsetSize);
        int at = 0;
        for (int i = 0; i < names.Count; i++)
        {
            VariantFormat.WriteUnsigned(metadata.AsSpan(offsets + (i * offsetSize)), at, offsetSize);
            names[i].CopyTo(metadata.AsSpan(strings + at));
            at += names[i].Length;
        }

        VariantFormat.WriteUnsigned(metadata.AsSpan(offsets + (names.Count * offsetSize)), at, offsetSize);
        return metadata;
    }

    private Span<byte> Primitive(int type, int payload)
    {
        Span<byte> destination = Reserve(1 + payload);
        destination[0] = VariantFormat.PrimitiveHeader(type);
        return destination[1..];
    }

    private void Sized(int type, ReadOnlySpan<byte> bytes)
    {
        Span<byte> payload = Primitive(type, 4 + bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(payload, bytes.Length);
        bytes.CopyTo(payload[4..]);
    }

    private Span<byte> Reserve(int length)
    {
        Grow(length);
        Span<byte> destination = _buffer.AsSpan(Position, length);
        Position += length;
        return destination;
    }

    /// <summary>Moves what was written from <paramref name="start"/> on back by <paramref name="length"/> bytes and returns the gap.</summary>
    private Span<byte> Insert(int start, int length)
    {
        Grow(length);
        _buffer.AsSpan(start, Position - start).CopyTo(_buffer.AsSpan(start + length));
        Position += length;
        return _buffer.AsSpan(start, length);
    }

    private void Grow(int length)
    {
        if (Position + length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Position + length));
        }
    }
}
