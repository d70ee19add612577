using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using Parquet.Serialization.Attributes;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial class SerializerScalars
{
    public bool Flag { get; set; }

    public sbyte Tiny { get; set; }

    public byte UTiny { get; set; }

    public short Small { get; set; }

    public ushort USmall { get; set; }

    public int Medium { get; set; }

    public uint UMedium { get; set; }

    public long Large { get; set; }

    public ulong ULarge { get; set; }

    public float Single { get; set; }

    public double Double { get; set; }

    public decimal Money { get; set; }

    public string? Text { get; set; }

    public byte[]? Bytes { get; set; }

    public DateTime Stamp { get; set; }

    public DateOnly Day { get; set; }

    public TimeOnly Time { get; set; }

    public Guid Key { get; set; }

    public int? MaybeInt { get; set; }

    public DateTime? MaybeStamp { get; set; }

    public Guid? MaybeKey { get; set; }
}

[StreamingDataset]
public partial record SerializerTicks(long Time);

[StreamingDataset]
public partial class SerializerClock
{
    [global::Parquet.Serialization.Attributes.ParquetTimestamp(ParquetTimestampResolution.Microseconds, useLogicalTimestamp: true, isAdjustedToUTC: false)]
    public DateTime Local { get; set; }

    [global::Parquet.Serialization.Attributes.ParquetTimestamp(ParquetTimestampResolution.Microseconds, useLogicalTimestamp: true)]
    public DateTime Instant { get; set; }
}

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
    public async Task Parquet_Nets_timestamp_attribute_writes_the_timestamp_ParquetSerializer_writes_for_it()
    {
        var noon = new DateTime(2024, 7, 1, 12, 0, 0, DateTimeKind.Utc);
        SerializerClock[] rows = [new() { Local = DateTime.SpecifyKind(noon, DateTimeKind.Unspecified), Instant = noon }];
        using var ours = new TempFile();
        using var theirs = new TempFile();
        await ParquetDatasetWriter<SerializerClock>.WriteFileAsync(ours.Path, rows);
        await ParquetSerializer.SerializeAsync(rows, theirs.Path);

        foreach (string path in (string[])[ours.Path, theirs.Path])
        {
            await using ParquetReader reader = await ParquetReader.CreateAsync(path);
            DataField[] fields = reader.Schema.GetDataFields();
            Assert.False(Assert.IsType<DateTimeDataField>(fields[0]).IsAdjustedToUTC);
            Assert.True(Assert.IsType<DateTimeDataField>(fields[1]).IsAdjustedToUTC);
        }

        SerializerClock read = Assert.Single((await ParquetSerializer.DeserializeAsync<SerializerClock>(ours.Path)).Data);
        Assert.Equal(noon.Ticks, read.Local.Ticks);
        Assert.Equal(noon.Ticks, read.Instant.Ticks);
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

    [Fact]
    public async Task Every_scalar_ParquetSerializer_writes_as_a_column_reads_into_its_own_type()
    {
        // Its defaults: INT96 timestamps, DECIMAL(38,18) in sixteen bytes, unsigned and 8/16-bit integers as annotated
        // INT32/INT64, UUID and DATE; strings, byte arrays and nullable values OPTIONAL. (It writes a DateTimeOffset or a
        // TimeSpan as a struct of its properties, which is no scalar column to read one from.) A TimeOnly it stores as
        // .NET ticks under a TIME(MICROS) annotation, which Alimentar, DuckDB and Arrow C++ read as the microseconds
        // the annotation names, ten times the time; a long member reads the ticks stored.
        SerializerScalars[] rows = [.. Enumerable.Range(0, 300).Select(i => new SerializerScalars
        {
            Flag = i % 2 == 0,
            Tiny = (sbyte)((i % 256) - 128),
            UTiny = (byte)i,
            Small = (short)((i * 100) - 15_000),
            USmall = (ushort)(i * 200),
            Medium = (i * 1_000_000) - 150_000_000,
            UMedium = (uint)i * 14_000_000u,
            Large = (i * 30_000_000_000L) - 4_000_000_000_000L,
            ULarge = ulong.MaxValue - (ulong)i,
            Single = (i * 0.5f) - 3,
            Double = i / 7.0,
            Money = (i * 1.25m) - 100,
            Text = i % 5 == 0 ? null : $"t{i}",
            Bytes = i % 7 == 0 ? null : [(byte)i, 1, 2],
            Stamp = new DateTime(1969, 12, 31, 22, 0, 0, DateTimeKind.Utc).AddSeconds(i * 3_600.1234567),
            Day = new DateOnly(1960, 1, 1).AddDays(i * 97),
            Time = new TimeOnly(0, 0).Add(TimeSpan.FromSeconds(i * 201.5)),
            Key = new Guid(i, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
            MaybeInt = i % 3 == 0 ? null : i,
            MaybeStamp = i % 4 == 0 ? null : new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i),
            MaybeKey = i % 5 == 0 ? null : Guid.NewGuid(),
        })];
        using var file = new TempFile();
        await ParquetSerializer.SerializeAsync(rows, file.Path);

        List<SerializerScalars> read = ParquetFiles.ReadAll(new ParquetSource<SerializerScalars>(file.Path));
        List<SerializerTicks> ticks = ParquetFiles.ReadAll(new ParquetSource<SerializerTicks>(file.Path));

        Assert.Contains((await ParquetFileInfo.ReadAsync(file.Path)).Columns, column => column.Type == "INT96");
        Assert.Equal(rows.Select(r => r.Time), ticks.Select(r => new TimeOnly(r.Time)));
        Assert.Equal(rows.Select(r => TimeOnly.FromTimeSpan(TimeSpan.FromTicks(r.Time.Ticks * 10 % TimeSpan.TicksPerDay))), read.Select(r => r.Time));
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(Values(rows[i]), Values(read[i]));
        }
    }

    /// <summary>A row's values, timestamps as ticks (INT96 stores no kind) and decimals compared by value.</summary>
    private static object?[] Values(SerializerScalars r) =>
    [
        r.Flag, r.Tiny, r.UTiny, r.Small, r.USmall, r.Medium, r.UMedium, r.Large, r.ULarge, r.Single, r.Double, r.Money,
        r.Text, r.Bytes, r.Stamp.Ticks, r.Day, r.Key, r.MaybeInt, r.MaybeStamp?.Ticks, r.MaybeKey,
    ];

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
