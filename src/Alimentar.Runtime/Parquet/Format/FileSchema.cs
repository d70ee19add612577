namespace Alimentar.Parquet.Format;

/// <summary>A leaf column's path from the root, as its parts; shown joined with '/'.</summary>
internal sealed record ColumnPath(IReadOnlyList<string> Parts)
{
    /// <summary>The top-level field the leaf lies in.</summary>
    public string FirstPart => Parts[0];

    public override string ToString() => string.Join('/', Parts);
}

/// <summary>A leaf (primitive) column of a file: its path, element and levels.</summary>
/// <param name="Index">Its position among the leaves, which is its column chunk's position in each row group.</param>
/// <param name="Path">Its path from the root.</param>
/// <param name="Element">Its schema element.</param>
/// <param name="MaxDefinitionLevel">How many optional or repeated nodes lie on its path, itself included.</param>
/// <param name="MaxRepetitionLevel">How many repeated nodes lie on its path, itself included.</param>
internal sealed record LeafColumn(int Index, ColumnPath Path, SchemaElement Element, int MaxDefinitionLevel, int MaxRepetitionLevel)
{
    public string Name => Element.Name;

    /// <summary>Whether the leaf itself may be null (it is OPTIONAL).</summary>
    public bool IsNullable => Element.Repetition == Repetition.Optional;

    /// <summary>
    /// The definition level of the innermost repeated node on the path (0 outside any list): a slot at or above
    /// it is a list entry, one level below it an empty list, further below a null list (or a null parent).
    /// Read from the whole path, never the leaf alone: an optional struct between the list and the leaf adds a level.
    /// </summary>
    public int RepeatedDefinitionLevel { get; init; }

    /// <summary>For a leaf inside exactly one repeated node: the list (or map) it belongs to; null otherwise.</summary>
    public ListShape? List { get; init; }

    /// <summary>
    /// Every list (or map) on the leaf's path, outermost first, with the definition levels that tell a null list,
    /// an empty one and an entry apart: what reading a list nested in lists needs at each depth.
    /// </summary>
    public IReadOnlyList<ListLevel> Lists { get; init; } = [];

    /// <summary>The definition level at each node of the path, the leaf's last: a slot defined at or above a node's level has that node.</summary>
    public IReadOnlyList<int> Definitions { get; init; } = [];

    /// <summary>For a leaf in a list: whether an entry may hold no value (the leaf, or a group between, is optional).</summary>
    public bool EntriesNullable => MaxDefinitionLevel > RepeatedDefinitionLevel;
}

/// <summary>
/// The list (or map) a repeated leaf belongs to, as the Parquet spec's list and map rules (backward-compatible
/// forms included) read the schema.
/// </summary>
/// <param name="Path">The path of the list's outermost node: the LIST or MAP group, or a bare repeated field itself.</param>
/// <param name="ElementIsLeaf">Whether the list's elements are this leaf's values (a list of scalars), rather than groups of which it is one field.</param>
/// <param name="IsMap">Whether the repeated node holds a map's key-value pairs.</param>
internal sealed record ListShape(ColumnPath Path, bool ElementIsLeaf, bool IsMap)
{
    public override string ToString() => IsMap ? "a map" : ElementIsLeaf ? "a list of values" : "a list of groups";
}

/// <summary>One list on a leaf's path, as the leaf's levels see it.</summary>
/// <param name="Shape">The list and its form.</param>
/// <param name="NullBelow">A slot defined below this level is a null list (or lies under a null parent).</param>
/// <param name="EntryAt">A slot defined at or above this level is an entry of the list; between the two, the list is empty.</param>
/// <param name="ElementIsSingle">
/// Whether the list's element is the next list on the path (or, for the innermost, the leaf's value) and nothing
/// else: no group of several fields and no map between, so a list of lists of values binds to it.
/// </param>
/// <param name="Element">The index on the path of the list's element node: the repeated node's one child, or the repeated node itself (the spec's rules).</param>
internal sealed record ListLevel(ListShape Shape, int NullBelow, int EntryAt, bool ElementIsSingle, int Element);

/// <summary>A file's schema: its elements in footer order and the leaf columns they describe.</summary>
internal sealed class FileSchema
{
    private const int MaxDepth = 64;

    private FileSchema(IReadOnlyList<SchemaElement> elements, IReadOnlyList<LeafColumn> leaves)
    {
        Elements = elements;
        Leaves = leaves;
    }

    public IReadOnlyList<SchemaElement> Elements { get; }

    public IReadOnlyList<LeafColumn> Leaves { get; }

