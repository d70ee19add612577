namespace Alimentar.Testing;

/// <summary>Bytes as Thrift's compact protocol writes them, for tests that build or patch footers and page headers by hand.</summary>
internal static class ThriftBytes
{
    /// <summary>An i32 or i64 as a zigzag varint.</summary>
    public static byte[] Varint(long value)
    {
        ulong raw = (ulong)((value << 1) ^ (value >> 63));
        var bytes = new List<byte>();
        while (raw >= 0x80)
        {
            bytes.Add((byte)(raw | 0x80));
            raw >>= 7;
        }

        bytes.Add((byte)raw);
        return [.. bytes];
    }
}
