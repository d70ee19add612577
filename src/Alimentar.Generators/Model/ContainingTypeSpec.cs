namespace Alimentar.Generators.Model
{
    /// <summary>A type the row type is nested in: its keyword (<c>class</c>, <c>record struct</c>...) and name.</summary>
    internal sealed record ContainingTypeSpec(string Keyword, string Name);
}
