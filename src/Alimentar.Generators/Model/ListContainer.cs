namespace Alimentar.Generators.Model
{
    /// <summary>How a member holds a list or map.</summary>
    internal enum ListContainer
    {
        /// <summary><c>T[]</c>.</summary>
        Array,

        /// <summary><c>List&lt;T&gt;</c>.</summary>
        List,

        /// <summary><c>IReadOnlyList&lt;T&gt;</c>.</summary>
        ReadOnlyList,

        /// <summary><c>Dictionary&lt;K, V&gt;</c>.</summary>
        Dictionary,

        /// <summary><c>IReadOnlyDictionary&lt;K, V&gt;</c>.</summary>
        ReadOnlyDictionary,
    }
}
