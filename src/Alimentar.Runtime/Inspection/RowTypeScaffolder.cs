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
        foreach (LeafColumn field in schema.Leaves)
        {
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
        return code.ToString();
    }

    /// <summary>The C# member type a column binds to, or why it cannot bind.</summary>
    public static string MemberType(LeafColumn field) => ClrType(field, out string? why) ?? $"({why})";

    /// <summary>The member type for a column, or null with the reason it cannot be bound.</summary>
    private static string? ClrType(LeafColumn field, out string? why)
    {
        why = null;
        if (field.MaxRepetitionLevel > 1 && !field.Lists.All(l => l.ElementIsSingle))
        {
            why = "groups or maps nested in lists are not bound yet; bind a leaf by its path";
            return null;
        }

        FileValueKind kind = FileValueKinds.Of(field);
        string? element = kind switch
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
