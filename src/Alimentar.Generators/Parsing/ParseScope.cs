using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Alimentar.Generators.Parsing
{
    /// <summary>What parsing one row type carries down into its records: the compilation's known attributes, what the generated code can reach, and the records being parsed around the current one.</summary>
    internal sealed class ParseScope
    {
        private readonly Compilation _compilation;
        private readonly INamedTypeSymbol _row;

        public ParseScope(Compilation compilation, INamedTypeSymbol row)
        {
            _compilation = compilation;
            _row = row;
            Known = KnownAttributes.For(compilation);
            Visiting = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default) { row };
        }

        public KnownAttributes Known { get; }

        /// <summary>
        /// Whether the generated code, which lives in the row type, can call <paramref name="symbol"/>: a row's own private
        /// setter, yes; a nested record's private constructor or setter, or another assembly's internal one, no.
        /// </summary>
        public bool CanReach(ISymbol symbol) => _compilation.IsSymbolAccessibleWithin(symbol, _row);

        /// <summary>The row type and the records being parsed around the current one: meeting one again is a cycle.</summary>
        public HashSet<ITypeSymbol> Visiting { get; }
    }
}
