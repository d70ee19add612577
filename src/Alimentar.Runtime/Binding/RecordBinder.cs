namespace Alimentar.Binding;

/// <summary>
/// Binds a record member, or a list of records, to a group of the file: the member by its name among the file's
/// top-level groups (or lists of groups), each field by the same name rules among the group's children, nested
/// records among nested groups, at every level.
/// </summary>
internal static class RecordBinder
{
    /// <param name="fileFields">The file's leaves.</param>
    /// <param name="rowSchema">The row type's schema, for errors.</param>
    /// <param name="column">The record member.</param>
    /// <param name="index">The member's column index.</param>
    /// <param name="nextColumn">The binding index of the first extra leaf column: the row type's column count.</param>
    /// <param name="extraLeaves">Where the record's leaves after its first are added as columns of their own.</param>
    /// <param name="fileName">The file, for errors.</param>
    public static BoundColumn Bind(LeafColumn[] fileFields, RowSchema rowSchema, ColumnDescriptor column, int index, int nextColumn, List<BoundColumn> extraLeaves, string fileName)
    {
        var walk = new Walk(fileFields, rowSchema, column, fileName);
        string[] prefix;
        ListLevel? list = null;
        if (column.IsList)
        {
            LeafColumn[] inLists = fileFields.Where(f => f.Lists.Count > 0).ToArray();
            string[] lists = inLists.Select(f => f.Lists[0].Shape.Path.ToString()).Distinct().ToArray();
            int match = ColumnNameMatcher.Find(column, lists, both => walk.Mismatch("one list column", $"two list columns that both match: {both}; name one with [ParquetColumn]"));
            if (match < 0)
            {
                throw walk.Mismatch($"a list of groups named '{column.Name}'", $"no such list; the file has {Names(fileFields)}");
            }

            LeafColumn first = inLists.First(f => f.Lists[0].Shape.Path.ToString() == lists[match]);
            list = first.Lists[0];
            if (list.Shape.ElementIsLeaf)
            {
                throw walk.Mismatch(ParquetSchemaBinder.Describe(column), $"'{lists[match]}', a list of values: {ParquetSchemaBinder.Describe(first)}");
            }

            prefix = first.Path.Parts.Take(list.Element + 1).ToArray();
            walk.Depth = 1;
        }
        else
        {
            string[] groups = fileFields.Where(f => f.Path.Parts.Count > 1).Select(f => f.Path.FirstPart).Distinct().ToArray();
            int match = ColumnNameMatcher.Find(column, groups, both => walk.Mismatch("one group", $"two groups that both match: {both}; name one with [ParquetColumn]"));
            if (match < 0)
            {
                throw walk.Mismatch($"a group named '{column.Name}'", $"no such group; the file has {Names(fileFields)}");
            }

            prefix = [groups[match]];
        }

        walk.Group(prefix, column.Fields!, column.Name);
        int[] leafColumns = new int[walk.Leaves.Count];
        for (int leaf = 0; leaf < leafColumns.Length; leaf++)
        {
            (ColumnDescriptor descriptor, LeafColumn field) = walk.Leaves[leaf];
            var leafBinding = new BoundColumn(descriptor, field, FileValueKinds.Of(field));
            if (leaf == 0)
            {
                leafColumns[0] = index;
                continue;
            }

            leafColumns[leaf] = nextColumn + extraLeaves.Count;
            extraLeaves.Add(leafBinding);
        }

        (ColumnDescriptor firstDescriptor, LeafColumn firstField) = walk.Leaves[0];
        return new BoundColumn(column, firstField, FileValueKinds.Of(firstField))
        {
            LeafDescriptor = firstDescriptor,
            Record = new RecordBinding(
                leafColumns,
                walk.LeafNames.ToArray(),
                walk.GroupDefinitions.ToArray(),
                walk.GroupLeaves.ToArray(),
                walk.GroupNames.ToArray(),
                list,
                walk.LeafLists.ToArray()),
        };
    }

    private static string Names(LeafColumn[] fileFields) => string.Join(", ", fileFields.Select(f => $"'{f.Path}'"));

    /// <summary>The depth-first walk of the record's fields over the file's group, collecting leaves and groups in order.</summary>
    private sealed class Walk(LeafColumn[] fileFields, RowSchema rowSchema, ColumnDescriptor column, string fileName)
    {
        public int Depth { get; set; }

        public List<(ColumnDescriptor Descriptor, LeafColumn Field)> Leaves { get; } = [];

        public List<string> LeafNames { get; } = [];

        public List<ListLevel?> LeafLists { get; } = [];

        public List<int> GroupDefinitions { get; } = [];

        public List<int> GroupLeaves { get; } = [];

