namespace Alimentar.Generators.Model
{
    /// <summary>What parsing one annotated type gives: a spec to emit (null when an error stops it) and the diagnostics.</summary>
    internal sealed record ParseResult(RowSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
}
