namespace Alimentar.Benchmarks;

/// <summary>
/// <see cref="Basket"/> as Parquet.Net's reflection-based serializer maps it. DuckDB writes every field OPTIONAL,
/// and the serializer refuses a non-nullable member for an optional column, so the values are nullable here.
/// </summary>
public sealed class BasketPoco
{
    public long? Id { get; set; }

    public List<PointPoco> Points { get; set; } = [];

    public Dictionary<string, long?> Counts { get; set; } = [];

    public List<List<long?>> Pairs { get; set; } = [];
}

/// <summary>A point of <see cref="BasketPoco"/>'s list of structs.</summary>
public sealed class PointPoco
{
    public long? X { get; set; }

    public string Label { get; set; } = string.Empty;
}
