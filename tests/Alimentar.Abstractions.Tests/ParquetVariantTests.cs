using System.Text.Json;

namespace Alimentar.Abstractions.Tests;

public sealed class ParquetVariantTests
{
    // Encodings written by hand from Parquet's VariantEncoding.md, so the decoder is checked against the format, not the encoder.
    private static readonly byte[] Keys = [0x11, 0x02, 0x00, 0x01, 0x02, (byte)'a', (byte)'b'];
    private static readonly byte[] Object = [0x02, 0x02, 0x00, 0x01, 0x00, 0x02, 0x04, 0x0C, 0x01, 0x05, (byte)'x'];
    private static readonly byte[] NoKeys = [0x01, 0x00, 0x00];

    [Fact]
    public void A_variant_decodes_the_formats_objects_arrays_and_primitives_as_JSON()
    {
        Assert.Equal("""{"a":1,"b":"x"}""", new ParquetVariant(Keys, Object).ToJson());
        Assert.Equal("[true,null]", new ParquetVariant(NoKeys, new byte[] { 0x03, 0x02, 0x00, 0x01, 0x02, 0x04, 0x00 }).ToJson());
        Assert.Equal("1.50", Primitive(8, 2, 150, 0, 0, 0).ToJson());
        Assert.Equal("-0.05", Primitive(8, 2, 0xFB, 0xFF, 0xFF, 0xFF).ToJson());
        Assert.Equal("\"2024-01-02\"", Primitive(11, 0x0C, 0x4D, 0, 0).ToJson());
        Assert.Equal("\"1970-01-01T00:00:01.5Z\"", Primitive(12, BitConverter.GetBytes(1_500_000L)).ToJson());
        Assert.Equal("\"1970-01-01T00:00:00.000000001\"", Primitive(19, BitConverter.GetBytes(1L)).ToJson());
        Assert.Equal("\"01:00:00.25\"", Primitive(17, BitConverter.GetBytes(3_600_250_000L)).ToJson());
        Assert.Equal("\"AAE=\"", Primitive(15, 2, 0, 0, 0, 0, 1).ToJson());
        Assert.Equal("\"NaN\"", Primitive(7, BitConverter.GetBytes(double.NaN)).ToJson());
        Assert.Equal("\"00010203-0405-0607-0809-0a0b0c0d0e0f\"", Primitive(20, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15).ToJson());
        Assert.Equal("\"é\"", ParquetVariant.FromJson("\"\\u00e9\"").ToJson());
    }

    [Fact]
    public void JSON_encodes_as_the_format_does_and_reads_back_as_the_same_JSON()
    {
        ParquetVariant variant = ParquetVariant.FromJson("""{"a":1,"b":"x"}""");
        Assert.Equal(Keys, variant.Metadata.ToArray());
        Assert.Equal(Object, variant.Value.ToArray());

        const string json = """{"deep":[1,-200,70000,5000000000,1.25,12345678901234567890123456789012345678,1e300,"a long string that does not fit in sixty-three bytes of a short one",null,false,{"x":{}}],"empty":[]}""";
        string back = ParquetVariant.FromJson(json).ToJson();
        Assert.Equal(json.Replace("1e300", "1E+300", StringComparison.Ordinal), back);
        Assert.Equal(VariantKind.Decimal, ParquetVariant.FromJson("1.25").Kind);
        Assert.Equal(VariantKind.Double, ParquetVariant.FromJson("1e3").Kind);
        Assert.Throws<FormatException>(() => ParquetVariant.FromJson("""{"a":1,"a":2}"""));
    }

