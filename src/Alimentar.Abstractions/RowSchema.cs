namespace Alimentar;

/// <summary>The columns of a row type, in declaration order: what the generator knows and the runtime binds.</summary>
public sealed class RowSchema
{
    /// <summary>Creates a schema for <paramref name="rowTypeName"/> with the given columns.</summary>
    /// <param name="rowTypeName">The row type's name, used in error messages.</param>
    /// <param name="columns">The columns, in declaration order.</param>
    public RowSchema(string rowTypeName, params ColumnDescriptor[] columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(rowTypeName);
        ArgumentNullException.ThrowIfNull(columns);
        RowTypeName = rowTypeName;
        Columns = columns;
    }

    /// <summary>The row type's name, used in error messages.</summary>
    public string RowTypeName { get; }

    /// <summary>The columns, in declaration order; a column's index here is its index in every column-wise call.</summary>
    public IReadOnlyList<ColumnDescriptor> Columns { get; }

    /// <inheritdoc />
    public override string ToString() => $"{RowTypeName}({string.Join(", ", Columns)})";
}
