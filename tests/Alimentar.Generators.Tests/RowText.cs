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

    /// <summary>The public property or field <paramref name="name"/> of <paramref name="row"/>.</summary>
    public static object? MemberOf(object row, string name)
    {
        Type type = row.GetType();
        return type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { } property ? property.GetValue(row)
            : type.GetField(name, BindingFlags.Public | BindingFlags.Instance) is { } field ? field.GetValue(row)
            : throw new ArgumentException($"{type.Name} has no public member {name}", nameof(name));
    }

    /// <summary>
    /// What a batch's column holds for a row, in the form <see cref="Show"/> gives its row's <paramref name="member"/>: a
    /// list column holds a dictionary's entries and a set's elements in the file's order, as an array, and a <c>char</c>
    /// and an enum written as its name are held as strings.
    /// </summary>
    public static object? AsMember(object? cell, object? member)
    {
        switch (member, cell)
        {
            case (char, string { Length: 1 } text):
                return text[0];
            case (Enum, string name):
                return Enum.Parse(member.GetType(), name);
        }

        if (cell is not Array elements)
        {
            return cell;
        }

        Type element = elements.GetType().GetElementType()!;
        if (element.IsGenericType && element.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            var entries = new Hashtable();
            foreach (object entry in elements)
            {
                entries.Add(element.GetProperty("Key")!.GetValue(entry)!, element.GetProperty("Value")!.GetValue(entry));
            }

            return entries;
        }

        return member is not null && IsSet(member.GetType()) ? new HashSet<object?>(elements.Cast<object?>()) : cell;
    }

    private static bool IsSet(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ISet<>) || i.GetGenericTypeDefinition() == typeof(IReadOnlySet<>)));

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
            case Enum:
                // By number: a list of enums holds their numbers, and its batch accessor shows them so.
                text.Append(((IFormattable)value).ToString("D", CultureInfo.InvariantCulture));
                return;
            case bool or char:
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

            IEnumerable<string> shown = IsSet(type) ? items.Order(StringComparer.Ordinal) : items;
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