    [Fact]
    public void Fields_elements_and_scalars_are_read_without_JSON()
    {
        ParquetVariant variant = ParquetVariant.FromJson("""{"user":{"name":"ana","tags":["x",7,2.5,true]}}""");

        Assert.Equal(VariantKind.Object, variant.Kind);
        Assert.True(variant.TryGetProperty("user", out ParquetVariant user));
        Assert.False(variant.TryGetProperty("missing", out _));
        Assert.False(user.TryGetProperty("user", out _));
        Assert.True(user.TryGetProperty("name", out ParquetVariant name));
        Assert.Equal("ana", name.GetString());
        Assert.True(user.TryGetProperty("tags", out ParquetVariant tags));
        Assert.Equal(4, tags.GetArrayLength());
        Assert.Equal(7, tags.GetArrayElement(1).GetInt64());
        Assert.Equal(2.5, tags.GetArrayElement(2).GetDouble());
        Assert.True(tags.GetArrayElement(3).GetBoolean());
        Assert.Equal("[\"x\",7,2.5,true]", tags.ToJson());
        Assert.Throws<ArgumentOutOfRangeException>(() => tags.GetArrayElement(4));
        Assert.Contains("not an integer", Assert.Throws<InvalidOperationException>(() => name.GetInt64()).Message, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0, 1 }, Primitive(15, 2, 0, 0, 0, 0, 1).GetBytes());
    }

    [Fact]
    public void Objects_and_arrays_enumerate_and_typed_scalars_read_as_their_NET_types()
    {
        ParquetVariant variant = ParquetVariant.FromJson("""{"b": 1, "a": [2, "x"], "price": 12.50}""");

        Assert.Equal(["a", "b", "price"], variant.EnumerateObject().Select(field => field.Key));
        Assert.Equal(["2", "\"x\""], variant.EnumerateObject()[0].Value.EnumerateArray().Select(element => element.ToJson()));
        Assert.Equal(12.50m, variant.EnumerateObject()[2].Value.GetDecimal());
        Assert.Equal("12.50", variant.EnumerateObject()[2].Value.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1m, variant.EnumerateObject()[1].Value.GetDecimal());
        Assert.Throws<InvalidOperationException>(() => variant.EnumerateArray());

        Assert.Equal(new DateOnly(2024, 1, 2), Primitive(11, 0x0C, 0x4D, 0, 0).GetDate());
        DateTime instant = Primitive(12, BitConverter.GetBytes(1_500_000L)).GetDateTime();
        Assert.Equal((new DateTime(1970, 1, 1, 0, 0, 1, 500, DateTimeKind.Utc), DateTimeKind.Utc), (instant, instant.Kind));
        DateTime local = Primitive(19, BitConverter.GetBytes(-1L)).GetDateTime();
        Assert.Equal((DateTime.UnixEpoch.Ticks - 1, DateTimeKind.Unspecified), (local.Ticks, local.Kind));
        Assert.Equal(new TimeOnly(1, 0, 0, 250), Primitive(17, BitConverter.GetBytes(3_600_250_000L)).GetTime());
        Assert.Equal(Guid.Parse("00010203-0405-0607-0809-0a0b0c0d0e0f"), Primitive(20, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15).GetGuid());
        Assert.Contains("not a timestamp", Assert.Throws<InvalidOperationException>(() => Primitive(11, 0, 0, 0, 0).GetDateTime()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_variant_is_the_variant_null_and_equality_compares_encodings()
    {
        Assert.Equal(VariantKind.Null, default(ParquetVariant).Kind);
        Assert.Equal("null", ParquetVariant.Null.ToJson());
        Assert.Equal(ParquetVariant.FromJson("null").Value.ToArray(), default(ParquetVariant).Value.ToArray());
        Assert.Equal(ParquetVariant.FromJson("[1,2]"), ParquetVariant.FromJson("[1, 2]"));
        Assert.Equal(ParquetVariant.FromJson("[1,2]").GetHashCode(), ParquetVariant.FromJson("[1, 2]").GetHashCode());
        Assert.NotEqual(ParquetVariant.FromJson("[1,2]"), ParquetVariant.FromJson("[2,1]"));
        Assert.True(ParquetVariant.FromJson("1") != ParquetVariant.FromJson("2"));
    }

    [Theory]
    [InlineData(new byte[] { 0x11, 0x02, 0x00, 0x01, 0x02, (byte)'a', (byte)'b' }, new byte[] { 0x02, 0x01, 0x05, 0x00, 0x01, 0x00 }, "key 5")]
    [InlineData(new byte[] { 0x01, 0x00, 0x00 }, new byte[] { 0x03, 0x02, 0x00, 0x01, 0x09, 0x00 }, "bytes")]
    [InlineData(new byte[] { 0x01, 0x00, 0x00 }, new byte[] { 0x40, 0x01 }, "ends before its length")]
    [InlineData(new byte[] { 0x01, 0x00, 0x00 }, new byte[] { 0x40, 0xFF, 0xFF, 0xFF, 0x7F }, "bytes")]
    [InlineData(new byte[] { 0x01, 0x00, 0x00 }, new byte[] { 0xFC }, "type 63")]
    [InlineData(new byte[] { 0x02, 0x00, 0x00 }, new byte[] { 0x00 }, "version 2")]
    [InlineData(new byte[] { 0x01, 0x05, 0x00 }, new byte[] { 0x00 }, "5 keys")]
    [InlineData(new byte[] { 0x01, 0x01, 0x00, 0x01, 0xC3 }, new byte[] { 0x00 }, "UTF-8")]
    [InlineData(new byte[] { 0x01, 0x01, 0x00, 0x02, 0xC3 }, new byte[] { 0x00 }, "outside")]
    [InlineData(new byte[] { 0x01, 0x00, 0x00 }, new byte[] { 0x09, 0xFF, 0xFE }, "UTF-8")]
    public void Bytes_that_are_not_a_variant_are_refused_saying_why(byte[] metadata, byte[] value, string why)
    {
        Assert.Contains(why, Assert.Throws<FormatException>(() => new ParquetVariant(metadata, value)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_not_a_stack_overflow()
    {
        string deep = string.Concat(Enumerable.Repeat("[", 400)) + string.Concat(Enumerable.Repeat("]", 400));
        Assert.Equal(deep, ParquetVariant.FromJson(deep).ToJson());

        // Arrays each holding the next, 600 deep, with four-byte offsets: ten bytes a level.
        byte[] value = [0x00];
        for (int i = 0; i < 600; i++)
        {
            value = [0x0F, 0x01, 0, 0, 0, 0, .. BitConverter.GetBytes(value.Length), .. value];
        }

        Assert.Contains("deep", Assert.Throws<FormatException>(() => new ParquetVariant(NoKeys, value)).Message, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => ParquetVariant.FromJson(string.Concat(Enumerable.Repeat("[", 600))));
    }

    /// <summary>
    /// An object's entries may all point at the same bytes, and nested they multiply: 221 bytes of four entries a level,
    /// twenty levels deep, stand for 10¹² values, which the check once walked one by one (a day's work for one row).
    /// </summary>
    [Fact]
    public void Object_entries_that_share_their_bytes_are_refused_not_walked_once_for_each_path()
    {
        byte[] oneKey = [0x01, 0x01, 0x00, 0x01, (byte)'a'];
        byte[] value = [0x00];
        for (int level = 0; level < 20; level++)
        {
            // An object of four entries, all key 0, all at offset 0 of the level below.
            value = [0x02, 4, 0, 0, 0, 0, 0, 0, 0, 0, (byte)value.Length, .. value];
        }

        FormatException error = Assert.Throws<FormatException>(() => new ParquetVariant(oneKey, value));

        Assert.Contains("share their bytes", error.Message, StringComparison.Ordinal);
        string nested = string.Concat(Enumerable.Range(0, 20).Select(i => $"{{\"k{i}\":[1,\"s\",{{\"x\":null}},")) + "0" + string.Concat(Enumerable.Repeat("]}", 20));
        Assert.Equal(nested, ParquetVariant.FromJson(nested).ToJson());
    }

    [Fact]
    public void Damaged_encodings_are_refused_as_FormatException_or_read_whole_never_anything_else()
    {
        ParquetVariant[] seeds =
        [
            ParquetVariant.FromJson("""{"user":{"name":"ana","tags":["x",7,2.5,true,null]},"n":-70000,"d":12345678901234.5678}"""),
            ParquetVariant.FromJson("[" + string.Join(",", Enumerable.Range(0, 300)) + "]"),
            ParquetVariant.FromJson("\"" + new string('q', 100) + "\""),
            new ParquetVariant(Keys, Object),
        ];
        var random = new Random(20261205);
        int refused = 0;
        for (int round = 0; round < 20_000; round++)
        {
            ParquetVariant seed = seeds[round % seeds.Length];
            byte[] metadata = seed.Metadata.ToArray();
            byte[] value = seed.Value.ToArray();
            byte[] target = round % 3 == 0 ? metadata : value;
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                target[random.Next(target.Length)] = (byte)random.Next(256);
            }

            try
            {
                var variant = new ParquetVariant(metadata, value);

                // What is accepted reads through: every key, element and scalar.
                _ = variant.ToJson();
                _ = variant.Kind;
            }
            catch (FormatException)
            {
                refused++;
            }
        }

        Assert.InRange(refused, 1_000, 19_999);
    }

    private static ParquetVariant Primitive(int type, params byte[] payload) => new(NoKeys, (byte[])[(byte)(type << 2), .. payload]);
}
