using System.Linq;
using Alimentar.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Alimentar.Generators.Parsing
{
    /// <summary>Maps a member's CLR type to its column type, storage and element size; null when unsupported.</summary>
    internal static class ColumnTypeMapper
    {
        public sealed record Mapping(ColumnKind ColumnType, string ElementType, ColumnStorage Storage, bool IsNullable, int ElementSize, EnumSpec? Enum = null, ListSpec? List = null, bool IsChar = false, GroupSpec? Group = null);

        public static Mapping? Map(ITypeSymbol type, bool enumAsString)
        {
            if (ListElement(type, out ListContainer container) is { } elementType)
            {
                Mapping? element = Map(elementType, enumAsString: false);
                if (element is { Storage: ColumnStorage.List, List: { } innerList })
                {
                    var nested = new ListSpec(container, ColumnStorage.List, innerList.TypeCode, element.IsNullable, innerList);
                    return new Mapping(element.ColumnType, element.ElementType, ColumnStorage.List, AcceptsNull(type), 0, List: nested);
                }

                if (element is null || element.Enum is { AsString: true } || element.IsChar || element.Storage is not (ColumnStorage.Value or ColumnStorage.NullableValue or ColumnStorage.String or ColumnStorage.Binary))
                {
                    return null;
                }

                var list = new ListSpec(container, element.Storage, element.ElementType, element.IsNullable, Enum: element.Enum);
                return new Mapping(element.ColumnType, element.ElementType, ColumnStorage.List, AcceptsNull(type), 0, List: list);
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                Mapping? underlying = MapValue(nullable.TypeArguments[0], enumAsString);
                if (underlying is null)
                {
                    return null;
                }

                return underlying.Storage == ColumnStorage.String
                    ? underlying with { IsNullable = true }
                    : underlying with { Storage = ColumnStorage.NullableValue, IsNullable = true, ElementSize = NullableSize(underlying) };
            }

            if (type.SpecialType == SpecialType.System_String)
            {
                return new Mapping(ColumnKind.String, "string", ColumnStorage.String, AcceptsNull(type), 8);
            }

            if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
            {
                return new Mapping(ColumnKind.Binary, "byte[]", ColumnStorage.Binary, AcceptsNull(type), 8);
            }

            return MapValue(type, enumAsString);
        }

        /// <summary>
        /// The element type of <c>T[]</c> (other than <c>byte[]</c>), <c>List&lt;T&gt;</c>, or one of the list and
        /// collection interfaces a list is read into (<c>IReadOnlyList</c>, <c>IReadOnlyCollection</c>, <c>IList</c>, <c>ICollection</c>,
        /// <c>IEnumerable</c>), <c>ImmutableArray&lt;T&gt;</c> (nullable or not), or a set (<c>HashSet</c>, <c>ISet</c>, <c>IReadOnlySet</c>).
        /// </summary>
        public static ITypeSymbol? ListElement(ITypeSymbol type, out ListContainer container)
        {
            container = ListContainer.Array;
            if (type is IArrayTypeSymbol { Rank: 1 } array && array.ElementType.SpecialType != SpecialType.System_Byte)
            {
                return array.ElementType;
            }

            // An ImmutableArray<T> is a struct: a nullable one is a Nullable<ImmutableArray<T>>.
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapped
                && wrapped.TypeArguments[0] is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } immutable
                && immutable.OriginalDefinition.ToDisplayString() == ImmutableArrayDefinition)
            {
                container = ListContainer.ImmutableArray;
                return immutable.TypeArguments[0];
            }

            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                && ListContainerOf(named.OriginalDefinition.ToDisplayString()) is { } known)
            {
                container = known;
                return named.TypeArguments[0];
            }

            return null;
        }

        private const string ImmutableArrayDefinition = "System.Collections.Immutable.ImmutableArray<T>";

        private static ListContainer? ListContainerOf(string genericDefinition) => genericDefinition switch
        {
            "System.Collections.Generic.List<T>" => ListContainer.List,
            "System.Collections.Generic.IReadOnlyList<T>" => ListContainer.ReadOnlyList,
            "System.Collections.Generic.IReadOnlyCollection<T>" => ListContainer.ReadOnlyCollection,
            "System.Collections.Generic.IList<T>" => ListContainer.ListInterface,
            "System.Collections.Generic.ICollection<T>" => ListContainer.CollectionInterface,
            "System.Collections.Generic.IEnumerable<T>" => ListContainer.Enumerable,
            ImmutableArrayDefinition => ListContainer.ImmutableArray,
            "System.Collections.Generic.HashSet<T>" => ListContainer.Set,
            "System.Collections.Generic.ISet<T>" => ListContainer.SetInterface,
            "System.Collections.Generic.IReadOnlySet<T>" => ListContainer.ReadOnlySet,
            _ => null,
        };

        private static Mapping? MapValue(ITypeSymbol type, bool enumAsString)
        {
            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlyingType } enumType)
            {
                var members = enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).Select(f => f.Name);
                var spec = new EnumSpec(enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), enumAsString, new EquatableArray<string>(members), underlyingType.ToDisplayString());
                return enumAsString
                    ? new Mapping(ColumnKind.String, "string", ColumnStorage.String, false, 8, spec)
                    : MapValue(underlyingType, false)! with { Enum = spec };
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean: return Value(ColumnKind.Boolean, "bool", 1);
                case SpecialType.System_Char: return new Mapping(ColumnKind.String, "string", ColumnStorage.String, false, 8, IsChar: true);
                case SpecialType.System_SByte: return Value(ColumnKind.SByte, "sbyte", 1);
                case SpecialType.System_Byte: return Value(ColumnKind.Byte, "byte", 1);
                case SpecialType.System_Int16: return Value(ColumnKind.Int16, "short", 2);
                case SpecialType.System_UInt16: return Value(ColumnKind.UInt16, "ushort", 2);
                case SpecialType.System_Int32: return Value(ColumnKind.Int32, "int", 4);
                case SpecialType.System_UInt32: return Value(ColumnKind.UInt32, "uint", 4);
                case SpecialType.System_Int64: return Value(ColumnKind.Int64, "long", 8);
                case SpecialType.System_UInt64: return Value(ColumnKind.UInt64, "ulong", 8);
                case SpecialType.System_Single: return Value(ColumnKind.Single, "float", 4);
                case SpecialType.System_Double: return Value(ColumnKind.Double, "double", 8);
                case SpecialType.System_Decimal: return Value(ColumnKind.Decimal, "decimal", 16);
                case SpecialType.System_DateTime: return Value(ColumnKind.DateTime, "global::System.DateTime", 8);
            }

            if (type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
            {
                switch (type.MetadataName)
                {
                    case "DateTimeOffset": return Value(ColumnKind.DateTimeOffset, "global::System.DateTimeOffset", 16);
                    case "DateOnly": return Value(ColumnKind.DateOnly, "global::System.DateOnly", 4);
                    case "TimeOnly": return Value(ColumnKind.TimeOnly, "global::System.TimeOnly", 8);
                    case "TimeSpan": return Value(ColumnKind.TimeSpan, "global::System.TimeSpan", 8);
                    case "Guid": return Value(ColumnKind.Guid, "global::System.Guid", 16);
                    case "Half": return Value(ColumnKind.Half, "global::System.Half", 2);
                }
            }

            if (type is { MetadataName: "ParquetInterval", ContainingNamespace: { Name: "Alimentar", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return Value(ColumnKind.Interval, "global::Alimentar.ParquetInterval", 12);
            }

            if (type is { MetadataName: "ParquetVariant", ContainingNamespace: { Name: "Alimentar", ContainingNamespace.IsGlobalNamespace: true } })
            {
                // Two memory spans; the bytes they hold are the variant's own and are not counted here.
                return Value(ColumnKind.Variant, "global::Alimentar.ParquetVariant", 32);
            }

            return null;
        }

        private static Mapping Value(ColumnKind columnType, string elementType, int size) =>
            new(columnType, elementType, ColumnStorage.Value, false, size);

        /// <summary>The size of <c>T?</c>: the value plus a flag padded to the value's alignment.</summary>
        private static int NullableSize(Mapping underlying)
        {
            int alignment = underlying.ColumnType switch
            {
                ColumnKind.Decimal or ColumnKind.DateTimeOffset or ColumnKind.Variant => 8,
                ColumnKind.Guid or ColumnKind.Interval => 4,
                _ => underlying.ElementSize,
            };
            return underlying.ElementSize + alignment;
        }

        /// <summary>A reference member accepts null unless the code says it does not (annotations off count as "may be null").</summary>
        public static bool AcceptsNull(ITypeSymbol type) => type.NullableAnnotation != NullableAnnotation.NotAnnotated;
    }
}
