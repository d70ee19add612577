using System.Buffers.Binary;
using System.Text;

namespace Alimentar.Runtime.Tests;

/// <summary>
/// Which statistics a filter may prune by, and what it concludes from them: wrong pruning loses rows, so
/// every rule that keeps a row group is checked here on statistics built by hand.
/// </summary>
public sealed class StatisticsJudgeTests
{
    private static BoundColumn Column(PhysicalType physical, ColumnType member, bool nullable = true, LogicalType? logical = null, ConvertedType? converted = null)
    {
        var element = new SchemaElement
        {
            Name = "c",
            Type = physical,
            Repetition = nullable ? Repetition.Optional : Repetition.Required,
            LogicalType = logical,
            ConvertedType = converted,
        };
        var leaf = new LeafColumn(0, new ColumnPath(["c"]), element, nullable ? 1 : 0, 0);
        return new BoundColumn(new ColumnDescriptor("c", "C", member, nullable), leaf, FileValueKinds.Of(leaf));
    }

    private static byte[] Int32(int value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Double(double value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        return bytes;
    }

    private static FilterLeaf Compare(CompareOp op, FilterValue value, FilterDomain domain) =>
        new CompareLeaf(0, "C", op, value) { Domain = domain };

    private static Verdict Judge(FilterNode filter, ValueSummary summary) => StatisticsJudge.Judge(filter, _ => summary);

    [Fact]
    public void Signed_integers_prune_by_the_deprecated_min_and_max()
    {
        BoundColumn column = Column(PhysicalType.Int32, ColumnType.Int32);
        ValueSummary summary = ValueSummary.Of(new ColumnStatistics { LegacyMin = Int32(10), LegacyMax = Int32(20), NullCount = 0 }, column, 100, createdBy: null);

        Assert.False(Judge(Compare(CompareOp.Greater, FilterValue.Integer(20), FilterDomain.Integer), summary).MayPass);
        Assert.True(Judge(Compare(CompareOp.GreaterOrEqual, FilterValue.Integer(20), FilterDomain.Integer), summary).MayPass);
        Assert.False(Judge(Compare(CompareOp.Equal, FilterValue.Integer(9), FilterDomain.Integer), summary).MayPass);
    }

    [Fact]
    public void Strings_and_unsigned_integers_never_prune_by_the_deprecated_min_and_max()
    {
        // Old writers compared bytes as signed: 'é' (0xC3...) sorted before 'a', so these bounds may be wrong.
        BoundColumn text = Column(PhysicalType.ByteArray, ColumnType.String, logical: new LogicalType(LogicalTypeKind.String));
        ValueSummary strings = ValueSummary.Of(new ColumnStatistics { LegacyMin = Encoding.UTF8.GetBytes("é"), LegacyMax = Encoding.UTF8.GetBytes("z") }, text, 100, createdBy: null);
        Assert.True(Judge(Compare(CompareOp.Equal, FilterValue.String("a"), FilterDomain.Text), strings).MayPass);

        BoundColumn unsigned = Column(PhysicalType.Int32, ColumnType.UInt32, logical: new LogicalType(LogicalTypeKind.Integer, BitWidth: 32, IsSigned: false));
        ValueSummary numbers = ValueSummary.Of(new ColumnStatistics { LegacyMin = Int32(-1), LegacyMax = Int32(5) }, unsigned, 100, createdBy: null);
        Assert.True(Judge(Compare(CompareOp.Greater, FilterValue.Integer(100), FilterDomain.Integer), numbers).MayPass);

        // min_value/max_value are in the type's own (unsigned) order, so they do prune.
        ValueSummary ordered = ValueSummary.Of(new ColumnStatistics { MinValue = Int32(1), MaxValue = Int32(5) }, unsigned, 100, createdBy: null);
        Assert.False(Judge(Compare(CompareOp.Greater, FilterValue.Integer(100), FilterDomain.Integer), ordered).MayPass);
    }

    [Fact]
    public void Bounds_holding_NaN_say_nothing_and_NaN_rows_may_hide_outside_any_bounds()
    {
        BoundColumn column = Column(PhysicalType.Double, ColumnType.Double);
        ValueSummary withNaN = ValueSummary.Of(new ColumnStatistics { MinValue = Double(double.NaN), MaxValue = Double(5), NullCount = 0 }, column, 100, createdBy: null);
        Assert.True(Judge(Compare(CompareOp.Greater, FilterValue.Floating(100), FilterDomain.Floating), withNaN).MayPass);

        // 1..5 and no nulls: "!= 3" may pass, and "!(x < 10)" may pass too, since a NaN row fails "x < 10".
        ValueSummary bounded = ValueSummary.Of(new ColumnStatistics { MinValue = Double(1), MaxValue = Double(5), NullCount = 0 }, column, 100, createdBy: null);
        Assert.True(Judge(new NotNode(Compare(CompareOp.Less, FilterValue.Floating(10), FilterDomain.Floating)), bounded).MayPass);
        Assert.False(Judge(Compare(CompareOp.Greater, FilterValue.Floating(5), FilterDomain.Floating), bounded).MayPass);
    }

    [Fact]
    public void Negated_comparisons_keep_row_groups_holding_nulls()
    {
        BoundColumn column = Column(PhysicalType.Int32, ColumnType.Int32);
        ValueSummary noNulls = ValueSummary.Of(new ColumnStatistics { MinValue = Int32(1), MaxValue = Int32(5), NullCount = 0 }, column, 100, createdBy: null);
        ValueSummary someNulls = noNulls with { NullCount = 3 };

        FilterNode notBelowTen = new NotNode(Compare(CompareOp.Less, FilterValue.Integer(10), FilterDomain.Integer));
        Assert.False(Judge(notBelowTen, noNulls).MayPass);
        Assert.True(Judge(notBelowTen, someNulls).MayPass); // a null fails "x < 10", so passes its negation
    }

    [Fact]
    public void Truncated_string_bounds_never_prove_every_value_equal()
    {
        // A writer may cut long bounds: "abc" to "abc" can hold "abcdef".
        BoundColumn text = Column(PhysicalType.ByteArray, ColumnType.String, nullable: false, logical: new LogicalType(LogicalTypeKind.String));
        ValueSummary summary = ValueSummary.Of(new ColumnStatistics { MinValue = Encoding.UTF8.GetBytes("abc"), MaxValue = Encoding.UTF8.GetBytes("abc"), NullCount = 0 }, text, 100, createdBy: null);

        Assert.True(Judge(Compare(CompareOp.NotEqual, FilterValue.String("abc"), FilterDomain.Text), summary).MayPass);
    }

    [Fact]
    public void Strings_compare_with_bounds_in_UTF8_byte_order()
    {
        // U+FFFD sorts before U+1F600 in UTF-8 bytes, after its surrogates in UTF-16.
        BoundColumn text = Column(PhysicalType.ByteArray, ColumnType.String, logical: new LogicalType(LogicalTypeKind.String));
        ValueSummary summary = ValueSummary.Of(new ColumnStatistics { MinValue = Encoding.UTF8.GetBytes("\uFFFD"), MaxValue = Encoding.UTF8.GetBytes("\U0001F600"), NullCount = 0 }, text, 100, createdBy: null);

        Assert.True(Judge(Compare(CompareOp.Equal, FilterValue.String("\U0001F000"), FilterDomain.Text), summary).MayPass);
        Assert.False(Judge(Compare(CompareOp.Equal, FilterValue.String("a"), FilterDomain.Text), summary).MayPass);
    }

    [Fact]
    public void Parquet_Net_timestamp_bounds_in_floored_milliseconds_are_widened_to_what_they_stand_for()
    {
        BoundColumn stamp = Column(PhysicalType.Int64, ColumnType.DateTime, logical: new LogicalType(LogicalTypeKind.Timestamp, IsAdjustedToUtc: true, Unit: TimeUnit.Micros));
        var statistics = new ColumnStatistics { MinValue = BitConverter.GetBytes(1_577_836_800_000L), MaxValue = BitConverter.GetBytes(1_577_836_900_000L) };
        DateTime epochMillis = DateTime.UnixEpoch.AddMilliseconds(1_577_836_800_000);

        ValueSummary fromParquetNet = ValueSummary.Of(statistics, stamp, 10, createdBy: "Parquet.Net version 6.1.0 (build c179d97)");
        Assert.Equal(epochMillis, fromParquetNet.Min);
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(1_577_836_900_000).AddTicks(9_990), fromParquetNet.Max);

        // Another Parquet.Net version may have fixed it, or not: its timestamp bounds are not used.
        Assert.Null(ValueSummary.Of(statistics, stamp, 10, createdBy: "Parquet.Net version 5.0.1").Min);

        // Other writers' bounds are microseconds, as the type says.
        Assert.Equal(DateTime.UnixEpoch.AddTicks(15_778_368_000_000L), ValueSummary.Of(statistics, stamp, 10, createdBy: "parquet-cpp-arrow version 21.0.0").Min);
    }

    [Fact]
    public void A_Bloom_filter_says_absent_only_for_values_it_does_not_hold()
    {
        // One 32-byte block with every bit set holds everything; all clear holds nothing.
        Assert.True(new BloomFilter(Enumerable.Repeat((byte)0xFF, 32).ToArray()).MayContain("x"u8));
        Assert.False(new BloomFilter(new byte[32]).MayContain("x"u8));
    }
}
