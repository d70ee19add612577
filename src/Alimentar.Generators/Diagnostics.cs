using System.Linq;
using Microsoft.CodeAnalysis;

namespace Alimentar.Generators
{
    /// <summary>The generator's diagnostics. Each names the type or member and points at it.</summary>
    internal static class Diagnostics
    {
        private const string Category = "Alimentar";

        public static readonly DiagnosticDescriptor TypeNotPartial = Error(
            "ALI0001",
            "Streaming row type must be partial",
            "'{0}' is marked [StreamingDataset] but is not partial; add the 'partial' modifier so the generator can extend it");

        public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
            "ALI0002",
            "Containing type of a streaming row type must be partial",
            "'{0}' contains the [StreamingDataset] type '{1}' but is not partial; add the 'partial' modifier");

        public static readonly DiagnosticDescriptor UnsupportedMemberType = Error(
            "ALI0003",
            "Member type is not supported as a Parquet column",
            "Member '{0}' of '{1}' has type '{2}', which cannot be a Parquet column; use bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double, Half, decimal, char, string, byte[] (or ReadOnlyMemory<byte>, Memory<byte>, ImmutableArray<byte>), DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan, Guid, ParquetInterval, ParquetVariant, an enum, a nullable form of these, an array, list, set or memory of them (List<T>, HashSet<T>, SortedSet<T>, ImmutableArray<T>, ReadOnlyMemory<T>, Memory<T>, their interfaces, and their immutable, frozen and read-only forms) at any depth, a dictionary of them (Dictionary<K, V>, its interfaces, and its sorted, immutable, frozen and read-only forms), a record, class, struct or tuple holding them, or mark it [ParquetIgnore]");

        public static readonly DiagnosticDescriptor DuplicateColumnName = Error(
            "ALI0004",
            "Two members map to the same column",
            "Members '{0}' and '{1}' of '{2}' both map to column '{3}'; give one of them another name with [ParquetColumn]");

        public static readonly DiagnosticDescriptor NoColumns = Error(
            "ALI0005",
            "Streaming row type has no columns",
            "'{0}' has no readable instance properties or fields to map to columns");

        public static readonly DiagnosticDescriptor GenericType = Error(
            "ALI0006",
            "Generic streaming row types are not supported",
            "'{0}' {1}; a [StreamingDataset] type must be a closed, non-generic type");

        public static readonly DiagnosticDescriptor InvalidColumnName = Error(
            "ALI0007",
            "Invalid column name",
            "[ParquetColumn] on member '{0}' of '{1}' names no column; give a non-empty name");

        public static readonly DiagnosticDescriptor NoConstruction = Error(
            "ALI0008",
            "Streaming row type cannot be constructed",
            "'{0}' cannot be built from its columns: no constructor takes them and '{1}' has no set or init accessor the row type can call; add a constructor or make the member settable");

        public static readonly DiagnosticDescriptor NoConstructorBinds = Error(
            "ALI0015",
            "No constructor builds the rows from their columns",
            "'{0}' cannot be built from its columns: {1}; add a constructor that takes columns alone (or a parameterless one, with settable members) that the row type can call");

        public static readonly DiagnosticDescriptor InvalidDecimal = Error(
            "ALI0009",
            "Invalid decimal precision or scale",
            "[ParquetDecimal({2}, {3})] on member '{0}' of '{1}' is not a valid DECIMAL; precision must be 1 to 38 and scale 0 to precision");

        public static readonly DiagnosticDescriptor AbstractType = Error(
            "ALI0010",
            "Streaming row type cannot be instantiated",
            "'{0}' is {1}, so rows cannot be built from it; put [StreamingDataset] on a concrete type");

        public static readonly DiagnosticDescriptor ColumnAttributeIgnored = new(
            "ALI0011",
            "[ParquetColumn] on a member that is not a column",
            "[ParquetColumn] on member '{0}' of '{1}' has no effect: {2}; remove the attribute or make the member a public or internal property or field with storage",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: HelpLink("ALI0011"));

        public static readonly DiagnosticDescriptor RecursiveRecord = Error(
            "ALI0012",
            "A record holds itself",
            "'{0}' holds itself, directly or through other records, so the Parquet group it maps to would never end; hold the repeated part as a separate column or mark a member [ParquetIgnore]");

        public static readonly DiagnosticDescriptor UnsupportedInRecord = Error(
            "ALI0013",
            "Member type is not supported inside a nested record",
            "Member '{0}' of '{1}' has type '{2}', which a record inside a row cannot hold (char and enums written as names are read only at the row's top level); hold it as a string, or mark it [ParquetIgnore] and move it to the row type");

        public static readonly DiagnosticDescriptor InvalidMapKey = Error(
            "ALI0014",
            "Map key must be a non-null scalar",
            "A map's key type '{0}' is not a non-null scalar; Parquet map keys are required, so use a number, a non-nullable string, a date, time, Guid or enum");

        public static readonly DiagnosticDescriptor TimestampOnOtherType = Error(
            "ALI0016",
            "[ParquetTimestamp] on a member that is not a DateTime",
            "[ParquetTimestamp] on member '{0}' of '{1}' has no timestamp to set: its type is '{2}'; it applies to DateTime members and lists of them (a DateTimeOffset is an instant, always written adjusted to UTC)");

        public static readonly DiagnosticDescriptor[] All =
        {
            TypeNotPartial, ContainingTypeNotPartial, UnsupportedMemberType, DuplicateColumnName,
            NoColumns, GenericType, InvalidColumnName, NoConstruction, InvalidDecimal, AbstractType,
            ColumnAttributeIgnored, RecursiveRecord, UnsupportedInRecord, InvalidMapKey, NoConstructorBinds, TimestampOnOtherType,
        };

        public static DiagnosticDescriptor ById(string id) => All.First(d => d.Id == id);

        /// <summary>Where each diagnostic's page lives: docs/diagnostics in the repository shows the wrong code and the fix.</summary>
        public const string HelpLinkBase = "https://github.com/alimentar/alimentar-dotnet/blob/main/docs/diagnostics/";

        private static string HelpLink(string id) => HelpLinkBase + id + ".md";

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));
    }
}
