using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Rows a generator wrote as JSON lines beside its Parquet files, compared with rows read from them. A row read is
/// projected to plain values (numbers, strings, booleans, lists, and dictionaries for maps and records); integers
/// past JSON's 53 bits, bytes (hex) and instants are projected to the forms the generator wrote.
/// </summary>
internal static class ExpectedJsonRows
{
    public static List<JsonElement> Read(string path) =>
        [.. File.ReadLines(path).Where(line => line.Length > 0).Select(line => JsonDocument.Parse(line).RootElement)];

    /// <summary>Every field of every expected row, compared with the projected row at the same place; the first few differences as text.</summary>
    public static List<string> Differences(IReadOnlyList<JsonElement> expected, IReadOnlyList<IReadOnlyDictionary<string, object?>> actual)
    {
        var differences = new List<string>();
        if (expected.Count != actual.Count)
        {
            differences.Add($"{actual.Count} rows read, {expected.Count} written");
            return differences;
        }

        for (int row = 0; row < expected.Count && differences.Count < 10; row++)
        {
            foreach (JsonProperty field in expected[row].EnumerateObject())
            {
                if (actual[row].TryGetValue(field.Name, out object? value) && !Same(field.Value, value))
                {
                    differences.Add($"row {row}, {field.Name}: written {field.Value.GetRawText()}, read {Show(value)}");
                }
            }
        }

        return differences;
    }

    private static bool Same(JsonElement expected, object? actual) => expected.ValueKind switch
    {
        JsonValueKind.Null => actual is null,
        JsonValueKind.True => actual is true,
        JsonValueKind.False => actual is false,
        JsonValueKind.String => actual switch
        {
            string text => text == expected.GetString(),
            byte[] bytes => Convert.ToHexString(bytes).Equals(expected.GetString(), StringComparison.OrdinalIgnoreCase),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture) == expected.GetString(),
            _ => false,
        },
        JsonValueKind.Number => actual switch
        {
            double number => number == expected.GetDouble(),
            float number => number == expected.GetDouble(),
            IConvertible number and not string and not bool => Convert.ToDecimal(number, CultureInfo.InvariantCulture) == expected.GetDecimal(),
            _ => false,
        },
        JsonValueKind.Array => actual is IEnumerable items and not string and not byte[]
            && SameItems([.. expected.EnumerateArray()], [.. items.Cast<object?>()]),
        JsonValueKind.Object => actual is IDictionary fields
            && expected.EnumerateObject().Count() == fields.Count
            && expected.EnumerateObject().All(field => fields.Contains(field.Name) && Same(field.Value, fields[field.Name])),
        _ => false,
    };

    private static bool SameItems(List<JsonElement> expected, List<object?> actual) =>
        expected.Count == actual.Count && expected.Zip(actual).All(pair => Same(pair.First, pair.Second));

    private static string Show(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        byte[] bytes => Convert.ToHexString(bytes),
        IDictionary fields => "{" + string.Join(", ", fields.Keys.Cast<object>().Select(key => $"{key}: {Show(fields[key])}")) + "}",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Show)) + "]",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
