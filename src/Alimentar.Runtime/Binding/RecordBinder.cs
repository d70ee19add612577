namespace Alimentar.Binding;

/// <summary>
/// Binds a member that holds records (a record, a list or map of them, at any depth) to the file: the member by its
/// name among the file's top-level groups (or lists), then its type node by node: each record field by the same
/// name rules among the group's children, each list or map to a list of the file in any of the spec's forms,
/// each value to a leaf it converts from.
/// </summary>
internal static class RecordBinder
{
    /// <param name="fileFields">The file's leaves.</param>
    /// <param name="rowSchema">The row type's schema, for errors.</param>
    /// <param name="column">The member.</param>
    /// <param name="index">The member's column index.</param>
    /// <param name="nextColumn">The binding index of the first extra leaf column: the row type's column count.</param>
    /// <param name="extraLeaves">Where the member's leaves after its first are added as columns of their own.</param>
    /// <param name="fileName">The file, for errors.</param>
    /// <param name="missingAsNull">Whether a nullable field a group of the file lacks reads as null (<see cref="AbsentField"/>).</param>
    public static BoundColumn Bind(LeafColumn[] fileFields, RowSchema rowSchema, ColumnDescriptor column, int index, int nextColumn, List<BoundColumn> extraLeaves, string fileName, bool missingAsNull = false)
    {
        var walk = new Walk(fileFields, rowSchema, column, fileName, missingAsNull);
        string[] path;
        if (column.IsList)
        {
            string[] lists = fileFields.Where(f => f.Lists.Count > 0).Select(f => f.Lists[0].Shape.Path.ToString()).Distinct().ToArray();
            int match = ColumnNameMatcher.Find(column, lists, both => walk.Mismatch("one list column", $"two list columns that both match: {both}; name one with [ParquetColumn]"));
            if (match < 0)
            {
                throw walk.Mismatch($"a list or map named '{column.Name}'", $"no such list; the file has {Names(fileFields)}");
            }

            path = fileFields.First(f => f.Lists.Count > 0 && f.Lists[0].Shape.Path.ToString() == lists[match]).Lists[0].Shape.Path.Parts.ToArray();
        }
        else
        {
            string[] groups = fileFields.Where(f => f.Path.Parts.Count > 1).Select(f => f.Path.FirstPart).Distinct().ToArray();
            int match = ColumnNameMatcher.Find(column, groups, both => walk.Mismatch("one group", $"two groups that both match: {both}; name one with [ParquetColumn]"));
            if (match < 0)
            {
                throw walk.Mismatch($"a group named '{column.Name}'", $"no such group; the file has {Names(fileFields)}");
            }

            path = [groups[match]];
        }

        walk.Node(column, path, 0, column.ListDepth, column.MemberName);
        walk.ResolveAbsentFields();
        int[] leafColumns = new int[walk.Leaves.Count];
        for (int leaf = 0; leaf < leafColumns.Length; leaf++)
        {
            (ColumnDescriptor descriptor, LeafColumn field, string member) = walk.Leaves[leaf];
            if (leaf == 0)
            {
                leafColumns[0] = index;
                continue;
            }

            leafColumns[leaf] = nextColumn + extraLeaves.Count;
            extraLeaves.Add(new BoundColumn(descriptor, field, FileValueKinds.Of(field, descriptor.Type)) { LeafMemberPath = member });
        }

        (ColumnDescriptor firstDescriptor, LeafColumn firstField, string firstMember) = walk.Leaves[0];
        return new BoundColumn(column, firstField, FileValueKinds.Of(firstField, firstDescriptor.Type))
        {
            LeafDescriptor = firstDescriptor,
            LeafMemberPath = firstMember,
            Record = new RecordBinding(leafColumns, walk.Nodes.ToArray()) { AbsentFields = walk.AbsentFields },
        };
    }

