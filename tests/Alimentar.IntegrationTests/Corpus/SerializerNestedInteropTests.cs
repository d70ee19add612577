using Parquet.Serialization;
using Parquet.Serialization.Attributes;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record Consignment(
    long Id,
    string? Customer,
    Destination? ShipTo,
    List<Parcel>? Parcels,
    List<string>? Tags,
    Dictionary<string, int>? Counts,
    List<List<int>>? Grid,
    double? Discount);

public sealed record Destination(string? City, int? Zip, List<string?>? Lines);

public sealed record Parcel(string? Sku, int Quantity, double? Weight);

[StreamingDataset]
public partial record RepeatedIds(long Id, int[] Ids, List<string> Names);

/// <summary>
/// Nested rows (a record, a list of records, lists of strings and of lists, a map, nulls and empties at every level)
/// both ways between Parquet.Net's reflection-based <c>ParquetSerializer</c>, which the users moving to Alimentar wrote
/// their files with and may still read them with, and the generated reader and writer. A <c>List&lt;string&gt;</c>
/// member is written with REQUIRED elements, which Parquet.Net reads into a member marked
/// <c>[ParquetListElementRequired]</c> and refuses otherwise.
/// </summary>
public sealed class SerializerNestedInteropTests
{
    private static readonly Consignment[] Consignments = [.. Enumerable.Range(0, 500).Select(Make)];

    [Fact]
    public async Task Nested_rows_ParquetSerializer_wrote_stream_into_a_generated_type()
    {
        using var file = new TempFile();
        await ParquetSerializer.SerializeAsync(Consignments.Select(ToPoco), file.Path, new global::Parquet.ParquetOptions { RowGroupSize = 120 });

        List<Consignment> rows = ParquetFiles.ReadAll(new ParquetSource<Consignment>(file.Path).BatchSize(50));

        AssertSame(Consignments, rows);
    }

    [Fact]
    public async Task ParquetSerializer_reads_the_nested_rows_the_generated_writer_wrote()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Consignment>.WriteFileAsync(file.Path, Consignments);

        IList<ConsignmentPoco> read = (await ParquetSerializer.DeserializeAsync<ConsignmentPoco>(file.Path)).Data;

