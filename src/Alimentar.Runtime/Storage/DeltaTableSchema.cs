using System.Text.Json;

namespace Alimentar.Storage;

/// <summary>
/// A Delta table's schema (<c>metaData.schemaString</c>), parsed once per snapshot for everything that reads it: the
/// column mapping, the columns per-file statistics bound, and the table's column names. A log is hostile input, so
/// the schema may not be JSON, or be JSON of another kind than a struct; each reader decides what that means for it.
/// </summary>
internal sealed class DeltaTableSchema
{
    private DeltaTableSchema(JsonElement? root, JsonException? error)
    {
        Root = root;
        Error = error;
        Fields = root is { ValueKind: JsonValueKind.Object } table && table.TryGetProperty("fields", out JsonElement fields) && fields.ValueKind == JsonValueKind.Array
            ? [.. fields.EnumerateArray()]
            : null;
    }

    /// <summary>The schema's JSON; null when the table has no schema or it does not parse.</summary>
    public JsonElement? Root { get; }

    /// <summary>Why the schema does not parse; null when it does or the table has none.</summary>
    public JsonException? Error { get; }

    /// <summary>The top-level fields, each as the log wrote it (not checked to be objects); null when the schema is not a struct of fields.</summary>
    public IReadOnlyList<JsonElement>? Fields { get; }

    /// <summary>The schema <paramref name="schemaString"/> says, once parsed.</summary>
    public static DeltaTableSchema Parse(string? schemaString)
    {
        if (schemaString is null)
        {
            return new DeltaTableSchema(root: null, error: null);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(schemaString);
            return new DeltaTableSchema(document.RootElement.Clone(), error: null);
        }
        catch (JsonException error)
        {
            return new DeltaTableSchema(root: null, error);
        }
    }
}
