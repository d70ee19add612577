namespace Alimentar.Benchmarks;

/// <summary>
/// Readers of the text corpus, each summing every text's length so that nothing is optimised away: Alimentar typed
/// rows and typed columns, DuckDB.NET's streaming reader, ParquetSharp's column reader and Parquet.Net's serializer. The text suite times them
/// in one process; the memory runner (<c>-- memory text</c>) runs each in a fresh one, so its time is a first pass.
/// </summary>
public static class TextReaders
{
    /// <summary>The readers by the names the memory runner takes.</summary>
    public static IReadOnlyDictionary<string, Func<string, double>> All { get; } = new Dictionary<string, Func<string, double>>
    {
        ["alimentar-rows"] = AlimentarRows,
        ["alimentar-columns"] = AlimentarColumns,
        ["duckdb-streaming"] = DuckDbStreaming,
        ["parquetsharp-columns"] = ParquetSharpColumns,
        ["parquet-net-serializer"] = ParquetSerializerRows,
    };

    /// <summary>Alimentar typed rows: <c>streaming.Rows()</c>, every text's length summed.</summary>
    public static double AlimentarRows(string path)
    {
        using var streaming = new StreamingDataset<WebPage>(new ParquetSource<WebPage>(path), bufferSize: 4);
        long characters = 0;
        foreach (WebPage page in streaming.Rows())
        {
            characters += page.Text.Length;
        }

        return characters;
    }

    /// <summary>Alimentar typed columns: the <c>Text</c> column of each batch as a span.</summary>
    public static double AlimentarColumns(string path)
    {
        using var streaming = new StreamingDataset<WebPage>(new ParquetSource<WebPage>(path), bufferSize: 4);
        long characters = 0;
        foreach (Batch<WebPage> batch in streaming)
        {
            using (batch)
            {
                foreach (string text in batch.Text)
                {
                    characters += text.Length;
                }
            }
        }

        return characters;
    }

    /// <summary>DuckDB.NET's streaming reader, every text a string from <c>GetString</c>.</summary>
    public static double DuckDbStreaming(string path) => Readers.DuckDbQuery($"SELECT * FROM read_parquet('{path}')", reader =>
    {
        long characters = 0;
        while (reader.Read())
        {
            characters += reader.GetString(2).Length;
        }

        return characters;
    });

    /// <summary>ParquetSharp's <c>LogicalColumnReader&lt;string&gt;</c> over the text column, 4,096 values per read.</summary>
    public static double ParquetSharpColumns(string path)
    {
        using var file = new ParquetSharp.ParquetFileReader(path);
        var buffer = new string[4_096];
        long characters = 0;
        for (int g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using ParquetSharp.RowGroupReader rowGroup = file.RowGroup(g);
            using ParquetSharp.LogicalColumnReader<string> reader = rowGroup.Column(2).LogicalReader<string>();
            while (reader.HasNext)
            {
                int read = reader.ReadBatch(buffer);
                foreach (string text in buffer.AsSpan(0, read))
                {
                    characters += text.Length;
                }
            }
        }

        return characters;
    }

    /// <summary>Parquet.Net's <c>ParquetSerializer</c>, one row group of page objects at a time.</summary>
    public static double ParquetSerializerRows(string path)
    {
        long characters = 0;
        foreach (WebPagePoco page in Readers.ParquetSerializerRowGroups<WebPagePoco>(path))
        {
            characters += page.Text!.Length;
        }

        return characters;
    }

    /// <summary>The corpus, written once per machine.</summary>
    public static string File(int documents = 50_000)
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-text-{documents}.parquet");
        if (System.IO.File.Exists(path))
        {
            return path;
        }

        var schema = new ParquetSharp.Column[]
        {
            new ParquetSharp.Column<long>("Id"), new ParquetSharp.Column<string>("Url", ParquetSharp.LogicalType.String()),
            new ParquetSharp.Column<string>("Text", ParquetSharp.LogicalType.String()),
        };
        using ParquetSharp.WriterProperties properties = new ParquetSharp.WriterPropertiesBuilder().Compression(ParquetSharp.Compression.Zstd).Build();
        string partial = path + ".tmp";
        var random = new Random(2024);
        using (var writer = new ParquetSharp.ParquetFileWriter(partial, schema, properties))
        {
            for (int first = 0; first < documents; first += 10_000)
            {
                int count = Math.Min(10_000, documents - first);
                using ParquetSharp.RowGroupWriter rowGroup = writer.AppendRowGroup();
                using (ParquetSharp.LogicalColumnWriter<long> ids = rowGroup.NextColumn().LogicalWriter<long>())
                {
                    ids.WriteBatch(Enumerable.Range(first, count).Select(i => (long)i).ToArray());
                }

                using (ParquetSharp.LogicalColumnWriter<string> urls = rowGroup.NextColumn().LogicalWriter<string>())
                {
                    urls.WriteBatch(Enumerable.Range(first, count).Select(i => $"https://example.org/{i % 997}/page-{i}").ToArray());
                }

                using (ParquetSharp.LogicalColumnWriter<string> texts = rowGroup.NextColumn().LogicalWriter<string>())
                {
                    texts.WriteBatch(Enumerable.Range(0, count).Select(_ => Prose(random, random.Next(500, 6_000))).ToArray());
                }
            }

            writer.Close();
        }

        System.IO.File.Move(partial, path, overwrite: true);
        return path;
    }

    private static readonly string[] Words =
    [
        "the", "of", "and", "to", "in", "data", "model", "training", "stream", "file", "memory", "batch", "token", "language",
        "people", "city", "river", "history", "science", "energy", "market", "music", "garden", "winter", "summer", "school",
        "because", "however", "although", "between", "through", "during", "without", "another", "several", "important",
        "research", "evidence", "community", "development", "government", "university", "information", "experience",
        "Zürich", "naïve", "café", "résumé", "über", "2024", "1,048,576", "e-mail", "well-known",
    ];

    private static string Prose(Random random, int length)
    {
        var text = new System.Text.StringBuilder(length + 16);
        while (text.Length < length)
        {
            text.Append(Words[(int)(Words.Length * Math.Pow(random.NextDouble(), 2))]).Append(random.Next(12) == 0 ? ". " : " ");
        }

        return text.ToString();
    }
}