        AssertSame([.. Consignments.Select(AsParquetNetReadsIt)], read.Select(FromPoco));
    }

    [Fact]
    public async Task Lists_ParquetSerializer_writes_as_bare_repeated_fields_stream_into_list_members()
    {
        // [ParquetSimpleRepeatable]: a REPEATED leaf with no LIST group around it, the layout of the oldest writers,
        // in which an empty list and a missing one are the same (no value at all).
        RepeatedPoco[] pocos = [.. Enumerable.Range(0, 300).Select(i => new RepeatedPoco
        {
            Id = i,
            Ids = [.. Enumerable.Range(0, i % 4).Select(j => (i * 10) + j)],
            Names = [.. Enumerable.Range(0, i % 3).Select(j => $"n{i}-{j}")],
        })];
        using var file = new TempFile();
        await ParquetSerializer.SerializeAsync(pocos, file.Path);

        List<RepeatedIds> rows = ParquetFiles.ReadAll(new ParquetSource<RepeatedIds>(file.Path));

        Assert.Equal(["Id", "Ids", "Names"], (await ParquetFileInfo.ReadAsync(file.Path)).Columns.Select(column => column.Path));
        Assert.Equal(pocos.Select(p => p.Ids), rows.Select(r => r.Ids.ToList()));
        Assert.Equal(pocos.Select(p => p.Names), rows.Select(r => r.Names));
    }

    public sealed class RepeatedPoco
    {
        public long Id { get; set; }

        [ParquetSimpleRepeatable]
        public List<int> Ids { get; set; } = [];

        [ParquetSimpleRepeatable]
        public List<string> Names { get; set; } = [];
    }

    private static Consignment Make(int i) => new(
        i,
        i % 7 == 0 ? null : $"customer {i}",
        (i % 5) switch
        {
            0 => null,
            1 => new Destination(null, null, null),
            _ => new Destination($"city {i % 13}", i % 3 == 0 ? null : 1000 + i, i % 4 == 0 ? [] : [.. Enumerable.Range(0, i % 3).Select(j => j == 1 && i % 2 == 0 ? null : $"line {j}")]),
        },
        i % 6 == 0 ? null : [.. Enumerable.Range(0, i % 4).Select(j => new Parcel(j == 2 ? null : $"sku-{i}-{j}", j + 1, (i + j) % 3 == 0 ? null : (i * 0.5) + j))],
        i % 9 == 0 ? null : [.. Enumerable.Range(0, i % 5).Select(j => $"t{(i + j) % 11}")],
        i % 8 == 0 ? null : Enumerable.Range(0, i % 4).ToDictionary(j => $"k{j}", j => (i * 10) + j),
        i % 10 == 0 ? null : [.. Enumerable.Range(0, i % 3).Select(j => j == 1 ? new List<int>() : [.. Enumerable.Range(0, (i + j) % 4).Select(k => (i * 100) + k)])],
        i % 4 == 1 ? null : i / 16.0);

    /// <summary>
    /// A row as Parquet.Net 6.1 reads it back from any writer's file (its own too): a list of nullable strings loses
    /// its null elements, and one left empty reads as null.
    /// </summary>
    private static Consignment AsParquetNetReadsIt(Consignment c) => c with
    {
        ShipTo = c.ShipTo is { } d ? d with { Lines = AsParquetNetReadsIt(d.Lines) } : null,
    };

    private static List<string?>? AsParquetNetReadsIt(List<string?>? strings) =>
        strings?.OfType<string>().ToList<string?>() is { Count: > 0 } kept ? kept : null;

    private static void AssertSame(IReadOnlyList<Consignment> expected, IEnumerable<Consignment> actual)
    {
        string[] described = [.. actual.Select(Describe)];
        Assert.Equal(expected.Count, described.Length);
        for (int i = 0; i < described.Length; i++)
        {
            Assert.True(Describe(expected[i]) == described[i], $"row {i}\nexpected {Describe(expected[i])}\nread     {described[i]}");
        }
    }

    /// <summary>Every value of a row, lists and maps written out, so that rows compare by what they hold.</summary>
    private static string Describe(Consignment c) => System.Text.Json.JsonSerializer.Serialize(new
    {
        c.Id,
        c.Customer,
        c.ShipTo,
        c.Parcels,
        c.Tags,
        Counts = c.Counts?.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
        c.Grid,
        c.Discount,
    });

    private static ConsignmentPoco ToPoco(Consignment c) => new()
    {
        Id = c.Id,
        Customer = c.Customer,
        ShipTo = c.ShipTo is { } d ? new DestinationPoco { City = d.City, Zip = d.Zip, Lines = d.Lines } : null,
        Parcels = c.Parcels?.Select(p => new ParcelPoco { Sku = p.Sku, Quantity = p.Quantity, Weight = p.Weight }).ToList(),
        Tags = c.Tags,
        Counts = c.Counts,
        Grid = c.Grid,
        Discount = c.Discount,
    };

    private static Consignment FromPoco(ConsignmentPoco p) => new(
        p.Id,
        p.Customer,
        p.ShipTo is { } d ? new Destination(d.City, d.Zip, d.Lines) : null,
        p.Parcels?.Select(x => new Parcel(x.Sku, x.Quantity, x.Weight)).ToList(),
        p.Tags,
        p.Counts,
        p.Grid,
        p.Discount);

    public sealed class ConsignmentPoco
    {
        public long Id { get; set; }

        public string? Customer { get; set; }

        public DestinationPoco? ShipTo { get; set; }

        public List<ParcelPoco>? Parcels { get; set; }

        [ParquetListElementRequired]
        public List<string>? Tags { get; set; }

        public Dictionary<string, int>? Counts { get; set; }

        public List<List<int>>? Grid { get; set; }

        public double? Discount { get; set; }
    }

    public sealed class DestinationPoco
    {
        public string? City { get; set; }

        public int? Zip { get; set; }

        public List<string?>? Lines { get; set; }
    }

    public sealed class ParcelPoco
    {
        public string? Sku { get; set; }

        public int Quantity { get; set; }

        public double? Weight { get; set; }
    }
}
