namespace Alimentar.Generators.Model
{
    /// <summary>How a member holds a list or map; a member typed as an interface is read into the class named beside it.</summary>
    internal enum ListContainer
    {
        /// <summary><c>T[]</c>.</summary>
        Array,

        /// <summary><c>List&lt;T&gt;</c>.</summary>
        List,

        /// <summary><c>IReadOnlyList&lt;T&gt;</c>, read into an array.</summary>
        ReadOnlyList,

        /// <summary><c>IReadOnlyCollection&lt;T&gt;</c>, read into an array.</summary>
        ReadOnlyCollection,

        /// <summary><c>IList&lt;T&gt;</c>, read into a <c>List&lt;T&gt;</c>.</summary>
        ListInterface,

        /// <summary><c>ICollection&lt;T&gt;</c>, read into a <c>List&lt;T&gt;</c>.</summary>
        CollectionInterface,

        /// <summary><c>IEnumerable&lt;T&gt;</c>, read into an array.</summary>
        Enumerable,

        /// <summary><c>ImmutableArray&lt;T&gt;</c>, read into an array it wraps without a copy; a default one is written as a null list.</summary>
        ImmutableArray,

        /// <summary><c>HashSet&lt;T&gt;</c>: the list read into a set (a value met twice is kept once).</summary>
        Set,

        /// <summary><c>ISet&lt;T&gt;</c>, read into a <c>HashSet&lt;T&gt;</c>.</summary>
        SetInterface,

        /// <summary><c>IReadOnlySet&lt;T&gt;</c>, read into a <c>HashSet&lt;T&gt;</c>.</summary>
        ReadOnlySet,

        /// <summary><c>ReadOnlyMemory&lt;T&gt;</c>, read into an array it wraps without a copy; written from the array it covers.</summary>
        ReadOnlyMemory,

        /// <summary><c>Memory&lt;T&gt;</c>, as <see cref="ReadOnlyMemory"/>.</summary>
        Memory,

        /// <summary><c>ImmutableList&lt;T&gt;</c>.</summary>
        ImmutableList,

        /// <summary><c>IImmutableList&lt;T&gt;</c>, read into an <c>ImmutableList&lt;T&gt;</c>.</summary>
        ImmutableListInterface,

        /// <summary><c>ReadOnlyCollection&lt;T&gt;</c>, wrapping the array read.</summary>
        ReadOnlyCollectionWrapper,

        /// <summary><c>ImmutableHashSet&lt;T&gt;</c>.</summary>
        ImmutableSet,

        /// <summary><c>IImmutableSet&lt;T&gt;</c>, read into an <c>ImmutableHashSet&lt;T&gt;</c>.</summary>
        ImmutableSetInterface,

        /// <summary><c>FrozenSet&lt;T&gt;</c>.</summary>
        FrozenSet,

        /// <summary><c>SortedSet&lt;T&gt;</c>: the list read into a set in the elements' order.</summary>
        SortedSet,

        /// <summary><c>Dictionary&lt;K, V&gt;</c>.</summary>
        Dictionary,

        /// <summary><c>IReadOnlyDictionary&lt;K, V&gt;</c>, read into a <c>Dictionary&lt;K, V&gt;</c>.</summary>
        ReadOnlyDictionary,

        /// <summary><c>IDictionary&lt;K, V&gt;</c>, read into a <c>Dictionary&lt;K, V&gt;</c>.</summary>
        DictionaryInterface,

        /// <summary><c>ImmutableDictionary&lt;K, V&gt;</c>.</summary>
        ImmutableDictionary,

        /// <summary><c>IImmutableDictionary&lt;K, V&gt;</c>, read into an <c>ImmutableDictionary&lt;K, V&gt;</c>.</summary>
        ImmutableDictionaryInterface,

        /// <summary><c>FrozenDictionary&lt;K, V&gt;</c>.</summary>
        FrozenDictionary,

        /// <summary><c>SortedDictionary&lt;K, V&gt;</c>.</summary>
        SortedDictionary,

        /// <summary><c>ReadOnlyDictionary&lt;K, V&gt;</c>, wrapping the dictionary read.</summary>
        ReadOnlyDictionaryWrapper,
    }
}
