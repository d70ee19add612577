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

    public static string Scaffold(FileSchema schema, string typeName, string? ns, string sourceName)
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
            if (done.Contains(top))
            {
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
            members.Add($"    {attribute}{type} {member}");
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
    /// The member type for top-level node <paramref name="top"/> when it is a group (a record), a list of groups
    /// (an array of records) or a map (a dictionary) whose parts all bind, adding the records it needs; null otherwise.
    /// </summary>
    private static string? NestedMember(FileSchema schema, string top, List<string> records, HashSet<string> recordNames)
    {
        LeafColumn[] leaves = schema.Leaves.Where(l => l.Path.FirstPart == top).ToArray();
        if (leaves.All(l => l.Path.Parts.Count == 1))
        {
            return null;
        }

        if (leaves.All(l => l.Lists.Count > 0 && l.Lists[0].Shape.Path.Parts.Count == 1))
        {
            ListLevel list = leaves[0].Lists[0];
            if (list.Shape.ElementIsLeaf || leaves.All(l => l.Lists.All(level => level.ElementIsSingle)))
            {
                return null;
            }

            string[] element = leaves[0].Path.Parts.Take(list.Element + 1).ToArray();
            // A top-level list may be null when its outer node is optional (a bare repeated field never is).
            bool nullable = list.NullBelow > 0;
            if (list.Shape.IsMap)
            {
                return MapType(leaves, element) is { } map ? map + (nullable ? "?" : string.Empty) : null;
            }

            string? item = RecordType(leaves, element, depth: 1, PascalCase(top) + "Item", records, recordNames);
            return item is null ? null : $"{item}[]{(nullable ? "?" : string.Empty)}";
        }

        if (leaves.Any(l => l.Lists.Count > 0 && l.Lists[0].Shape.Path.Parts.Count == 1))
        {
            return null;
        }

        string? type = RecordType(leaves, [top], depth: 0, PascalCase(top).TrimStart('@') + "Record", records, recordNames);
        return type is null ? null : type + (leaves[0].Definitions[0] > 0 ? "?" : string.Empty);
    }

    /// <summary>A map's dictionary type: its key a required scalar, its value a scalar or a record of scalars; null when it cannot bind.</summary>
    private static string? MapType(LeafColumn[] leaves, string[] element)
    {
        LeafColumn[] keys = leaves.Where(l => l.Path.Parts.Count == element.Length + 1 && l.Path.Parts[^1] == "key").ToArray();
        LeafColumn[] values = leaves.Where(l => l.Path.Parts.Count == element.Length + 1 && l.Path.Parts[^1] == "value").ToArray();
        if (keys is not [{ MaxRepetitionLevel: 1 } key] || values is not [{ MaxRepetitionLevel: 1 } value] || leaves.Length != 2
            || ElementType(key) is not { } keyType || ElementType(value) is not { } valueType || keyType == "byte[]")
        {
            return null;
        }

        return $"System.Collections.Generic.Dictionary<{keyType}, {valueType}{(value.IsNullable ? "?" : string.Empty)}>";
    }

    /// <summary>
    /// A record type for the group at <paramref name="prefix"/>: a field per child (scalars, records, lists of values),
    /// named and bound like the row's members; null when a child cannot be held by a record.
    /// </summary>
    private static string? RecordType(LeafColumn[] leaves, string[] prefix, int depth, string hint, List<string> records, HashSet<string> recordNames)
    {
        LeafColumn[] under = leaves.Where(l => l.Path.Parts.Count > prefix.Length && l.Path.Parts.Take(prefix.Length).SequenceEqual(prefix)).ToArray();
        var fields = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (string child in under.Select(l => l.Path.Parts[prefix.Length]).Distinct())
        {
            string[] path = [.. prefix, child];
            LeafColumn[] inside = under.Where(l => l.Path.Parts[prefix.Length] == child).ToArray();
            string? type;
            if (inside is [{ } leaf] && leaf.Path.Parts.Count == path.Length && leaf.MaxRepetitionLevel == depth)
            {
                type = ElementType(leaf) is { } scalar ? scalar + (leaf.IsNullable ? "?" : string.Empty) : null;
            }
            else if (inside is [{ } listLeaf] && listLeaf.MaxRepetitionLevel == depth + 1 && listLeaf.Lists.Count == depth + 1
                && listLeaf.Lists[depth] is { ElementIsSingle: true } list && list.Shape.Path.Parts.Count == path.Length)
            {
                type = ElementType(listLeaf) is { } scalar ? $"{scalar}{(listLeaf.EntriesNullable ? "?" : string.Empty)}[]?" : null;
            }
            else if (inside.All(l => l.Lists.Count == depth))
            {
                bool optional = inside[0].Definitions[path.Length - 1] > inside[0].Definitions[path.Length - 2];
                type = RecordType(inside, path, depth, PascalCase(child).TrimStart('@') + "Record", records, recordNames) is { } inner
                    ? inner + (optional ? "?" : string.Empty)
                    : null;
            }
            else
            {
                type = null;
            }

            if (type is null)
            {
                return null;
            }

            string name = Unique(PascalCase(child), used);
            string attribute = string.Equals(ColumnNameMatcher.Fold(name), ColumnNameMatcher.Fold(child), StringComparison.OrdinalIgnoreCase)
                ? string.Empty
                : $"[property: ParquetColumn(\"{child}\")] ";
            fields.Add($"    {attribute}{type} {name}");
        }

        if (fields.Count == 0)
        {
            return null;
        }

        string typeName = Unique(hint, recordNames);
        records.Add($"/// <summary>The group '{string.Join('/', prefix)}'.</summary>\npublic sealed record {typeName}(\n{string.Join(",\n", fields)});\n");
        return typeName;
    }

    /// <summary>The C# member type a column binds to, or why it cannot bind.</summary>
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
            string item = field.EntriesNullable ? element + "?" : element;
            return item + string.Concat(Enumerable.Repeat("[]?", field.MaxRepetitionLevel));
        }

        bool reference = element is "string" or "byte[]";
        return field.MaxDefinitionLevel > 0 || reference && field.IsNullable ? element + "?" : element;
    }

    /// <summary>The C# type of a column's values, without nullability or lists; null when no member type reads it.</summary>
    private static string? ElementType(LeafColumn field)
    {
        FileValueKind kind = FileValueKinds.Of(field);
        return kind switch
        {
            FileValueKind.Boolean => "bool",
            FileValueKind.SByte => "sbyte",
            FileValueKind.Byte => "byte",
            FileValueKind.Int16 => "short",
            FileValueKind.UInt16 => "ushort",
            FileValueKind.Int32 => "int",
            FileValueKind.UInt32 => "uint",
            FileValueKind.Int64 => "long",
            FileValueKind.UInt64 => "ulong",
            FileValueKind.Single => "float",
            FileValueKind.Double => "double",
            FileValueKind.Decimal => "decimal",
            FileValueKind.Utf8String => "string",
            FileValueKind.Bytes => "byte[]",
            FileValueKind.DateTime => "DateTime",
            FileValueKind.DateOnly => "DateOnly",
            FileValueKind.Guid => "Guid",
            FileValueKind.Half => "float",
            _ when kind.IsTimeOfDay() => "TimeOnly",
            _ => null,
        };
    }

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
