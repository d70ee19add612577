namespace Alimentar.Parquet.Format;

/// <summary>
/// A column chunk's size statistics: the bytes its byte-array values take before any encoding (so a reader can size
/// its buffers without decoding), and how many slots sit at each repetition and definition level (so it can tell
/// nulls, empty lists and list lengths apart without reading pages).
/// </summary>
/// <param name="UnencodedByteArrayDataBytes">For BYTE_ARRAY columns, the values' bytes without length prefixes.</param>
/// <param name="RepetitionLevelHistogram">Slots per repetition level, 0 to the maximum; null when the maximum is 0.</param>
/// <param name="DefinitionLevelHistogram">Slots per definition level, 0 to the maximum; null when the maximum is 0.</param>
internal sealed record SizeStatistics(long? UnencodedByteArrayDataBytes, long[]? RepetitionLevelHistogram, long[]? DefinitionLevelHistogram)
{
    public bool IsEmpty => UnencodedByteArrayDataBytes is null && RepetitionLevelHistogram is null && DefinitionLevelHistogram is null;

    public void WriteTo(ThriftCompactWriter writer, short id)
    {
        writer.BeginStruct(id);
        if (UnencodedByteArrayDataBytes is { } bytes)
        {
            writer.I64(1, bytes);
        }

        WriteHistogram(writer, 2, RepetitionLevelHistogram);
        WriteHistogram(writer, 3, DefinitionLevelHistogram);
        writer.EndStruct();
    }

    public static SizeStatistics Read(ref ThriftCompactReader reader)
    {
        long? bytes = null;
        long[]? repetitions = null, definitions = null;
        int saved = reader.BeginStruct();
        while (reader.NextField(out short id, out byte type))
        {
            switch ((id, type))
            {
                case (1, ThriftCompactReader.I64):
                    bytes = reader.ReadI64();
                    break;
                case (2, ThriftCompactReader.List):
                    repetitions = ReadHistogram(ref reader);
                    break;
                case (3, ThriftCompactReader.List):
                    definitions = ReadHistogram(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        return new SizeStatistics(bytes, repetitions, definitions);
    }

    /// <summary>Writes a list of counts (a histogram, or per-page histograms one after another) as field <paramref name="id"/>.</summary>
    public static void WriteHistogram(ThriftCompactWriter writer, short id, long[]? counts)
    {
        if (counts is null)
        {
            return;
        }

        writer.BeginList(id, ThriftCompactReader.I64, counts.Length);
        foreach (long count in counts)
        {
            writer.I64Value(count);
        }
    }

    public static long[] ReadHistogram(ref ThriftCompactReader reader)
    {
        var counts = new long[reader.ReadListHeader(out _)];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = reader.ReadI64();
        }

        return counts;
    }
}
