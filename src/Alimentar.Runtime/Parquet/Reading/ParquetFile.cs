using System.Buffers.Binary;

namespace Alimentar.Parquet.Reading;

/// <summary>
/// An open Parquet file: its metadata, the range reader its pages are read through, and its name.
/// Opening reads the footer with one read and parses it with Alimentar's own bounds-checked parser;
/// every failure becomes an <see cref="AlimentarException"/> naming the file. Row counts and chunk ranges
/// are checked against the footer and the file's length before any buffer is rented.
/// </summary>
internal sealed class ParquetFile : IAsyncDisposable
{
    /// <summary>The largest footer accepted: real footers are kilobytes to a few megabytes.</summary>
    private const int MaxFooterBytes = 256 << 20;

    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private static readonly byte[] EncryptedMagic = "PARE"u8.ToArray();

    private ParquetFile(IRangeReader pages, FileMetadata metadata, string name)
    {
        Pages = pages;
        Metadata = metadata;
        Name = name;
    }

    public string Name { get; }

    public FileMetadata Metadata { get; }

    public FileSchema Schema => Metadata.Schema;

    public int RowGroupCount => Metadata.RowGroups.Count;

    private long[]? _firstRows;

    /// <summary>The position in the file of row group <paramref name="index"/>'s first row: the rows of the groups before it.</summary>
    public long FirstRowOf(int index)
    {
        long[] firstRows = _firstRows ??= FirstRows(Metadata.RowGroups);
        return firstRows[index];
    }

    private static long[] FirstRows(IReadOnlyList<RowGroupMetadata> groups)
    {
        long[] firstRows = new long[groups.Count];
        for (int i = 1; i < firstRows.Length; i++)
        {
            firstRows[i] = firstRows[i - 1] + Math.Max(0, groups[i - 1].RowCount);
        }

        return firstRows;
    }

    /// <summary>Where column chunks are read from, by byte range.</summary>
    public IRangeReader Pages { get; }

    /// <summary>Opens the file at <paramref name="path"/> for positional reads; the file is closed with the result.</summary>
    public static ValueTask<ParquetFile> OpenAsync(string path, CancellationToken cancellationToken) =>
        OpenAsync(_ => ValueTask.FromResult<IRangeReader>(FileRangeReader.Open(path)), path, cancellationToken);

    /// <summary>Opens whatever <paramref name="open"/> returns and reads its footer; the reader is disposed with the result.</summary>
    /// <param name="open">Opens the range reader.</param>
    /// <param name="name">What messages call the file.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    /// <param name="known">The footer an earlier open parsed, for a file pinned to one version (an object store's ETag): not read again.</param>
    public static async ValueTask<ParquetFile> OpenAsync(Func<CancellationToken, ValueTask<IRangeReader>> open, string name, CancellationToken cancellationToken, FileMetadata? known = null)
    {
        IRangeReader pages = await open(cancellationToken).ConfigureAwait(false);
        try
        {
            FileMetadata metadata = known ?? await ReadFooterAsync(pages, name, cancellationToken).ConfigureAwait(false);
            return new ParquetFile(pages, metadata, name);
        }
        catch (Exception error)
        {
            await pages.DisposeAsync().ConfigureAwait(false);
            if (ParquetErrors.ShouldTranslate(error))
            {
                throw ParquetErrors.Translate(error, name);
            }

            throw;
        }
    }

    /// <summary>
    /// A row group's row count and chunk layouts, checked against its column chunks and the file's length
    /// so that a corrupt footer cannot ask for more memory than the file could describe.
    /// </summary>
    /// <returns>The rows, the compressed bytes of the bound columns' chunks, and where each chunk lies.</returns>
    public (int Rows, long CompressedBytes, ColumnChunkLayout[] Layouts) CheckedRowCount(int index, BoundColumn[] columns) =>
        CheckRowGroup(Metadata, Pages.Length, Name, index, columns);

