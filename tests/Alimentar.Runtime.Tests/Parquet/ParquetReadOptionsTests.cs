namespace Alimentar.Runtime.Tests;

/// <summary>A Parquet source's settings: one immutable record, each setting named as the fluent call that sets it.</summary>
public sealed class ParquetReadOptionsTests
{
    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        ParquetReadOptions options = ParquetReadOptions.Default;

        Assert.Equal(16_384, options.BatchSize);
        Assert.Equal(16L << 20, options.BatchBytes);
        Assert.Equal(1, options.DecodeAhead);
        Assert.Equal(Environment.ProcessorCount, options.DecodeThreads);
        Assert.True(options.VerifyPageChecksums);
        Assert.False(options.MissingColumnsAsNull);
        Assert.Same(ColumnBufferPool.Shared, options.BufferPool);
    }

    [Fact]
    public void A_value_out_of_range_is_refused_when_set_naming_the_setting()
    {
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new ParquetReadOptions { BatchSize = 0 }).ParamName);
        Assert.Equal("BatchBytes", Assert.Throws<ArgumentOutOfRangeException>(() => ParquetReadOptions.Default with { BatchBytes = -1 }).ParamName);
        Assert.Equal("DecodeAhead", Assert.Throws<ArgumentOutOfRangeException>(() => new ParquetReadOptions { DecodeAhead = -1 }).ParamName);
        Assert.Equal("DecodeThreads", Assert.Throws<ArgumentOutOfRangeException>(() => new ParquetReadOptions { DecodeThreads = 0 }).ParamName);
        Assert.Equal("BufferPool", Assert.Throws<ArgumentNullException>(() => new ParquetReadOptions { BufferPool = null! }).ParamName);
        Assert.Equal(0, new ParquetReadOptions { DecodeAhead = 0 }.DecodeAhead);
    }

    [Fact]
    public void Each_fluent_call_sets_the_option_of_its_name_and_leaves_the_options_it_replaced_unchanged()
    {
        var pool = new ColumnBufferPool();
        var source = new ParquetSource<Item>(new MemoryStream([1]), "items");
        ParquetReadOptions before = source.Options;

        source.BatchSize(100).BatchBytes(1 << 20).DecodeAhead(3).DecodeThreads(2).VerifyPageChecksums(false).MissingColumnsAsNull().WithBufferPool(pool);

        Assert.Equal(new ParquetReadOptions { BatchSize = 100, BatchBytes = 1 << 20, DecodeAhead = 3, DecodeThreads = 2, VerifyPageChecksums = false, MissingColumnsAsNull = true, BufferPool = pool }, source.Options);
        Assert.Same(ParquetReadOptions.Default, before);
        Assert.Equal(16_384, before.BatchSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.BatchSize(0));
        Assert.Equal(100, source.Options.BatchSize);
    }

    [Fact]
    public void Options_given_whole_replace_every_setting_and_the_old_property_names_still_read_them()
    {
        var options = new ParquetReadOptions { BatchSize = 512, BatchBytes = 4096, DecodeAhead = 0, VerifyPageChecksums = false };
        var source = new ParquetSource<Item>(new MemoryStream([1]), "items").DecodeThreads(3).WithOptions(options);

        Assert.Same(options, source.Options);
        Assert.Throws<ArgumentNullException>(() => source.WithOptions(null!));
#pragma warning disable CS0618 // the old names are kept, obsolete, for programs written against them
        Assert.Equal((512, 4096L, 0, false, ColumnBufferPool.Shared), (source.RowsPerBatch, source.BytesPerBatch, source.BatchesDecodedAhead, source.ChecksPageChecksums, source.Pool));
#pragma warning restore CS0618
    }
}
