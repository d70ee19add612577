using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DuckDB.NET.Data;

namespace Alimentar.Testing;

/// <summary>
/// DuckDB as an oracle for typed values at any depth: a column (or a whole row) as DuckDB's <c>to_json</c> prints
/// it, compared with the typed value serialised to JSON. Records match by member name (case and underscores
/// aside), dictionaries are objects, numbers compare by value (floats to 6 digits), dates and times by instant,
/// and byte arrays by their bytes.
/// </summary>
internal static class DuckJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The column's value of every row, in file order, as DuckDB reads it.</summary>
    public static List<JsonElement> Column(string path, string column) =>
        Query($"SELECT to_json(\"{column}\")::VARCHAR FROM read_parquet('{path}')");

    /// <summary>The first <paramref name="rows"/> rows, each as one JSON object of its columns.</summary>
    public static List<JsonElement> Rows(string path, int rows) =>
        Query($"SELECT to_json(duckdb_row)::VARCHAR FROM (SELECT * FROM read_parquet('{path}') LIMIT {rows}) duckdb_row"); // a column named t would shadow an alias t

    /// <summary>Asserts that <paramref name="typed"/>, serialised, holds what DuckDB shows for row <paramref name="row"/>.</summary>
    public static void AssertSame(JsonElement expected, object? typed, string row)
    {
        JsonElement actual = JsonSerializer.SerializeToElement(typed, typed?.GetType() ?? typeof(object), Options);
        string? difference = Difference(expected, actual, "$", partial: false);
        Assert.True(difference is null, $"row {row}: {difference}\nDuckDB: {expected}\ntyped:  {actual}");
    }

    /// <summary>
    /// Where a typed row differs from DuckDB's, comparing only the row's members that name one of DuckDB's
    /// columns (members bound to a field by path have no column of that name); null when it does not.
    /// </summary>
    public static string? RowDifference(JsonElement expected, object typed, out int compared)
    {
        JsonElement actual = JsonSerializer.SerializeToElement(typed, typed.GetType(), Options);
        compared = actual.EnumerateObject().Count(p => Find(expected, p.Name) is { } value && !IsGeometryText(value) && !IsVariantText(value, p.Value));
        return Difference(expected, actual, "$", partial: true);
    }

    /// <summary>Where two of DuckDB's readings differ (record members matched as scaffolded names fold), or null when they do not.</summary>
    public static string? Difference(JsonElement expected, JsonElement actual) => Difference(expected, actual, "$", partial: false);

    private static List<JsonElement> Query(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using DbDataReader reader = command.ExecuteReader();
        var values = new List<JsonElement>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? Null : JsonDocument.Parse(QuoteNamedFloats(reader.GetString(0))).RootElement.Clone());
        }

        return values;
    }

    /// <summary>DuckDB prints NaN and infinities bare, which JSON has no words for; quoted, they match what the serializer writes.</summary>
    private static string QuoteNamedFloats(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, @"(?<=[:\[,])(-?(?:NaN|Infinity|inf|nan))(?=[,\]\}])", match => match.Value switch
        {
            "inf" => "\"Infinity\"",
            "-inf" => "\"-Infinity\"",
            "nan" or "-nan" or "-NaN" => "\"NaN\"",
            _ => $"\"{match.Value}\"",
        });

    private static JsonElement Null => JsonDocument.Parse("null").RootElement.Clone();

    /// <summary>A name as scaffolded members spell it: letters and digits alone, case aside.</summary>
    private static string Fold(string name) => string.Concat(name.Where(char.IsLetterOrDigit)).ToUpperInvariant();

    /// <summary>The member of that name: exactly (a map's key), else as a scaffolded member spells it.</summary>
    private static JsonElement? Find(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement exact)
            ? exact
            : obj.EnumerateObject().Where(p => Fold(p.Name) == Fold(name)).Select(p => (JsonElement?)p.Value).FirstOrDefault();

    /// <summary>Where two values differ, or null when they do not; <paramref name="partial"/> compares only the actual object's members that the expected one has.</summary>
    private static string? Difference(JsonElement expected, JsonElement actual, string at, bool partial)
    {
        if (expected.ValueKind == JsonValueKind.Number && actual.ValueKind == JsonValueKind.Number)
        {
            double e = expected.GetDouble();
            double a = actual.GetDouble();
            return e == a || Math.Abs(e - a) <= 1e-6 * Math.Max(Math.Abs(e), Math.Abs(a)) ? null : $"{at}: {expected} != {actual}";
        }

        if (expected.ValueKind == JsonValueKind.String && actual.ValueKind == JsonValueKind.String)
        {
            return SameText(expected.GetString()!, actual.GetString()!) ? null : $"{at}: \"{expected}\" != \"{actual}\"";
        }

        // A JSON column: DuckDB shows the document, the typed member holds its text.
        if (expected.ValueKind is JsonValueKind.Object or JsonValueKind.Array && actual.ValueKind == JsonValueKind.String && ParsedJson(actual.GetString()!) is { } document)
        {
            return Difference(expected, document, at, partial: false);
        }

        // An INTERVAL: DuckDB prints "1 year 2 months 3 days 00:00:01.5", a ParquetInterval serialises its three counts.
        if (expected.ValueKind == JsonValueKind.String && actual.ValueKind == JsonValueKind.Object && actual.TryGetProperty("Months", out _))
        {
            return IntervalText(expected.GetString()!) == (actual.GetProperty("Months").GetInt32(), actual.GetProperty("Days").GetInt32(), actual.GetProperty("Milliseconds").GetInt64())
                ? null
                : $"{at}: \"{expected}\" != {actual}";
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
                    if (Difference(expected[i], actual[i], $"{at}[{i}]", partial: false) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Object:
                if (!partial && expected.EnumerateObject().Count() != actual.EnumerateObject().Count())
                {
                    return $"{at}: members {string.Join(",", expected.EnumerateObject().Select(p => p.Name))} != {string.Join(",", actual.EnumerateObject().Select(p => p.Name))}";
                }

                foreach (JsonProperty member in actual.EnumerateObject())
                {
                    if (Find(expected, member.Name) is not { } value || (partial && (IsGeometryText(value) || IsVariantText(value, member.Value))))
                    {
                        if (partial)
                        {
                            continue;
                        }

                        return $"{at}: no member '{member.Name}' in DuckDB's";
                    }

                    if (Difference(value, member.Value, $"{at}.{member.Name}", partial: false) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return expected.ToString() == actual.ToString() ? null : $"{at}: {expected} != {actual}";
        }
    }

    /// <summary>Text the same, or the same instant, time or bytes as each side prints them.</summary>
    private static bool SameText(string expected, string actual)
    {
        if (expected == actual)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset e)
            && DateTimeOffset.TryParse(actual, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset a))
        {
            // DuckDB hands out a TIMESTAMP(NANOS) cut to whole microseconds toward zero, where a DateTime floors to its ticks.
            return Math.Abs((e - a).Ticks) <= 10;
        }

        if (TimeSpan.TryParse(expected, CultureInfo.InvariantCulture, out TimeSpan et) && TimeSpan.TryParse(actual, CultureInfo.InvariantCulture, out TimeSpan at))
        {
            return et == at;
        }

        // A byte array serialises as base64; DuckDB prints a BLOB's bytes as ASCII characters or \xNN escapes.
        try
        {
            return Convert.FromBase64String(actual).AsSpan().SequenceEqual(BlobBytes(expected));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static (int Months, int Days, long Milliseconds)? IntervalText(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(
            text, @"^(?:(-?\d+) years? ?)?(?:(-?\d+) months? ?)?(?:(-?\d+) days? ?)?(?:(-?)(\d+):(\d\d):(\d\d(?:\.\d+)?))?$");
        if (!match.Success)
        {
            return null;
        }

        int Count(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        long milliseconds = 0;
        if (match.Groups[5].Success)
        {
            decimal seconds = (Count(5) * 3600m) + (Count(6) * 60m) + decimal.Parse(match.Groups[7].Value, CultureInfo.InvariantCulture);
            milliseconds = (long)(seconds * 1000) * (match.Groups[4].Value == "-" ? -1 : 1);
        }

        return ((Count(1) * 12) + Count(2), Count(3), milliseconds);
    }

    private static byte[] BlobBytes(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x'
                && byte.TryParse(text.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte escaped))
            {
                bytes.Add(escaped);
                i += 3;
                continue;
            }

            bytes.Add((byte)text[i]);
        }

        return [.. bytes];
    }

    private static JsonElement? ParsedJson(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>DuckDB prints a VARIANT as text of its own, where the typed member holds the group's parts: not comparable here.</summary>
    private static bool IsVariantText(JsonElement value, JsonElement typed) =>
        value.ValueKind == JsonValueKind.String && typed.ValueKind == JsonValueKind.Object;

    /// <summary>DuckDB prints GEOMETRY as well-known text, where the typed member holds its well-known binary: not comparable here.</summary>
    private static bool IsGeometryText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && System.Text.RegularExpressions.Regex.IsMatch(value.GetString()!, @"^(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)( ZM| Z| M)? ?(\(|EMPTY)");
}
