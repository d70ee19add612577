namespace Alimentar.ParquetBinding.Metadata;

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

    /// <summary>Whether the leaf itself may be null (it is OPTIONAL); for a list, whether its elements may be.</summary>
    public bool IsNullable => Element.Repetition == Repetition.Optional;
}

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
        AddChildren(elements[0].ChildCount, 0, 0, 0);
        if (next != elements.Count)
        {
            throw new InvalidDataException($"its schema lists {elements.Count} elements but its root's tree holds {next}");
        }

        return new FileSchema(elements, leaves);

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
                if (element.ChildCount > 0 || element.Type is null)
                {
                    AddChildren(element.ChildCount, childDefinition, childRepetition, depth + 1);
                }
                else
                {
                    if (element.Type == Reading.PhysicalType.FixedLenByteArray && element.TypeLength <= 0)
                    {
                        throw new InvalidDataException($"its FIXED_LEN_BYTE_ARRAY column '{string.Join('.', path)}' has a length of {element.TypeLength}");
                    }

                    leaves.Add(new LeafColumn(leaves.Count, new ColumnPath(path.ToArray()), element, childDefinition, childRepetition));
                }

                path.RemoveAt(path.Count - 1);
            }
        }
    }
}
