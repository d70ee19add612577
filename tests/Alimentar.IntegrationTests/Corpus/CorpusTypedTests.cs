using System.Globalization;

namespace Alimentar.IntegrationTests;

/// <summary>Corpus files from parquet-mr, parquet-cpp and Impala streamed into annotated types, checked against the values they hold.</summary>
public sealed class CorpusTypedTests
{
    [Fact]
    public void Delta_encoded_optional_columns_match_the_expected_csv()
    {
        List<DeltaCustomer> rows = Read<DeltaCustomer>("delta_encoding_optional_column.parquet");
        string?[][] expected = Csv("delta_encoding_optional_column_expect.csv");

        Assert.Equal(expected.Length, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            DeltaCustomer row = rows[i];
            Assert.Equal(expected[i][..9].Select(Long), new[] { row.CCustomerSk, row.CCurrentCdemoSk, row.CCurrentHdemoSk, row.CCurrentAddrSk, row.CFirstShiptoDateSk, row.CFirstSalesDateSk, row.CBirthDay, row.CBirthMonth, row.CBirthYear });
            Assert.Equal(expected[i][9..], new[] { row.CCustomerId, row.CSalutation, row.CFirstName, row.CLastName, row.CPreferredCustFlag, row.CBirthCountry, row.CEmailAddress, row.CLastReviewDate });
        }
    }

    [Fact]
    public void Delta_byte_array_strings_match_the_expected_csv()
    {
        List<DeltaStrings> rows = Read<DeltaStrings>("delta_byte_array.parquet");
        string?[][] expected = Csv("delta_byte_array_expect.csv");

        Assert.Equal(expected.Length, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            DeltaStrings r = rows[i];
            Assert.Equal(expected[i], new[] { r.CCustomerId, r.CSalutation, r.CFirstName, r.CLastName, r.CPreferredCustFlag, r.CBirthCountry, r.CLogin, r.CEmailAddress, r.CLastReviewDate });
        }
    }

    [Fact]
    public void A_projection_of_delta_binary_packed_matches_the_expected_csv()
    {
        List<DeltaPackedProjection> rows = Read<DeltaPackedProjection>("delta_binary_packed.parquet");
        string?[][] expected = Csv("delta_binary_packed_expect.csv");

        Assert.Equal(expected.Length, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(
                [Long(expected[i][0]), Long(expected[i][1]), Long(expected[i][33]), Long(expected[i][64]), Long(expected[i][65])],
                new long?[] { rows[i].Bitwidth0, rows[i].Bitwidth1, rows[i].Bitwidth33, rows[i].Bitwidth64, rows[i].IntValue });
        }
    }

    [Fact]
    public void List_columns_written_by_parquet_cpp_keep_their_nulls()
    {
        List<ListColumns> rows = Read<ListColumns>("list_columns.parquet");

        Assert.Equal(3, rows.Count);
        Assert.Equal([1, 2, 3], rows[0].Int64List);
        Assert.Equal([null, 1], rows[1].Int64List);
        Assert.Equal([4], rows[2].Int64List);
        Assert.Equal(["abc", "efg", "hij"], rows[0].Utf8List);
        Assert.Null(rows[1].Utf8List);
        Assert.Equal(["efg", null, "hij", "xyz"], rows[2].Utf8List);
    }

    [Theory]
    [InlineData("int32_decimal.parquet")]
    [InlineData("int64_decimal.parquet")]
    [InlineData("fixed_length_decimal.parquet")]
    [InlineData("byte_array_decimal.parquet")]
    public void Decimals_in_every_physical_form_hold_one_to_twenty_four(string file)
    {
        List<DecimalValue> rows = Read<DecimalValue>(file);

        Assert.Equal(Enumerable.Range(1, 24).Select(i => (decimal)i), rows.Select(r => r.Value));
    }

    [Theory]
    [InlineData("int32_decimal.parquet")]
    [InlineData("int64_decimal.parquet")]
    [InlineData("fixed_length_decimal.parquet")]
    [InlineData("byte_array_decimal.parquet")]
    public void Decimals_in_every_physical_form_read_into_a_double_member(string file)
    {
        List<DecimalAsDouble> rows = Read<DecimalAsDouble>(file);

        Assert.Equal(Enumerable.Range(1, 24).Select(i => (double)i), rows.Select(r => r.Value));
    }

    [Fact]
    public void Concatenated_gzip_members_decode_to_consecutive_unsigned_values()
    {
        Assert.Equal(Enumerable.Range(1, 513).Select(i => (ulong)i), Read<GzipMembers>("concatenated_gzip_members.parquet").Select(r => r.LongCol));
    }

    [Fact]
    public void Single_nan_holds_one_null_as_its_statistics_say()
    {
        // Despite its name the file's only value is null: its column statistics count one null.
        Assert.Null(Assert.Single(Read<SingleNan>("single_nan.parquet")).Mycol);
    }

    [Fact]
    public void Unannotated_binary_reads_as_bytes()
    {
        Assert.Equal(Enumerable.Range(0, 12).Select(i => new[] { (byte)i }), Read<BinaryFoo>("binary.parquet").Select(r => r.Foo));
    }

    [Fact]
    public void Snappy_and_uncompressed_copies_of_one_file_decode_alike()
    {
        List<TwoInts> snappy = Read<TwoInts>("datapage_v1-snappy-compressed-checksum.parquet");
        List<TwoInts> plain = Read<TwoInts>("datapage_v1-uncompressed-checksum.parquet");

        Assert.Equal(5120, snappy.Count);
        Assert.Equal(plain, snappy);
    }

    private static List<T> Read<T>(string file)
        where T : IStreamingRow<T> =>
        ParquetFiles.ReadAll(new ParquetSource<T>(ParquetFiles.Corpus(file)));

    private static long? Long(string? value) => value is null ? null : long.Parse(value, CultureInfo.InvariantCulture);

    /// <summary>Reads a corpus CSV: quoted or bare fields, an empty field meaning null, the header skipped.</summary>
    private static string?[][] Csv(string file) =>
        File.ReadAllLines(ParquetFiles.Corpus(file)).Skip(1).Where(l => l.Length > 0).Select(ParseLine).ToArray();

    private static string?[] ParseLine(string line)
    {
        var fields = new List<string?>();
        int i = 0;
        while (i <= line.Length)
        {
            if (i < line.Length && line[i] == '"')
            {
                int end = line.IndexOf('"', i + 1);
                fields.Add(line[(i + 1)..end]);
                i = end + 2;
            }
            else
            {
                int end = line.IndexOf(',', i);
                end = end < 0 ? line.Length : end;
                fields.Add(end == i ? null : line[i..end]);
                i = end + 1;
            }
        }

        return fields.ToArray();
    }
}
