namespace Alimentar.Binding;

/// <summary>
/// How a <see cref="ParquetVariant"/> member's VARIANT group lies in the file, as nodes of the record column it is
/// read as (<see cref="RecordBinding"/>): the metadata, the value, and the typed columns a writer shredded values into.
/// </summary>
/// <param name="Metadata">The node of the <c>metadata</c> binary.</param>
/// <param name="Root">The variant itself: node 0, its <c>value</c> and any <c>typed_value</c>.</param>
internal sealed record VariantShape(int Metadata, VariantPart Root);

/// <summary>A group holding a variant as a <c>value</c> binary, a <c>typed_value</c>, or both (a partly shredded object).</summary>
/// <param name="Group">The group's node.</param>
/// <param name="Value">The node of its <c>value</c> binary, if it has one.</param>
/// <param name="Typed">Its <c>typed_value</c>, if it has one.</param>
/// <param name="Path">The group's path in the file, for errors.</param>
internal sealed record VariantPart(int Group, int? Value, VariantTyped? Typed, string Path);

/// <summary>A <c>typed_value</c>: a value column, an object's shredded fields or an array's elements.</summary>
internal abstract record VariantTyped(int Node);

/// <summary>A shredded value column.</summary>
/// <param name="Node">Its leaf node.</param>
/// <param name="Kind">
/// What it holds: integers, dates, timestamps and times are read as the integers stored (a timestamp or time multiplied
/// or divided to the variant's unit), decimals as their exact text, strings as their UTF-8 bytes.
/// </param>
/// <param name="Type">The variant primitive type its values are written as.</param>
/// <param name="Scale">For a decimal, its scale.</param>
/// <param name="Precision">For a decimal, its precision.</param>
/// <param name="Multiplier">For a temporal value: what the stored integer is multiplied by (positive) or divided by (negative) to reach the variant's unit.</param>
internal sealed record VariantScalar(int Node, VariantKind Kind, int Type, int Scale = 0, int Precision = 0, long Multiplier = 1) : VariantTyped(Node);

/// <summary>A shredded object: a group per field, each a variant of its own.</summary>
/// <param name="Node">The <c>typed_value</c> group's node.</param>
/// <param name="Fields">Each field's key (UTF-8) and group.</param>
internal sealed record VariantObject(int Node, (string Name, VariantPart Part)[] Fields) : VariantTyped(Node);

/// <summary>A shredded array: a list whose element group holds each element's variant.</summary>
/// <param name="Node">The list's node.</param>
/// <param name="Element">The element group.</param>
internal sealed record VariantArray(int Node, VariantPart Element) : VariantTyped(Node);