    /// <summary>
    /// One absent field's walk: the present group it lies in (its path, the definition level at which it is present and
    /// the lists above it) and the field's leaves as Alimentar would write them, for their physical types, in walk order.
    /// </summary>
    private sealed class AbsentWalk(string[] groupPath, int groupDefinition, int groupDepth, IReadOnlyList<ListLevel> listsAbove, LeafColumn[] written)
    {
        public string[] GroupPath => groupPath;

        public int GroupDefinition => groupDefinition;

        public int GroupDepth => groupDepth;

        public IReadOnlyList<ListLevel> ListsAbove => listsAbove;

        public LeafColumn[] Written => written;

        /// <summary>The next of <see cref="Written"/> to take.</summary>
        public int Next { get; set; }
    }

    private static string Names(LeafColumn[] fileFields) => string.Join(", ", fileFields.Select(f => $"'{f.Path}'"));

    /// <summary>The depth-first walk of the member's type over the file's schema, collecting nodes and leaves in order.</summary>
    private sealed class Walk(LeafColumn[] fileFields, RowSchema rowSchema, ColumnDescriptor column, string fileName, bool missingAsNull)
    {
        private readonly List<(int Leaf, string[] GroupPath, int Definition, int Depth)> _absent = [];

        public List<(ColumnDescriptor Descriptor, LeafColumn Field, string Member)> Leaves { get; private init; } = [];

        public List<RecordNode> Nodes { get; } = [];

        public List<AbsentField> AbsentFields { get; } = [];

        /// <summary>
        /// Binds <paramref name="descriptor"/> with <paramref name="lists"/> lists still to go to the file node at
        /// <paramref name="path"/>, under <paramref name="depth"/> lists; returns its node.
        /// </summary>
        public int Node(ColumnDescriptor descriptor, string[] path, int depth, int lists, string name)
        {
            int self = Nodes.Count;
            Nodes.Add(null!);
            if (lists > 0)
            {
                LeafColumn? first = Under(path).FirstOrDefault(f => f.Lists.Count > depth && f.Lists[depth].Shape.Path.Parts.SequenceEqual(path));
                if (first is null)
                {
                    throw Mismatch($"a list for {name}", $"'{string.Join('/', path)}', {Found(path, depth)}");
                }

                ListLevel list = first.Lists[depth];
                int element = Node(descriptor, first.Path.Parts.Take(list.Element + 1).ToArray(), depth + 1, lists - 1, name);
                Nodes[self] = new RecordNode(RecordNodeKind.List, depth, Nodes[element].Leaf, 0, list, [element], name);
                return self;
            }

            if (descriptor.Fields is { } fields)
            {
                LeafColumn[] under = Under(path).Where(f => f.Path.Parts.Count > path.Length).ToArray();
                if (under.Length == 0 || (under[0].Lists.Count > depth && under[0].Lists[depth].Shape.Path.Parts.Count == path.Length))
                {
                    throw Mismatch($"a record for {name}", $"'{string.Join('/', path)}', {Found(path, depth)}");
                }

                string[] children = under.Select(f => f.Path.Parts[path.Length]).Distinct().ToArray();
                int definition = under[0].Definitions[path.Length - 1];
                var childNodes = new int[fields.Count];
                for (int i = 0; i < fields.Count; i++)
                {
                    ColumnDescriptor field = fields[i];
                    int match = ColumnNameMatcher.Find(field, children, both => Mismatch($"one field for {name}.{field.MemberName}", $"two fields that both match: {both}"));
                    if (match < 0 && missingAsNull && field.IsNullable && field.Type != ColumnType.Variant)
                    {
                        var absent = new AbsentWalk(path, definition, depth, under[0].Lists.Take(depth).ToArray(), MissingMember.LeavesOf(rowSchema, field));
                        childNodes[i] = AbsentNode(absent, field, [.. path, field.Name], depth, field.ListDepth, definition + 1, absent.ListsAbove, $"{name}.{field.MemberName}");
                        continue;
                    }

                    if (match < 0)
                    {
                        throw Mismatch($"a field '{field.Name}' in '{string.Join('/', path)}' for {name}.{field.MemberName}",
                            $"no such field; the group has {string.Join(", ", children.Select(c => $"'{c}'"))}");
                    }

                    childNodes[i] = Node(field, [.. path, children[match]], depth, field.ListDepth, $"{name}.{field.MemberName}");
                }

                Nodes[self] = new RecordNode(RecordNodeKind.Group, depth, Nodes[childNodes[0]].Leaf, definition, null, childNodes, name);
                return self;
            }

            if (descriptor.Type == ColumnType.Variant)
            {
                // The group's own nodes are numbered apart, so the member's stay as the generated code numbers them.
                (ColumnDescriptor record, VariantShape shape) = VariantBinder.Shape(fileFields, fileName, rowSchema, column, path, depth);
                var inner = new Walk(fileFields, rowSchema, column, fileName, missingAsNull: false) { Leaves = Leaves };
                inner.Node(record, path, depth, 0, name);
                RecordNode group = inner.Nodes[0];
                Nodes[self] = new RecordNode(RecordNodeKind.Variant, depth, group.Leaf, group.Definition, null, [], name)
                {
                    Variant = new VariantBinding([.. inner.Nodes], shape),
                };
                return self;
            }

            LeafColumn? leaf = fileFields.FirstOrDefault(f => f.Path.Parts.SequenceEqual(path));
            if (leaf is null || leaf.MaxRepetitionLevel != depth)
            {
                throw Mismatch($"{Describe(descriptor)} for {name}", $"'{string.Join('/', path)}', {Found(path, depth)}");
            }

            if (!FileValueKinds.CanConvert(FileValueKinds.Of(leaf, descriptor.Type), descriptor.Type))
            {
                throw ParquetSchemaBinder.TypeMismatch(fileName, rowSchema, column, $"{Describe(descriptor)} for {name}", $"'{leaf.Path}', {ParquetSchemaBinder.Describe(leaf)}", leaf);
            }

            Leaves.Add((descriptor, leaf, name));
            Nodes[self] = new RecordNode(RecordNodeKind.Leaf, depth, Leaves.Count - 1, leaf.MaxDefinitionLevel, null, [], name);
            return self;
        }

