using global::Parquet;

namespace Alimentar.ParquetBinding;

/// <summary>One pass over one Parquet file for a row type: binds its schema once and decodes row groups into column stores.</summary>
internal sealed class ParquetFileReader<T> : IAsyncDisposable
    where T : IStreamingRow<T>
{
    private readonly ParquetFile _file;
    private readonly ParquetFileBinding _binding;
    private readonly ColumnBufferPool _pool;

    private ParquetFileReader(ParquetFile file, ParquetFileBinding binding, ColumnBufferPool pool)
    {
        _file = file;
        _binding = binding;
        _pool = pool;
    }

    public int RowGroupCount => _file.RowGroupCount;

    public static async ValueTask<ParquetFileReader<T>> OpenAsync(
        Func<CancellationToken, ValueTask<Stream>> open, bool leaveOpen, string name, ColumnBufferPool pool, StringPool?[] stringPools, CancellationToken cancellationToken)
    {
        ParquetFile file = await ParquetFile.OpenAsync(open, leaveOpen, name, cancellationToken).ConfigureAwait(false);
        try
        {
            BoundColumn[] columns = ParquetSchemaBinder.Bind(file.Schema, T.Schema, name);
            return new ParquetFileReader<T>(file, new ParquetFileBinding(name, T.Schema, columns, stringPools), pool);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Decodes row group <paramref name="index"/> into a new store; null when the row group is empty.</summary>
    public async ValueTask<StoreLease<T>?> ReadRowGroupAsync(int index, CancellationToken cancellationToken)
    {
        using ParquetRowGroupReader rowGroup = _file.Reader.OpenRowGroupReader(index);
        (int rows, long compressedBytes) = _file.CheckedRowCount(rowGroup, index, _binding.Columns);
        if (rows == 0)
        {
            return null;
        }

        ColumnStore<T> store = T.CreateColumnStore(rows, _pool);
        try
        {
            await store.ReadAsync(new ParquetColumnReader(rowGroup, _binding, index, rows), cancellationToken).ConfigureAwait(false);
            AlimentarMetrics.BytesReadCounter.Add(compressedBytes);
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

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
