using Alimentar.Variants;

namespace Alimentar.Binding;

/// <summary>
/// Binds <see cref="ParquetVariant"/> values to VARIANT groups of the file, wherever they lie: a member, a list's
/// element, a record's field, a map's value. Each group is read as a record whose type is the group's own shape,
/// found in the file: <c>metadata</c> and <c>value</c> binaries and, where the writer shredded values (DuckDB, Spark
/// with shredding on), a <c>typed_value</c> that is a value column, an object of field groups or a list of element
/// groups, each field and element again a <c>value</c> and <c>typed_value</c>. The record binder binds that record
/// as any other (<see cref="RecordNodeKind.Variant"/>), so a variant's leaves read as a record's do.
/// </summary>
internal static class VariantBinder
{
    public static BoundColumn Bind(LeafColumn[] fileFields, RowSchema rowSchema, ColumnDescriptor column, int index, int nextColumn, List<BoundColumn> extraLeaves, string fileName)
    {
        if (!column.IsList)
        {
            // The record binder would say "a group"; say which group a variant member looks for.
            string[] groups = fileFields.Where(f => f.Path.Parts.Count > 1).Select(f => f.Path.FirstPart).Distinct().ToArray();
            int match = ColumnNameMatcher.Find(column, groups, both => ParquetSchemaBinder.Mismatch(fileName, rowSchema, column, "one VARIANT group", $"two groups that both match: {both}; name one with [ParquetColumn]"));
            if (match < 0)
            {
                int leaf = Array.FindIndex(fileFields, f => ColumnNameMatcher.Find(column, [f.Path.FirstPart], _ => new InvalidOperationException()) == 0);
                throw ParquetSchemaBinder.Mismatch(fileName, rowSchema, column, $"a VARIANT group named '{column.Name}'", leaf >= 0
                    ? $"'{fileFields[leaf].Path}', {ParquetSchemaBinder.Describe(fileFields[leaf])}"
                    : $"no such group; the file has {string.Join(", ", fileFields.Select(f => $"'{f.Path}'"))}");
            }
        }

        return RecordBinder.Bind(fileFields, rowSchema, column, index, nextColumn, extraLeaves, fileName);
    }

    /// <summary>
    /// Whether top-level group <paramref name="top"/> (<paramref name="leaves"/> holds its leaves) is a VARIANT as Spark,
    /// DuckDB and hyparquet write one (<see cref="IsVariant(IReadOnlyList{LeafColumn}, IReadOnlyList{string})"/>).
    /// </summary>
    public static bool IsVariant(IReadOnlyList<LeafColumn> leaves, string top) => IsVariant(leaves, [top]);

    /// <summary>
    /// Whether the group at <paramref name="path"/> is a VARIANT as Spark, DuckDB and hyparquet write one: a REQUIRED
    /// <c>metadata</c> binary (as the spec demands) beside a <c>value</c> binary, a <c>typed_value</c>, or both, and
    /// nothing else. What tools that have no row type show or propose as one variant. Spark and hyparquet leave such
    /// groups unannotated, so the shape decides; the REQUIRED metadata keeps a struct that merely has fields of those
    /// names (DuckDB writes every struct field OPTIONAL) from being read as one.
    /// </summary>
    public static bool IsVariant(IReadOnlyList<LeafColumn> leaves, IReadOnlyList<string> path)
    {
        LeafColumn[] under = leaves.Where(l => l.Path.Parts.Count > path.Count && l.Path.Parts.Take(path.Count).SequenceEqual(path)).ToArray();
        string[] children = under.Select(l => l.Path.Parts[path.Count]).Distinct().ToArray();
        bool Binary(string child, bool required) => under.Any(l => l.Path.Parts.Count == path.Count + 1 && l.Path.Parts[^1] == child
            && l.Element.Type == PhysicalType.ByteArray && (required ? l.Element.Repetition == Repetition.Required : l.Element.Repetition != Repetition.Repeated));
        return Binary("metadata", required: true)
            && children.All(c => c is "metadata" or "value" or "typed_value")
            && (Binary("value", required: false) || children.Contains("typed_value"));
    }

