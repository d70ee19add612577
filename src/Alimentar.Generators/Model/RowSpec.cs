namespace Alimentar.Generators.Model
{
    /// <summary>Everything the emitter needs to know about one row type: no symbols, no syntax, only values.</summary>
    /// <param name="Namespace">The namespace, or null for the global namespace.</param>
    /// <param name="Name">The type's simple name.</param>
    /// <param name="Keyword">The declaration keyword (<c>record</c>, <c>record struct</c>, <c>class</c>, <c>struct</c>).</param>
    /// <param name="IsPublic">Whether the type is visible outside its assembly (so its extensions may be public).</param>
    /// <param name="ContainingTypes">Enclosing types, outermost first.</param>
    /// <param name="Columns">The columns, in declaration order.</param>
    /// <param name="ConstructorArguments">Column indexes passed to the constructor, in parameter order, or a <see cref="ConstructorArgument"/> for a parameter no column binds.</param>
    /// <param name="InitializedColumns">Column indexes set in an object initializer.</param>
    /// <param name="StoreName">The nested store type's name (<c>Columns</c> unless a member already uses it).</param>
    /// <param name="HidesInheritedStore">A base type is a streaming row too, so its store of the same name is hidden with <c>new</c>.</param>
    /// <param name="AccessorsVisible">Whether code outside the type can see it (not private or protected), so batch accessors can exist.</param>
    /// <param name="ConstructorParameterNames">The constructor's parameter names when an argument is left to its default (so the call names its arguments); empty otherwise.</param>
    /// <param name="DefaultedRequiredMembers">Required members that are no columns (<c>[ParquetIgnore]</c>), which the object initializer sets to <c>default</c>.</param>
    internal sealed record RowSpec(
        string? Namespace,
        string Name,
        string Keyword,
        bool IsPublic,
        EquatableArray<ContainingTypeSpec> ContainingTypes,
        EquatableArray<ColumnSpec> Columns,
        EquatableArray<int> ConstructorArguments,
        EquatableArray<int> InitializedColumns,
        string StoreName,
        bool HidesInheritedStore = false,
        bool AccessorsVisible = true,
        EquatableArray<string> ConstructorParameterNames = default,
        EquatableArray<string> DefaultedRequiredMembers = default)
    {
        /// <summary>The type as code names it from anywhere: <c>global::Demo.Outer.Trip</c>.</summary>
        public string FullyQualifiedName
        {
            get
            {
                string prefix = Namespace is null ? "global::" : "global::" + Namespace + ".";
                foreach (ContainingTypeSpec containing in ContainingTypes)
                {
                    prefix += containing.Name + ".";
                }

                return prefix + Name;
            }
        }

        /// <summary>The type's name for messages and file names: <c>Outer.Trip</c>.</summary>
        public string DisplayName
        {
            get
            {
                string name = string.Empty;
                foreach (ContainingTypeSpec containing in ContainingTypes)
                {
                    name += containing.Name + ".";
                }

                return name + Name;
            }
        }

        /// <summary>The generated file's hint name.</summary>
        public string HintName => (Namespace is null ? string.Empty : Namespace + ".") + DisplayName + ".g.cs";
    }
}
