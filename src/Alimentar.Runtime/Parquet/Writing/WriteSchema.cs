using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// The Parquet schema a row type is written with, in the forms Spark, Arrow and DuckDB write: records as groups,
/// lists as the three-level LIST (<c>list</c>/<c>element</c>), maps as MAP with a repeated <c>key_value</c> group. Nodes
/// are OPTIONAL where the member may hold null; nested lists, list elements that are records and record fields that
/// are lists are always OPTIONAL, as Arrow writes them. A variant is a group annotated VARIANT of its
/// <c>metadata</c> and <c>value</c> binaries.
/// </summary>
internal sealed class WriteSchema
{
    private readonly List<SchemaElement> _elements = [new SchemaElement { Name = "schema", ChildCount = 0 }];
    private readonly List<ColumnDescriptor> _leafDescriptors = [];

    private WriteSchema(RowSchema rowSchema)
    {
        Columns = rowSchema.Columns.Select(c => Node(c, c.Name, c.IsNullable, c.ListDepth, 0, 0)).ToArray();
        _elements[0] = _elements[0] with { ChildCount = Columns.Count };
        File = FileSchema.Build(_elements);
    }

    /// <summary>The file's schema: its elements and leaf columns.</summary>
    public FileSchema File { get; }

    /// <summary>One node tree per column of the row type.</summary>
    public IReadOnlyList<WriteNode> Columns { get; }

    /// <summary>Per leaf column, the member or field whose values it holds.</summary>
    public IReadOnlyList<ColumnDescriptor> LeafDescriptors => _leafDescriptors;

    public static WriteSchema Of(RowSchema rowSchema) => new(rowSchema);

    private WriteNode Node(ColumnDescriptor descriptor, string name, bool optional, int lists, int definition, int repetition)
    {
        int present = definition + (optional ? 1 : 0);
        var repeatedOptional = optional ? Format.Repetition.Optional : Format.Repetition.Required;
        if (lists > 0)
        {
            bool map = lists == 1 && descriptor.IsMap;
            _elements.Add(new SchemaElement
            {
                Name = name,
                Repetition = repeatedOptional,
                ChildCount = 1,
                ConvertedType = map ? ConvertedType.Map : ConvertedType.List,
                LogicalType = new LogicalType(map ? LogicalTypeKind.Map : LogicalTypeKind.List),
            });

            WriteNode element;
            if (map)
            {
                // A map's repeated key_value group is its element: present whenever the pair is.
                element = Group(descriptor, "key_value", Format.Repetition.Repeated, present + 1, repetition + 1, keyRequired: true);
            }
            else
            {
                _elements.Add(new SchemaElement { Name = "list", Repetition = Format.Repetition.Repeated, ChildCount = 1 });
                bool elementOptional = lists > 1 || descriptor.Fields is not null || descriptor.ElementIsNullable;
                element = Node(descriptor, "element", elementOptional, lists - 1, present + 1, repetition + 1);
            }

            return new WriteNode(WriteNodeKind.List, optional, present, repetition + 1, [element], -1, descriptor);
        }

        if (descriptor.Type == ColumnType.Variant)
        {
            int element = _elements.Count;
            WriteNode variant = Group(VariantRecords.Group(descriptor), name, repeatedOptional, present, repetition, keyRequired: false) with { Optional = optional };
            _elements[element] = _elements[element] with { LogicalType = new LogicalType(LogicalTypeKind.Variant) };
            return variant;
        }

        if (descriptor.Fields is not null)
        {
            return Group(descriptor, name, repeatedOptional, present, repetition, keyRequired: false) with { Optional = optional };
        }

        _elements.Add(LeafTypes.Element(name, repeatedOptional, descriptor));
        _leafDescriptors.Add(descriptor with { IsList = false, Fields = null });
        return new WriteNode(WriteNodeKind.Leaf, optional, present, repetition, [], _leafDescriptors.Count - 1, descriptor);
    }

    private WriteNode Group(ColumnDescriptor descriptor, string name, Format.Repetition repetitionType, int definition, int repetition, bool keyRequired)
    {
        IReadOnlyList<ColumnDescriptor> fields = descriptor.Fields!;
        _elements.Add(new SchemaElement
        {
            Name = name,
            Repetition = repetitionType,
            ChildCount = fields.Count,
        });

        var children = new WriteNode[fields.Count];
        for (int f = 0; f < fields.Count; f++)
        {
            ColumnDescriptor field = fields[f];
            bool optional = !(keyRequired && f == 0) && (field.IsNullable || field.IsList);
            children[f] = Node(field, field.Name, optional, field.ListDepth, definition, repetition);
        }

        return new WriteNode(WriteNodeKind.Group, false, definition, repetition, children, -1, descriptor);
    }
}
