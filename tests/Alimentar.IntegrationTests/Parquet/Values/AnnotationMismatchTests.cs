using ParquetSharp;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record UnsignedRow(ulong U);

[StreamingDataset]
public partial record SignedRow(long S);

[StreamingDataset]
public partial record TinyRow(sbyte S);

/// <summary>
/// Integer annotations that contradict the physical type: values are read as stored, never with bytes
/// the page did not hold. Buffers are poisoned on return in every test run, so a read of stale pooled
/// memory shows as a wrong number here.
/// </summary>
public sealed class AnnotationMismatchTests
{
    // Thrift IntType { 1: i8 bitWidth, 2: bool isSigned }: field headers 0x13 (i8) and 0x11/0x12 (true/false).
    private static byte[] IntType(int bits, bool signed) => [0x13, (byte)bits, (byte)(signed ? 0x11 : 0x12), 0x00];

    private static void WriteColumn<T>(string path, string name, T[] values)
    {
        using var writer = new ParquetFileWriter(path, [new Column<T>(name)]);
        using RowGroupWriter rowGroup = writer.AppendRowGroup();
        using LogicalColumnWriter<T> column = rowGroup.NextColumn().LogicalWriter<T>();
        column.WriteBatch(values);
    }

    [Fact]
    public void An_INT32_column_annotated_as_a_64_bit_unsigned_integer_reads_its_stored_values()
    {
        using var file = new TempFile();
        uint[] stored = [42, 0, 4_000_000_000, uint.MaxValue, 7];
        WriteColumn(file.Path, "U", stored);
        FooterPatch.Replace(file.Path, IntType(32, signed: false), IntType(64, signed: false));

        for (int pass = 0; pass < 4; pass++)
        {
            Assert.Equal(stored.Select(v => (ulong)v), ParquetFiles.ReadAll(new ParquetSource<UnsignedRow>(file.Path)).Select(r => r.U));
        }
    }

    [Fact]
    public void An_INT64_column_annotated_as_an_8_bit_integer_reads_its_stored_values_exactly()
    {
        using var file = new TempFile();
        long[] stored = [1, -5, 300, long.MinValue, 127];
        WriteColumn(file.Path, "S", stored);
        FooterPatch.Replace(file.Path, IntType(64, signed: true), IntType(8, signed: true));

        Assert.Equal(stored, ParquetFiles.ReadAll(new ParquetSource<SignedRow>(file.Path)).Select(r => r.S));
    }

    [Fact]
    public void A_stored_value_outside_a_narrow_member_fails_naming_column_row_group_and_row()
    {
        using var file = new TempFile();
        WriteColumn(file.Path, "S", new long[] { 1, -5, 300, 2 });
        FooterPatch.Replace(file.Path, IntType(64, signed: true), IntType(8, signed: true));

        ValueOutOfRangeException error = Assert.Throws<ValueOutOfRangeException>(() => ParquetFiles.ReadAll(new ParquetSource<TinyRow>(file.Path)));
        Assert.Equal("S", error.ColumnName);
        Assert.Equal(0, error.RowGroup);
        Assert.Equal(2, error.Row);
    }

    [Fact]
    public void An_INT32_value_outside_its_INT8_annotation_fails_instead_of_wrapping()
    {
        using var file = new TempFile();
        WriteColumn(file.Path, "S", new sbyte[] { 1, -5, 100 });
        // The stored 100 becomes 356: the INT32 page still holds it, but INT(8) cannot.
        byte[] bytes = File.ReadAllBytes(file.Path);
        int at = bytes.AsSpan().IndexOf(new byte[] { 100, 0, 0, 0 });
        bytes[at + 1] = 1;
        File.WriteAllBytes(file.Path, bytes);

        ValueOutOfRangeException error = Assert.Throws<ValueOutOfRangeException>(() => ParquetFiles.ReadAll(new ParquetSource<TinyRow>(file.Path)));
        Assert.Equal(2, error.Row);
    }
}
