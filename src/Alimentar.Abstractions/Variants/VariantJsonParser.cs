using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Alimentar.Variants;

/// <summary>
/// Encodes JSON as a variant, as Spark's <c>parse_json</c> does: integers in the narrowest integer type, numbers with
/// a point and at most 38 digits as exact decimals, other numbers as doubles; keys in one sorted dictionary.
/// </summary>
internal static class VariantJsonParser
{
    public static (byte[] Metadata, byte[] Value) Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = VariantFormat.MaxDepth });
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        CollectKeys(document.RootElement, keys);

        // Ordinal order of UTF-16 text matches UTF-8 byte order outside surrogate pairs; sorting the bytes settles those too.
        byte[][] names = keys.Select(Encoding.UTF8.GetBytes).ToArray();
        Array.Sort(names, static (a, b) => a.AsSpan().SequenceCompareTo(b));
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            ids[Encoding.UTF8.GetString(names[i])] = i;
        }

        var writer = new VariantWriter();
        Write(writer, document.RootElement, ids);
        return (VariantWriter.Metadata(names), writer.Written.ToArray());
    }

    private static void CollectKeys(JsonElement element, SortedSet<string> keys)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                keys.Add(property.Name);
                CollectKeys(property.Value, keys);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray())
            {
                CollectKeys(item, keys);
            }
        }
    }

    private static void Write(VariantWriter writer, JsonElement element, Dictionary<string, int> ids)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null: writer.Null(); break;
            case JsonValueKind.True: writer.Boolean(true); break;
            case JsonValueKind.False: writer.Boolean(false); break;
            case JsonValueKind.String: writer.String(Encoding.UTF8.GetBytes(element.GetString()!)); break;
            case JsonValueKind.Number: Number(writer, element.GetRawText()); break;
            case JsonValueKind.Array:
                {
                    int start = writer.Position;
                    var offsets = new List<int>();
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        offsets.Add(writer.Position - start);
                        Write(writer, item, ids);
                    }

                    writer.EndArray(start, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(offsets));
                    break;
                }

            default:
                {
                    int start = writer.Position;
                    var fields = new List<(int Id, int Offset)>();
                    foreach (JsonProperty property in element.EnumerateObject())
                    {
                        fields.Add((ids[property.Name], writer.Position - start));
                        Write(writer, property.Value, ids);
                    }

                    // Key indexes follow the sorted dictionary, so ordering by index is ordering by key.
                    fields.Sort(static (a, b) => a.Id.CompareTo(b.Id));
                    for (int i = 1; i < fields.Count; i++)
                    {
                        if (fields[i].Id == fields[i - 1].Id)
                        {
                            throw new FormatException($"A JSON object holds the key '{ids.First(k => k.Value == fields[i].Id).Key}' twice, which a variant object cannot.");
                        }
                    }

                    writer.EndObject(start, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fields));
                    break;
                }
        }
    }

    private static void Number(VariantWriter writer, string text)
    {
        bool exponent = text.AsSpan().IndexOfAny('e', 'E') >= 0;
        int point = text.IndexOf('.', StringComparison.Ordinal);
        if (!exponent && point < 0 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            writer.Integer(integer);
            return;
        }

        string digits = text.Replace("-", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0');
        if (!exponent && digits.Length <= 38)
        {
            int scale = point < 0 ? 0 : text.Length - point - 1;
            if (scale <= 38)
            {
                BigInteger unscaled = BigInteger.Parse(text.Replace(".", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                writer.Decimal(unscaled, scale, Math.Max(digits.Length, scale));
                return;
            }
        }

        writer.Double(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
