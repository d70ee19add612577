using System.Linq;
using Alimentar.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Alimentar.Generators.Parsing
{
    /// <summary>Maps a member's CLR type to its column type, storage and element size; null when unsupported.</summary>
    internal static class ColumnTypeMapper
    {
        public sealed record Mapping(ColumnKind ColumnType, string ElementType, ColumnStorage Storage, bool IsNullable, int ElementSize, EnumSpec? Enum = null, ListSpec? List = null, bool IsChar = false, GroupSpec? Group = null, string? BinaryType = null);

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

                if (element is null || element.Enum is { AsString: true } || element.IsChar || element.BinaryType is not null || element.Storage is not (ColumnStorage.Value or ColumnStorage.NullableValue or ColumnStorage.String or ColumnStorage.Binary))
                {
                    return null;
                }

                var list = new ListSpec(container, element.Storage, element.ElementType, element.IsNullable, Enum: element.Enum);
                return new Mapping(element.ColumnType, element.ElementType, ColumnStorage.List, AcceptsNull(type), 0, List: list);
            }

            if (BinaryTypeOf(type) is { } binaryType)
            {
                return new Mapping(ColumnKind.Binary, "byte[]", ColumnStorage.Binary, AcceptsNull(type), 8, BinaryType: binaryType);
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
        /// The element type of <c>T[]</c> (other than <c>byte[]</c>), <c>List&lt;T&gt;</c>, one of the list and
        /// collection interfaces a list is read into (<c>IReadOnlyList</c>, <c>IReadOnlyCollection</c>, <c>IList</c>, <c>ICollection</c>,
        /// <c>IEnumerable</c>), <c>ImmutableArray&lt;T&gt;</c>, <c>ReadOnlyMemory&lt;T&gt;</c> or <c>Memory&lt;T&gt;</c> (nullable
        /// or not, but not of bytes, which are binary values as <c>byte[]</c> is), an immutable, frozen or read-only collection, or a set.
        /// </summary>
        public static ITypeSymbol? ListElement(ITypeSymbol type, out ListContainer container)
        {
            container = ListContainer.Array;
            if (type is IArrayTypeSymbol { Rank: 1 } array && array.ElementType.SpecialType != SpecialType.System_Byte)
            {
                return array.ElementType;
            }

            // ImmutableArray<T> and the memories are structs: a nullable one is a Nullable<ImmutableArray<T>>.
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapped)
            {
                type = wrapped.TypeArguments[0];
            }

            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                && ListContainerOf(named.OriginalDefinition.ToDisplayString()) is { } known
                && !(known is ListContainer.ReadOnlyMemory or ListContainer.Memory or ListContainer.ImmutableArray && named.TypeArguments[0].SpecialType == SpecialType.System_Byte))
            {
                container = known;
                return named.TypeArguments[0];
            }

            return null;
        }

        /// <summary>
        /// The member's type as code when it holds a binary value as <c>byte[]</c> does but is another type:
        /// <c>ReadOnlyMemory&lt;byte&gt;</c>, <c>Memory&lt;byte&gt;</c> or <c>ImmutableArray&lt;byte&gt;</c> (nullable or not); null for any other type.
        /// </summary>
        private static string? BinaryTypeOf(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapped)
            {
                type = wrapped.TypeArguments[0];
            }

            return type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && named.TypeArguments[0].SpecialType == SpecialType.System_Byte
                ? named.OriginalDefinition.ToDisplayString() switch
                {
                    "System.ReadOnlyMemory<T>" => "global::System.ReadOnlyMemory<byte>",
                    "System.Memory<T>" => "global::System.Memory<byte>",
                    "System.Collections.Immutable.ImmutableArray<T>" => "global::System.Collections.Immutable.ImmutableArray<byte>",
                    _ => null,
                }
                : null;
        }

        private static ListContainer? ListContainerOf(string genericDefinition) => genericDefinition switch
        {
            "System.Collections.Generic.List<T>" => ListContainer.List,
            "System.Collections.Generic.IReadOnlyList<T>" => ListContainer.ReadOnlyList,
            "System.Collections.Generic.IReadOnlyCollection<T>" => ListContainer.ReadOnlyCollection,
            "System.Collections.Generic.IList<T>" => ListContainer.ListInterface,
            "System.Collections.Generic.ICollection<T>" => ListContainer.CollectionInterface,
            "System.Collections.Generic.IEnumerable<T>" => ListContainer.Enumerable,
            "System.Collections.Immutable.ImmutableArray<T>" => ListContainer.ImmutableArray,
            "System.ReadOnlyMemory<T>" => ListContainer.ReadOnlyMemory,
            "System.Memory<T>" => ListContainer.Memory,
            "System.Collections.Immutable.ImmutableList<T>" => ListContainer.ImmutableList,
            "System.Collections.Immutable.IImmutableList<T>" => ListContainer.ImmutableListInterface,
            "System.Collections.ObjectModel.ReadOnlyCollection<T>" => ListContainer.ReadOnlyCollectionWrapper,
            "System.Collections.Generic.HashSet<T>" => ListContainer.Set,
            "System.Collections.Generic.ISet<T>" => ListContainer.SetInterface,
            "System.Collections.Generic.IReadOnlySet<T>" => ListContainer.ReadOnlySet,
            "System.Collections.Generic.SortedSet<T>" => ListContainer.SortedSet,
            "System.Collections.Immutable.ImmutableHashSet<T>" => ListContainer.ImmutableSet,
            "System.Collections.Immutable.IImmutableSet<T>" => ListContainer.ImmutableSetInterface,
            "System.Collections.Frozen.FrozenSet<T>" => ListContainer.FrozenSet,
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

        /// <summary>
        /// A value type accepts null as <c>T?</c> only; a reference member unless the code says it does not (annotations off
        /// count as "may be null").
        /// </summary>
        public static bool AcceptsNull(ITypeSymbol type) => type.IsValueType
            ? type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
            : type.NullableAnnotation != NullableAnnotation.NotAnnotated;
    }
}
