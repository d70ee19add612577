using System.Buffers.Binary;
using System.IO.Hashing;

namespace Alimentar.Storage;

/// <summary>
/// A Delta Lake deletion vector as a commit or checkpoint describes it: the rows of one data file that a delete, update
/// or merge removed without rewriting the file. Stored in a file of the table (<c>u</c>: its name is a UUID in Z85, after
/// an optional folder prefix), at an absolute path (<c>p</c>), or inline in the log (<c>i</c>: the bitmap in Z85).
/// </summary>
/// <param name="StorageType"><c>u</c>, <c>p</c> or <c>i</c>.</param>
/// <param name="PathOrInlineDv">The file's prefix and UUID, its path, or the bitmap itself.</param>
/// <param name="Offset">Where in the file the vector starts (its size, then the bitmap, then a CRC-32).</param>
/// <param name="SizeInBytes">The bitmap's size.</param>
/// <param name="Cardinality">How many rows it deletes.</param>
internal sealed record DeltaDeletionVector(string StorageType, string PathOrInlineDv, long? Offset, int SizeInBytes, long Cardinality)
{
    private const int UuidLength = 20;

    /// <summary>How the vector is named in errors: its file, or that it is inline.</summary>
    public string Describe() => StorageType == "i" ? "an inline deletion vector" : $"the deletion vector at {Offset ?? 1} in '{(StorageType == "p" ? PathOrInlineDv : FileName() ?? PathOrInlineDv)}'";

    /// <summary>
    /// The rows the vector deletes, reading a stored vector's bytes with <paramref name="readRange"/> (a path relative to
    /// the table's root, or an absolute URI for <c>p</c>; an offset and a length).
    /// </summary>
    /// <param name="table">The table's root, for errors.</param>
    /// <param name="dataFile">The data file whose rows it deletes, for errors.</param>
    /// <param name="readRange">Reads bytes of a file of the table or (by URI) one it reaches; throws <see cref="AlimentarException"/> when they are not there.</param>
    /// <exception cref="UnsupportedParquetFeatureException">The vector is of an unknown kind, or lies where the table's storage cannot reach.</exception>
    /// <exception cref="CorruptParquetFileException">Its bytes disagree with the format, their checksum or the log.</exception>
    public DeletedRows Load(string table, string dataFile, Func<string, long, int, byte[]> readRange)
    {
        byte[] bitmap = StorageType switch
        {
            "i" => Inline(table, dataFile),
            "u" or "p" => Stored(table, dataFile, readRange),
            _ => throw AlimentarThrow.Unsupported(table, $"its Delta file '{dataFile}' has a deletion vector of the unknown storage type '{StorageType}'"),
        };

        DeletedRows rows;
        try
        {
            rows = DeletedRows.Decode(bitmap);
        }
        catch (InvalidDataException error)
        {
            throw Corrupt(table, dataFile, error.Message, error);
        }

        if (rows.Count != Cardinality)
        {
            throw Corrupt(table, dataFile, $"it deletes {rows.Count} rows where the log says {Cardinality}");
        }

        return rows;
    }

    /// <summary>The vector's file relative to the table's root: <c>prefix/deletion_vector_UUID.bin</c>; null when its name is not Z85.</summary>
    public string? FileName()
    {
        if (StorageType != "u" || PathOrInlineDv.Length < UuidLength
            || !Z85.TryDecode(PathOrInlineDv.AsSpan(PathOrInlineDv.Length - UuidLength), out byte[] uuid))
        {
            return null;
        }

        string prefix = PathOrInlineDv[..^UuidLength];
        string name = $"deletion_vector_{new Guid(uuid, bigEndian: true):D}.bin";
        return prefix.Length == 0 ? name : $"{prefix}/{name}";
    }

    private byte[] Inline(string table, string dataFile)
    {
        if (!Z85.TryDecode(PathOrInlineDv, out byte[] bytes) || SizeInBytes < 0 || bytes.Length < SizeInBytes)
        {
            throw Corrupt(table, dataFile, $"its inline bitmap is not Z85 text of {SizeInBytes} bytes");
        }

        return bytes[..SizeInBytes];
    }

    /// <summary>The bitmap in the vector's file: a big-endian size that must be the log's, the bitmap, and its big-endian CRC-32.</summary>
    private byte[] Stored(string table, string dataFile, Func<string, long, int, byte[]> readRange)
    {
        string file = StorageType == "p" ? PathOrInlineDv : FileName() ?? throw Corrupt(table, dataFile, $"its file id '{PathOrInlineDv}' is not a Z85 UUID");
        long offset = Offset ?? 1; // a vector file starts with a version byte; its first vector follows
        if (offset < 0 || SizeInBytes < 0 || SizeInBytes > int.MaxValue - 8)
        {
            throw Corrupt(table, dataFile, $"the log places it at {offset} with {SizeInBytes} bytes");
        }

        byte[] stored = readRange(file, offset, SizeInBytes + 8);
        int size = BinaryPrimitives.ReadInt32BigEndian(stored);
        if (size != SizeInBytes)
        {
            throw Corrupt(table, dataFile, $"it holds {size} bytes where the log says {SizeInBytes}");
        }

        byte[] bitmap = stored[4..(4 + size)];
        if (Crc32.HashToUInt32(bitmap) != BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(4 + size)))
        {
            throw Corrupt(table, dataFile, "its bytes fail their CRC-32");
        }

        return bitmap;
    }

    private CorruptParquetFileException Corrupt(string table, string dataFile, string problem, Exception? inner = null) =>
        AlimentarThrow.Corrupt(table, $"{Describe()}, for its Delta file '{dataFile}', is damaged: {problem}", inner: inner);
}
