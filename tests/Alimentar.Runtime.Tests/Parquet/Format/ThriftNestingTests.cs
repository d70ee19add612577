
namespace Alimentar.Runtime.Tests;

/// <summary>
/// Every Thrift structure of the format read from bytes that nest collections a million deep: each must fail
/// with <see cref="InvalidDataException"/>. Before the nesting limit covered lists, sets and maps, such bytes
/// overflowed the stack, which ends the process whatever the caller catches.
/// </summary>
public sealed class ThriftNestingTests
{
    // 0x19 is a field header (id + 1, type list) and, read as a list header, one element that is a list.
    private static readonly byte[] NestedLists = Enumerable.Repeat((byte)0x19, 1_000_000).ToArray();

    // 0x1A is a set field; 0x01 0xBB a one-entry map of maps; both must hit the same limit.
    private static readonly byte[] NestedSets = Enumerable.Repeat((byte)0x1A, 1_000_000).ToArray();

    private static readonly byte[] NestedMaps = [0x1B, .. Enumerable.Range(0, 500_000).SelectMany(_ => new byte[] { 0x01, 0xBB })];

    public static TheoryData<string> Inputs => ["lists", "sets", "maps"];

    private static byte[] Input(string name) => name switch
    {
        "lists" => NestedLists,
        "sets" => NestedSets,
        _ => NestedMaps,
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_footer_nesting_collections_without_end_fails_as_invalid_data(string input) =>
        Assert.Throws<InvalidDataException>(() => FooterParser.Parse(Input(input)));

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_page_header_nesting_collections_without_end_fails_as_invalid_data(string input) =>
        Assert.Throws<InvalidDataException>(() => PageHeader.Parse(Input(input)));

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Page_indexes_nesting_collections_without_end_fail_as_invalid_data(string input)
    {
        Assert.Throws<InvalidDataException>(() => OffsetIndex.Parse(Input(input)));
        Assert.Throws<InvalidDataException>(() => ColumnIndex.Parse(Input(input)));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_bloom_filter_header_nesting_collections_without_end_fails_as_invalid_data(string input) =>
        Assert.Throws<InvalidDataException>(() => BloomFilter.Parse(Input(input)));

    [Fact]
    public void Collections_nested_within_the_limit_are_skipped()
    {
        // A footer whose unknown field 7 holds lists nested 20 deep, then its schema (field 2, long form) with one root element.
        byte[] unknown = [0x79, .. Enumerable.Repeat((byte)0x19, 19), 0x15, 0x02];
        byte[] schema = [0x09, 0x04, 0x1C, 0x48, 0x01, (byte)'r', 0x00, 0x00];
        FileMetadata metadata = FooterParser.Parse([.. unknown, .. schema]);
        Assert.Equal(0, metadata.RowCount);
    }
}
