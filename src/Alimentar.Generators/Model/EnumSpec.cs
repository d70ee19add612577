namespace Alimentar.Generators.Model
{
    /// <summary>An enum member's type: stored as its underlying integer, or by name when <paramref name="AsString"/>.</summary>
    /// <param name="TypeName">The fully qualified enum type.</param>
    /// <param name="AsString">True to store member names.</param>
    /// <param name="Members">The enum's member names, for name conversion without reflection.</param>
    /// <param name="UnderlyingType">The enum's underlying integer type (<c>int</c>, <c>ulong</c>...).</param>
    internal sealed record EnumSpec(string TypeName, bool AsString, EquatableArray<string> Members, string UnderlyingType = "int");
}
