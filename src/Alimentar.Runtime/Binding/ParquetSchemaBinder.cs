
namespace Alimentar.Binding;

/// <summary>Binds a row type's columns to a file's columns once per file, or explains why it cannot.</summary>
internal static class ParquetSchemaBinder
{
    /// <summary>
    /// The row type's columns bound in order, then a column per record field a filter reads
    /// (<paramref name="nestedFilterPaths"/>, in that order), then the records' further leaves.
    /// </summary>
    /// <param name="fileSchema">The file's schema.</param>
    /// <param name="rowSchema">The row type's columns.</param>
    /// <param name="fileName">The file, for messages.</param>
    /// <param name="nestedFilterPaths">Record fields a filter reads.</param>
    /// <param name="missingAsNull">Whether a nullable member the file lacks is bound to a column of nulls (<see cref="MissingMember"/>).</param>
    /// <param name="partitions">The file's partition values as its table lists them; null to read them from its path.</param>
    public static BoundColumn[] Bind(FileSchema fileSchema, RowSchema rowSchema, string fileName, IReadOnlyList<string>? nestedFilterPaths = null, bool missingAsNull = false, IReadOnlyList<(string Key, string Value)>? partitions = null)
    {
        nestedFilterPaths ??= [];
        LeafColumn[] fileFields = fileSchema.Leaves.ToArray();
        string[] names = Array.ConvertAll(fileFields, f => f.Path.ToString());

        var bound = new BoundColumn[rowSchema.Columns.Count];
        var recordLeaves = new List<BoundColumn>();
        for (int i = 0; i < bound.Length; i++)
        {
            ColumnDescriptor column = rowSchema.Columns[i];
            if (missingAsNull && column.IsNullable && (column.Fields is not null || column.IsList) && IsNotInFile(fileFields, column))
            {
                bound[i] = BindNotInFile(rowSchema, column, i, bound.Length + nestedFilterPaths.Count, recordLeaves, fileName);
                continue;
            }

            if (column.Type == ColumnType.Variant)
            {
                bound[i] = missingAsNull && column.IsNullable && !column.IsList && IsNotInFile(fileFields, column)
                    ? VariantBinder.NotInFile(column, record => BindNotInFile(rowSchema, record, i, bound.Length + nestedFilterPaths.Count, recordLeaves, fileName))
                    : VariantBinder.Bind(fileFields, rowSchema, column, i, bound.Length + nestedFilterPaths.Count, recordLeaves, fileName);
                continue;
            }

            if (column.Fields is not null)
            {
                bound[i] = RecordBinder.Bind(fileFields, rowSchema, column, i, bound.Length + nestedFilterPaths.Count, recordLeaves, fileName, missingAsNull);
                continue;
            }

            if (column.IsList)
            {
                bound[i] = BindList(fileFields, names, rowSchema, column, fileName);
                continue;
            }

            int match = ColumnNameMatcher.Find(column, names, both => Mismatch(fileName, rowSchema, column,
                "one column", $"two columns that both match: {both}; name one with [ParquetColumn]"));
            if (match < 0 && HivePartition.Find(column, rowSchema, fileName, partitions) is { } partition)
            {
                bound[i] = MissingMember.PartitionAs(rowSchema, column, partition);
                continue;
            }

            if (match < 0 && Array.FindIndex(fileFields, f => ColumnNameMatcher.Find(column, [f.Path.FirstPart], _ => new InvalidOperationException()) == 0) is var nested and >= 0)
            {
                throw Mismatch(fileName, rowSchema, column, Describe(column), $"'{names[nested]}', a nested or repeated column {Describe(fileFields[nested])}; bind a leaf by its path, e.g. [ParquetColumn(\"{names[nested].Replace('/', '.')}\")]");
            }

            if (match < 0 && missingAsNull && column.IsNullable)
            {
                bound[i] = MissingMember.Nulls(rowSchema, column);
                continue;
            }

            if (match < 0)
            {
                throw Mismatch(fileName, rowSchema, column, $"a column named '{column.Name}'",
                    $"no such column; the file has {string.Join(", ", names.Select(n => $"'{n}'"))}"
                    + (missingAsNull ? "; a member that is not nullable cannot be read as null" : string.Empty));
            }

            LeafColumn field = fileFields[match];
            if (field.MaxRepetitionLevel > 0)
            {
                throw Mismatch(fileName, rowSchema, column, Describe(column), $"a repeated (list) column {Describe(field)}");
            }

            if (MissingMember.IsNullByAnnotation(field))
            {
                bound[i] = column.IsNullable
                    ? MissingMember.Nulls(rowSchema, column)
                    : throw Mismatch(fileName, rowSchema, column, Describe(column), $"{Describe(field)}, whose every value is null by its annotation; declare the member nullable");
                continue;
            }

            FileValueKind kind = FileValueKinds.Of(field, column.Type);
            if (!FileValueKinds.CanConvert(kind, column.Type))
            {
                throw TypeMismatch(fileName, rowSchema, column, Describe(column), Describe(field), field);
            }

            bound[i] = new BoundColumn(column, field, kind);
        }

        BoundColumn[] all = [.. bound, .. new BoundColumn[nestedFilterPaths.Count], .. recordLeaves];
        for (int i = 0; i < nestedFilterPaths.Count; i++)
        {
            all[bound.Length + i] = FilterLeaf(all, rowSchema, nestedFilterPaths[i], fileName);
        }

        return all;
    }

