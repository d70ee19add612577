using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Alimentar.Generators.Tests;

/// <summary>
/// A row of hundreds of members must not become methods the JIT takes long to compile: an await per column made the
/// read and write state machines of a 1,000-column row take 350 and 300 ms to compile on a first pass.
/// </summary>
public sealed class WideRowTests
{
    [Fact]
    public void A_wide_row_is_read_and_written_with_one_await_each_not_one_per_column()
    {
        string members = string.Join(", ", Enumerable.Range(0, 300).Select(i => (i % 4) switch
        {
            0 => $"double D{i}",
            1 => $"string? S{i}",
            2 => $"int? N{i}",
            _ => $"List<int> L{i}",
        }));
        GeneratorRun run = GeneratorHarness.Run($$"""
            using System.Collections.Generic;
            using Alimentar;

            namespace Demo;

            public sealed record Point(double X, double Y);

            [StreamingDataset]
            public partial record Wide({{members}}, Point Where);
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Diagnostic[] problems = [.. run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)];
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(d => d.ToString())));

        // The read loop, the write loop, and the one record member's read of its values before it builds them.
        string source = run.Sources.Single().SourceText.ToString();
        Assert.Equal(3, Regex.Count(source, @"\bawait (this|reader|writer)\."));
        Assert.Contains("299 => writer.", source, StringComparison.Ordinal);
        Assert.Contains("300 => this.ReadColumn300Async(reader, rows, cancellationToken),", source, StringComparison.Ordinal);
    }
}
