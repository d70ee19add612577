using Alimentar.ParquetBinding.Reading;
using global::Parquet;
using global::Parquet.Meta;
using global::Parquet.Schema;

namespace Alimentar.ParquetBinding;

/// <summary>
/// An open Parquet file: its metadata, the range reader its pages are read through, and its name.
/// Opening translates every failure into an <see cref="AlimentarException"/> naming the file, and row
/// counts and chunk ranges are checked against the footer and the file's length before any buffer is
/// rented. Parquet.Net parses the footer (after our own walker has checked it); pages are ours.
/// </summary>
internal sealed class ParquetFile : IAsyncDisposable
{
    private static readonly ParquetOptions ReaderOptions = new();

    private readonly Stream _stream;
    private readonly bool _leaveOpen;

    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private static readonly byte[] EncryptedMagic = "PARE"u8.ToArray();

    private ParquetFile(Stream stream, bool leaveOpen, ParquetReader reader, ParquetSchema schema, string name)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Reader = reader;
        Schema = schema;
        Name = name;
        Pages = new StreamRangeReader(stream, leaveOpen: true);
    }

    /// <summary>Where column chunks are read from, by byte range.</summary>
    public IRangeReader Pages { get; }

    public ParquetReader Reader { get; }

    public string Name { get; }

    public int RowGroupCount => Reader.RowGroupCount;

    public ParquetSchema Schema { get; }

    /// <summary>Opens the file at <paramref name="path"/>; the file is closed with the result.</summary>
    public static ValueTask<ParquetFile> OpenAsync(string path, CancellationToken cancellationToken) =>
        OpenAsync(_ => ValueTask.FromResult<Stream>(File.OpenRead(path)), leaveOpen: false, path, cancellationToken);

    public static async ValueTask<ParquetFile> OpenAsync(Func<CancellationToken, ValueTask<Stream>> open, bool leaveOpen, string name, CancellationToken cancellationToken)
    {
        Stream stream = await open(cancellationToken).ConfigureAwait(false);
        try
        {
            if (stream.CanSeek && stream.Length == 0)
            {
                throw new CorruptParquetFileException($"Cannot read '{name}': the file is empty, not Parquet.") { FilePath = name };
            }

            await CheckMagicAsync(stream, name, cancellationToken).ConfigureAwait(false);
            stream.Position = 0;
            ParquetReader reader = await ParquetReader.CreateAsync(stream, ReaderOptions, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
            try
            {
                // Parquet.Net decodes the schema lazily; decoding it here keeps its errors inside this translation.
                return new ParquetFile(stream, leaveOpen, reader, reader.Schema, name);
            }
            catch
            {
                await reader.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch (Exception error)
        {
            if (!leaveOpen)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            if (ParquetErrors.ShouldTranslate(error))
            {
                throw ParquetErrors.Translate(error, name);
            }

            throw;
        }
    }

    /// <summary>
    /// A row group's row count, checked against its column chunks and the file's length so that a corrupt
    /// footer cannot ask for more memory than the file could describe.
    /// </summary>
    /// <returns>The rows, and the compressed bytes of the bound columns' chunks that reading them costs.</returns>
    public (int Rows, long CompressedBytes, ColumnChunkLayout[] Layouts) CheckedRowCount(ParquetRowGroupReader rowGroup, int index, BoundColumn[] columns)
    {
        long rows = rowGroup.RowGroup.NumRows;
        long compressed = 0;
        var layouts = new ColumnChunkLayout[columns.Length];
        if (rows < 0 || rows > Array.MaxLength)
        {
            throw Corrupt(index, $"it claims {rows} rows");
        }

        long fileLength = _stream.Length;
        for (int i = 0; i < columns.Length; i++)
        {
            BoundColumn column = columns[i];
            string path = column.Field.Path.ToString();
            ColumnChunk? chunk = rowGroup.GetMetadata(column.Field);
            if (chunk?.CryptoMetadata is not null || chunk?.EncryptedColumnMetadata is not null)
            {
                throw new UnsupportedParquetFeatureException($"Cannot read '{Name}', row group {index}, column '{path}': the column is encrypted, which is not supported.") { FilePath = Name };
            }

            ColumnMetaData meta = chunk?.MetaData ?? throw Corrupt(index, $"column '{path}' has no column chunk");

            // A flat column holds one value slot per row; a list holds at least one.
            if (column.Descriptor.IsList ? meta.NumValues < rows : meta.NumValues != rows)
            {
                throw Corrupt(index, $"it claims {rows} rows but column '{path}' holds {meta.NumValues} values");
            }

            if (meta.TotalCompressedSize < 0 || meta.TotalCompressedSize > fileLength || meta.DataPageOffset < 0 || meta.DataPageOffset > fileLength)
            {
                throw Corrupt(index, $"column '{path}' claims {meta.TotalCompressedSize} bytes at offset {meta.DataPageOffset} in a file of {fileLength} bytes");
            }

            // A chunk starts at its dictionary page when it has one; some writers leave that offset 0 or past the data.
            long start = meta.DictionaryPageOffset is > 0 and long dictionary && dictionary < meta.DataPageOffset ? dictionary : meta.DataPageOffset;
            if (start < 4 || start + meta.TotalCompressedSize > fileLength - 8)
            {
                throw Corrupt(index, $"column '{path}' claims bytes {start} to {start + meta.TotalCompressedSize} of a file of {fileLength} bytes");
            }

            layouts[i] = new ColumnChunkLayout(
                start,
                meta.TotalCompressedSize,
                (Reading.CompressionCodec)(int)meta.Codec,
                column.FileType.Physical,
                column.FileType.TypeLength,
                column.Field.MaxDefinitionLevel,
                column.Field.MaxRepetitionLevel,
                meta.NumValues,
                meta.TotalUncompressedSize);
            compressed += meta.TotalCompressedSize;
        }

        return ((int)rows, compressed, layouts);
    }

    public async ValueTask DisposeAsync()
    {
        await Pages.DisposeAsync().ConfigureAwait(false);
        await Reader.DisposeAsync().ConfigureAwait(false);
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Checks the four-byte magic at both ends: PAR1 for Parquet, PARE for a file with an encrypted footer.</summary>
    private static async ValueTask CheckMagicAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        if (!stream.CanSeek)
        {
            return;
        }

        if (stream.Length < 12)
        {
            throw new CorruptParquetFileException($"Cannot read '{name}': at {stream.Length} bytes it is too short to be Parquet.") { FilePath = name };
        }

        byte[] head = new byte[4];
        byte[] tail = new byte[4];
        stream.Position = 0;
        await stream.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
        stream.Position = stream.Length - 4;
        await stream.ReadExactlyAsync(tail, cancellationToken).ConfigureAwait(false);
        if (tail.AsSpan().SequenceEqual(EncryptedMagic))
        {
            throw new UnsupportedParquetFeatureException($"Cannot read '{name}': the file is encrypted (its footer is encrypted), which is not supported.") { FilePath = name };
        }

        if (!head.AsSpan().SequenceEqual(Magic) || !tail.AsSpan().SequenceEqual(Magic))
        {
            throw new CorruptParquetFileException($"Cannot read '{name}': it is not Parquet (no PAR1 magic at its start and end).") { FilePath = name };
        }

        await CheckFooterAsync(stream, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the footer and checks that its Thrift encoding is well formed before Parquet.Net parses it.</summary>
    private static async ValueTask CheckFooterAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        byte[] lengthBytes = new byte[4];
        stream.Position = stream.Length - 8;
        await stream.ReadExactlyAsync(lengthBytes, cancellationToken).ConfigureAwait(false);
        long footerLength = BitConverter.ToUInt32(lengthBytes);
        if (footerLength == 0 || footerLength > stream.Length - 12)
        {
            throw new CorruptParquetFileException($"Cannot read '{name}': the footer is corrupt (it claims {footerLength} bytes in a file of {stream.Length}).") { FilePath = name };
        }

        byte[] footer = new byte[footerLength];
        stream.Position = stream.Length - 8 - footerLength;
        await stream.ReadExactlyAsync(footer, cancellationToken).ConfigureAwait(false);
        if (ThriftFooterValidator.Validate(footer) is { } problem)
        {
            throw new CorruptParquetFileException($"Cannot read '{name}': the footer is corrupt ({problem}).") { FilePath = name };
        }
    }

    private CorruptParquetFileException Corrupt(int rowGroup, string reason) =>
        new($"Cannot read '{Name}', row group {rowGroup}: the footer is corrupt ({reason}).")
        {
            FilePath = Name,
            RowGroup = rowGroup,
        };
}
