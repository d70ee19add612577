using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Alimentar.Generators.Parsing
{
    /// <summary>What parsing one row type carries down into its records: the compilation's known attributes, and the records being parsed around the current one.</summary>
    internal sealed class ParseScope
    {
        public ParseScope(KnownAttributes known, INamedTypeSymbol row)
        {
            Known = known;
            Visiting = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default) { row };
        }

        public KnownAttributes Known { get; }

        /// <summary>The row type and the records being parsed around the current one: meeting one again is a cycle.</summary>
        public HashSet<ITypeSymbol> Visiting { get; }
    }
}
