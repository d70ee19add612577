namespace Alimentar.IntegrationTests;

public sealed class InteropTests
{
    [Fact]
    public void Alltypes_plain_streams_the_values_Impala_wrote()
    {
        List<AllTypes> rows = ParquetFiles.ReadAll(new ParquetSource<AllTypes>(ParquetFiles.Corpus("alltypes_plain.parquet")));

        Assert.Equal([4, 5, 6, 7, 2, 3, 0, 1], rows.Select(r => r.Id));
        AssertAllTypesValues(rows);
        Assert.Equal("03/01/09", rows[0].DateStringCol);
        Assert.Equal(new DateTime(2009, 3, 1, 0, 0, 0), rows[0].TimestampCol);
    }

    [Fact]
    public void Alltypes_plain_snappy_streams_the_values_Impala_wrote()
    {
        List<AllTypes> rows = ParquetFiles.ReadAll(new ParquetSource<AllTypes>(ParquetFiles.Corpus("alltypes_plain.snappy.parquet")));

        Assert.Equal([6, 7], rows.Select(r => r.Id));
        AssertAllTypesValues(rows);
        Assert.Equal("04/01/09", rows[0].DateStringCol);
    }

    [Fact]
    public void Alltypes_dictionary_streams_the_values_Impala_wrote()
    {
        List<AllTypes> rows = ParquetFiles.ReadAll(new ParquetSource<AllTypes>(ParquetFiles.Corpus("alltypes_dictionary.parquet")));

        Assert.Equal([0, 1], rows.Select(r => r.Id));
        AssertAllTypesValues(rows);
        Assert.Equal("01/01/09", rows[0].DateStringCol);
        Assert.Equal(new DateTime(2009, 1, 1, 0, 0, 0), rows[0].TimestampCol);
        Assert.Equal(new DateTime(2009, 1, 1, 0, 1, 0), rows[1].TimestampCol);
    }

    [Fact]
    public void Nulls_snappy_streams_a_struct_leaf_of_nulls()
    {
        List<StructLeaf> rows = ParquetFiles.ReadAll(new ParquetSource<StructLeaf>(ParquetFiles.Corpus("nulls.snappy.parquet")));

        Assert.Equal(8, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Value));
    }

    [Fact]
    public void Typed_columns_of_a_real_file_match_its_rows()
    {
        var source = new ParquetSource<AllTypes>(ParquetFiles.Corpus("alltypes_plain.parquet")).BatchSize(3);
        using var streaming = new StreamingDataset<AllTypes>(source, bufferSize: 2);

        var counts = new List<int>();
        foreach (Batch<AllTypes> batch in streaming)
        {
            using (batch)
            {
                counts.Add(batch.Count);
                Assert.Equal(batch.Select(r => r.Id), batch.Id.ToArray());
                Assert.Equal(batch.Select(r => r.StringCol), batch.StringCol.ToArray());
            }
        }

        Assert.Equal([3, 3, 2], counts);
    }

    private static void AssertAllTypesValues(List<AllTypes> rows)
    {
        foreach (AllTypes row in rows)
        {
            int odd = row.Id % 2;
            Assert.Equal(odd == 0, row.BoolCol);
            Assert.Equal(odd, row.TinyintCol);
            Assert.Equal(odd, row.SmallintCol);
            Assert.Equal(odd, row.IntCol);
            Assert.Equal(odd * 10L, row.BigintCol);
            Assert.Equal(odd * 1.1f, row.FloatCol);
            Assert.Equal(odd * 10.1, row.DoubleCol);
            Assert.Equal(odd.ToString(System.Globalization.CultureInfo.InvariantCulture), row.StringCol);
        }
    }
}
