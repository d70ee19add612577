namespace Alimentar.Generators.Model
{
    /// <summary>A one-level list member: its container and element.</summary>
    /// <param name="Container">How the member holds the list: <c>Array</c>, <c>List</c> or <c>ReadOnlyList</c>.</param>
    /// <param name="ElementStorage">How each element is held: a value, a nullable value or a string.</param>
    /// <param name="ElementType">The element type without nullability (<c>int</c>, <c>string</c>).</param>
    /// <param name="ElementIsNullable">Whether elements may be null.</param>
    internal sealed record ListSpec(string Container, ColumnStorage ElementStorage, string ElementType, bool ElementIsNullable)
    {
        /// <summary>The element as written in code (<c>int?</c>, <c>string</c>).</summary>
        public string ElementCode => ElementType + (ElementIsNullable ? "?" : string.Empty);
    }
}
