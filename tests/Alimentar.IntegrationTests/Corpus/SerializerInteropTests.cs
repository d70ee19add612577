using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using Parquet.Serialization.Attributes;

namespace Alimentar.IntegrationTests;

public sealed class SerializerInteropTests
{
    private static readonly Shipment[] Shipments =
    [
        new(1, Weekday.Monday, Weekday.Tuesday, 12.345m, 3, "Lisbon"),
        new(2, Weekday.Wednesday, null, 0.5m, null, "Porto"),
        new(3, Weekday.Tuesday, Weekday.Wednesday, 999_999.999m, 7, "Faro"),
    ];

    [Fact]
    public async Task Enums_and_sized_decimals_round_trip()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Shipment>.WriteFileAsync(file.Path, Shipments);

        Assert.Equal(Shipments, ParquetFiles.ReadAll(new ParquetSource<Shipment>(file.Path)));
    }

    [Fact]
    public async Task The_file_uses_the_physical_and_logical_types_other_tools_expect()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Shipment>.WriteFileAsync(file.Path, Shipments);

        await using ParquetReader reader = await ParquetReader.CreateAsync(file.Path);
        DataField[] fields = reader.Schema.GetDataFields();
        Assert.Equal(["Id", "Day", "Named", "Weight", "Count", "destination_city"], fields.Select(f => f.Name));
        var weight = Assert.IsType<DecimalDataField>(fields[3]);
        Assert.Equal((12, 3), (weight.Precision, weight.Scale));
        Assert.Equal(typeof(ReadOnlyMemory<char>), fields[2].ClrType);
        Assert.True(fields[2].IsNullable);
        Assert.False(fields[0].IsNullable);
    }

    [Fact]
    public async Task ParquetSerializer_reads_what_the_generated_writer_wrote()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Shipment>.WriteFileAsync(file.Path, Shipments);

        IList<ShipmentPoco> read = (await ParquetSerializer.DeserializeAsync<ShipmentPoco>(file.Path)).Data;

        Assert.Equal(Shipments.Select(s => s.Id), read.Select(r => r.Id));
        Assert.Equal(Shipments.Select(s => (int)s.Day), read.Select(r => r.Day));
        Assert.Equal(Shipments.Select(s => s.Named?.ToString()), read.Select(r => r.Named));
        Assert.Equal(Shipments.Select(s => s.Weight), read.Select(r => r.Weight));
        Assert.Equal(Shipments.Select(s => s.Count), read.Select(r => r.Count));
        Assert.Equal(Shipments.Select(s => s.Destination), read.Select(r => r.DestinationCity));
    }

    [Fact]
    public async Task Files_written_by_ParquetSerializer_stream_into_a_generated_type()
    {
        using var file = new TempFile();
        ShipmentPoco[] pocos = [new() { Id = 5, Day = 2, Named = "Monday", Weight = 1.5m, Count = null, DestinationCity = "Braga" }];
        await ParquetSerializer.SerializeAsync(pocos, file.Path);

        Shipment row = Assert.Single(ParquetFiles.ReadAll(new ParquetSource<Shipment>(file.Path)));

        Assert.Equal(new Shipment(5, Weekday.Wednesday, Weekday.Monday, 1.5m, null, "Braga"), row);
    }

    public sealed class ShipmentPoco
    {
        public long Id { get; set; }

        public int Day { get; set; }

        public string? Named { get; set; }

        [ParquetDecimal(12, 3)]
        public decimal Weight { get; set; }

        public int? Count { get; set; }

        [ParquetRequired]
        [System.Text.Json.Serialization.JsonPropertyName("destination_city")]
        public string DestinationCity { get; set; } = string.Empty;
    }
}
