using DuckDB.NET.Data;
using Parquet;
using Parquet.Serialization;

namespace Alimentar.Benchmarks;

/// <summary>
/// Every reader a .NET user would pick for the QuickStart row, each reading a whole file and returning a
/// checksum so that nothing is optimised away. The BenchmarkDotNet suites time them; the memory runner
/// runs each in a process of its own and reports its peak working set.
/// </summary>
public static class Readers
{
    private const int ChunkValues = 65_536;

    /// <summary>The readers by the names the memory runner takes.</summary>
    public static IReadOnlyDictionary<string, Func<string, double>> All { get; } = new Dictionary<string, Func<string, double>>
    {
        ["alimentar-rows"] = AlimentarRows,
        ["alimentar-rows-undisposed"] = AlimentarRowsUndisposed,
        ["alimentar-columns"] = AlimentarColumns,
        ["parquetsharp-columns"] = ParquetSharpColumns,
        ["parquetsharp-rows"] = ParquetSharpRows,
        ["duckdb-streaming"] = DuckDbStreaming,
        ["parquet-net-serializer"] = ParquetSerializerRows,
    };

    /// <summary>Alimentar typed rows: <c>streaming.Rows()</c>, each batch disposed once its rows are read.</summary>
    public static double AlimentarRows(string path)
    {
        using var streaming = new StreamingDataset<Ride>(new ParquetSource<Ride>(path), bufferSize: 4);
        long sum = 0;
        foreach (Ride ride in streaming.Rows())
        {
            sum += ride.UserId + ride.Label.Length;
        }

        return sum;
    }

    /// <summary>Alimentar typed rows from batches that are never disposed, as the seed's own loop does.</summary>
    public static double AlimentarRowsUndisposed(string path)
    {
        using var streaming = new StreamingDataset<Ride>(new ParquetSource<Ride>(path), bufferSize: 4);
        long sum = 0;
        foreach (Batch<Ride> batch in streaming)
        {
            foreach (Ride ride in batch)
            {
                sum += ride.UserId + ride.Label.Length;
            }
        }

        return sum;
    }

    /// <summary>Alimentar typed columns: every column of the row as spans, batch by batch.</summary>
    public static double AlimentarColumns(string path)
    {
        using var streaming = new StreamingDataset<Ride>(new ParquetSource<Ride>(path), bufferSize: 4);
        double sum = 0;
        foreach (Batch<Ride> batch in streaming)
        {
            using (batch)
            {
                foreach (int user in batch.UserId)
                {
                    sum += user;
                }

                foreach (string label in batch.Label)
                {
                    sum += label.Length;
                }
            }
        }

        return sum;
    }

    /// <summary>ParquetSharp's LogicalColumnReaders: every column, 64k values per read, all columns in step.</summary>
    public static double ParquetSharpColumns(string path)
    {
        using var file = new ParquetSharp.ParquetFileReader(path);
        return ParquetSharpColumns(file);
    }

    /// <summary>The same, over a file ParquetSharp already opened (from a stream, say).</summary>
    public static double ParquetSharpColumns(ParquetSharp.ParquetFileReader file)
    {
        var ids = new long[ChunkValues];
        var users = new int[ChunkValues];
        var scores = new float[ChunkValues];
        var values = new double?[ChunkValues];
        var paid = new bool[ChunkValues];
        var stamps = new DateTime[ChunkValues];
        var labels = new string[ChunkValues];
        var comments = new string?[ChunkValues];
        double sum = 0;
        for (int g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using ParquetSharp.RowGroupReader rowGroup = file.RowGroup(g);
            long rows = rowGroup.MetaData.NumRows;
            using var id = rowGroup.Column(0).LogicalReader<long>();
            using var user = rowGroup.Column(1).LogicalReader<int>();
            using var score = rowGroup.Column(2).LogicalReader<float>();
            using var value = rowGroup.Column(3).LogicalReader<double?>();
            using var isPaid = rowGroup.Column(4).LogicalReader<bool>();
            using var stamp = rowGroup.Column(5).LogicalReader<DateTime>();
            using var label = rowGroup.Column(6).LogicalReader<string>();
            using var comment = rowGroup.Column(7).LogicalReader<string?>();
            for (long read = 0; read < rows; read += ChunkValues)
            {
                int n = (int)Math.Min(ChunkValues, rows - read);
                id.ReadBatch(ids, 0, n);
                user.ReadBatch(users, 0, n);
                score.ReadBatch(scores, 0, n);
                value.ReadBatch(values, 0, n);
                isPaid.ReadBatch(paid, 0, n);
                stamp.ReadBatch(stamps, 0, n);
                label.ReadBatch(labels, 0, n);
                comment.ReadBatch(comments, 0, n);
                for (int i = 0; i < n; i++)
                {
                    sum += users[i] + labels[i].Length;
                }
            }
        }

        return sum;
    }

    /// <summary>ParquetSharp's row-oriented reader, one row group at a time.</summary>
    public static double ParquetSharpRows(string path)
    {
        using var reader = ParquetSharp.RowOriented.ParquetFile.CreateRowReader<RideStruct>(path);
        long sum = 0;
        for (int g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            foreach (RideStruct row in reader.ReadRows(g))
            {
                sum += row.UserId + row.Label.Length;
            }
        }

        return sum;
    }

    /// <summary>DuckDB.NET's data reader with <c>UseStreamingMode</c>: rows are fetched as they are read.</summary>
    public static double DuckDbStreaming(string path) => DuckDbStreaming(path, where: null);

    /// <summary>The same, with a WHERE clause DuckDB evaluates (and prunes by) itself.</summary>
    public static double DuckDbStreaming(string path, string? where) =>
        DuckDbQuery($"SELECT * FROM read_parquet('{path}'){(where is null ? string.Empty : " WHERE " + where)}", reader =>
        {
            long sum = 0;
            while (reader.Read())
            {
                sum += reader.GetInt32(1) + reader.GetString(6).Length;
            }

            return sum;
        });

    /// <summary>
    /// Runs <paramref name="sql"/> in an in-memory DuckDB with <c>UseStreamingMode</c>, so rows are fetched as they
    /// are read (every suite reads DuckDB this way), and hands the reader to <paramref name="read"/>.
    /// </summary>
    public static T DuckDbQuery<T>(string sql, Func<DuckDBDataReader, T> read)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using DuckDBCommand command = connection.CreateCommand();
        command.UseStreamingMode = true;
        command.CommandText = sql;
        using DuckDBDataReader reader = command.ExecuteReader();
        return read(reader);
    }

    /// <summary>Parquet.Net's reflection-based serializer, one row group at a time.</summary>
    public static double ParquetSerializerRows(string path)
    {
        long sum = 0;
        foreach (RidePoco ride in ParquetSerializerRowGroups<RidePoco>(path))
        {
            sum += ride.UserId + ride.Label.Length;
        }

        return sum;
    }

    /// <summary>The rows of <paramref name="path"/> through Parquet.Net's serializer, one row group in memory at a time.</summary>
    public static IEnumerable<T> ParquetSerializerRowGroups<T>(string path)
        where T : class, new()
    {
        int rowGroups;
        ParquetReader reader = ParquetReader.CreateAsync(path).GetAwaiter().GetResult();
        rowGroups = reader.RowGroupCount;
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();

        for (int g = 0; g < rowGroups; g++)
        {
            foreach (T row in ParquetSerializer.DeserializeAsync<T>(path, rowGroupIndex: g).GetAwaiter().GetResult().Data)
            {
                yield return row;
            }
        }
    }
}
