namespace Alimentar.ParquetBinding;

/// <summary>
/// Walks a Parquet footer's Thrift compact encoding, checking only that it is well formed: every field,
/// string and collection fits in the bytes that remain, and nesting stays shallow. Parquet.Net's own
/// parser can loop forever on a footer that is not; this refuses such a file before it gets there.
/// </summary>
internal static class ThriftFooterValidator
{
    private const int MaxDepth = 64;

    /// <summary>Checks a footer's bytes (the Thrift FileMetaData); returns a reason when it is malformed, else null.</summary>
    public static string? Validate(ReadOnlySpan<byte> footer)
    {
        var reader = new Reader(footer);
        return reader.SkipStruct(0) ? null : $"its metadata is malformed: {reader.Problem}";
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public string Problem { get; private set; } = string.Empty;

        private readonly int Remaining => _bytes.Length - _position;

        public bool SkipStruct(int depth)
        {
            if (depth > MaxDepth)
            {
                return Fail("nesting deeper than " + MaxDepth);
            }

            while (true)
            {
                if (!ReadByte(out byte header))
                {
                    return false;
                }

                int type = header & 0x0F;
                if (type == 0)
                {
                    return true;
                }

                if (header >> 4 == 0 && !ReadVarint(out _))
                {
                    return false;
                }

                if (type is 1 or 2)
                {
                    continue; // A boolean field carries its value in the type nibble.
                }

                if (!Skip(type, depth))
                {
                    return false;
                }
            }
        }

        private bool Skip(int type, int depth)
        {
            switch (type)
            {
                case 1 or 2 or 3:
                    return Advance(1);
                case 4 or 5 or 6:
                    return ReadVarint(out _);
                case 7:
                    return Advance(8);
                case 8:
                    return ReadVarint(out ulong length) && (length <= (ulong)Remaining ? Advance((int)length) : Fail($"a string of {length} bytes with {Remaining} left"));
                case 9 or 10:
                    return SkipList(depth);
                case 11:
                    return SkipMap(depth);
                case 12:
                    return SkipStruct(depth + 1);
                default:
                    return Fail($"unknown type {type}");
            }
        }

        private bool SkipList(int depth)
        {
            if (!ReadByte(out byte header))
            {
                return false;
            }

            ulong size = (ulong)(header >> 4);
            if (size == 15 && !ReadVarint(out size))
            {
                return false;
            }

            // Every element takes at least one byte, so a count beyond the bytes left is a lie.
            if (size > (ulong)Remaining)
            {
                return Fail($"a list of {size} elements with {Remaining} bytes left");
            }

            int elementType = header & 0x0F;
            for (ulong i = 0; i < size; i++)
            {
                if (!Skip(elementType is 1 or 2 ? 3 : elementType, depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        private bool SkipMap(int depth)
        {
            if (!ReadVarint(out ulong size))
            {
                return false;
            }

            if (size == 0)
            {
                return true;
            }

            if (size > (ulong)Remaining || !ReadByte(out byte types))
            {
                return Fail($"a map of {size} entries with {Remaining} bytes left");
            }

            for (ulong i = 0; i < size; i++)
            {
                int keyType = types >> 4;
                int valueType = types & 0x0F;
                if (!Skip(keyType is 1 or 2 ? 3 : keyType, depth + 1) || !Skip(valueType is 1 or 2 ? 3 : valueType, depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        private bool ReadByte(out byte value)
        {
            if (_position >= _bytes.Length)
            {
                value = 0;
                return Fail("it ends inside a structure");
            }

            value = _bytes[_position++];
            return true;
        }

        private bool ReadVarint(out ulong value)
        {
            value = 0;
            for (int shift = 0; shift < 70; shift += 7)
            {
                if (!ReadByte(out byte b))
                {
                    return false;
                }

                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return true;
                }
            }

            return Fail("a number longer than ten bytes");
        }

        private bool Advance(int count)
        {
            if (count > Remaining)
            {
                return Fail("it ends inside a value");
            }

            _position += count;
            return true;
        }

        private bool Fail(string problem)
        {
            Problem = problem;
            return false;
        }
    }
}