    /// <summary>
    /// The VARIANT group at <paramref name="path"/>, under <paramref name="depth"/> lists, as a record of its own (node 0
    /// the group) for the record binder to bind, and which of its nodes is what.
    /// </summary>
    public static (ColumnDescriptor Record, VariantShape Shape) Shape(LeafColumn[] fileFields, string fileName, RowSchema rowSchema, ColumnDescriptor column, string[] path, int depth) =>
        new Shaping(fileFields, fileName, rowSchema, column).Root(path, depth);

    /// <summary>
    /// A nullable variant member the file lacks (<see cref="ParquetReadOptions.MissingColumnsAsNull"/>): bound, by
    /// <paramref name="bindRecord"/>, as a record of the two binaries that is not in the file, so every row reads as null.
    /// </summary>
    public static BoundColumn NotInFile(ColumnDescriptor column, Func<ColumnDescriptor, BoundColumn> bindRecord)
    {
        var record = new ColumnDescriptor(column.Name, column.MemberName, ColumnType.Group, IsNullable: true)
        {
            HasExplicitName = column.HasExplicitName,
            Fields = [Shaping.Leaf("metadata", ColumnType.Binary), Shaping.Leaf("value", ColumnType.Binary)],
        };
        BoundColumn bound = bindRecord(record);
        RecordBinding binding = bound.Record!;
        RecordNode group = binding.Nodes[0];
        var variant = new RecordNode(RecordNodeKind.Variant, 0, group.Leaf, group.Definition, null, [], column.MemberName)
        {
            Variant = new VariantBinding(binding.Nodes, new VariantShape(1, new VariantPart(0, 2, null, column.Name))),
        };
        return bound with { Descriptor = column, LeafDescriptor = bound.LeafDescriptor, Record = binding with { Nodes = [variant] } };
    }

    /// <summary>Walks the file's group, numbering nodes depth first as <see cref="RecordBinder"/> will.</summary>
    private sealed class Shaping(LeafColumn[] fileFields, string fileName, RowSchema rowSchema, ColumnDescriptor column)
    {
        private int _nodes;

        public (ColumnDescriptor Record, VariantShape Shape) Root(string[] path, int depth)
        {
            int group = _nodes++;
            if (!IsBinaryLeaf([.. path, "metadata"], depth))
            {
                throw Mismatch(path, "a group with a 'metadata' binary (a VARIANT)");
            }

            var metadata = Leaf("metadata", ColumnType.Binary);
            int metadataNode = _nodes++;
            (List<ColumnDescriptor> fields, int? value, VariantTyped? typed) = Pair(path, depth);
            var record = new ColumnDescriptor(path[^1], column.MemberName, ColumnType.Group, IsNullable: true)
            {
                HasExplicitName = true,
                Fields = [metadata, .. fields],
            };
            return (record, new VariantShape(metadataNode, new VariantPart(group, value, typed, string.Join('/', path))));
        }

        /// <summary>The <c>value</c> and <c>typed_value</c> of the group at <paramref name="path"/>, under <paramref name="depth"/> lists.</summary>
        private (List<ColumnDescriptor> Fields, int? Value, VariantTyped? Typed) Pair(string[] path, int depth)
        {
            var fields = new List<ColumnDescriptor>();
            int? value = null;
            if (IsBinaryLeaf([.. path, "value"], depth))
            {
                fields.Add(Leaf("value", ColumnType.Binary));
                value = _nodes++;
            }
            else if (Exists([.. path, "value"]))
            {
                throw Mismatch([.. path, "value"], "a binary 'value'");
            }

            VariantTyped? typed = null;
            if (Exists([.. path, "typed_value"]))
            {
                (ColumnDescriptor descriptor, typed) = Typed([.. path, "typed_value"], depth);
                fields.Add(descriptor);
            }

            if (fields.Count == 0)
            {
                throw Mismatch(path, "a 'value' binary or a 'typed_value' (a VARIANT or one of its shredded fields)");
            }

            return (fields, value, typed);
        }