    /// <summary>Walks the depth-first list of elements the footer stores, checking every child count against what is left.</summary>
    public static FileSchema Build(IReadOnlyList<SchemaElement> elements)
    {
        if (elements.Count == 0)
        {
            throw new InvalidDataException("its schema is empty");
        }

        var leaves = new List<LeafColumn>();
        int next = 1;
        var path = new List<string>();
        var chain = new List<SchemaElement>();
        var definitions = new List<int>();
        AddChildren(elements[0].ChildCount, 0, 0, 0);
        if (next != elements.Count)
        {
            throw new InvalidDataException($"its schema lists {elements.Count} elements but its root's tree holds {next}");
        }

        return new FileSchema(elements, leaves);

        // The list around the repeated node at chain[repeated], for the leaf at the end of the chain.
        ListShape Shape(int repeated)
        {
            SchemaElement node = chain[repeated];
            SchemaElement? parent = repeated > 0 ? chain[repeated - 1] : null;
            bool wrapped = parent is not null && (IsAnnotated(parent, ConvertedType.List, LogicalTypeKind.List) || IsMap(parent));
            bool isMap = (parent is not null && IsMap(parent)) || node.ConvertedType == ConvertedType.MapKeyValue;
            int outer = wrapped ? repeated - 1 : repeated;

            // The spec's rules: a repeated leaf is itself the element; a repeated group is the element when it holds
            // several fields, or one field and is named "array" or "<list>_tuple"; otherwise its one field is.
            bool elementIsLeaf = !isMap && (repeated == chain.Count - 1
                || (repeated == chain.Count - 2 && node.ChildCount == 1
                    && node.Name != "array" && !(parent is not null && node.Name == parent.Name + "_tuple")));
            return new ListShape(new ColumnPath(path.Take(outer + 1).ToArray()), elementIsLeaf, isMap);
        }

        // The lists on the path to the leaf at the end of the chain, outermost first.
        ListLevel[] Levels()
        {
            int[] repeatedNodes = Enumerable.Range(0, chain.Count).Where(i => chain[i].Repetition == Repetition.Repeated).ToArray();
            var levels = new ListLevel[repeatedNodes.Length];
            for (int k = 0; k < repeatedNodes.Length; k++)
            {
                int repeated = repeatedNodes[k];
                ListShape shape = Shape(repeated);
                int outer = shape.Path.Parts.Count - 1;
                int nullBelow = outer < repeated ? definitions[outer] : definitions[repeated] - 1;
                bool single;
                if (k == repeatedNodes.Length - 1)
                {
                    single = shape is { ElementIsLeaf: true, IsMap: false };
                }
                else
                {
                    // Every node from this repeated one to the next list's outermost node holds one child and is no map or
                    // one-field struct by the spec's naming rule.
                    // A repeated group that is itself the next list (legacy two-level lists of lists) is the element.
                    int nextOuter = Shape(repeatedNodes[k + 1]).Path.Parts.Count - 1;
                    bool namedAsElement = chain[repeated].Name == "array" || (repeated > 0 && chain[repeated].Name == chain[repeated - 1].Name + "_tuple");
                    single = !shape.IsMap && (nextOuter == repeated
                        || (!namedAsElement && Enumerable.Range(repeated, nextOuter - repeated).All(i => chain[i].ChildCount == 1 && !IsMap(chain[i]))));
                }

                // The repeated node is the element when it is the leaf, holds several fields, or is named as an element.
                bool repeatedIsElement = repeated == chain.Count - 1 || chain[repeated].ChildCount != 1
                    || chain[repeated].Name == "array" || (repeated > 0 && chain[repeated].Name == chain[repeated - 1].Name + "_tuple")
                    || shape.IsMap;
                levels[k] = new ListLevel(shape, nullBelow, definitions[repeated], single, repeatedIsElement ? repeated : repeated + 1);
            }

            return levels;
        }

        static bool IsMap(SchemaElement element) =>
            IsAnnotated(element, ConvertedType.Map, LogicalTypeKind.Map) || element.ConvertedType == ConvertedType.MapKeyValue;

        static bool IsAnnotated(SchemaElement element, ConvertedType converted, LogicalTypeKind logical) =>
            element.ConvertedType == converted || element.LogicalType?.Kind == logical;

        void AddChildren(int count, int definition, int repetition, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new InvalidDataException($"its schema nests deeper than {MaxDepth}");
            }

            if (count < 0 || count > elements.Count - next)
            {
                throw new InvalidDataException($"a schema group claims {count} children with {elements.Count - next} elements left");
            }

            for (int i = 0; i < count; i++)
            {
                SchemaElement element = elements[next++];
                int childDefinition = definition + (element.Repetition == Repetition.Required ? 0 : 1);
                int childRepetition = repetition + (element.Repetition == Repetition.Repeated ? 1 : 0);
                path.Add(element.Name);
                chain.Add(element);
                definitions.Add(childDefinition);
                if (element.ChildCount > 0 || element.Type is null)
                {
                    AddChildren(element.ChildCount, childDefinition, childRepetition, depth + 1);
                }
                else
                {
                    if (element.Type == PhysicalType.FixedLenByteArray && element.TypeLength <= 0)
                    {
                        throw new InvalidDataException($"its FIXED_LEN_BYTE_ARRAY column '{string.Join('.', path)}' has a length of {element.TypeLength}");
                    }

                    int repeated = chain.FindLastIndex(e => e.Repetition == Repetition.Repeated);
                    leaves.Add(new LeafColumn(leaves.Count, new ColumnPath(path.ToArray()), element, childDefinition, childRepetition)
                    {
                        RepeatedDefinitionLevel = repeated < 0 ? 0 : definitions[repeated],
                        List = childRepetition == 1 ? Shape(repeated) : null,
                        Lists = Levels(),
                        Definitions = definitions.ToArray(),
                    });
                }

                path.RemoveAt(path.Count - 1);
                chain.RemoveAt(chain.Count - 1);
                definitions.RemoveAt(definitions.Count - 1);
            }
        }
    }
}
