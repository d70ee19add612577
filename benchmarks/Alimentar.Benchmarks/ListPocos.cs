using System.Text.Json.Serialization;

namespace Alimentar.Benchmarks;

/// <summary>
/// <see cref="TokenizedDocument"/> as Parquet.Net's reflection-based serializer maps it. DuckDB writes every field
/// OPTIONAL, list elements too, and the serializer refuses a non-nullable member for an optional column.
/// </summary>
public sealed class TokenizedDocumentPoco
{
    [JsonPropertyName("id")]
    public long? Id { get; set; }

    [JsonPropertyName("tokens")]
    public List<int?> Tokens { get; set; } = [];
}

/// <summary><see cref="EmbeddedDocument"/> as Parquet.Net's serializer maps it (see <see cref="TokenizedDocumentPoco"/>).</summary>
public sealed class EmbeddedDocumentPoco
{
    [JsonPropertyName("id")]
    public long? Id { get; set; }

    [JsonPropertyName("embedding")]
    public List<float?> Embedding { get; set; } = [];
}

/// <summary><see cref="WebPage"/> as Parquet.Net's serializer maps it: Arrow C++ writes the id REQUIRED and the strings OPTIONAL.</summary>
public sealed class WebPagePoco
{
    public long Id { get; set; }

    public string? Url { get; set; }

    public string? Text { get; set; }
}
