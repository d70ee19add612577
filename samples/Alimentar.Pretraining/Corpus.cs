namespace Alimentar.Pretraining;

/// <summary>Writes a FineWeb-like corpus: documents of 0.5–6 KB of English-looking prose, as a Parquet dataset.</summary>
public static class Corpus
{
    private static readonly string[] Words =
    [
        "the", "of", "and", "to", "in", "data", "model", "training", "stream", "file", "memory", "batch", "token", "language",
        "people", "city", "river", "history", "science", "energy", "market", "music", "garden", "winter", "summer", "school",
        "because", "however", "although", "between", "through", "during", "without", "another", "several", "important",
        "research", "evidence", "community", "development", "government", "university", "information", "experience",
        "Alimentar", "Parquet", "Zürich", "naïve", "café", "résumé", "über", "2024", "1,048,576", "e-mail", "well-known",
    ];

    public static async Task<long> WriteAsync(string directory, int documents, int seed)
    {
        var random = new Random(seed);
        var options = new ParquetWriteOptions { Compression = ParquetCompression.Zstd, RowGroupSize = 1_000, RowsPerFile = 4_000 };
        long bytes = 0;
        await using ParquetDatasetWriter<WebDocument> writer = await ParquetDatasetWriter<WebDocument>.CreateDatasetAsync(directory, options);
        for (int id = 0; id < documents; id++)
        {
            string text = Prose(random, random.Next(500, 6_000));
            bytes += text.Length;
            await writer.WriteAsync(new WebDocument(id, $"https://example.org/{random.Next(1_000)}/page-{id}", text, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(id), 0.6f + (random.NextSingle() * 0.4f)));
        }

        return bytes;
    }

    private static string Prose(Random random, int length)
    {
        var text = new System.Text.StringBuilder(length + 16);
        bool sentenceStart = true;
        while (text.Length < length)
        {
            string word = Words[Math.Min(Words.Length - 1, (int)(Words.Length * Math.Pow(random.NextDouble(), 2)))];
            text.Append(sentenceStart ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            sentenceStart = random.Next(12) == 0;
            text.Append(sentenceStart ? ". " : random.Next(15) == 0 ? ", " : " ");
        }

        return text.ToString();
    }
}
