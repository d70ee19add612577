using System.Buffers.Binary;

namespace Alimentar.Arrow;

/// <summary>
/// Checks an Arrow stream's schema message before Arrow's own reader parses it (<see cref="CheckedArrowStream"/>). That
/// reader follows a field's children by recursion with no limit, so a damaged flatbuffer whose child points back at its
/// parent overflows the stack, which ends the process and cannot be caught. Here the field tree is walked without
/// recursion, every offset bounds-checked, its depth and size limited; a schema that fails is refused before Arrow sees it.
/// </summary>
internal static class ArrowSchemaGuard
{
    /// <summary>The deepest nesting of fields accepted: lists of structs of maps a few levels deep are common, hundreds are not.</summary>
    public const int MaxDepth = 128;

    /// <summary>The most fields, counting nested ones, accepted in one schema.</summary>
    public const int MaxFields = 1 << 20;

    /// <summary>The <c>Type</c> union's tag of a decimal.</summary>
    private const byte DecimalType = 7;

    /// <summary>The most digits an Arrow decimal holds (Decimal256's precision).</summary>
    private const int MaxDecimalDigits = 76;

    /// <summary>Walks the field tree of a schema message's flatbuffer; other messages are left to the reader.</summary>
    /// <exception cref="InvalidDataException">The schema is too deep, too large, or not a well-formed flatbuffer.</exception>
    public static void CheckMessage(ArrowMessage message)
    {
        if (message.Header != ArrowMessage.SchemaHeader || message.HeaderTable is not int schema)
        {
            return;
        }

        byte[] metadata = message.Metadata;
        try
        {
            var pending = new Stack<(int Fields, int Depth)>();
            if (FlatBuffer.FieldPosition(metadata, schema, field: 1) is int top)
            {
                pending.Push((top, 1));
            }

            // A field's children may point at fields already seen, so that the tree Arrow builds multiplies them, each with
            // its name and metadata: a few kilobytes could stand for gigabytes of names. In a tree each field and each
            // string has bytes of its own, so visits are held to the message's bytes (strings with room to be shared).
            var visits = new SchemaVisits(metadata);
            while (pending.Count > 0)
            {
                (int fields, int depth) = pending.Pop();
                int vector = FlatBuffer.Table(metadata, fields);
                int count = visits.Fields(vector, MaxFields);

                if (count > 0 && depth > MaxDepth)
                {
                    throw new InvalidDataException($"the schema nests fields more than {MaxDepth} deep");
                }

                for (int i = 0; i < count; i++)
                {
                    int field = FlatBuffer.Table(metadata, checked(vector + 4 + (4 * i)));
                    visits.Strings(field);
                    CheckDecimal(metadata, field);
                    if (FlatBuffer.FieldPosition(metadata, field, field: 5) is int children)
                    {
                        pending.Push((children, depth + 1));
                    }
                }
            }
        }
        catch (Exception error) when (error is ArgumentOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("the schema message is not a well-formed flatbuffer", error);
        }
    }

    /// <summary>What walking a schema's field tree has visited so far, and the bounds a tree of its bytes keeps to.</summary>
    private struct SchemaVisits(byte[] metadata)
    {
        /// <summary>Strings may be shared (a writer may keep one "item" for every list), so they get this many times the bytes.</summary>
        private const int SharedStrings = 4;

        private int _fields;
        private int _pairs;
        private long _stringBytes;

        /// <summary>Counts the fields of a vector, and returns how many it holds.</summary>
        public int Fields(int vector, int maxFields)
        {
            int count = Count(vector, "fields");
            if ((_fields += count) > Math.Min(maxFields, metadata.Length / 4))
            {
                throw new InvalidDataException($"the schema claims more fields than its {metadata.Length} bytes hold");
            }

            return count;
        }

        /// <summary>Counts a field's name and custom metadata.</summary>
        public void Strings(int field)
        {
            _stringBytes += StringLength(field, 0);
            if (FlatBuffer.FieldPosition(metadata, field, field: 6) is int custom)
            {
                int vector = FlatBuffer.Table(metadata, custom);
                int count = Count(vector, "metadata entries");
                if ((_pairs += count) > metadata.Length / 4)
                {
                    throw new InvalidDataException($"the schema claims more metadata entries than its {metadata.Length} bytes hold");
                }

                for (int i = 0; i < count; i++)
                {
                    int pair = FlatBuffer.Table(metadata, checked(vector + 4 + (4 * i)));
                    _stringBytes += StringLength(pair, 0) + StringLength(pair, 1);
                }
            }

            if (_stringBytes > (long)SharedStrings * metadata.Length)
            {
                throw new InvalidDataException($"the schema's field names and metadata come to {_stringBytes} bytes, more than its {metadata.Length} bytes hold");
            }
        }

        private readonly int Count(int vector, string what)
        {
            int count = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(metadata.AsSpan(vector, 4)));
            return count <= metadata.Length / 4 ? count : throw new InvalidDataException($"the schema claims more {what} than its {metadata.Length} bytes hold");
        }

        private readonly long StringLength(int table, int field) =>
            FlatBuffer.FieldPosition(metadata, table, field) is int at ? BinaryPrimitives.ReadUInt32LittleEndian(metadata.AsSpan(FlatBuffer.Table(metadata, at), 4)) : 0;
    }

    /// <summary>
    /// Refuses a decimal whose precision or scale no Arrow decimal has: Arrow's reader scales each value a digit at a time,
    /// so a damaged scale of hundreds of millions took seconds a value.
    /// </summary>
    private static void CheckDecimal(byte[] metadata, int field)
    {
        if (Scalar(metadata, field, field: 2) != DecimalType || FlatBuffer.FieldPosition(metadata, field, field: 3) is not int type)
        {
            return;
        }

        int decimalTable = FlatBuffer.Table(metadata, type);
        int precision = Int(metadata, decimalTable, field: 0);
        int scale = Int(metadata, decimalTable, field: 1);
        if (precision is < 1 or > MaxDecimalDigits || Math.Abs((long)scale) > MaxDecimalDigits)
        {
            throw new InvalidDataException($"the schema declares a decimal of precision {precision} and scale {scale}, which no Arrow decimal has");
        }
    }

    private static int Int(byte[] bytes, int table, int field) =>
        FlatBuffer.FieldPosition(bytes, table, field) is int at ? BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at, 4)) : 0;

    private static byte Scalar(byte[] bytes, int table, int field) => FlatBuffer.FieldPosition(bytes, table, field) is int at ? bytes.AsSpan(at, 1)[0] : (byte)0;
}
