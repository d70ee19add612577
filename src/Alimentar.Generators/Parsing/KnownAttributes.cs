using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Alimentar.Generators.Parsing
{
    /// <summary>What an attribute on a row type or member means to the generator.</summary>
    internal enum AttributeRole
    {
        None,
        StreamingDataset,
        Column,
        EnumAsString,
        Decimal,
        Timestamp,
        Ignore,
        JsonPropertyName,
        JsonIgnore,
        SetsRequiredMembers,
    }

    /// <summary>
    /// The attribute types the parser reads, resolved once per compilation (not by display string for every member),
    /// Alimentar's own and those of Parquet.Net's serializer and System.Text.Json that row types already carry. A type a
    /// compilation does not reference is simply absent; one defined twice (a polyfill beside the framework's) counts both.
    /// </summary>
    internal sealed class KnownAttributes
    {
        private static readonly ConditionalWeakTable<Compilation, KnownAttributes> Cache = new ConditionalWeakTable<Compilation, KnownAttributes>();

        private static readonly (string MetadataName, AttributeRole Role)[] Names =
        {
            (StreamingDatasetGenerator.AttributeName, AttributeRole.StreamingDataset),
            ("Alimentar.ParquetColumnAttribute", AttributeRole.Column),
            ("Alimentar.ParquetEnumAsStringAttribute", AttributeRole.EnumAsString),
            ("Alimentar.ParquetDecimalAttribute", AttributeRole.Decimal),
            ("Parquet.Serialization.Attributes.ParquetDecimalAttribute", AttributeRole.Decimal),
            ("Alimentar.ParquetTimestampAttribute", AttributeRole.Timestamp),
            ("Parquet.Serialization.Attributes.ParquetTimestampAttribute", AttributeRole.Timestamp),
            ("Alimentar.ParquetIgnoreAttribute", AttributeRole.Ignore),
            ("Parquet.Serialization.Attributes.ParquetIgnoreAttribute", AttributeRole.Ignore),
            ("System.Text.Json.Serialization.JsonPropertyNameAttribute", AttributeRole.JsonPropertyName),
            ("System.Text.Json.Serialization.JsonIgnoreAttribute", AttributeRole.JsonIgnore),
            ("System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute", AttributeRole.SetsRequiredMembers),
        };

        private readonly Dictionary<ISymbol, AttributeRole> _roles = new Dictionary<ISymbol, AttributeRole>(SymbolEqualityComparer.Default);

        private KnownAttributes(Compilation compilation)
        {
            foreach ((string metadataName, AttributeRole role) in Names)
            {
                // Every type of the name, not one: a polyfilled SetsRequiredMembersAttribute sits beside the framework's.
                foreach (INamedTypeSymbol type in compilation.GetTypesByMetadataName(metadataName))
                {
                    _roles[type] = role;
                }
            }
        }

        public static KnownAttributes For(Compilation compilation) => Cache.GetValue(compilation, c => new KnownAttributes(c));

        public AttributeRole RoleOf(AttributeData attribute) =>
            attribute.AttributeClass is { } type && _roles.TryGetValue(type, out AttributeRole role) ? role : AttributeRole.None;

        public bool Has(ISymbol symbol, AttributeRole role)
        {
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                if (RoleOf(attribute) == role)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
