using Alimentar.Errors;

namespace Alimentar.Runtime.Tests;

public sealed class ErrorLocationTests
{
    [Fact]
    public void Every_error_says_where_it_lies_through_the_base_type_whatever_its_kind()
    {
        var schema = new RowSchema("Row", [new ColumnDescriptor("x", "X", ColumnType.Int32, IsNullable: false)]);
        AlimentarException[] errors =
        [
            AlimentarThrow.Corrupt("f.parquet", "bad page", rowGroup: 2, column: "x"),
            AlimentarThrow.Unsupported("f.parquet", "encrypted", rowGroup: 2, column: "x"),
            AlimentarThrow.UnexpectedNull("f.parquet", 2, "x", 7, "is null", "Row.X", ColumnType.Int32),
            AlimentarThrow.Misfit("f.parquet", "'f.parquet', row group 2, column 'x'", "x", 2, 7, "Row.X (SByte)"),
            AlimentarThrow.Mismatch("f.parquet", schema, schema.Columns[0], "Int32", "a string"),
        ];

        Assert.All(errors, error => Assert.Equal(("f.parquet", "x"), (error.FilePath, error.ColumnName)));
        Assert.All(errors[..4], error => Assert.Equal(2, error.RowGroup));
        Assert.All(errors[2..4], error => Assert.Equal(7, error.Row));
        Assert.Null(errors[4].Row);
    }
}
