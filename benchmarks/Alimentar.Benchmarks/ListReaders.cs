using System.Numerics;

namespace Alimentar.Benchmarks;

/// <summary>
/// The ways the list suites read a list column, each summing every element so nothing is optimised away: the flat
/// <see cref="ListColumn{T}"/> accessor, typed rows (an array per row), DuckDB.NET's streaming reader, ParquetSharp's
/// column reader and Parquet.Net's serializer. The sum
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

    /// <summary>
    /// Every element of the list column whose leaf is column <paramref name="leaf"/> of the file, through ParquetSharp's
    /// <c>LogicalColumnReader</c>: an array per row, 1,024 rows per read. DuckDB writes list elements OPTIONAL, so the
    /// arrays are of nullable values.
    /// </summary>
    public static double SumParquetSharp<TValue, TSum>(string path, int leaf)
        where TValue : struct, INumberBase<TValue>
        where TSum : INumber<TSum>
    {
        using var file = new ParquetSharp.ParquetFileReader(path);
        var buffer = new TValue?[1_024][];
        TSum sum = TSum.Zero;
        for (int g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using ParquetSharp.RowGroupReader rowGroup = file.RowGroup(g);
            using ParquetSharp.LogicalColumnReader<TValue?[]> reader = rowGroup.Column(leaf).LogicalReader<TValue?[]>();
            while (reader.HasNext)
            {
                int read = reader.ReadBatch(buffer);
                foreach (TValue?[] row in buffer.AsSpan(0, read))
                {
                    foreach (TValue? value in row)
                    {
                        sum += TSum.CreateTruncating(value.GetValueOrDefault());
                    }
                }
            }
        }

        return double.CreateTruncating(sum);
    }

    /// <summary>Every element through Parquet.Net's <c>ParquetSerializer</c>, one row group of objects at a time.</summary>
    public static double SumParquetSerializer<TPoco, TValue, TSum>(string path, Func<TPoco, List<TValue?>> list)
        where TPoco : class, new()
        where TValue : struct, INumberBase<TValue>
        where TSum : INumber<TSum>
    {
        TSum sum = TSum.Zero;
        foreach (TPoco row in Readers.ParquetSerializerRowGroups<TPoco>(path))
        {
            foreach (TValue? value in list(row))
            {
                sum += TSum.CreateTruncating(value.GetValueOrDefault());
            }
        }

        return double.CreateTruncating(sum);
    }
}
