using System.Collections;
using System.Reflection;
using Alimentar.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alimentar.Generators.Tests;

public sealed class IncrementalTests
{
    private const string Row = """
        using Alimentar;
        namespace Demo;
        [StreamingDataset]
        public partial record Trip(long Id, string Label)
        {
            public int Twice() => 2;
        }
        """;

    private const string Unrelated = "namespace Demo; public static class Helpers { public static int One() => 1; }";

    [Fact]
    public void Editing_an_unrelated_file_leaves_every_step_cached()
    {
        GeneratorRunResult result = RunAfterEdit(file: 1, Unrelated.Replace("=> 1", "=> 2", StringComparison.Ordinal));

        AssertStepsCachedOrUnchanged(result);
    }

    [Fact]
    public void Editing_a_method_body_of_the_row_type_leaves_the_model_unchanged()
    {
        GeneratorRunResult result = RunAfterEdit(file: 0, Row.Replace("=> 2", "=> 3", StringComparison.Ordinal));

        AssertStepsCachedOrUnchanged(result);
    }

    [Fact]
    public void Renaming_a_column_changes_the_model()
    {
        GeneratorRunResult result = RunAfterEdit(file: 0, Row.Replace("string Label", "string Name", StringComparison.Ordinal));

        Assert.Contains(result.TrackedSteps[StreamingDatasetGenerator.Steps.Specs].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void The_model_holds_no_symbols_syntax_locations_or_compilations()
    {
        Type[] forbidden = [typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SemanticModel)];
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([typeof(ParseResult)]);
        while (pending.TryPop(out Type? type))
        {
            if (!seen.Add(type) || type.IsPrimitive || type == typeof(string))
            {
                continue;
            }

            Assert.DoesNotContain(forbidden, f => f.IsAssignableFrom(type));
            foreach (Type argument in type.GetGenericArguments())
            {
                pending.Push(argument);
            }

            if (type.Namespace?.StartsWith("Alimentar", StringComparison.Ordinal) != true)
            {
                continue;
            }

            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                pending.Push(field.FieldType);
            }
        }

        Assert.Contains(typeof(ColumnSpec), seen);
    }

    /// <summary>Runs the generator over the row and the unrelated file, replaces one file's text, and runs it again.</summary>
    private static GeneratorRunResult RunAfterEdit(int file, string newText)
    {
        Compilation compilation = GeneratorHarness.Compile(Row, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        Compilation edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.ElementAt(file),
            CSharpSyntaxTree.ParseText(newText, GeneratorHarness.ParseOptions, path: $"Source{file}.cs"));
        return driver.RunGenerators(edited).GetRunResult().Results.Single();
    }

    private static void AssertStepsCachedOrUnchanged(GeneratorRunResult result)
    {
        foreach (string step in new[] { StreamingDatasetGenerator.Steps.Parse, StreamingDatasetGenerator.Steps.Specs })
        {
            IncrementalStepRunReason[] reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {step} output was {reason}"));
        }
    }
}
