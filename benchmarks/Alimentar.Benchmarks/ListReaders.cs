using System.Numerics;

namespace Alimentar.Benchmarks;

/// <summary>
/// The three ways the list suites read a list column, each summing every element so nothing is optimised away: the
/// flat <see cref="ListColumn{T}"/> accessor, typed rows (an array per row), and DuckDB.NET's streaming reader. The sum
/// is kept in <typeparamref name="TSum"/> (long for integers, double for floats), as a reader of that data would.
/// </summary>
public static class ListReaders
{
    /// <summary>Every element of every batch through the flat accessor: one span per batch, nothing allocated per row.</summary>
    public static double SumFlat<TRow, TValue, TSum>(ParquetSource<TRow> source, Func<Batch<TRow>, ListColumn<TValue>> column)
        where TRow : IStreamingRow<TRow>
        where TValue : unmanaged, INumberBase<TValue>
        where TSum : INumber<TSum>
    {
        using var streaming = new StreamingDataset<TRow>(source, bufferSize: 4);
        TSum sum = TSum.Zero;
        foreach (Batch<TRow> batch in streaming)
        {
            using (batch)
            {
                foreach (TValue value in column(batch).Values)
                {
                    sum += TSum.CreateTruncating(value);
                }
            }
        }

        return double.CreateTruncating(sum);
    }

    /// <summary>Every element of every row's array, through typed rows.</summary>
    public static double SumRows<TRow, TValue, TSum>(ParquetSource<TRow> source, Func<TRow, TValue[]> list)
        where TRow : IStreamingRow<TRow>
        where TValue : INumberBase<TValue>
        where TSum : INumber<TSum>
    {
        using var streaming = new StreamingDataset<TRow>(source, bufferSize: 4);
        TSum sum = TSum.Zero;
        foreach (TRow row in streaming.Rows())
        {
            foreach (TValue value in list(row))
            {
                sum += TSum.CreateTruncating(value);
            }
        }

        return double.CreateTruncating(sum);
    }

    /// <summary>Every element of <paramref name="column"/> through DuckDB.NET's streaming reader, the list handed out per row.</summary>
    public static double SumDuckDb<TValue, TSum>(string path, string column)
        where TValue : INumberBase<TValue>
        where TSum : INumber<TSum> => Readers.DuckDbQuery($"SELECT {column} FROM read_parquet('{path}')", reader =>
    {
        TSum sum = TSum.Zero;
        while (reader.Read())
        {
            foreach (TValue value in reader.GetFieldValue<List<TValue>>(0))
            {
                sum += TSum.CreateTruncating(value);
            }
        }

        return double.CreateTruncating(sum);
    });
}
