namespace Alimentar.Parquet.Filtering;

/// <summary>A filter's columns of one batch, decoded; disposing returns their buffers.</summary>
internal sealed class DecodedColumns : IDisposable
{
    private readonly Dictionary<int, DecodedColumn> _byColumn = [];

    /// <summary>Each decoded column, by its index among the bound columns.</summary>
    public IReadOnlyDictionary<int, DecodedColumn> ByColumn => _byColumn;

    /// <summary>Decodes the next <paramref name="rows"/> rows of each of <paramref name="columns"/>.</summary>
    public static async ValueTask<DecodedColumns> DecodeAsync(IColumnReader reader, int[] columns, BoundColumn[] bound, int rows, CancellationToken cancellationToken)
    {
        var decoded = new DecodedColumns();
        try
        {
            foreach (int column in columns)
            {
                decoded._byColumn[column] = await DecodedColumn.DecodeAsync(reader, column, bound[column].Descriptor.Type, rows, cancellationToken).ConfigureAwait(false);
            }

            return decoded;
        }
        catch
        {
            decoded.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (DecodedColumn column in _byColumn.Values)
        {
            column.Dispose();
        }

        _byColumn.Clear();
    }
}
