using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Alimentar.Generators.Model
{
    /// <summary>A diagnostic as plain data, so it can sit in the cached model without holding a syntax tree.</summary>
    internal sealed record DiagnosticInfo(string Id, string FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
        {
            location ??= Location.None;
            FileLinePositionSpan lines = location.GetLineSpan();
            return new DiagnosticInfo(descriptor.Id, lines.Path ?? string.Empty, location.SourceSpan, lines.Span, new EquatableArray<string>(arguments));
        }

        public Diagnostic ToDiagnostic()
        {
            Location location = string.IsNullOrEmpty(FilePath) ? Location.None : Location.Create(FilePath, Span, LineSpan);
            object[] arguments = new object[Arguments.Count];
            for (int i = 0; i < arguments.Length; i++)
            {
                arguments[i] = Arguments[i];
            }

            return Diagnostic.Create(Diagnostics.ById(Id), location, arguments);
        }
    }
}
