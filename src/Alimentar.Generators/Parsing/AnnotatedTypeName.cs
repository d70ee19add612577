using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alimentar.Generators.Parsing
{
    /// <summary>
    /// A user's type as the generated code (annotations on) names it. A reference type declared with annotations off
    /// may hold null, so it is named nullable at every depth (<c>List&lt;string&gt;</c> becomes
    /// <c>List&lt;string?&gt;?</c>), as the generated code reads it, except a dictionary's key; annotated declarations
    /// are named as written.
    /// </summary>
    internal static class AnnotatedTypeName
    {
        private static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat Bare = Qualified.WithGenericsOptions(SymbolDisplayGenericsOptions.None);

        /// <summary>The type, nullable where it may hold null.</summary>
        public static string Of(ITypeSymbol type) =>
            type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.NotAnnotated ? NonNull(type) + "?" : NonNull(type);

        /// <summary>A name as code writes it: a keyword escaped (<c>@class</c>).</summary>
        private static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary>The type without a top-level <c>?</c> (a map's key, which is never null), its arguments and elements as <see cref="Of"/> names them.</summary>
        public static string NonNull(ITypeSymbol type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return $"{Of(array.ElementType)}[{new string(',', array.Rank - 1)}]";
                case INamedTypeSymbol { IsGenericType: true } named when named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T:
                    return NonNull(named.TypeArguments[0]) + "?";
                case INamedTypeSymbol { IsTupleType: true } tuple when tuple.TupleElements.Length >= 2:
                    // Tuple syntax keeps the elements' names, by which the generated code reads them.
                    return "(" + string.Join(", ", tuple.TupleElements.Select(e => Of(e.Type) + (e.IsExplicitlyNamedTupleElement ? " " + Identifier(e.Name) : string.Empty))) + ")";
                case INamedTypeSymbol { IsGenericType: true } named when named.ContainingType is not { IsGenericType: true }:
                    // A dictionary's key (every map container's TKey) cannot be null.
                    var arguments = named.TypeArguments.Select((argument, i) => named.OriginalDefinition.TypeParameters[i].Name == "TKey" ? NonNull(argument) : Of(argument));
                    return $"{named.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Bare)}<{string.Join(", ", arguments)}>";
                default:
                    return type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Qualified);
            }
        }
    }
}
