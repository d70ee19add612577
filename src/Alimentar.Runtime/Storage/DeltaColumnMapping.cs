using System.Text.Json;

namespace Alimentar.Storage;

/// <summary>
/// A Delta table's column mapping: the table's schema (<c>metaData.schemaString</c>) gives each field, at any depth,
/// the physical name its files store it under (<c>delta.columnMapping.physicalName</c>) and an id
/// (<c>delta.columnMapping.id</c>), so that columns can be renamed and dropped without rewriting files. Files are read
/// with their columns renamed to the table's names, walking the Parquet schema beside the table's: struct fields by
/// physical name (<c>name</c> mode) or by the Parquet field id (<c>id</c> mode, where a field without one is not the
/// table's), through lists' and maps' repeated groups to their elements, keys and values.
/// </summary>
internal sealed class DeltaColumnMapping
{
    private const string PhysicalNameKey = "delta.columnMapping.physicalName";
    private const string IdKey = "delta.columnMapping.id";

    private readonly DeltaType _schema;
    private readonly bool _byId;

    private DeltaColumnMapping(DeltaType schema, bool byId)
    {
        _schema = schema;
        _byId = byId;
    }

    /// <summary>The mapping of a table whose column mapping mode is <paramref name="mode"/>; null when it has none.</summary>
    /// <exception cref="UnsupportedParquetFeatureException">The mode is unknown, or the schema does not parse.</exception>
    public static DeltaColumnMapping? Of(string table, string? mode, DeltaTableSchema schema)
    {
        if (mode is null or "none")
        {
            return null;
        }

        if (mode is not ("name" or "id"))
        {
            throw AlimentarThrow.Unsupported(table, $"its Delta column mapping mode '{mode}' is not one Alimentar knows ('name' or 'id')");
        }

        if (schema.Error is { } error)
        {
            throw AlimentarThrow.Unsupported(table, "its Delta column mapping is on, but its schema is not JSON", inner: error);
        }

        return schema.Root is { } root && TypeOf(root) is { Fields: not null } type
            ? new DeltaColumnMapping(type, byId: mode == "id")
            : throw AlimentarThrow.Unsupported(table, "its Delta column mapping is on, but its schema is not a struct of fields");
    }

    /// <summary>The table's name for the top-level column stored as <paramref name="physical"/> (partition values are keyed so); the name itself when none maps.</summary>
    public string LogicalName(string physical) => _schema.Fields!.FirstOrDefault(field => field.Physical == physical)?.Name ?? physical;

    /// <summary>The file's schema elements (depth-first, as its footer lists them) with the table's names.</summary>
    public IReadOnlyList<SchemaElement> Rename(IReadOnlyList<SchemaElement> elements)
    {
        SchemaElement[] renamed = [.. elements];
        int next = 1;
        RenameChildren(0, _schema);
        return renamed;

        // Walks the children of renamed[parent], whose table type is `type` (null where the table says nothing).
        void RenameChildren(int parent, DeltaType? type)
        {
            int children = renamed[parent].ChildCount;
            for (int child = 0; child < children && next < renamed.Length; child++)
            {
                int at = next++;
                DeltaType? childType = null;
                if (type?.Fields is { } fields)
                {
                    SchemaElement element = renamed[at];
                    if (fields.FirstOrDefault(f => _byId ? element.FieldId is { } id && f.Id == id : f.Physical == element.Name) is { } field)
                    {
                        renamed[at] = renamed[at] with { Name = field.Name };
                        childType = field.Type;
                    }
                }
                else if (type?.Repeated is { } repeated)
                {
                    // A LIST or MAP group's repeated child stands for the whole; below it, the element, or the key and value.
                    childType = child < repeated.Count ? repeated[child] : null;
                }

                RenameChildren(at, childType);
            }
        }
    }

    /// <summary>A table type as the walk needs it: a struct's fields, or what a list's or map's repeated group holds.</summary>
    private sealed record DeltaType(IReadOnlyList<DeltaField>? Fields, IReadOnlyList<DeltaType?>? Repeated);

    private sealed record DeltaField(string Name, string Physical, long? Id, DeltaType? Type);

    /// <summary>
    /// The type <paramref name="json"/> describes; a list or map as one level (its LIST or MAP group) whose child, the
    /// repeated group, holds the element or the key and value. Null for a primitive or what does not parse.
    /// </summary>
    private static DeltaType? TypeOf(JsonElement json)
    {
        string? kind = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("type", out JsonElement type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        return kind switch
        {
            "struct" when json.TryGetProperty("fields", out JsonElement fields) && fields.ValueKind == JsonValueKind.Array =>
                new DeltaType([.. fields.EnumerateArray().Select(FieldOf).OfType<DeltaField>()], null),
            "array" => Wrapping([Child(json, "elementType")]),
            "map" => Wrapping([Child(json, "keyType"), Child(json, "valueType")]),
            _ => null,
        };

        static DeltaType Wrapping(IReadOnlyList<DeltaType?> inner) => new(null, [new DeltaType(null, inner)]);

        static DeltaType? Child(JsonElement json, string name) => json.TryGetProperty(name, out JsonElement child) ? TypeOf(child) : null;
    }

    private static DeltaField? FieldOf(JsonElement field)
    {
        if (field.ValueKind != JsonValueKind.Object || !field.TryGetProperty("name", out JsonElement name) || name.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        long? id = field.TryGetProperty("metadata", out JsonElement metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty(IdKey, out JsonElement number) && number.ValueKind == JsonValueKind.Number && number.TryGetInt64(out long value)
            ? value
            : null;
        return new DeltaField(name.GetString()!, PhysicalName(field, name.GetString()!), id, field.TryGetProperty("type", out JsonElement type) ? TypeOf(type) : null);
    }

    /// <summary>The physical name of a field of the table's schema named <paramref name="name"/>: its mapping's, or its own.</summary>
    public static string PhysicalName(JsonElement field, string name) =>
        // A column that predates the mapping keeps its name as its physical name, and may not say so.
        field.TryGetProperty("metadata", out JsonElement metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty(PhysicalNameKey, out JsonElement stored) && stored.ValueKind == JsonValueKind.String
            ? stored.GetString()!
            : name;
}
