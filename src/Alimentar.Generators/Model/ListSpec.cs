namespace Alimentar.Generators.Model
{
    /// <summary>A list member: its container and element, which for a list of lists is the next list.</summary>
    /// <param name="Container">How the member holds the list: an array, a <c>List</c>, or a list, collection or dictionary interface.</param>
    /// <param name="ElementStorage">How each element is held: a value, a nullable value, a string, a byte array, or a list.</param>
    /// <param name="ElementType">The element type without nullability (<c>int</c>, <c>string</c>, <c>int[]</c>).</param>
    /// <param name="ElementIsNullable">Whether elements may be null.</param>
    /// <param name="Inner">For a list of lists, the element list; null for a list of values.</param>
    /// <param name="Group">For a list of records, the record.</param>
    /// <param name="MapArguments">For a map (<c>Dictionary</c> or <c>ReadOnlyDictionary</c> container), its key and value types as code (<c>string, double?</c>).</param>
    /// <param name="Enum">For a list of enums, the enum; its values are held as <see cref="ElementType"/>, the underlying type.</param>
    internal sealed record ListSpec(ListContainer Container, ColumnStorage ElementStorage, string ElementType, bool ElementIsNullable, ListSpec? Inner = null, GroupSpec? Group = null, string? MapArguments = null, EnumSpec? Enum = null)
    {
        /// <summary>Whether the list is read into a <c>List&lt;T&gt;</c> (a <c>List</c>, <c>IList</c> or <c>ICollection</c> member); other lists are read into arrays.</summary>
        public bool ReadsIntoList => Container is ListContainer.List or ListContainer.ListInterface or ListContainer.CollectionInterface;

        /// <summary>Whether the member is a map: a list of key-value entries read into a dictionary.</summary>
        public bool IsMap => MapArguments is not null;

        /// <summary>The element as written in code (<c>int?</c>, <c>string</c>, <c>int[]?</c>).</summary>
        public string ElementCode => (Enum?.TypeName ?? ElementType) + (ElementIsNullable ? "?" : string.Empty);

        /// <summary>The element as the store holds it: an enum's underlying type, else <see cref="ElementCode"/>.</summary>
        public string StoredElementCode => ElementType + (ElementIsNullable ? "?" : string.Empty);

        /// <summary>The list type as written in code, without nullability (<c>int[]</c>, <c>global::System.Collections.Generic.List&lt;string?&gt;</c>).</summary>
        public string TypeCode => Container switch
        {
            ListContainer.Dictionary => $"global::System.Collections.Generic.Dictionary<{MapArguments}>",
            ListContainer.ReadOnlyDictionary => $"global::System.Collections.Generic.IReadOnlyDictionary<{MapArguments}>",
            ListContainer.DictionaryInterface => $"global::System.Collections.Generic.IDictionary<{MapArguments}>",
            ListContainer.List => $"global::System.Collections.Generic.List<{ElementCode}>",
            ListContainer.ReadOnlyList => $"global::System.Collections.Generic.IReadOnlyList<{ElementCode}>",
            ListContainer.ReadOnlyCollection => $"global::System.Collections.Generic.IReadOnlyCollection<{ElementCode}>",
            ListContainer.ListInterface => $"global::System.Collections.Generic.IList<{ElementCode}>",
            ListContainer.CollectionInterface => $"global::System.Collections.Generic.ICollection<{ElementCode}>",
            ListContainer.Enumerable => $"global::System.Collections.Generic.IEnumerable<{ElementCode}>",
            ListContainer.ImmutableArray => $"global::System.Collections.Immutable.ImmutableArray<{ElementCode}>",
            ListContainer.Set => $"global::System.Collections.Generic.HashSet<{ElementCode}>",
            ListContainer.SetInterface => $"global::System.Collections.Generic.ISet<{ElementCode}>",
            ListContainer.ReadOnlySet => $"global::System.Collections.Generic.IReadOnlySet<{ElementCode}>",
            ListContainer.ReadOnlyMemory => $"global::System.ReadOnlyMemory<{ElementCode}>",
            ListContainer.Memory => $"global::System.Memory<{ElementCode}>",
            ListContainer.ImmutableList => $"global::System.Collections.Immutable.ImmutableList<{ElementCode}>",
            ListContainer.ImmutableListInterface => $"global::System.Collections.Immutable.IImmutableList<{ElementCode}>",
            ListContainer.ReadOnlyCollectionWrapper => $"global::System.Collections.ObjectModel.ReadOnlyCollection<{ElementCode}>",
            ListContainer.ImmutableSet => $"global::System.Collections.Immutable.ImmutableHashSet<{ElementCode}>",
            ListContainer.ImmutableSetInterface => $"global::System.Collections.Immutable.IImmutableSet<{ElementCode}>",
            ListContainer.FrozenSet => $"global::System.Collections.Frozen.FrozenSet<{ElementCode}>",
            ListContainer.SortedSet => $"global::System.Collections.Generic.SortedSet<{ElementCode}>",
            ListContainer.ImmutableDictionary => $"global::System.Collections.Immutable.ImmutableDictionary<{MapArguments}>",
            ListContainer.ImmutableDictionaryInterface => $"global::System.Collections.Immutable.IImmutableDictionary<{MapArguments}>",
            ListContainer.FrozenDictionary => $"global::System.Collections.Frozen.FrozenDictionary<{MapArguments}>",
            ListContainer.SortedDictionary => $"global::System.Collections.Generic.SortedDictionary<{MapArguments}>",
            ListContainer.ReadOnlyDictionaryWrapper => $"global::System.Collections.ObjectModel.ReadOnlyDictionary<{MapArguments}>",
            _ => ElementCode + "[]",
        };

        /// <summary>
        /// The member's list from an expression that reads it into an array (<c>T[]</c>, or <c>T[]?</c> when
        /// <paramref name="nullable"/>), or a map's from one that reads it into a <c>Dictionary</c>: the array or
        /// dictionary itself, an <c>ImmutableArray</c> or memory wrapping the array without a copy, or the member's
        /// own collection built from it (a null list staying null).
        /// </summary>
        public string FromArray(string array, bool nullable) => Container switch
        {
            // Element types are named, so that a helper's result is the member's type whatever the array's.
            ListContainer.ImmutableArray => nullable
                ? $"global::Alimentar.ImmutableLists.Nullable<{ElementCode}>({array})"
                : $"global::System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray<{ElementCode}>({array})",
            ListContainer.Set or ListContainer.SetInterface or ListContainer.ReadOnlySet => nullable
                ? $"global::Alimentar.SetLists.Nullable<{ElementCode}>({array})"
                : $"new global::System.Collections.Generic.HashSet<{ElementCode}>({array})",
            ListContainer.ReadOnlyMemory => nullable
                ? $"global::Alimentar.MemoryLists.NullableReadOnly<{ElementCode}>({array})"
                : $"new global::System.ReadOnlyMemory<{ElementCode}>({array})",
            ListContainer.Memory => nullable
                ? $"global::Alimentar.MemoryLists.Nullable<{ElementCode}>({array})"
                : $"new global::System.Memory<{ElementCode}>({array})",
            ListContainer.ImmutableList or ListContainer.ImmutableListInterface => $"global::Alimentar.MemberCollections.ImmutableList<{ElementCode}>({array})",
            ListContainer.ImmutableSet or ListContainer.ImmutableSetInterface => $"global::Alimentar.MemberCollections.ImmutableHashSet<{ElementCode}>({array})",
            ListContainer.FrozenSet => $"global::Alimentar.MemberCollections.FrozenSet<{ElementCode}>({array})",
            ListContainer.SortedSet => $"global::Alimentar.MemberCollections.SortedSet<{ElementCode}>({array})",
            ListContainer.ReadOnlyCollectionWrapper => $"global::Alimentar.MemberCollections.ReadOnlyCollection<{ElementCode}>({array})",
            ListContainer.ImmutableDictionary or ListContainer.ImmutableDictionaryInterface => $"global::Alimentar.MemberCollections.ImmutableDictionary({array})",
            ListContainer.FrozenDictionary => $"global::Alimentar.MemberCollections.FrozenDictionary({array})",
            ListContainer.SortedDictionary => $"global::Alimentar.MemberCollections.SortedDictionary({array})",
            ListContainer.ReadOnlyDictionaryWrapper => $"global::Alimentar.MemberCollections.ReadOnlyDictionary({array})",
            _ => array,
        };

        /// <summary>
        /// Whether a writer walks the member as an array (<see cref="Walked"/> gives one): an array, or the array an
        /// <c>ImmutableArray</c> or a memory holds.
        /// </summary>
        public bool WalksArray => Container is ListContainer.Array or ListContainer.ImmutableArray or ListContainer.ReadOnlyMemory or ListContainer.Memory;

        /// <summary>
        /// A member's list as a writer walks it: the member itself; for an <c>ImmutableArray</c> the array it wraps
        /// (null for a default one, which is written as a null list); for a memory the array it covers (copied only
        /// when it covers part of one).
        /// </summary>
        public string Walked(string member) => Container switch
        {
            ListContainer.ImmutableArray => $"global::Alimentar.ImmutableLists.AsArray({member})",
            ListContainer.ReadOnlyMemory or ListContainer.Memory => $"global::Alimentar.MemoryLists.AsArray({member})",
            _ => member,
        };

        /// <summary>How many lists deep the values lie: 1 for a list of values.</summary>
        public int Depth => Inner is null ? 1 : Inner.Depth + 1;

        /// <summary>The list that holds the values: this one, or the innermost of a list of lists.</summary>
        public ListSpec Innermost => Inner is null ? this : Inner.Innermost;
    }
}
