namespace Alimentar.Generators.Model
{
    /// <summary>A record, class or struct held in a row member: a Parquet group, built from its fields like a row.</summary>
    /// <param name="TypeName">The type as code names it from anywhere, without nullability (<c>global::Demo.Image</c>).</param>
    /// <param name="IsValueType">A struct (held as <c>T</c> or <c>T?</c>) rather than a class or record.</param>
    /// <param name="Fields">Its fields, in declaration order: scalars or records.</param>
    /// <param name="ConstructorArguments">Field indexes passed to the constructor, in parameter order, or a <see cref="ConstructorArgument"/> for a parameter no field binds.</param>
    /// <param name="InitializedFields">Field indexes set in an object initializer.</param>
    /// <param name="ConstructorParameterNames">The constructor's parameter names when an argument is left to its default (so the call names its arguments); empty otherwise.</param>
    /// <param name="DefaultedRequiredMembers">Required members that are no columns (<c>[ParquetIgnore]</c>), which the object initializer sets to <c>default</c>.</param>
    /// <param name="IsTuple">A tuple, built by a tuple literal of its elements in order rather than by a constructor.</param>
    internal sealed record GroupSpec(
        string TypeName,
        bool IsValueType,
        EquatableArray<ColumnSpec> Fields,
        EquatableArray<int> ConstructorArguments,
        EquatableArray<int> InitializedFields,
        EquatableArray<string> ConstructorParameterNames = default,
        EquatableArray<string> DefaultedRequiredMembers = default,
        bool IsTuple = false);
}
