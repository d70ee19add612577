using Alimentar.Parquet.Writing;

namespace Alimentar.Binding;

/// <summary>
/// Binding a nullable member a file lacks (<see cref="ParquetReadOptions.MissingColumnsAsNull"/>): the member is bound,
/// by the usual binders, to the leaves of a schema written for it alone (as Alimentar would write it: a list as a
/// three-level LIST, a record as a group), and each leaf is marked as not in the file. Reading then takes its pages
/// from <see cref="Parquet.Reading.AbsentColumn"/> rather than from the file.
/// </summary>
internal static class MissingMember
{
    /// <summary>The leaf index of a column that is not in the file.</summary>
    public const int NotInFile = -1;

    /// <summary>The member's leaves as a file that holds only it would have them: what the binders bind it to, when the file lacks it.</summary>
    public static LeafColumn[] LeavesOf(RowSchema rowSchema, ColumnDescriptor column) =>
        [.. WriteSchema.Of(new RowSchema(rowSchema.RowTypeName, column)).File.Leaves];

    /// <summary>
    /// A scalar member the file lacks bound to the value its path gives: a leaf not in the file, of the value's own
    /// type, whose pages <see cref="Parquet.Reading.AbsentColumn"/> makes of that value; a null value reads as a missing
    /// member does.
    /// </summary>
    public static BoundColumn PartitionAs(RowSchema rowSchema, ColumnDescriptor column, PartitionValue partition)
    {
        if (partition.IsNull)
        {
            LeafColumn absent = LeavesOf(rowSchema, column)[0];
            return NotInFileAs(new BoundColumn(column, absent, FileValueKinds.Of(absent, column.Type))) with { Partition = partition };
        }

        var leaf = new LeafColumn(NotInFile, new ColumnPath([partition.Key]), partition.Element, MaxDefinitionLevel: 0, MaxRepetitionLevel: 0);
        return new BoundColumn(column, leaf, FileValueKinds.Of(leaf, column.Type)) { Partition = partition };
    }

    /// <summary>A scalar member bound to a column of nulls made in memory, as when the file lacks it.</summary>
    public static BoundColumn Nulls(RowSchema rowSchema, ColumnDescriptor column)
    {
        LeafColumn absent = LeavesOf(rowSchema, column)[0];
        return NotInFileAs(new BoundColumn(column, absent, FileValueKinds.Of(absent, column.Type)));
    }

    /// <summary>
    /// A top-level column annotated UNKNOWN ("always null") that is REQUIRED: arrow-rs writes Arrow's null type in a
    /// non-nullable field so, with a zero stored in every row. The annotation is believed, as DuckDB and Arrow read it:
    /// every value is null. (An OPTIONAL one, as pyarrow writes it, stores nulls already.)
    /// </summary>
    public static bool IsNullByAnnotation(LeafColumn field) =>
        field.Element.LogicalType?.Kind == LogicalTypeKind.Unknown && field.Element.Repetition == Repetition.Required && field.Path.Parts.Count == 1;

    /// <summary><paramref name="column"/>, bound to a leaf of <see cref="LeavesOf"/>, marked as not in the file.</summary>
    public static BoundColumn NotInFileAs(BoundColumn column) => column with { Field = column.Field with { Index = NotInFile } };
}