    /// <inheritdoc cref="CheckedRowCount"/>
    public static (int Rows, long CompressedBytes, ColumnChunkLayout[] Layouts) CheckRowGroup(FileMetadata metadata, long fileLength, string name, int index, BoundColumn[] columns)
    {
        RowGroupMetadata rowGroup = metadata.RowGroups[index];
        long rows = rowGroup.RowCount;
        long compressed = 0;
        var layouts = new ColumnChunkLayout[columns.Length];
        if (rows < 0 || rows > Array.MaxLength)
        {
            throw Corrupt(index, $"it claims {rows} rows");
        }

        CheckChunkCount(metadata, name, index);
        for (int i = 0; i < columns.Length; i++)
        {
            BoundColumn column = columns[i];
            if (column.IsAbsent)
            {
                layouts[i] = AbsentColumn.Layout(column, (int)rows);
                continue;
            }

            string path = column.Field.Path.ToString();
            ColumnChunkMetadata chunk = rowGroup.Columns[column.Field.Index];
            if (chunk.IsEncrypted)
            {
                throw AlimentarThrow.Unsupported(name, "the column is encrypted, which is not supported", index, path);
            }

            if (chunk.FilePath is not null)
            {
                throw AlimentarThrow.Unsupported(name, $"its data lives in another file ('{chunk.FilePath}'), which is not supported", index, path);
            }

            // A flat column holds one value slot per row; a list holds at least one. Some writers got a flat
            // chunk's count wrong: when another flat chunk of the row group agrees with its row count, that count
            // is the one believed (the pages must then hold it); otherwise which is wrong cannot be told.
            bool repeated = column.Descriptor.IsList || column.Field.MaxRepetitionLevel > 0;
            long valueCount = chunk.ValueCount;
            if (!repeated && valueCount != rows && RowCountCorroborated(metadata, rowGroup))
            {
                valueCount = rows;
            }

            if (repeated ? valueCount < rows : valueCount != rows)
            {
                throw Corrupt(index, $"it claims {rows} rows but column '{path}' holds {chunk.ValueCount} values");
            }

            if (rows == 0 && chunk.ValueCount == 0)
            {
                // An empty row group: nothing will be read, so where its chunks claim to be does not matter.
                layouts[i] = new ColumnChunkLayout(0, 0, chunk.Codec, column.FileType.Physical, column.FileType.TypeLength, column.Field.MaxDefinitionLevel, column.Field.MaxRepetitionLevel, 0, 0);
                continue;
            }

            if (chunk.TotalCompressedSize < 0 || chunk.TotalCompressedSize > fileLength || chunk.DataPageOffset < 0 || chunk.DataPageOffset > fileLength
                || chunk.TotalUncompressedSize < 0)
            {
                throw Corrupt(index, $"column '{path}' claims {chunk.TotalCompressedSize} bytes at offset {chunk.DataPageOffset} in a file of {fileLength} bytes");
            }

            // A chunk starts at its dictionary page when it has one; some writers leave that offset 0 or past the data.
            long start = chunk.DictionaryPageOffset is > 0 and long dictionary && dictionary < chunk.DataPageOffset ? dictionary : chunk.DataPageOffset;
            if (start < 4 || start + chunk.TotalCompressedSize > fileLength - 8)
            {
                throw Corrupt(index, $"column '{path}' claims bytes {start} to {start + chunk.TotalCompressedSize} of a file of {fileLength} bytes");
            }

            // Some writers' dictionary pages start at the data page offset, so the padding cannot wait for a dictionary offset.
            long length = Math.Min(chunk.TotalCompressedSize + WriterFaults.DictionaryHeaderLeftOut(metadata.CreatedBy), fileLength - 8 - start);

            layouts[i] = new ColumnChunkLayout(
                start,
                length,
                chunk.Codec,
                column.FileType.Physical,
                column.FileType.TypeLength,
                column.Field.MaxDefinitionLevel,
                column.Field.MaxRepetitionLevel,
                valueCount,
                TrustedUncompressedSize(chunk));
            compressed += chunk.TotalCompressedSize;
        }

        return ((int)rows, compressed, layouts);

        // parquetjs records a compressed chunk's compressed size as its uncompressed size too, which would refuse its
        // pages as larger than their chunk. A compressed chunk that claims no growth is not believed; its pages are then
        // held to what their codec can make of their bytes and to the largest page, as when a writer leaves the size 0.
        static long TrustedUncompressedSize(ColumnChunkMetadata chunk) =>
            chunk.Codec != CompressionCodec.Uncompressed && chunk.TotalUncompressedSize <= chunk.TotalCompressedSize ? 0 : chunk.TotalUncompressedSize;

        static bool RowCountCorroborated(FileMetadata metadata, RowGroupMetadata rowGroup)
        {
            for (int leaf = 0; leaf < rowGroup.Columns.Count; leaf++)
            {
                if (metadata.Schema.Leaves[leaf].MaxRepetitionLevel == 0 && rowGroup.Columns[leaf].ValueCount == rowGroup.RowCount)
                {
                    return true;
                }
            }

            return false;
        }

        CorruptParquetFileException Corrupt(int rowGroup, string reason) =>
            AlimentarThrow.Corrupt(name, $"the footer is corrupt ({reason})", rowGroup);
    }

