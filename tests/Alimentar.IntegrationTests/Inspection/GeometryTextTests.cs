namespace Alimentar.IntegrationTests;

/// <summary>
/// A scan shows geometries (Parquet's GEOMETRY and GEOGRAPHY columns, GeoParquet's WKB columns) as well-known text:
/// Apache's geospatial test files carry each geometry's WKT beside its WKB, every type in every dimension, empty,
/// null and with NaN coordinates; bytes that are not a geometry stay bytes.
/// </summary>
public sealed class GeometryTextTests
{
    private static string Geospatial(string file) => Path.Combine(TestCorpus.Root, "data", "geospatial", file);

    [Theory]
    [InlineData("geospatial.parquet")]
    [InlineData("geospatial-with-nan.parquet")]
    [InlineData("crs-default.parquet")]
    [InlineData("crs-geography.parquet")]
    [InlineData("crs-srid.parquet")]
    [InlineData("crs-projjson.parquet")]
    public async Task Each_geometry_is_shown_as_the_well_known_text_written_beside_it(string file)
    {
        ParquetScan scan = await ParquetFileInfo.ScanAsync(Geospatial(file), headRows: 10_000);
        int wkt = IndexOf(scan, "wkt");
        int geometry = scan.Columns.Contains("geography") ? IndexOf(scan, "geography") : IndexOf(scan, "geometry");

        // A country's outline is cut to 4,096 characters for display.
        static string? Shown(object? text) => text is string { Length: > 4_096 } outline ? outline[..4_093] + "..." : (string?)text;
        Assert.NotEmpty(scan.Head);
        Assert.All(scan.Head, row => Assert.Equal(Shown(row[wkt]), row[geometry]));
    }

    [Fact]
    public async Task Geometries_are_shown_in_every_type_and_dimension_empty_and_null()
    {
        ParquetScan scan = await ParquetFileInfo.ScanAsync(Geospatial("geospatial.parquet"), headRows: 10_000);
        string[] shown = [.. scan.Head.Select(row => row[IndexOf(scan, "geometry")]).OfType<string>()];
        Assert.Contains(scan.Head, row => row[IndexOf(scan, "geometry")] is null);

        foreach (string type in new[] { "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION" })
        {
            foreach (string dimensions in new[] { " (", " Z (", " M (", " ZM (", " EMPTY", " ZM EMPTY" })
            {
                Assert.Contains(shown, text => text.StartsWith(type + dimensions, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task A_GeoParquet_column_is_shown_as_text_and_bytes_that_are_no_geometry_stay_bytes()
    {
        byte[] point = [1, 1, 0, 0, 0, .. BitConverter.GetBytes(1.5), .. BitConverter.GetBytes(-2.0)];
        byte[] bigEndianLine = [0, 0, 0, 0, 2, 0, 0, 0, 2, .. BigEndian(0), .. BigEndian(1), .. BigEndian(2), .. BigEndian(3)];
        byte[] notGeometry = [1, 9, 9, 9, 9];
        using var file = new TempFile();
        await using (var writer = await ParquetDatasetWriter<Shape>.CreateAsync(file.Path, new ParquetWriteOptions
        {
            Metadata = new Dictionary<string, string> { ["geo"] = """{"version":"1.1.0","primary_column":"Geometry","columns":{"Geometry":{"encoding":"WKB","geometry_types":[]}}}""" },
        }))
        {
            await writer.WriteAsync([new Shape(1, point, point), new Shape(2, bigEndianLine, bigEndianLine), new Shape(3, notGeometry, notGeometry), new Shape(4, null, null)]);
        }

        ParquetScan scan = await ParquetFileInfo.ScanAsync(file.Path, headRows: 10);

        Assert.Equal(["POINT (1.5 -2)", "LINESTRING (0 1, 2 3)", null, null], scan.Head.Select(row => row[1] as string));
        Assert.Equal(notGeometry, scan.Head[2][1]);
        Assert.All(scan.Head.Take(3), row => Assert.IsType<byte[]>(row[2]));
    }

    private static byte[] BigEndian(double value)
    {
        byte[] bytes = BitConverter.GetBytes(value);
        Array.Reverse(bytes);
        return bytes;
    }

    private static int IndexOf(ParquetScan scan, string column) => scan.Columns.ToList().IndexOf(column) is >= 0 and int at ? at : throw new InvalidOperationException($"No column {column}");
}

/// <summary>A shape whose geometry GeoParquet metadata declares, beside an undeclared binary.</summary>
[StreamingDataset]
public partial record Shape(int Id, byte[]? Geometry, byte[]? Other);
