namespace Alimentar.Binding;

/// <summary>
/// How a record member (or a list of records) binds to a file's group: the file leaf of each of the record's
/// leaves, and for each of its groups the definition level at which it is present. Groups and leaves are
/// numbered depth first, as the generated code numbers them.
/// </summary>
/// <param name="LeafColumns">Per leaf, its index among the binding's columns (the first is the member's own).</param>
/// <param name="LeafNames">Per leaf, its member path (<c>Picture.Path</c>), for errors.</param>
/// <param name="GroupDefinitions">Per group, the definition level at and above which it is present.</param>
/// <param name="GroupLeaves">Per group, a leaf under it whose levels tell whether it is present.</param>
/// <param name="GroupNames">Per group, its member path, for errors.</param>
/// <param name="List">For a list of records, the list's levels; null for a record member.</param>
/// <param name="LeafLists">Per leaf, null for a value, or for a list of values inside the record, that list's levels.</param>
internal sealed record RecordBinding(
    int[] LeafColumns,
    string[] LeafNames,
    int[] GroupDefinitions,
    int[] GroupLeaves,
    string[] GroupNames,
    ListLevel? List,
    ListLevel?[] LeafLists);