        /// <summary>
        /// The nodes of a nullable field a group of the file lacks, at <paramref name="depth"/> lists with
        /// <paramref name="lists"/> of its own still to go, defined from <paramref name="definition"/> up: levels its
        /// entries, which mirror the group's (<see cref="AbsentField"/>), never reach. So every list in it is a null list,
        /// every record a null record and every value null.
        /// </summary>
        private int AbsentNode(AbsentWalk absent, ColumnDescriptor descriptor, string[] path, int depth, int lists, int definition, IReadOnlyList<ListLevel> listsAbove, string name)
        {
            int self = Nodes.Count;
            Nodes.Add(null!);
            if (lists > 0)
            {
                // A list null below `definition`, whose elements start at a level above it: neither is ever reached.
                var list = new ListLevel(new ListShape(new ColumnPath(path), descriptor.Fields is null && lists == 1, descriptor.IsMap && lists == 1), definition, definition + 1, descriptor.Fields is null, path.Length - 1);
                int element = AbsentNode(absent, descriptor, path, depth + 1, lists - 1, definition + 2, [.. listsAbove, list], name);
                Nodes[self] = new RecordNode(RecordNodeKind.List, depth, Nodes[element].Leaf, 0, list, [element], name);
                return self;
            }

            if (descriptor.Fields is { } fields)
            {
                var children = new int[fields.Count];
                for (int i = 0; i < fields.Count; i++)
                {
                    children[i] = AbsentNode(absent, fields[i], [.. path, fields[i].Name], depth, fields[i].ListDepth, definition + 1, listsAbove, $"{name}.{fields[i].MemberName}");
                }

                Nodes[self] = new RecordNode(RecordNodeKind.Group, depth, Nodes[children[0]].Leaf, definition, null, children, name);
                return self;
            }

            LeafColumn leaf = absent.Written[absent.Next++] with
            {
                Index = MissingMember.NotInFile,
                Path = new ColumnPath(path),
                MaxDefinitionLevel = definition,
                MaxRepetitionLevel = depth,
                Lists = listsAbove,
                List = null,
                RepeatedDefinitionLevel = listsAbove.Count == 0 ? 0 : listsAbove[^1].EntryAt,
                Definitions = [],
            };
            Leaves.Add((descriptor, leaf, name));
            _absent.Add((Leaves.Count - 1, absent.GroupPath, absent.GroupDefinition, absent.GroupDepth));
            Nodes[self] = new RecordNode(RecordNodeKind.Leaf, depth, Leaves.Count - 1, definition, null, [], name);
            return self;
        }

