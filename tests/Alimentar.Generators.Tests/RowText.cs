using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Alimentar.Generators.Tests;

/// <summary>
/// Text of a row for comparing a row written with the row read back: every public member a file holds, by value, at
/// any depth. Dictionaries and sets are shown in key order, since their own order is not what a file keeps; members
/// marked <see cref="ParquetIgnoreAttribute"/> are left out, since a file has no column for them.
/// </summary>
internal static class RowText
{
    public static string Show(object? value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case string s:
                text.Append('"').Append(s).Append('"');
                return;
            case decimal d:
                // The file keeps a decimal's value at the column's scale, not the scale it was written with.
                string digits = d.ToString(CultureInfo.InvariantCulture);
                text.Append(digits.Contains('.', StringComparison.Ordinal) ? digits.TrimEnd('0').TrimEnd('.') : digits);
                return;
            case DateTime time:
                text.Append(time.Ticks.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(time.Kind);
                return;
            case DateTimeOffset instant:
                // The file keeps the instant, not the offset it was written at.
                text.Append(instant.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('Z');
                return;
            case ParquetVariant variant:
                text.Append(variant.ToJson());
                return;
            case float f:
                text.Append(f.ToString("R", CultureInfo.InvariantCulture));
                return;
            case double f:
                text.Append(f.ToString("R", CultureInfo.InvariantCulture));
                return;
            case Enum or bool or char:
                text.Append(value);
                return;
            case IFormattable formattable when value.GetType().IsPrimitive || value.GetType().Namespace == "System":
                text.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IDictionary dictionary:
                var entries = new List<(string Key, string Value)>();
                foreach (DictionaryEntry entry in dictionary)
                {
                    entries.Add((Show(entry.Key), Show(entry.Value)));
                }

                text.Append('{').AppendJoin(", ", entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + ": " + e.Value)).Append('}');
                return;
        }

        Type type = value.GetType();
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ReadOnlyMemory<>) || type.GetGenericTypeDefinition() == typeof(Memory<>)))
        {
            Append(text, type.GetMethod(nameof(ReadOnlyMemory<int>.ToArray))!.Invoke(value, null));
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) && (bool)type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(value)!)
        {
            text.Append("default");
            return;
        }

        if (value is IEnumerable sequence)
        {
            var items = new List<string>();
            foreach (object? item in sequence)
            {
                items.Add(Show(item));
            }

            bool isSet = type.GetInterfaces().Any(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ISet<>) || i.GetGenericTypeDefinition() == typeof(IReadOnlySet<>)));
            IEnumerable<string> shown = isSet ? items.Order(StringComparer.Ordinal) : items;
            text.Append('[').AppendJoin(", ", shown).Append(']');
            return;
        }

        var members = new List<(string Name, object? Value)>();
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetMethod is { IsPublic: true } && !property.IsDefined(typeof(ParquetIgnoreAttribute)))
            {
                members.Add((property.Name, property.GetValue(value)));
            }
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!field.IsDefined(typeof(ParquetIgnoreAttribute)))
            {
                members.Add((field.Name, field.GetValue(value)));
            }
        }

        text.Append(type.Name).Append(" { ");
        foreach ((string name, object? member) in members.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            text.Append(name).Append(" = ");
            Append(text, member);
            text.Append("; ");
        }

        text.Append('}');
    }
}