        private (ColumnDescriptor Descriptor, VariantTyped Typed) Typed(string[] path, int depth)
        {
            LeafColumn? listed = Under(path).FirstOrDefault(f => f.Lists.Count > depth && f.Lists[depth].Shape.Path.Parts.SequenceEqual(path));
            if (listed is not null)
            {
                int list = _nodes++;
                string[] element = listed.Path.Parts.Take(listed.Lists[depth].Element + 1).ToArray();
                int group = _nodes++;
                (List<ColumnDescriptor> fields, int? value, VariantTyped? typed) = Pair(element, depth + 1);
                var descriptor = new ColumnDescriptor("typed_value", "typed_value", ColumnType.Group, IsNullable: true)
                {
                    HasExplicitName = true,
                    IsList = true,
                    ElementIsNullable = true,
                    Fields = fields,
                };
                return (descriptor, new VariantArray(list, new VariantPart(group, value, typed, string.Join('/', element))));
            }

            LeafColumn? leaf = fileFields.FirstOrDefault(f => f.Path.Parts.SequenceEqual(path));
            if (leaf is null)
            {
                int node = _nodes++;
                string[] names = Under(path).Select(f => f.Path.Parts[path.Length]).Distinct().ToArray();
                var descriptors = new List<ColumnDescriptor>();
                var shredded = new (string, VariantPart)[names.Length];
                for (int i = 0; i < names.Length; i++)
                {
                    string[] fieldPath = [.. path, names[i]];
                    if (fileFields.Any(f => f.Path.Parts.SequenceEqual(fieldPath)))
                    {
                        throw Mismatch(fieldPath, "a group of 'value' and 'typed_value' (a shredded object field)");
                    }

                    int group = _nodes++;
                    (List<ColumnDescriptor> fields, int? value, VariantTyped? typed) = Pair(fieldPath, depth);
                    descriptors.Add(new ColumnDescriptor(names[i], names[i], ColumnType.Group, IsNullable: true) { HasExplicitName = true, Fields = fields });
                    shredded[i] = (names[i], new VariantPart(group, value, typed, string.Join('/', fieldPath)));
                }

                return (new ColumnDescriptor("typed_value", "typed_value", ColumnType.Group, IsNullable: true) { HasExplicitName = true, Fields = descriptors }, new VariantObject(node, shredded));
            }

            (ColumnType member, VariantScalar scalar) = Scalar(leaf, _nodes++);
            return (Leaf("typed_value", member), scalar);
        }