        /// <summary>
        /// Gives each absent leaf a present leaf of its group to take levels from, and puts a present leaf first: the
        /// first leaf is read through the member's own column, which must be in the file.
        /// </summary>
        public void ResolveAbsentFields()
        {
            if (_absent.Count == 0)
            {
                return;
            }

            var mirrors = new int[_absent.Count];
            for (int a = 0; a < _absent.Count; a++)
            {
                string[] groupPath = _absent[a].GroupPath;
                mirrors[a] = Leaves.FindIndex(l => l.Field.Index != MissingMember.NotInFile && l.Field.Path.Parts.Take(groupPath.Length).SequenceEqual(groupPath));
                if (mirrors[a] < 0)
                {
                    throw Mismatch($"a field of '{string.Join('/', groupPath)}' that is in the file, beside {Leaves[_absent[a].Leaf].Descriptor.Name} which is not",
                        $"none of the group's fields the member reads; read one of {string.Join(", ", Under(groupPath).Select(f => $"'{f.Path}'"))} too");
                }
            }

            // One swap: its own inverse, so order[i] is both the leaf now at i and where leaf i went.
            int[] order = Enumerable.Range(0, Leaves.Count).ToArray();
            int firstPresent = Leaves.FindIndex(l => l.Field.Index != MissingMember.NotInFile);
            (order[0], order[firstPresent]) = (order[firstPresent], order[0]);
            // Reordered in place: a variant's walk shares the list.
            var reordered = order.Select(i => Leaves[i]).ToList();
            Leaves.Clear();
            Leaves.AddRange(reordered);
            for (int n = 0; n < Nodes.Count; n++)
            {
                Nodes[n] = Nodes[n] with
                {
                    Leaf = order[Nodes[n].Leaf],
                    Variant = Nodes[n].Variant is { } variant ? variant with { Nodes = Array.ConvertAll(variant.Nodes, inner => inner with { Leaf = order[inner.Leaf] }) } : null,
                };
            }

            for (int a = 0; a < _absent.Count; a++)
            {
                AbsentFields.Add(new AbsentField(order[_absent[a].Leaf], order[mirrors[a]], _absent[a].Definition, _absent[a].Depth));
            }
        }

        /// <summary>The file's leaves at or under <paramref name="path"/>.</summary>
        private IEnumerable<LeafColumn> Under(string[] path) =>
            fileFields.Where(f => f.Path.Parts.Count >= path.Length && f.Path.Parts.Take(path.Length).SequenceEqual(path));

        /// <summary>What the file holds at <paramref name="path"/>, in words, for a mismatch.</summary>
        private string Found(string[] path, int depth)
        {
            LeafColumn[] under = Under(path).ToArray();
            if (under.Length == 0)
            {
                return "which is not in the file";
            }

            if (under[0].Lists.Count > depth && under[0].Lists[depth].Shape.Path.Parts.Count == path.Length)
            {
                return under[0].Lists[depth].Shape.ToString();
            }

            return under is [{ } leaf] && leaf.Path.Parts.Count == path.Length ? ParquetSchemaBinder.Describe(leaf) : "a group";
        }

        /// <summary>A value the member's type expects at a leaf: its type, or a list of it when the file has no list there.</summary>
        private static string Describe(ColumnDescriptor descriptor) => $"{descriptor.Type}";

        public SchemaMismatchException Mismatch(string expected, string found) =>
            ParquetSchemaBinder.Mismatch(fileName, rowSchema, column, expected, found);
    }
}