    /// <summary>Whether no top-level node of the file bears the member's name (a member named by a nested path is never taken as missing).</summary>
    private static bool IsNotInFile(LeafColumn[] fileFields, ColumnDescriptor column) =>
        !column.Name.Contains('.', StringComparison.Ordinal) && !column.Name.Contains('/', StringComparison.Ordinal)
        && Array.TrueForAll(fileFields, f => ColumnNameMatcher.Find(column, [f.Path.FirstPart], _ => new InvalidOperationException()) < 0);

    /// <summary>
    /// A list, map or record member the file lacks, bound by the usual binders to a schema written for it alone, every
    /// leaf marked as not in the file (<see cref="MissingMember"/>): its record leaves take their places among the extra
    /// columns as a present member's would.
    /// </summary>
    private static BoundColumn BindNotInFile(RowSchema rowSchema, ColumnDescriptor column, int index, int nextColumn, List<BoundColumn> recordLeaves, string fileName)
    {
        LeafColumn[] leaves = MissingMember.LeavesOf(rowSchema, column);
        int before = recordLeaves.Count;
        BoundColumn member = column.Fields is not null
            ? RecordBinder.Bind(leaves, rowSchema, column, index, nextColumn, recordLeaves, fileName)
            : BindList(leaves, Array.ConvertAll(leaves, f => f.Path.ToString()), rowSchema, column, fileName);
        for (int leaf = before; leaf < recordLeaves.Count; leaf++)
        {
            recordLeaves[leaf] = MissingMember.NotInFileAs(recordLeaves[leaf]);
        }

        return MissingMember.NotInFileAs(member);
    }

    /// <summary>
    /// A second binding of the record field at <paramref name="path"/> (<c>Meta.Year</c>, outside any list), for a
    /// filter to decode on a cursor of its own while the record reads the same leaf for the rows that pass.
    /// </summary>
    private static BoundColumn FilterLeaf(BoundColumn[] all, RowSchema rowSchema, string path, string fileName)
    {
        string member = path[..path.IndexOf('.', StringComparison.Ordinal)];
        int column = Enumerable.Range(0, rowSchema.Columns.Count).First(c => rowSchema.Columns[c].MemberName == member);
        RecordBinding record = all[column].Record!;
        RecordNode? node = record.Nodes.FirstOrDefault(n => n.Kind == RecordNodeKind.Leaf && n.Name == path);
        if (node is null || node.Depth > 0)
        {
            throw Mismatch(fileName, rowSchema, rowSchema.Columns[column], $"a value outside any list at {path}, which the filter compares", "a list there");
        }

        BoundColumn leaf = all[record.LeafColumns[node.Leaf]];
        return new BoundColumn(leaf.LeafDescriptor, leaf.Field, leaf.FileKind);
    }

