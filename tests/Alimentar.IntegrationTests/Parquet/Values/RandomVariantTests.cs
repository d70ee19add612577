using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Random values cast to VARIANT by DuckDB (records, lists and maps nested up to three deep over the scalar types
/// DuckDB writes inside a variant, two shapes mixed row by row, nulls at every level), which DuckDB shreds as it sees
/// fit: every row, put back together by Alimentar, is the value DuckDB reads back, element by element and type by type.
/// </summary>
public sealed partial class RandomVariantTests
{
    /// <summary>40 shapes a run; <c>ALIMENTAR_RANDOM_VARIANTS</c> sets more for a long search, <c>ALIMENTAR_RANDOM_VARIANTS_FROM</c> where it starts (the README lists the seeds that passed).</summary>
    public static TheoryData<int> Seeds() => SearchSeeds.Of("ALIMENTAR_RANDOM_VARIANTS", 40);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_random_variant_column_reads_as_the_values_DuckDB_reads(int seed)
    {
        RandomShape shape = RandomShape.ForVariants(seed);
        RandomShape.Node first = shape.Type(depth: shape.Next(0, 4));
        RandomShape.Node second = shape.Type(depth: shape.Next(0, 4));
        string query = $"""
            SELECT i::BIGINT AS id,
                   CASE WHEN i % 7 = 0 THEN NULL WHEN i % 3 = 0 THEN ({second.Value("i", 0)})::VARIANT ELSE ({first.Value("i", 0)})::VARIANT END AS payload
            FROM range({shape.Next(20, 400)}) t(i)
            """;
        using var file = new TempFile();
        DuckDbDifferentialTests.Write(file, query, $"ROW_GROUP_SIZE {shape.Next(30, 300)}, PARQUET_VERSION {(shape.Next(0, 2) == 0 ? "V1" : "V2")}");

        Dictionary<long, string?> expected = VariantTests.DuckJsonOf(file.Path);
        List<VariantRow> rows = ParquetFiles.ReadAll(new ParquetSource<VariantRow>(file.Path).BatchSize(shape.Next(16, 200)));

        Assert.Equal(expected.Count, rows.Count);
        foreach (VariantRow row in rows)
        {
            string? json = expected[row.Id];
            bool same = json is null
                ? row.Payload is null or { Kind: VariantKind.Null }
                : row.Payload is { } payload && Same(payload, JsonNode.Parse(DuckDbJson.Valid(json)));
            Assert.True(same, $"row {row.Id}: DuckDB reads {json ?? "NULL"}, Alimentar {row.Payload?.ToJson() ?? "null"}\n{query}");
        }
    }

    /// <summary>
    /// Whether a variant is the value DuckDB's JSON shows: objects by key, arrays in order, and each scalar in DuckDB's
    /// own text where it departs from the variant's JSON (bytes escaped rather than base64, timestamps with a space and
    /// <c>+00</c>).
    /// </summary>
    private static bool Same(ParquetVariant ours, JsonNode? duck)
    {
        switch (ours.Kind)
        {
            case VariantKind.Null:
                return duck is null;
            case VariantKind.Object:
                IReadOnlyList<KeyValuePair<string, ParquetVariant>> fields = ours.EnumerateObject();
                return duck is JsonObject record && record.Count == fields.Count
                    && fields.All(field => record.ContainsKey(field.Key) && Same(field.Value, record[field.Key]));
            case VariantKind.Array:
                IReadOnlyList<ParquetVariant> items = ours.EnumerateArray();
                return duck is JsonArray list && list.Count == items.Count && items.Select((item, i) => Same(item, list[i])).All(same => same);
            case VariantKind.Binary:
                return duck is JsonValue bytes && bytes.TryGetValue(out string? text) && text == DuckDbJson.Blob(ours.GetBytes());
            case VariantKind.Timestamp or VariantKind.LocalTimestamp:
                return duck is JsonValue time && time.TryGetValue(out string? stamp) && JsonNode.Parse(ours.ToJson())!.GetValue<string>() == DuckDbJson.Timestamp(stamp);
            default:
                return JsonNode.DeepEquals(JsonNode.Parse(ours.ToJson()), duck);
        }
    }

    /// <summary>DuckDB's JSON text for variants, made comparable.</summary>
    private static partial class DuckDbJson
    {
        /// <summary>DuckDB's text as JSON: its bare <c>NaN</c> and infinities quoted (as a variant's JSON has them), and numbers written <c>.5</c> given their zero.</summary>
        public static string Valid(string json)
        {
            var valid = new StringBuilder(json.Length);
            bool inString = false;
            for (int i = 0; i < json.Length; i++)
            {
                char c = json[i];
                if (inString)
                {
                    valid.Append(c);
                    if (c == '\\')
                    {
                        valid.Append(json[++i]);
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }

                    continue;
                }

                if (c == '"')
                {
                    inString = true;
                }
                else if (c == '.' && (i == 0 || json[i - 1] is '-' or ':' or ',' or '['))
                {
                    valid.Append('0');
                }
                else if (new[] { "-Infinity", "Infinity", "NaN" }.FirstOrDefault(token => string.CompareOrdinal(json, i, token, 0, token.Length) == 0) is { } special)
                {
                    valid.Append('"').Append(special).Append('"');
                    i += special.Length - 1;
                    continue;
                }

                valid.Append(c);
            }

            return valid.ToString();
        }

        /// <summary>Bytes as DuckDB shows a BLOB: printable ASCII as itself, the rest (and the quotes and backslash) as <c>\xHH</c>.</summary>
        public static string Blob(byte[] bytes)
        {
            var text = new StringBuilder();
            foreach (byte b in bytes)
            {
                _ = b is >= 32 and <= 126 and not (byte)'\\' and not (byte)'"' and not (byte)'\''
                    ? text.Append((char)b)
                    : text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
            }

            return text.ToString();
        }

        /// <summary>DuckDB's timestamp text (<c>2000-01-01 10:00:00.5+00</c>) as a variant's JSON has it (<c>2000-01-01T10:00:00.5Z</c>).</summary>
        public static string Timestamp(string text) => StampPattern().Match(text) is { Success: true } stamp
            ? $"{stamp.Groups[1].Value}T{stamp.Groups[2].Value}{(stamp.Groups[3].Success ? "Z" : string.Empty)}"
            : text;

        [GeneratedRegex(@"^(-?\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(\+00)?$")]
        private static partial Regex StampPattern();
    }
}
