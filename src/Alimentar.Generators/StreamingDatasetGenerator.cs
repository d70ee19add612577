using Alimentar.Generators.Emitting;
using Alimentar.Generators.Model;
using Alimentar.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Alimentar.Generators
{
    /// <summary>
    /// Finds <c>[StreamingDataset]</c> types, parses each into an equatable <see cref="RowSpec"/>, and emits
    /// its column store and batch accessors; diagnostics are reported from their own output.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class StreamingDatasetGenerator : IIncrementalGenerator
    {
        /// <summary>The metadata name of the attribute that marks row types.</summary>
        public const string AttributeName = "Alimentar.StreamingDatasetAttribute";

        private const string BatchTypeName = "Alimentar.Batch`1";

        /// <summary><c>LanguageVersion.CSharp14</c>, which the Roslyn this generator builds against predates.</summary>
        private const int CSharp14 = 1400;

        /// <summary>Tracking names of the pipeline steps, for incremental tests.</summary>
        public static class Steps
        {
            /// <summary>Symbols parsed into a model.</summary>
            public const string Parse = nameof(Parse);

            /// <summary>Models that will be emitted.</summary>
            public const string Specs = nameof(Specs);

            /// <summary>Diagnostics to report.</summary>
            public const string Diagnostics = nameof(Diagnostics);
        }

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    AttributeName,
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (syntax, cancellationToken) => RowParser.Parse(syntax, cancellationToken))
                .WithTrackingName(Steps.Parse);

            IncrementalValuesProvider<RowSpec> specs = parsed
                .Where(static result => result.Spec is not null)
                .Select(static (result, _) => result.Spec!)
                .WithTrackingName(Steps.Specs);

            IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
                .Select(static (result, _) => result.Diagnostics)
                .Where(static d => d.Count > 0)
                .WithTrackingName(Steps.Diagnostics);

            // Batch accessors need the runtime; a models-only project that references just the abstractions still gets its stores.
            IncrementalValueProvider<bool> runtimeReferenced = context.CompilationProvider
                .Select(static (compilation, _) => compilation.GetTypeByMetadataName(BatchTypeName) is not null);

            // Extension properties need C# 14; an older language version gets extension methods instead.
            IncrementalValueProvider<bool> extensionProperties = context.ParseOptionsProvider
                .Select(static (options, _) => options is CSharpParseOptions csharp && (int)csharp.LanguageVersion >= CSharp14);

            context.RegisterSourceOutput(
                specs.Combine(runtimeReferenced).Combine(extensionProperties),
                static (output, input) => output.AddSource(
                    input.Left.Left.HintName,
                    RowEmitter.Emit(input.Left.Left, emitBatchAccessors: input.Left.Right, extensionProperties: input.Right)));
            context.RegisterSourceOutput(diagnostics, static (output, found) =>
            {
                foreach (DiagnosticInfo diagnostic in found)
                {
                    output.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });
        }
    }
}
