using System.Collections.Immutable;
using System.Reflection;
using Alimentar.Generators;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alimentar.Cli.Tests;

/// <summary>Compiles sources with the Alimentar generator, as a user's build would, and loads the result.</summary>
internal static class GeneratedAssembly
{
    public static Assembly Compile(params string[] sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Generated" + Guid.NewGuid().ToString("N"),
            [.. sources.Select(s => CSharpSyntaxTree.ParseText(s, parse)), CSharpSyntaxTree.ParseText("global using System;", parse)],
            [.. Net100.References.All,
             MetadataReference.CreateFromFile(typeof(StreamingDatasetAttribute).Assembly.Location),
             MetadataReference.CreateFromFile(typeof(Batch<>).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create([new StreamingDatasetGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.Empty(diagnostics);

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, sources[0] + "\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    }
}