    /// <summary>
    /// Binds a list member: by name to a list whose elements are values (the spec's list forms, legacy ones
    /// included), or, named by its whole path with [ParquetColumn], to one field of a list of groups (the
    /// field's value for each element). A list of groups or a map named by its own name is a mismatch naming
    /// both shapes, never a silent pick of its first field.
    /// </summary>
    private static BoundColumn BindList(LeafColumn[] fileFields, string[] names, RowSchema rowSchema, ColumnDescriptor column, string fileName)
    {
        LeafColumn? field = null;
        if (column.HasExplicitName && ColumnNameMatcher.Find(column, names, _ => new InvalidOperationException()) is var leaf and >= 0
            && fileFields[leaf].List is not null)
        {
            field = fileFields[leaf];
        }
        else if (column.ListDepth > 1)
        {
            field = BindNestedList(fileFields, names, rowSchema, column, fileName);
        }
        else
        {
            ColumnPath[] lists = fileFields.Where(f => f.List is not null).Select(f => f.List!.Path).DistinctBy(p => p.ToString()).ToArray();
            int match = ColumnNameMatcher.Find(column, Array.ConvertAll(lists, p => p.ToString()), both => Mismatch(fileName, rowSchema, column,
                "one list column", $"two list columns that both match: {both}; name one with [ParquetColumn]"));
            if (match < 0)
            {
                throw NoList(fileFields, names, rowSchema, column, fileName);
            }

            LeafColumn[] members = fileFields.Where(f => f.List?.Path.ToString() == lists[match].ToString()).ToArray();
            if (members is not [{ List.ElementIsLeaf: true } single])
            {
                string fields = string.Join(", ", members.Select(m => $"'{m.Path}'"));
                throw Mismatch(fileName, rowSchema, column, Describe(column),
                    $"'{lists[match]}', {members[0].List} ({fields}); bind one field by its path, e.g. [ParquetColumn(\"{members[0].Path.ToString().Replace('/', '.')}\")]");
            }

            field = single;
        }

        FileValueKind kind = FileValueKinds.Of(field, column.Type);
        if (!FileValueKinds.CanConvert(kind, column.Type) || kind == FileValueKind.Decimal && column.Type == ColumnType.String)
        {
            throw TypeMismatch(fileName, rowSchema, column, Describe(column), Describe(field), field);
        }

        return new BoundColumn(column, field, kind);
    }

    /// <summary>
    /// A list of lists binds by the outermost list's name to a leaf lying in exactly as many lists, each list's element
    /// being the next list (any of the spec's list forms at each depth) and the innermost one's the value.
    /// </summary>
    private static LeafColumn BindNestedList(LeafColumn[] fileFields, string[] names, RowSchema rowSchema, ColumnDescriptor column, string fileName)
    {
        ColumnPath[] lists = fileFields.Where(f => f.Lists.Count > 0).Select(f => f.Lists[0].Shape.Path).DistinctBy(p => p.ToString()).ToArray();
        int match = ColumnNameMatcher.Find(column, Array.ConvertAll(lists, p => p.ToString()), both => Mismatch(fileName, rowSchema, column,
            "one list column", $"two list columns that both match: {both}; name one with [ParquetColumn]"));
        if (match < 0)
        {
            throw NoList(fileFields, names, rowSchema, column, fileName);
        }

        LeafColumn[] members = fileFields.Where(f => f.Lists.Count > 0 && f.Lists[0].Shape.Path.ToString() == lists[match].ToString()).ToArray();
        if (members is [{ } single] && single.Lists.Count == column.ListDepth && single.Lists.All(l => l.ElementIsSingle))
        {
            return single;
        }

        string found = members.Length == 1
            ? $"'{lists[match]}', {ShapeOf(members[0])}"
            : $"'{lists[match]}', a list of groups ({string.Join(", ", members.Select(m => $"'{m.Path}'"))})";
        throw Mismatch(fileName, rowSchema, column, Describe(column), found);

        static string ShapeOf(LeafColumn leaf) => leaf.Lists.All(l => l.ElementIsSingle)
            ? $"values {leaf.Lists.Count} list{(leaf.Lists.Count == 1 ? string.Empty : "s")} deep: {Describe(leaf)}"
            : $"lists holding {string.Join(" in ", leaf.Lists.Where(l => !l.ElementIsSingle).Select(l => l.Shape.IsMap ? "a map" : "groups"))}";
    }

