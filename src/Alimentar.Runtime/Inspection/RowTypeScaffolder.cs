using System.Globalization;
using System.Text;

namespace Alimentar.Inspection;

/// <summary>
/// Writes a <c>[StreamingDataset] partial record</c> whose members bind to a file's columns: PascalCase
/// names (with <c>[ParquetColumn]</c> where the default binding would not find the column), nullable where
/// the column is OPTIONAL, and a comment for each column the reader cannot bind.
/// </summary>
internal static class RowTypeScaffolder
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    ];

    /// <param name="schema">The file's schema (under a table's names, for a table's file).</param>
    /// <param name="typeName">The record's name.</param>
    /// <param name="ns">Its namespace, or null.</param>
    /// <param name="sourceName">The file, whose path's partition directories become members too.</param>
    /// <param name="tablePartitions">A table's partition values for the file (Delta's, from its log), which replace the path's.</param>
    /// <param name="isTableColumn">Whether a top-level column is the table's; a file's others get no member. Null keeps every column.</param>
    public static string Scaffold(FileSchema schema, string typeName, string? ns, string sourceName, IReadOnlyList<(string Key, string Value)>? tablePartitions = null, Func<string, bool>? isTableColumn = null)
    {
        var members = new List<string>();
        var skipped = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal) { typeName };
        var foldCounts = schema.Leaves
            .GroupBy(f => ColumnNameMatcher.Fold(f.Path.ToString()), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var records = new List<string>();
        var recordNames = new HashSet<string>(StringComparer.Ordinal) { typeName };
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (LeafColumn field in schema.Leaves)
        {
            // A top-level group, list of groups or map becomes one member holding records, when every part of it binds.
            string top = field.Path.FirstPart;
            if (done.Contains(top) || isTableColumn?.Invoke(top) == false)
            {
                continue;
            }

            if (top.Length == 0)
            {
                done.Add(top);
                skipped.Add($"// Column '{field.Path}' is left out: a member cannot bind an empty name.");
                continue;
            }

            if (NestedMember(schema, top, records, recordNames) is { } nested)
            {
                done.Add(top);
                string name = Unique(PascalCase(top), used);
                string binding = string.Equals(ColumnNameMatcher.Fold(name), ColumnNameMatcher.Fold(top), StringComparison.OrdinalIgnoreCase)
                    ? string.Empty
                    : $"[property: ParquetColumn(\"{top}\")] ";
                members.Add($"    {binding}{nested} {name}");
                continue;
            }

            string path = field.Path.ToString();
            string? type = ClrType(field, out string? why);
            if (type is null)
            {
                skipped.Add($"// Column '{path}' ({ParquetSchemaBinder.Describe(field)}) is left out: {why}.");
                continue;
            }

            // A list of values binds by the list's name; a field of a list of groups (or a map) by its whole path.
            bool isList = field.Lists.Count > 0 && field.Lists.All(l => l.ElementIsSingle);
            string columnName = isList ? field.Lists[0].Shape.Path.ToString() : path;
            string member = Unique(PascalCase(field.List is { ElementIsLeaf: false } shape ? $"{shape.Path}_{field.Name}" : columnName), used);
            // A column binds without an attribute when it is top-level, its spelling folds to the member's, and no other column folds alike.
            bool bindsByDefault = !columnName.Contains('/', StringComparison.Ordinal)
                && string.Equals(ColumnNameMatcher.Fold(member), ColumnNameMatcher.Fold(columnName), StringComparison.OrdinalIgnoreCase)
                && foldCounts.GetValueOrDefault(ColumnNameMatcher.Fold(path)) <= 1;
            string attribute = bindsByDefault ? string.Empty : $"[property: ParquetColumn(\"{columnName.Replace('/', '.')}\")] ";
            members.Add($"    {attribute}{WriteAs(field, type)}{type} {member}");
        }

        foreach ((string key, string value) in tablePartitions ?? HivePartition.Of(sourceName))
        {
            if (schema.Leaves.Any(f => string.Equals(ColumnNameMatcher.Fold(f.Path.FirstPart), ColumnNameMatcher.Fold(key), StringComparison.OrdinalIgnoreCase)))
            {
                continue; // The file's own column wins over the directory.
            }

            string member = Unique(PascalCase(key), used);
            string attribute = string.Equals(ColumnNameMatcher.Fold(member), ColumnNameMatcher.Fold(key), StringComparison.OrdinalIgnoreCase)
                ? string.Empty
                : $"[property: ParquetColumn(\"{key}\")] ";
            string origin = tablePartitions is null ? "the path's partition directory" : "the table's log: partition";
            members.Add($"    // From {origin} {key}={value}.\n    {attribute}{PartitionType(value)} {member}");
        }

        var code = new StringBuilder();
        code.Append("using Alimentar;\n\n");

        if (!string.IsNullOrWhiteSpace(ns))
        {
            code.Append(CultureInfo.InvariantCulture, $"namespace {ns};\n\n");
        }

        foreach (string line in skipped)
        {
            code.Append(line).Append('\n');
        }

        code.Append(CultureInfo.InvariantCulture, $"/// <summary>A row of {Path.GetFileName(sourceName)}, scaffolded by alimentar.</summary>\n");
        code.Append("[StreamingDataset]\n");
        code.Append(CultureInfo.InvariantCulture, $"public partial record {typeName}(\n");
        code.Append(string.Join(",\n", members));
        code.Append(");\n");
        foreach (string record in records)
        {
            code.Append('\n').Append(record);
        }

        return code.ToString();
    }

    /// <summary>
    /// The member type for top-level node <paramref name="top"/> when it holds groups somewhere (a record, a list or
    /// map of them, at any depth) and every part of it binds, adding the records it needs; null otherwise (a scalar,
    /// or lists of values, which bind column by column).
    /// </summary>
    private static string? NestedMember(FileSchema schema, string top, List<string> records, HashSet<string> recordNames)
    {
        LeafColumn[] leaves = schema.Leaves.Where(l => l.Path.FirstPart == top).ToArray();
        if (leaves.All(l => l.Path.Parts.Count == 1)
            || (leaves is [{ } only] && only.Lists.Count > 0 && only.Lists[0].Shape.Path.Parts.Count == 1 && IsListOfValues(only)))
        {
            return null;
        }

        string name = PascalCase(top).TrimStart('@');
        return new TypeWriter(records, recordNames).TypeAt(leaves, [top], 0, leaves[0].Definitions[0] > 0, name, name + "Record");
    }

    /// <summary>
    /// Whether the leaf's lists nest directly, each list's element the next list and the innermost one's the leaf:
    /// a member of nested arrays reads it. A one-field group between (which the reader also binds through, a struct
    /// wrapping a list) is scaffolded as the record it is, so that a null group and a null list stay apart.
    /// </summary>
    private static bool IsListOfValues(LeafColumn leaf) =>
        Enumerable.Range(0, leaf.Lists.Count).All(k => leaf.Lists[k].ElementIsSingle
            && leaf.Lists[k].Element >= (k + 1 < leaf.Lists.Count ? leaf.Lists[k + 1].Shape.Path.Parts.Count - 1 : leaf.Path.Parts.Count - 1));

    /// <summary>Member types for the file's nodes, node by node: records for groups, arrays for lists, dictionaries for maps.</summary>
    private sealed class TypeWriter(List<string> records, HashSet<string> recordNames)
    {
        /// <summary>
        /// The type of the node at <paramref name="path"/> under <paramref name="depth"/> lists, nullable as asked; null
        /// when a part of it cannot bind. A group there becomes a record named <paramref name="recordName"/>; the
        /// records of its lists' elements and maps' values are named after <paramref name="name"/>.
        /// </summary>
        public string? TypeAt(LeafColumn[] leaves, string[] path, int depth, bool nullable, string name, string recordName)
        {
            LeafColumn[] inside = leaves.Where(l => l.Path.Parts.Count >= path.Length && l.Path.Parts.Take(path.Length).SequenceEqual(path)).ToArray();
            if (inside.Length == 0)
            {
                return null;
            }

            string question = nullable ? "?" : string.Empty;
            LeafColumn first = inside[0];
            if (first.Lists.Count > depth && first.Lists[depth].Shape.Path.Parts.Count == path.Length)
            {
                ListLevel list = first.Lists[depth];
                string[] element = first.Path.Parts.Take(list.Element + 1).ToArray();
                bool elementNullable = first.Definitions[list.Element] > list.EntryAt;
                if (list.Shape.IsMap)
                {
                    return MapType(inside, element, depth + 1, name) is { } map ? map + question : null;
                }

                return TypeAt(inside, element, depth + 1, elementNullable, name + "Item", name + "Item") is { } item ? ListOf(item, nullable) : null;
            }

            if (inside is [{ } leaf] && leaf.Path.Parts.Count == path.Length)
            {
                return leaf.MaxRepetitionLevel == depth && ElementType(leaf) is { } scalar ? scalar + question : null;
            }

            if (VariantBinder.IsVariant(inside, path))
            {
                return "ParquetVariant" + question;
            }

            return RecordType(inside, path, depth, recordName) is { } record ? record + question : null;
        }

        /// <summary>A map's dictionary type: its key a scalar, its value any type that binds; null when it cannot bind.</summary>
        private string? MapType(LeafColumn[] leaves, string[] element, int depth, string name)
        {
            string[] children = leaves.Where(l => l.Path.Parts.Count > element.Length).Select(l => l.Path.Parts[element.Length]).Distinct().ToArray();
            if (children is not (["key", "value"] or ["value", "key"]))
            {
                return null;
            }

            LeafColumn[] keys = leaves.Where(l => l.Path.Parts.Count == element.Length + 1 && l.Path.Parts[^1] == "key").ToArray();
            // Some writers mark keys OPTIONAL against the spec (incorrect_map_schema); they bind, and a null met there is an error.
            if (keys is not [{ } key] || ElementType(key) is not { } keyType || keyType == "byte[]")
            {
                return null;
            }

            string[] valuePath = [.. element, "value"];
            LeafColumn value = leaves.First(l => l.Path.Parts.Count > element.Length && l.Path.Parts[element.Length] == "value");
            bool valueNullable = value.Definitions[valuePath.Length - 1] > value.Definitions[valuePath.Length - 2];
            string? valueType = TypeAt(leaves, valuePath, depth, valueNullable, name + "Value", name + "Value");
            return valueType is null ? null : $"System.Collections.Generic.Dictionary<{keyType}, {valueType}>";
        }

        /// <summary>A record type for the group at <paramref name="path"/>: a field per child, named and bound like the row's members; null when a child cannot bind.</summary>
        private string? RecordType(LeafColumn[] inside, string[] path, int depth, string recordName)
        {
            var fields = new List<string>();
            var used = new HashSet<string>(StringComparer.Ordinal);
            bool leftOutUnnamed = false;
            foreach (string child in inside.Where(l => l.Path.Parts.Count > path.Length).Select(l => l.Path.Parts[path.Length]).Distinct())
            {
                if (child.Length == 0)
                {
                    // DuckDB names a union's tag field "": no member can name it (ALI0007), and the alternatives say which is set.
                    leftOutUnnamed = true;
                    continue;
                }

                string[] childPath = [.. path, child];
                // Only the columns below the group: a damaged footer may give a leaf the group's own name.
                LeafColumn under = inside.First(l => l.Path.Parts.Count > path.Length && l.Path.Parts[path.Length] == child);
                bool optional = under.Definitions[childPath.Length - 1] > under.Definitions[childPath.Length - 2];
                string childName = PascalCase(child).TrimStart('@');
                string? type = TypeAt(inside, childPath, depth, optional, childName, childName + "Record");
                if (type is null)
                {
                    return null;
                }

                string name = Unique(PascalCase(child), used);
                string attribute = string.Equals(ColumnNameMatcher.Fold(name), ColumnNameMatcher.Fold(child), StringComparison.OrdinalIgnoreCase)
                    ? string.Empty
                    : $"[property: ParquetColumn(\"{child}\")] ";
                string writeAs = inside.Count(l => l.Path.Parts.Count > path.Length && l.Path.Parts[path.Length] == child) == 1 ? WriteAs(under, type) : string.Empty;
                fields.Add($"    {attribute}{writeAs}{type} {name}");
            }

            if (fields.Count == 0)
            {
                return null;
            }

            string typeName = Unique(recordName, recordNames);
            string unnamed = leftOutUnnamed ? " Its field with an empty name (a union's tag) is left out: a member cannot bind an empty name." : string.Empty;
            records.Add($"/// <summary>The group '{string.Join('/', path)}'.{unnamed}</summary>\npublic sealed record {typeName}(\n{string.Join(",\n", fields)});\n");
            return typeName;
        }
    }

    /// <summary>
    /// The attributes that have a member write its column as the file stores it where the writer's default differs (a
    /// local timestamp; a DECIMAL other than (38, 18)), so that a scaffolded type writes back what it read; empty where
    /// there is nothing to say, and where <paramref name="memberType"/> holds the leaf inside a record, a dictionary or a
    /// variant, which such an attribute does not reach.
    /// </summary>
    private static string WriteAs(LeafColumn leaf, string memberType)
    {
        string? element = ElementType(leaf);
        if (element is not ("DateTime" or "decimal") || memberType.Replace("?", string.Empty, StringComparison.Ordinal).Replace("[]", string.Empty, StringComparison.Ordinal) != element)
        {
            return string.Empty;
        }

        SchemaElement schema = leaf.Element;
        if (element == "DateTime")
        {
            return schema.LogicalType is { Kind: LogicalTypeKind.Timestamp, IsAdjustedToUtc: false } ? "[property: ParquetTimestamp(isAdjustedToUtc: false)] " : string.Empty;
        }

        (int precision, int scale) = schema.LogicalType is { Kind: LogicalTypeKind.Decimal } logical
            ? (logical.Precision, logical.Scale)
            : (schema.Precision ?? 0, schema.Scale ?? 0);
        bool writable = precision is >= 1 and <= 38 && scale >= 0 && scale <= precision;
        return writable && (precision, scale) != (LeafTypes.DefaultDecimalPrecision, LeafTypes.DefaultDecimalScale)
            ? string.Create(CultureInfo.InvariantCulture, $"[property: ParquetDecimal({precision}, {scale})] ")
            : string.Empty;
    }

    /// <summary>
    /// A list of <paramref name="item"/>: an array, but a <c>List&lt;byte&gt;</c> for bytes never null, since a
    /// <c>byte[]</c> member reads a binary value, not a list of UINT8.
    /// </summary>
    private static string ListOf(string item, bool nullable) =>
        (item == "byte" ? "System.Collections.Generic.List<byte>" : item + "[]") + (nullable ? "?" : string.Empty);

    /// <summary>The member type a partition directory's value suggests (<see cref="HivePartition.NaturalType"/>, a whole number as an int where it fits); a null or unrecognised value suggests a string.</summary>
    private static string PartitionType(string value) => HivePartition.NaturalType(value) switch
    {
        ColumnType.Int64 => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? "int" : "long",
        ColumnType.DateOnly => "DateOnly",
        ColumnType.Boolean => "bool",
        ColumnType.Double => "double",
        _ => value == HivePartition.NullDirectory || value.Length == 0 ? "string?" : "string",
    };

    /// <summary>The C# member type a column binds to, or why it cannot bind, in parentheses.</summary>
    public static string MemberType(LeafColumn field) => ClrType(field, out string? why) ?? $"({why})";

    /// <summary>The member type for a column, or null with the reason it cannot be bound.</summary>
    private static string? ClrType(LeafColumn field, out string? why)
    {
        why = null;
        if (field.MaxRepetitionLevel > 1 && !field.Lists.All(l => l.ElementIsSingle))
        {
            why = "it is a field of a list of groups or a map, bound through a record or dictionary member where its shape allows (scaffold writes one)";
            return null;
        }

        string? element = ElementType(field);
        if (element is null)
        {
            why = "its type is not supported";
            return null;
        }

        if (field.MaxRepetitionLevel > 0)
        {
            // Innermost list first, as C# spells jagged arrays: a list is nullable where a slot can be null at it (a null
            // list or a null parent) while its own parent, the row or the enclosing list's entry, is there.
            string type = field.EntriesNullable ? element + "?" : element;
            for (int level = field.MaxRepetitionLevel - 1; level >= 0; level--)
            {
                bool nullable = field.Lists.Count != field.MaxRepetitionLevel
                    || field.Lists[level].NullBelow > (level == 0 ? 0 : field.Lists[level - 1].EntryAt);
                type = ListOf(type, nullable);
            }

            return type;
        }

        bool reference = element is "string" or "byte[]";
        return field.MaxDefinitionLevel > 0 || (reference && field.IsNullable) || MissingMember.IsNullByAnnotation(field) ? element + "?" : element;
    }

    /// <summary>The C# type of a column's values, without nullability or lists; null when no member type reads it.</summary>
    private static string? ElementType(LeafColumn field) =>
        field.Element.LogicalType?.Kind == LogicalTypeKind.Duration ? "TimeSpan"
        : FileValueKinds.Of(field).NaturalType() is { } type ? ColumnTypes.CSharpName(type) : null;

    private static string PascalCase(string name)
    {
        var result = new StringBuilder();
        bool upper = true;
        foreach (char c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            result.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        string pascal = result.Length == 0 ? "Column" : result.ToString();
        if (char.IsDigit(pascal[0]))
        {
            pascal = "C" + pascal;
        }

        return Keywords.Contains(pascal) ? "@" + pascal : pascal;
    }

    private static string Unique(string name, HashSet<string> used)
    {
        string candidate = name;
        for (int i = 2; !used.Add(candidate); i++)
        {
            candidate = name + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
