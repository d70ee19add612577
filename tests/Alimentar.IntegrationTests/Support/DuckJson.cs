using System.Data.Common;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

/// <summary>
/// DuckDB as an oracle for nested values: each row's column as DuckDB's <c>to_json</c> prints it, compared with the
/// typed member serialised to JSON (records by member name, dictionaries as objects, numbers by value).
/// </summary>
internal static class DuckJson
{
    private static readonly JsonSerializerOptions Options = new() { IncludeFields = true };

    /// <summary>The column's value of every row, in file order, as DuckDB reads it.</summary>
    public static List<JsonElement> Column(string path, string column)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT to_json(\"{column}\")::VARCHAR FROM read_parquet('{path}')";
        using DbDataReader reader = command.ExecuteReader();
        var values = new List<JsonElement>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? Null : JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }

        return values;
    }

    /// <summary>Asserts that <paramref name="typed"/>, serialised, holds what DuckDB shows for row <paramref name="row"/>.</summary>
    public static void AssertSame(JsonElement expected, object? typed, string row)
    {
        JsonElement actual = JsonSerializer.SerializeToElement(typed, Options);
        string? difference = Difference(expected, actual, "$");
        Assert.True(difference is null, $"row {row}: {difference}\nDuckDB: {expected}\ntyped:  {actual}");
    }

    private static JsonElement Null => JsonDocument.Parse("null").RootElement.Clone();

    /// <summary>Where two values differ (numbers compared by value, object members by name), or null when they do not.</summary>
    private static string? Difference(JsonElement expected, JsonElement actual, string at)
    {
        if (expected.ValueKind == JsonValueKind.Number && actual.ValueKind == JsonValueKind.Number)
        {
            return expected.GetDouble() == actual.GetDouble() ? null : $"{at}: {expected} != {actual}";
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{at}: {expected.ValueKind} != {actual.ValueKind}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{at}: {expected.GetArrayLength()} elements != {actual.GetArrayLength()}";
                }

                for (int i = 0; i < expected.GetArrayLength(); i++)
                {
                    if (Difference(expected[i], actual[i], $"{at}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).ToList();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToList();
                if (!names.SequenceEqual(actualNames))
                {
                    return $"{at}: members {string.Join(",", names)} != {string.Join(",", actualNames)}";
                }

                foreach (string name in names)
                {
                    if (Difference(expected.GetProperty(name), actual.GetProperty(name), $"{at}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return expected.ToString() == actual.ToString() ? null : $"{at}: {expected} != {actual}";
        }
    }
}
