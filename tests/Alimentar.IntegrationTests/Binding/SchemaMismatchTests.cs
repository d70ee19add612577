namespace Alimentar.IntegrationTests;

public sealed class SchemaMismatchTests : IAsyncLifetime
{
    private readonly TempFile _file = new();

    public async Task InitializeAsync()
    {
        Measurement[] rows = [new(1, "north", 1.5), new(2, "south", null), new(3, "east", 2.5)];
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(_file.Path, rows, rowGroupSize: 2);
    }

    public Task DisposeAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void A_missing_column_names_the_file_the_column_and_what_the_file_has()
    {
        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<MeasurementMissingColumn>(_file.Path)));

        Assert.Contains(_file.Path, error.Message, StringComparison.Ordinal);
        Assert.Equal("Station", error.ColumnName);
        Assert.Equal("a column named 'Station'", error.Expected);
        Assert.Contains("'Id', 'Sensor', 'Reading'", error.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void An_incompatible_type_names_expected_and_found()
    {
        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<MeasurementWrongType>(_file.Path)));

        Assert.Equal("Sensor", error.ColumnName);
        Assert.Equal("Int32", error.Expected);
        Assert.Equal("BYTE_ARRAY (STRING) REQUIRED", error.Found);
        Assert.Contains("MeasurementWrongType.Sensor", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("found BYTE_ARRAY (STRING) REQUIRED; its values read into string.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_in_a_non_nullable_member_names_file_column_row_group_and_row()
    {
        UnexpectedNullException error = Assert.Throws<UnexpectedNullException>(() => ParquetFiles.ReadAll(new ParquetSource<MeasurementWithoutNulls>(_file.Path)));

        Assert.Equal("Reading", error.ColumnName);
        Assert.Equal(0, error.RowGroup);
        Assert.Equal(1, error.Row);
        Assert.Contains(_file.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("row group 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_optional_column_without_nulls_binds_to_a_non_nullable_member()
    {
        // Impala marks every column OPTIONAL; AllTypes declares them non-nullable and they hold no null.
        List<AllTypes> rows = ParquetFiles.ReadAll(new ParquetSource<AllTypes>(ParquetFiles.Corpus("alltypes_plain.parquet")));

        Assert.Equal(8, rows.Count);
    }

    [Fact]
    public void A_required_column_binds_to_nullable_members_too()
    {
        // Measurement's Id and Sensor were written REQUIRED (non-nullable members); nullable members read them alike.
        List<MeasurementAllNullable> rows = ParquetFiles.ReadAll(new ParquetSource<MeasurementAllNullable>(_file.Path));

        Assert.Equal([new(1, "north", 1.5), new(2, "south", null), new(3, "east", 2.5)], rows);
    }

    [Fact]
    public void A_list_column_for_a_scalar_member_is_a_mismatch()
    {
        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() =>
            ParquetFiles.ReadAll(new ParquetSource<ImpalaList>(ParquetFiles.Corpus("nonnullable.impala.parquet"))));

        Assert.Equal("IntArray", error.ColumnName);
        Assert.Contains("Int_Array/list/element", error.Found, StringComparison.Ordinal);
        Assert.Contains("REPEATED", error.Found, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_columns_matching_one_member_is_an_ambiguity_error()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<TwoSpellings>.WriteFileAsync(file.Path, [new TwoSpellings(1, "a", "b")]);

        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<AmbiguousName>(file.Path)));

        Assert.Contains("'sensorName' and 'SENSORNAME'", error.Found, StringComparison.Ordinal);
    }
}

[StreamingDataset]
public partial record TwoSpellings(
    long Id,
    [property: ParquetColumn("sensorName")] string First,
    [property: ParquetColumn("SENSORNAME")] string Second);
