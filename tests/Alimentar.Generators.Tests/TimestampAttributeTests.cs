using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alimentar.Generators.Tests;

/// <summary>
/// <c>[ParquetTimestamp(isAdjustedToUtc: false)]</c>, Alimentar's or Parquet.Net's serializer's, marks a DateTime
/// member's column local (<see cref="ColumnDescriptor.IsLocalTimestamp"/>) wherever the member lies: at the top of a row,
/// as a list, or as a record's field; without it, or with it left adjusted to UTC, the column is an instant.
/// </summary>
public sealed class TimestampAttributeTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using Alimentar;

        namespace Parquet.Serialization.Attributes
        {
            public enum ParquetTimestampResolution { Milliseconds, Microseconds }

            // As Parquet.Net 6.1 declares it.
            [AttributeUsage(AttributeTargets.Property)]
            public sealed class ParquetTimestampAttribute : Attribute
            {
                public ParquetTimestampAttribute(ParquetTimestampResolution resolution = ParquetTimestampResolution.Milliseconds, bool useLogicalTimestamp = false, bool isAdjustedToUTC = true) { }
            }
        }

        namespace Demo
        {
            public sealed record Shift([ParquetTimestamp(false)] DateTime Start, DateTime End);

            [StreamingDataset]
            public partial record Stamps(
                DateTime Instant,
                [ParquetTimestamp(isAdjustedToUtc: false)] DateTime Local,
                [ParquetTimestamp] DateTime Adjusted,
                [property: ParquetTimestamp(false)] List<DateTime?>? Locals,
                Shift Shift,
                [property: Parquet.Serialization.Attributes.ParquetTimestamp(useLogicalTimestamp: true, isAdjustedToUTC: false)] DateTime FromParquetNet,
                [property: Parquet.Serialization.Attributes.ParquetTimestamp] DateTime ParquetNetDefault);

            public static class Probe
            {
                public static RowSchema Schema() => SchemaOf<Stamps>();

                private static RowSchema SchemaOf<T>() where T : IStreamingRow<T> => T.Schema;
            }
        }
        """;

    [Fact]
    public void A_local_timestamp_attribute_marks_its_column_local_at_the_top_in_a_list_and_in_a_record()
    {
        RowSchema schema = Compile();
        Dictionary<string, ColumnDescriptor> columns = schema.Columns.ToDictionary(c => c.Name);
        Assert.False(columns["Instant"].IsLocalTimestamp);
        Assert.True(columns["Local"].IsLocalTimestamp);
        Assert.False(columns["Adjusted"].IsLocalTimestamp);
        Assert.True(columns["Locals"].IsLocalTimestamp);
        Assert.True(columns["Locals"].IsList);

        ColumnDescriptor[] shift = [.. columns["Shift"].Fields!];
        Assert.True(shift.Single(f => f.Name == "Start").IsLocalTimestamp);
        Assert.False(shift.Single(f => f.Name == "End").IsLocalTimestamp);
    }

    [Fact]
    public void Parquet_Nets_timestamp_attribute_is_read_by_its_isAdjustedToUTC_argument()
    {
        Dictionary<string, ColumnDescriptor> columns = Compile().Columns.ToDictionary(c => c.Name);
        Assert.True(columns["FromParquetNet"].IsLocalTimestamp);
        Assert.False(columns["ParquetNetDefault"].IsLocalTimestamp);
    }

    [Fact]
    public void A_DateTimeOffset_may_be_asked_to_be_adjusted_to_UTC_as_it_always_is()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using Alimentar; [StreamingDataset] public partial record Row([ParquetTimestamp] System.DateTimeOffset Opened, [ParquetTimestamp(true)] System.DateTimeOffset?[] Closed);");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain("IsLocalTimestamp", run.Sources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    private static RowSchema Compile()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Stamps" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(Source, parse)],
            [.. Net100.References.All,
             MetadataReference.CreateFromFile(typeof(StreamingDatasetAttribute).Assembly.Location),
             MetadataReference.CreateFromFile(typeof(Batch<>).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorHarness.CreateDriver(options: parse).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("Stamps", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(image);
            return (RowSchema)assembly.GetType("Demo.Probe")!.GetMethod("Schema")!.Invoke(null, null)!;
        }
        finally
        {
            context.Unload();
        }
    }
}
