using System.Text.Json;

namespace Alimentar.Storage;

/// <summary>
/// The top-level columns of a Delta table whose per-file statistics a filter can use (<see cref="DeltaFileStatistics"/>):
/// each with its name, the key its statistics are kept under (its physical name when column mapping is on), its Delta
/// type and the Parquet column its files store it as. Read once per table from its schema.
/// </summary>
internal sealed class DeltaStatisticsColumns
{
    private readonly IReadOnlyList<Column> _columns;

    private DeltaStatisticsColumns(IReadOnlyList<Column> columns) => _columns = columns;

    /// <summary>A column: its table name, its statistics key, its Delta type and its Parquet form.</summary>
    public sealed record Column(string Name, string Key, string Type, SchemaElement Element);

    /// <summary>The columns of the table's <paramref name="schema"/>; null when it is not a struct of fields or has none of a type statistics can bound.</summary>
    public static DeltaStatisticsColumns? Of(DeltaTableSchema schema, bool mapped)
    {
        if (schema.Fields is not { } fields)
        {
            return null;
        }

        var columns = new List<Column>();
        foreach (JsonElement field in fields)
        {
            if (field.ValueKind == JsonValueKind.Object && field.TryGetProperty("name", out JsonElement name) && name.ValueKind == JsonValueKind.String
                && field.TryGetProperty("type", out JsonElement type) && type.ValueKind == JsonValueKind.String
                && ElementOf(name.GetString()!, type.GetString()!) is { } element)
            {
                string key = mapped ? DeltaColumnMapping.PhysicalName(field, name.GetString()!) : name.GetString()!;
                columns.Add(new Column(name.GetString()!, key, type.GetString()!, element));
            }
        }

        return columns.Count > 0 ? new DeltaStatisticsColumns(columns) : null;
    }

    /// <summary>The column <paramref name="member"/> binds to by the binder's name rules; null when none, or two, do.</summary>
    public Column? Find(ColumnDescriptor member, RowSchema rowSchema, string fileName)
    {
        try
        {
            int match = ColumnNameMatcher.Find(member, [.. _columns.Select(c => c.Name)], both => AlimentarThrow.Mismatch(fileName, rowSchema, member, "one column", both));
            return match < 0 ? null : _columns[match];
        }
        catch (SchemaMismatchException)
        {
            // Two columns match: binding the file reports it, naming them.
            return null;
        }
    }

    /// <summary>The Parquet column Delta writes a column of <paramref name="type"/> as; null for a type its statistics are not used for.</summary>
    private static SchemaElement? ElementOf(string name, string type)
    {
        var element = new SchemaElement { Name = name, Repetition = Repetition.Optional };
        return type switch
        {
            "byte" => element with { Type = PhysicalType.Int32, LogicalType = new LogicalType(LogicalTypeKind.Integer, BitWidth: 8, IsSigned: true) },
            "short" => element with { Type = PhysicalType.Int32, LogicalType = new LogicalType(LogicalTypeKind.Integer, BitWidth: 16, IsSigned: true) },
            "integer" => element with { Type = PhysicalType.Int32 },
            "long" => element with { Type = PhysicalType.Int64 },
            "float" => element with { Type = PhysicalType.Float },
            "double" => element with { Type = PhysicalType.Double },
            "date" => element with { Type = PhysicalType.Int32, LogicalType = new LogicalType(LogicalTypeKind.Date) },
            "timestamp" => element with { Type = PhysicalType.Int64, LogicalType = new LogicalType(LogicalTypeKind.Timestamp, IsAdjustedToUtc: true, Unit: TimeUnit.Micros) },
            "timestamp_ntz" => element with { Type = PhysicalType.Int64, LogicalType = new LogicalType(LogicalTypeKind.Timestamp, IsAdjustedToUtc: false, Unit: TimeUnit.Micros) },
            "string" => element with { Type = PhysicalType.ByteArray, LogicalType = new LogicalType(LogicalTypeKind.String) },
            _ => null,
        };
    }
}
