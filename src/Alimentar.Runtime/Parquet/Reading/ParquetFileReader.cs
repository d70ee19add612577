using Alimentar.ParquetBinding.Reading;

namespace Alimentar.ParquetBinding;

/// <summary>One pass over one Parquet file for a row type: binds its schema once and reads row groups a batch at a time into column stores.</summary>
internal sealed class ParquetFileReader<T> : IAsyncDisposable
    where T : IStreamingRow<T>
{
    private readonly ParquetFile _file;
    private readonly ParquetFileBinding _binding;
    private readonly ColumnBufferPool _pool;
    private readonly bool _verifyCrc;

    private ParquetFileReader(ParquetFile file, ParquetFileBinding binding, ColumnBufferPool pool, bool verifyCrc)
    {
        _file = file;
        _binding = binding;
        _pool = pool;
        _verifyCrc = verifyCrc;
    }

    public int RowGroupCount => _file.RowGroupCount;

    public string Name => _file.Name;

    public static async ValueTask<ParquetFileReader<T>> OpenAsync(
        Func<CancellationToken, ValueTask<IRangeReader>> open, string name, ColumnBufferPool pool, bool verifyCrc, CancellationToken cancellationToken)
    {
        ParquetFile file = await ParquetFile.OpenAsync(open, name, cancellationToken).ConfigureAwait(false);
        try
        {
            BoundColumn[] columns = ParquetSchemaBinder.Bind(file.Schema, T.Schema, name);
            return new ParquetFileReader<T>(file, new ParquetFileBinding(name, T.Schema, columns), pool, verifyCrc);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens row group <paramref name="index"/> for reading in batches.</summary>
    public RowGroupReader OpenRowGroup(int index) => RowGroupReader.Open(_file, _binding, index, _verifyCrc);

    /// <summary>Reads the next <paramref name="rows"/> rows of <paramref name="rowGroup"/> into a new store.</summary>
    public async ValueTask<ColumnStore<T>> ReadBatchAsync(RowGroupReader rowGroup, int rows, CancellationToken cancellationToken)
    {
        ColumnStore<T> store = T.CreateColumnStore(rows, _pool);
        try
        {
            await store.ReadAsync(rowGroup.NextBatch(rows), cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (Exception error)
        {
            store.Dispose();
            if (ParquetErrors.ShouldTranslate(error))
            {
                throw ParquetErrors.Translate(error, _binding.FileName, rowGroup.Index);
            }

            throw;
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