        public List<string> GroupNames { get; } = [];

        public void Group(string[] prefix, IReadOnlyList<ColumnDescriptor> fields, string name)
        {
            LeafColumn[] under = fileFields.Where(f => f.Path.Parts.Count > prefix.Length && f.Path.Parts.Take(prefix.Length).SequenceEqual(prefix)).ToArray();
            if (under.Length == 0 || under.All(f => f.Path.Parts.Count == prefix.Length))
            {
                throw Mismatch(ParquetSchemaBinder.Describe(column), $"'{string.Join('/', prefix)}', which is not a group");
            }

            int group = GroupDefinitions.Count;
            GroupDefinitions.Add(under[0].Definitions[prefix.Length - 1]);
            GroupLeaves.Add(Leaves.Count);
            GroupNames.Add(name);
            string[] children = under.Select(f => f.Path.Parts[prefix.Length]).Distinct().ToArray();
            foreach (ColumnDescriptor field in fields)
            {
                int match = ColumnNameMatcher.Find(field, children, both => Mismatch($"one field for {name}.{field.MemberName}", $"two fields that both match: {both}"));
                if (match < 0)
                {
                    throw Mismatch($"a field '{field.Name}' in '{string.Join('/', prefix)}' for {name}.{field.MemberName}",
                        $"no such field; the group has {string.Join(", ", children.Select(c => $"'{c}'"))}");
                }

                string[] path = [.. prefix, children[match]];
                if (field.Fields is not null && !field.IsList)
                {
                    Group(path, field.Fields, $"{name}.{field.MemberName}");
                    continue;
                }

                if (field.IsList && field.ListDepth == 1 && ListOfValues(under, path) is { } listLeaf)
                {
                    // A list of values inside the record: one more list on the leaf's path than the record has.
                    if (!FileValueKinds.CanConvert(FileValueKinds.Of(listLeaf), field.Type))
                    {
                        throw Mismatch($"{ParquetSchemaBinder.Describe(field)} for {name}.{field.MemberName}", $"'{listLeaf.Path}', {ParquetSchemaBinder.Describe(listLeaf)}");
                    }

                    Leaves.Add((field, listLeaf));
                    LeafNames.Add($"{name}.{field.MemberName}");
                    LeafLists.Add(listLeaf.Lists[Depth]);
                    continue;
                }

                LeafColumn? leaf = under.FirstOrDefault(f => f.Path.Parts.Count == path.Length && f.Path.Parts[^1] == path[^1]);
                if (field.IsList || leaf is null || leaf.MaxRepetitionLevel != Depth)
                {
                    string found = leaf is null ? "a group" : leaf.MaxRepetitionLevel != Depth ? $"a list: {ParquetSchemaBinder.Describe(leaf)}" : ParquetSchemaBinder.Describe(leaf);
                    string expected = field.IsList ? "a list (lists inside records are not bound yet; bind a leaf of it by its path on the row type)" : ParquetSchemaBinder.Describe(field);
                    throw Mismatch($"{expected} for {name}.{field.MemberName}", $"'{string.Join('/', path)}', {found}");
                }

                FileValueKind kind = FileValueKinds.Of(leaf);
                if (!FileValueKinds.CanConvert(kind, field.Type))
                {
                    throw Mismatch($"{ParquetSchemaBinder.Describe(field)} for {name}.{field.MemberName}", $"'{leaf.Path}', {ParquetSchemaBinder.Describe(leaf)}");
                }

                Leaves.Add((field, leaf));
                LeafNames.Add($"{name}.{field.MemberName}");
                LeafLists.Add(null);
            }

            if (Leaves.Count == GroupLeaves[group])
            {
                throw Mismatch(ParquetSchemaBinder.Describe(column), $"'{string.Join('/', prefix)}', where {name} binds no leaf");
            }
        }

        /// <summary>The one leaf of a list of values whose list is the node at <paramref name="path"/>, or null.</summary>
        private LeafColumn? ListOfValues(LeafColumn[] under, string[] path)
        {
            LeafColumn[] inside = under.Where(f => f.Path.Parts.Count > path.Length && f.Path.Parts.Take(path.Length).SequenceEqual(path)).ToArray();
            return inside is [{ } leaf] && leaf.MaxRepetitionLevel == Depth + 1 && leaf.Lists.Count == Depth + 1
                && leaf.Lists[Depth] is { ElementIsSingle: true } list && list.Shape.Path.Parts.Count == path.Length
                ? leaf
                : null;
        }

        public SchemaMismatchException Mismatch(string expected, string found) =>
            ParquetSchemaBinder.Mismatch(fileName, rowSchema, column, expected, found);
    }
}
