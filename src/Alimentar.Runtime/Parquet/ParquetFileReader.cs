using global::Parquet;
using global::Parquet.Meta;

namespace Alimentar.ParquetBinding;

/// <summary>One pass over one Parquet file: opens it, binds its schema once, and decodes row groups into column stores.</summary>
internal sealed class ParquetFileReader<T> : IAsyncDisposable
    where T : IStreamingRow<T>
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ParquetReader _reader;
    private readonly ParquetFileBinding _binding;
    private readonly ColumnBufferPool _pool;

    private ParquetFileReader(Stream stream, bool leaveOpen, ParquetReader reader, ParquetFileBinding binding, ColumnBufferPool pool)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _reader = reader;
        _binding = binding;
        _pool = pool;
    }

    public int RowGroupCount => _reader.RowGroupCount;

    public static async ValueTask<ParquetFileReader<T>> OpenAsync(
        Func<CancellationToken, ValueTask<Stream>> open, bool leaveOpen, string name, ColumnBufferPool pool, CancellationToken cancellationToken)
    {
        Stream stream = await open(cancellationToken).ConfigureAwait(false);
        ParquetReader? reader = null;
        try
        {
            if (stream.CanSeek && stream.Length == 0)
            {
                throw new CorruptParquetFileException($"Cannot read '{name}': the file is empty, not Parquet.") { FilePath = name };
            }

            stream.Position = 0;
            reader = await ParquetReader.CreateAsync(stream, ReaderOptions, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
            BoundColumn[] columns = ParquetSchemaBinder.Bind(reader.Schema, T.Schema, name);
            return new ParquetFileReader<T>(stream, leaveOpen, reader, new ParquetFileBinding(name, T.Schema, columns), pool);
        }
        catch (Exception error)
        {
            if (reader is not null)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }

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

    /// <summary>Decodes row group <paramref name="index"/> into a new store; null when the row group is empty.</summary>
    public async ValueTask<StoreLease<T>?> ReadRowGroupAsync(int index, CancellationToken cancellationToken)
    {
        int rows = CheckedRowCount(index);
        if (rows == 0)
        {
            return null;
        }

        ColumnStore<T> store = T.CreateColumnStore(rows, _pool);
        try
        {
            using ParquetRowGroupReader rowGroup = _reader.OpenRowGroupReader(index);
            await store.ReadAsync(new ParquetColumnReader(rowGroup, _binding, index, rows), cancellationToken).ConfigureAwait(false);
            return new StoreLease<T>(store);
        }
        catch (Exception error)
        {
            store.Dispose();
            if (ParquetErrors.ShouldTranslate(error))
            {
                throw ParquetErrors.Translate(error, _binding.FileName, index);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync().ConfigureAwait(false);
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Checks a row group's row count against the file before any buffer is rented, so a corrupt footer
    /// cannot ask for more memory than the file could describe.
    /// </summary>
    private int CheckedRowCount(int index)
    {
        RowGroup group = _reader.Metadata?.RowGroups?[index]
            ?? throw Corrupt(index, "the footer lists no metadata for it");
        long rows = group.NumRows;
        if (rows < 0 || rows > Array.MaxLength)
        {
            throw Corrupt(index, $"it claims {rows} rows");
        }

        long fileLength = _stream.Length;
        foreach (BoundColumn column in _binding.Columns)
        {
            ColumnChunk? chunk = group.Columns.FirstOrDefault(c => c.MetaData?.PathInSchema is { } path && string.Join('/', path) == string.Join('/', column.Field.Path.ToList()));
            ColumnMetaData meta = chunk?.MetaData ?? throw Corrupt(index, $"column '{column.FileColumnName}' has no column chunk");
            // A flat column holds one value slot per row; a list holds at least one.
            if (column.Descriptor.IsList ? meta.NumValues < rows : meta.NumValues != rows)
            {
                throw Corrupt(index, $"it claims {rows} rows but column '{column.FileColumnName}' holds {meta.NumValues} values");
            }

            if (meta.TotalCompressedSize < 0 || meta.TotalCompressedSize > fileLength || meta.DataPageOffset < 0 || meta.DataPageOffset > fileLength)
            {
                throw Corrupt(index, $"column '{column.FileColumnName}' claims {meta.TotalCompressedSize} bytes at offset {meta.DataPageOffset} in a file of {fileLength} bytes");
            }
        }

        return (int)rows;
    }

    private CorruptParquetFileException Corrupt(int rowGroup, string reason) =>
        new($"Cannot read '{_binding.FileName}', row group {rowGroup}: the footer is corrupt ({reason}).")
        {
            FilePath = _binding.FileName,
            RowGroup = rowGroup,
        };

    private static readonly ParquetOptions ReaderOptions = new();
}