    /// <summary>Refuses a row group whose footer lists other than one column chunk per leaf of the schema.</summary>
    public static void CheckChunkCount(FileMetadata metadata, string name, int index)
    {
        int chunks = metadata.RowGroups[index].Columns.Count;
        if (chunks != metadata.Schema.Leaves.Count)
        {
            throw AlimentarThrow.Corrupt(name, $"the footer is corrupt (it has {chunks} column chunks for {metadata.Schema.Leaves.Count} columns)", index);
        }
    }

    public ValueTask DisposeAsync() => Pages.DisposeAsync();

    /// <summary>Checks the magic at both ends (PAR1; PARE marks an encrypted footer), then reads and parses the footer with one read.</summary>
    private static async ValueTask<FileMetadata> ReadFooterAsync(IRangeReader file, string name, CancellationToken cancellationToken)
    {
        long length = file.Length;
        if (length == 0)
        {
            throw AlimentarThrow.Corrupt(name, "the file is empty, not Parquet");
        }

        if (length < 12)
        {
            throw AlimentarThrow.Corrupt(name, $"at {length} bytes it is too short to be Parquet");
        }

        // Over an object store the head costs a request of its own; the tail's magic is checked there alone.
        byte[] head = file.SmallReadsAreCheap ? new byte[4] : Magic.ToArray();
        byte[] tail = new byte[8];
        if (file.SmallReadsAreCheap)
        {
            await file.ReadAsync(0, head, cancellationToken).ConfigureAwait(false);
        }

        await file.ReadAsync(length - 8, tail, cancellationToken).ConfigureAwait(false);
        if (tail.AsSpan(4).SequenceEqual(EncryptedMagic))
        {
            throw AlimentarThrow.Unsupported(name, "the file is encrypted (its footer is encrypted), which is not supported");
        }

        if (!head.AsSpan().SequenceEqual(Magic) || !tail.AsSpan(4).SequenceEqual(Magic))
        {
            throw AlimentarThrow.Corrupt(name, "it is not Parquet (no PAR1 magic at its start and end)");
        }

        long footerLength = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if (footerLength == 0 || footerLength > length - 12 || footerLength > MaxFooterBytes)
        {
            throw AlimentarThrow.Corrupt(name, $"the footer is corrupt (it claims {footerLength} bytes in a file of {length})");
        }

        byte[] footer = new byte[footerLength];
        await file.ReadAsync(length - 8 - footerLength, footer, cancellationToken).ConfigureAwait(false);
        try
        {
            return FooterParser.Parse(footer);
        }
        catch (InvalidDataException error)
        {
            throw AlimentarThrow.Corrupt(name, $"the footer is corrupt ({error.Message})", inner: error);
        }
    }
}