    private static SchemaMismatchException NoList(LeafColumn[] fileFields, string[] names, RowSchema rowSchema, ColumnDescriptor column, string fileName)
    {
        int scalar = ColumnNameMatcher.Find(column, names, _ => new InvalidOperationException());
        if (scalar >= 0)
        {
            return Mismatch(fileName, rowSchema, column, Describe(column), $"'{names[scalar]}', a column that is not a one-level list: {Describe(fileFields[scalar])}");
        }

        int nested = Array.FindIndex(fileFields, f => f.MaxRepetitionLevel > 1 && ColumnNameMatcher.Find(column, [f.Path.FirstPart], _ => new InvalidOperationException()) == 0);
        return nested >= 0
            ? Mismatch(fileName, rowSchema, column, Describe(column), $"'{names[nested]}', a column nested in {fileFields[nested].MaxRepetitionLevel} lists")
            : Mismatch(fileName, rowSchema, column, $"a list column named '{column.Name}'", $"no such list; the file has {string.Join(", ", names.Select(n => $"'{n}'"))}");
    }

    /// <summary>Describes a file column as a Parquet user reads it: physical type, annotation, repetition.</summary>
    public static string Describe(LeafColumn field)
    {
        SchemaElement element = field.Element;
        string physical = element.Type switch
        {
            PhysicalType.FixedLenByteArray => $"FIXED_LEN_BYTE_ARRAY({element.TypeLength})",
            { } type => ToUpperSnake(type.ToString()),
            null => "GROUP",
        };
        string? annotation = element.LogicalType is { Kind: not LogicalTypeKind.None } logical
            ? logical.ToString()
            : element.ConvertedType is { } converted ? ToUpperSnake(converted.ToString()) : null;
        string repetition = field.MaxRepetitionLevel > 0 ? "REPEATED" : field.MaxDefinitionLevel > 0 ? "OPTIONAL" : "REQUIRED";
        return annotation is null ? $"{physical} {repetition}" : $"{physical} ({annotation}) {repetition}";
    }

    /// <summary>Int32 → INT32, FixedLenByteArray → FIXED_LEN_BYTE_ARRAY, TimestampMicros → TIMESTAMP_MICROS.</summary>
    private static string ToUpperSnake(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsDigit(name[i - 1]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }

    internal static string Describe(ColumnDescriptor column) => column.Fields is not null
        ? $"{(column.IsList ? "a list of records" : "a record")} ({string.Join(", ", column.Fields.Select(f => f.Name))})"
        : column.IsList
        ? $"{string.Concat(Enumerable.Repeat("a list of ", column.ListDepth))}{column.Type}{(column.ElementIsNullable ? "?" : string.Empty)}"
        : $"{column.Type}{(column.IsNullable ? "?" : string.Empty)}";

    /// <summary>
    /// A member whose type cannot hold the column's values, saying which types can: the one the values are (what
    /// <c>alimentar scaffold</c> proposes), and for a DECIMAL also <see cref="double"/> and <see cref="float"/>, which features want, and
    /// <see cref="string"/>, which holds any precision exactly.
    /// </summary>
    public static SchemaMismatchException TypeMismatch(string fileName, RowSchema rowSchema, ColumnDescriptor column, string expected, string found, LeafColumn field) =>
        AlimentarThrow.Mismatch(fileName, rowSchema, column, expected, found, FileValueKinds.Of(field) switch
        {
            FileValueKind.Decimal => "its values read into decimal, double or float, and exactly into string",
            FileValueKind kind when kind.NaturalType() is { } natural => $"its values read into {ColumnTypes.CSharpName(natural)}",
            _ => null,
        });

    /// <summary>The mismatch error every binder raises: source, column, member, expected and found.</summary>
    public static SchemaMismatchException Mismatch(string fileName, RowSchema rowSchema, ColumnDescriptor column, string expected, string found) =>
        AlimentarThrow.Mismatch(fileName, rowSchema, column, expected, found);
}
