namespace Alimentar.Generators.Model
{
    /// <summary>How a column's values are held in the store, which picks the reader and writer calls.</summary>
    internal enum ColumnStorage
    {
        /// <summary>A non-nullable value type: <c>T[]</c>.</summary>
        Value,
        /// <summary>A nullable value type: <c>T?[]</c>.</summary>
        NullableValue,
        /// <summary>A string: <c>string[]</c> or <c>string?[]</c>.</summary>
        String,
        /// <summary>A byte array: <c>byte[][]</c> or <c>byte[]?[]</c>.</summary>
        Binary,
        /// <summary>A list, held flat in a <c>ListBuffer</c>.</summary>
        List,
        /// <summary>A record (a Parquet group), one object per row: <c>Image?[]</c>.</summary>
        Group,
    }
}
