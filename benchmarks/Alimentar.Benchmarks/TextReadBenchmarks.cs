using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>
/// A FineWeb-like text corpus (50,000 documents of 0.5–6 KB of prose with an id and a URL, Arrow C++ writer, ZSTD,
/// 10,000-row row groups), every document's text read as a string: Alimentar typed rows and typed columns, DuckDB.NET,
/// ParquetSharp's column readers; and the floor, every page read and decompressed with nothing decoded. Every reader
/// builds the same strings, so the allocation column is the text itself.
/// </summary>
[MemoryDiagnoser]
public class TextReadBenchmarks
{
    private const int Documents = 50_000;
    private string _path = string.Empty;

    [GlobalSetup]
    public void WriteFile() => _path = File();

    [Benchmark(Baseline = true, Description = "Alimentar typed rows")]
    public long AlimentarRows()
    {
        using var streaming = new StreamingDataset<WebPage>(new ParquetSource<WebPage>(_path), bufferSize: 4);
        long characters = 0;
        foreach (WebPage page in streaming.Rows())
        {
            characters += page.Text.Length;
        }

        return characters;
    }

    [Benchmark(Description = "Alimentar typed columns")]
    public long AlimentarColumns()
    {
        using var streaming = new StreamingDataset<WebPage>(new ParquetSource<WebPage>(_path), bufferSize: 4);
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

    [Benchmark(Description = "DuckDB.NET streaming reader")]
    public long DuckDbStreaming() => Readers.DuckDbQuery($"SELECT * FROM read_parquet('{_path}')", reader =>
    {
        long characters = 0;
        while (reader.Read())
        {
            characters += reader.GetString(2).Length;
        }

        return characters;
    });

    [Benchmark(Description = "ParquetSharp LogicalColumnReader<string>")]
    public long ParquetSharpColumns()
    {
        using var file = new ParquetSharp.ParquetFileReader(_path);
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

    [Benchmark(Description = "Floor: read and decompress every page, decode nothing")]
    public long Floor() => PageFloor.ReadAndDecompress(_path);

    /// <summary>The corpus, written once per machine.</summary>
    public static string File()
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-text-{Documents}.parquet");
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
            for (int first = 0; first < Documents; first += 10_000)
            {
                int count = Math.Min(10_000, Documents - first);
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

/// <summary>A crawled page, as the text suite reads it.</summary>
[StreamingDataset]
public partial record WebPage(long Id, string Url, string Text);
