using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>A row holding a VARIANT event.</summary>
[StreamingDataset]
public partial record VariantEvent(long Id, ParquetVariant? Payload);

/// <summary>
/// VARIANT events as DuckDB writes them (500k rows, Snappy, shredded: steady keys in typed columns, the rest in the
/// value): every row's variant put back together and written as JSON, against DuckDB.NET casting it to JSON; and
/// one field read by key, with no JSON, which is what a feature usually wants.
/// </summary>
[MemoryDiagnoser]
public class VariantReadBenchmarks
{
    private string _path = string.Empty;

    [GlobalSetup]
    public void WriteFile() => _path = File();

    [Benchmark(Baseline = true, Description = "Alimentar typed rows, each variant as JSON")]
    public long AlimentarJson()
    {
        using var streaming = new StreamingDataset<VariantEvent>(new ParquetSource<VariantEvent>(_path), bufferSize: 4);
        long sum = 0;
        foreach (VariantEvent row in streaming.Rows())
        {
            sum += row.Id + (row.Payload?.ToJson().Length ?? 0);
        }

        return sum;
    }

    [Benchmark(Description = "Alimentar typed rows, one field by key")]
    public long AlimentarField()
    {
        using var streaming = new StreamingDataset<VariantEvent>(new ParquetSource<VariantEvent>(_path), bufferSize: 4);
        long sum = 0;
        foreach (VariantEvent row in streaming.Rows())
        {
            if (row.Payload is { } payload && payload.TryGetProperty("score", out ParquetVariant score))
            {
                sum += (long)score.GetDouble();
            }
        }

        return sum;
    }

    [Benchmark(Description = "DuckDB.NET streaming reader, payload::JSON")]
    public long DuckDbJson() => Readers.DuckDbQuery($"SELECT id, payload::JSON::VARCHAR FROM read_parquet('{_path}')", reader =>
    {
        long sum = 0;
        while (reader.Read())
        {
            sum += reader.GetInt64(0) + (reader.IsDBNull(1) ? 0 : reader.GetString(1).Length);
        }

        return sum;
    });

    /// <summary>The file, written once per machine: objects of five keys, one nested, with every tenth row an array or a number.</summary>
    public static string File(int rows = 500_000) => BenchmarkFiles.FromDuckDb(
        $"variant-{rows}",
        $$$"""
        SELECT i AS id,
               CASE WHEN i % 10 = 0 THEN ('[' || i || ', "x"]')
                    WHEN i % 10 = 5 THEN i::VARCHAR
                    ELSE '{"id": ' || i || ', "name": "user' || (i % 1000) || '", "score": ' || (i % 100) / 4.0 || ', "tags": ["a", "b' || (i % 7) || '"], "meta": {"ok": ' || (i % 2 = 0) || '}}'
               END::JSON::VARIANT AS payload
        FROM range({{{rows}}}) t(i)
        """,
        "COMPRESSION 'snappy', ROW_GROUP_SIZE 100000");
}