        /// <summary>How a shredded value column reads (the member type its leaf binds as) and which variant type it holds.</summary>
        private (ColumnType Member, VariantScalar Scalar) Scalar(LeafColumn leaf, int node)
        {
            FileColumnType type = FileColumnType.Of(leaf.Element);
            long toMicros = type.Unit switch { TimeUnit.Millis => 1_000, TimeUnit.Nanos => -1_000, _ => 1 };
            return type.Kind switch
            {
                FileValueKind.Boolean => (ColumnType.Boolean, new VariantScalar(node, VariantKind.Boolean, VariantFormat.TrueType)),
                FileValueKind.SByte => (ColumnType.Int64, new VariantScalar(node, VariantKind.Integer, VariantFormat.Int8Type)),
                FileValueKind.Int16 or FileValueKind.Byte => (ColumnType.Int64, new VariantScalar(node, VariantKind.Integer, VariantFormat.Int16Type)),
                FileValueKind.Int32 or FileValueKind.UInt16 => (ColumnType.Int64, new VariantScalar(node, VariantKind.Integer, VariantFormat.Int32Type)),
                FileValueKind.Int64 or FileValueKind.UInt32 or FileValueKind.UInt64 => (ColumnType.Int64, new VariantScalar(node, VariantKind.Integer, VariantFormat.Int64Type)),
                FileValueKind.Single => (ColumnType.Single, new VariantScalar(node, VariantKind.Float, VariantFormat.FloatType)),
                FileValueKind.Double => (ColumnType.Double, new VariantScalar(node, VariantKind.Double, VariantFormat.DoubleType)),
                FileValueKind.Decimal => (ColumnType.String, new VariantScalar(node, VariantKind.Decimal, VariantFormat.Decimal16Type, type.Scale, Precision(leaf))),
                FileValueKind.DateOnly => (ColumnType.Int32, new VariantScalar(node, VariantKind.Date, VariantFormat.DateType)),
                FileValueKind.DateTime when type.Physical == PhysicalType.Int64 => (ColumnType.Int64, type.Unit == TimeUnit.Nanos
                    ? new VariantScalar(node, type.IsAdjustedToUtc ? VariantKind.Timestamp : VariantKind.LocalTimestamp, type.IsAdjustedToUtc ? VariantFormat.TimestampNanosType : VariantFormat.TimestampNtzNanosType)
                    : new VariantScalar(node, type.IsAdjustedToUtc ? VariantKind.Timestamp : VariantKind.LocalTimestamp, type.IsAdjustedToUtc ? VariantFormat.TimestampType : VariantFormat.TimestampNtzType, Multiplier: toMicros)),
                FileValueKind.TimeMillis or FileValueKind.TimeMicros or FileValueKind.TimeNanos =>
                    (ColumnType.Int64, new VariantScalar(node, VariantKind.Time, VariantFormat.TimeNtzType, Multiplier: toMicros)),
                FileValueKind.Utf8String => (ColumnType.Binary, new VariantScalar(node, VariantKind.String, VariantFormat.StringType)),
                FileValueKind.Bytes => (ColumnType.Binary, new VariantScalar(node, VariantKind.Binary, VariantFormat.BinaryType)),
                FileValueKind.Guid => (ColumnType.Guid, new VariantScalar(node, VariantKind.Uuid, VariantFormat.UuidType)),
                _ => throw Mismatch(leaf.Path.Parts.ToArray(), "a shredded value of a type a variant holds"),
            };
        }

        private static int Precision(LeafColumn leaf) =>
            leaf.Element.LogicalType is { Kind: LogicalTypeKind.Decimal } logical ? logical.Precision : leaf.Element.Precision ?? 38;

        public static ColumnDescriptor Leaf(string name, ColumnType type) =>
            new(name, name, type, IsNullable: true) { HasExplicitName = true, SharesBytes = type == ColumnType.Binary };

        private bool IsBinaryLeaf(string[] path, int depth) =>
            fileFields.Any(f => f.Path.Parts.SequenceEqual(path) && f.Element.Type == PhysicalType.ByteArray && f.MaxRepetitionLevel == depth);

        private bool Exists(string[] path) => Under(path).Any();

        private IEnumerable<LeafColumn> Under(string[] path) =>
            fileFields.Where(f => f.Path.Parts.Count >= path.Length && f.Path.Parts.Take(path.Length).SequenceEqual(path));

        private SchemaMismatchException Mismatch(string[] path, string expected)
        {
            LeafColumn[] under = Under(path).ToArray();
            string found = under.Length == 0 ? "nothing"
                : under is [{ } leaf] && leaf.Path.Parts.Count == path.Length ? ParquetSchemaBinder.Describe(leaf)
                : $"a group of {string.Join(", ", under.Select(f => $"'{f.Path}'"))}";
            return ParquetSchemaBinder.Mismatch(fileName, rowSchema, column, $"{expected} at '{string.Join('/', path)}'", found);
        }
    }
}
