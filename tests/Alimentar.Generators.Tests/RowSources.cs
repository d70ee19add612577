namespace Alimentar.Generators.Tests;

/// <summary>Representative row types, one per shape users write.</summary>
internal static class RowSources
{
    public const string PositionalRecord = """
        using System;
        using Alimentar;

        namespace Demo;

        [StreamingDataset]
        public partial record Trip(
            long Id,
            [property: ParquetColumn("user_id")] int UserId,
            float Score,
            double? Value,
            DateTime Timestamp,
            string Label,
            string? Comment);
        """;

    public const string NestedClassWithProperties = """
        using System;
        using Alimentar;

        internal static partial class Outer
        {
            [StreamingDataset]
            internal partial class Reading
            {
                public required string Sensor { get; init; }
                public double Celsius { get; set; }
                public DateTime? TakenAt { get; init; }
                [ParquetIgnore] public object? Cache { get; set; }
                public double Fahrenheit => (Celsius * 9 / 5) + 32;
            }
        }
        """;

    public const string EveryColumnType = """
        using System;
        using Alimentar;

        namespace Demo.Types;

        [StreamingDataset]
        public partial record struct Everything(
            bool Flag, sbyte Tiny, byte Octet, short Small, ushort USmall, int Medium, uint UMedium,
            long Large, ulong ULarge, float Single, double Double, decimal Money, string Text, byte[] Blob,
            DateTime When, DateTimeOffset WhenOffset, DateOnly Day, TimeOnly Clock, TimeSpan Span, Guid Key,
            bool? MaybeFlag, int? MaybeMedium, long? MaybeLarge, double? MaybeDouble, decimal? MaybeMoney,
            string? MaybeText, byte[]? MaybeBlob, DateTime? MaybeWhen, Guid? MaybeKey);
        """;

    public const string StructWithFields = """
        using Alimentar;

        namespace Demo;

        [StreamingDataset]
        public partial struct Point
        {
            public float X;
            public float Y;
            public int Count;
        }
        """;

    public const string EnumsDecimalsAndSerializerAttributes = """
        using System.Text.Json.Serialization;
        using Alimentar;

        namespace Demo;

        public enum Color : byte { Red, Green, Blue }

        public enum Size { Small = 1, Large = 2 }

        [StreamingDataset]
        public partial class Order
        {
            public long Id { get; init; }
            public Color Color { get; init; }
            public Size? Size { get; init; }
            [ParquetEnumAsString] public Color Label { get; init; }
            [ParquetEnumAsString] public Size? MaybeLabel { get; init; }
            [ParquetDecimal(18, 4)] public decimal Price { get; init; }
            [JsonPropertyName("customer_name")] public string Customer { get; init; } = "";
            [JsonIgnore] public string? Scratch { get; set; }
            [Parquet.Serialization.Attributes.ParquetIgnore] public string? Notes { get; set; }
        }
        """;

    public const string ParquetNetAttributes = """
        namespace Parquet.Serialization.Attributes
        {
            public sealed class ParquetIgnoreAttribute : System.Attribute { }
        }
        """;

    public const string Lists = """
        using System;
        using System.Collections.Generic;
        using Alimentar;

        namespace Demo;

        [StreamingDataset]
        public partial record Basket(long Id, int[] Quantities, List<string> Tags, IReadOnlyList<double?>? Prices, string?[]? Notes, List<DateTime>? Times);
        """;

    public const string NestedLists = """
        using System.Collections.Generic;
        using Alimentar;

        namespace Demo;

        [StreamingDataset]
        public partial record Document(long Id, int[][] Spans, List<List<string?>?>? Words, IReadOnlyList<double?[]>? Scores, byte[][][] Chunks);
        """;

    public const string ImmutableArrays = """
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Alimentar;

        namespace Demo;

        public sealed record Tag(string Name, ImmutableArray<int> Weights);

        [StreamingDataset]
        public partial record Catalog(long Id, ImmutableArray<long> Ids, ImmutableArray<string?>? Names, ImmutableArray<ImmutableArray<int>> Grid, ImmutableArray<Tag> Tags);
        """;

    public const string GenericRecordsAndTuples = """
        using System.Collections.Generic;
        using Alimentar;

        namespace Demo;

        public sealed record Pair<TFirst, TSecond>(TFirst First, TSecond Second);

        [StreamingDataset]
        public partial record Chat(long Id, List<(string Role, string? Content)> Messages, (long Start, long End) Span, Pair<string, double?>? Label);
        """;

    public const string Sets = """
        using System.Collections.Generic;
        using Alimentar;

        namespace Demo;

        public enum Flag { On, Off }

        public sealed record Member(string Name, HashSet<string> Roles);

        [StreamingDataset]
        public partial record Club(long Id, HashSet<string> Tags, ISet<int>? Codes, IReadOnlySet<Flag> Flags, List<HashSet<long>> Groups, Member Owner, Dictionary<string, ISet<int>>? Scores);
        """;

    public const string Collections = """
        using System;
        using System.Collections.Frozen;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Collections.ObjectModel;
        using Alimentar;

        namespace Demo;

        public enum Shade { Light, Dark }

        public sealed record Probe(string Name, ReadOnlyMemory<float> Weights, ImmutableList<string>? Notes, ReadOnlyMemory<byte>? Image);

        [StreamingDataset]
        public partial record Shelf(
            long Id,
            ReadOnlyMemory<float> Embedding,
            Memory<int>? Counts,
            ReadOnlyMemory<ReadOnlyMemory<int>> Grid,
            ImmutableList<string?> Tags,
            IImmutableList<Shade>? Shades,
            ReadOnlyCollection<long> Sizes,
            SortedSet<int> Sorted,
            ImmutableHashSet<string> Roles,
            IImmutableSet<int>? Codes,
            FrozenSet<string> Frozen,
            List<ImmutableList<int>> Groups,
            ImmutableList<Probe> Probes,
            FrozenDictionary<string, int> Totals,
            SortedDictionary<int, string>? Names,
            ImmutableDictionary<string, ReadOnlyMemory<int>> Windows,
            IImmutableDictionary<string, double>? Weights,
            ReadOnlyDictionary<string, Probe> Lookup,
            ReadOnlyMemory<byte> Blob,
            Memory<byte>? Thumbnail,
            Dictionary<string, ReadOnlyMemory<byte>> Attachments,
            ImmutableArray<byte> Signature,
            ImmutableArray<byte>? Key);
        """;

    public const string Records = """
        using System.Collections.Generic;
        using Alimentar;

        namespace Demo;

        public enum Role { User, Assistant }

        public sealed record Message(Role Role, string Content, int? Tokens, float[] Scores, List<string?>? Tags);

        public record struct Image(byte[]? Bytes, string? Path);

        public sealed class Meta
        {
            public int Year { get; init; }

            public Image Cover { get; init; }
        }

        [StreamingDataset]
        public partial record Conversation(string Id, List<Message> Messages, Image? Picture, Meta Meta, IReadOnlyList<Image?>? Gallery, Dictionary<string, double?>? Scores, IReadOnlyDictionary<int, Image> Thumbnails);
        """;

    /// <summary>Records holding lists of lists of records, maps of maps and maps of lists: nesting at any depth.</summary>
    public const string DeepRecords = """
        using System.Collections.Generic;
        using Alimentar;

        namespace Demo;

        public sealed record Point(float X, float Y);

        public sealed record Shape(string Label, List<Point[]> Rings, float[][]? Holes);

        public sealed record Layer(string Name, Shape?[] Shapes, Dictionary<string, int[]>? Counts);

        [StreamingDataset]
        public partial record Scene(
            long Id,
            Layer Main,
            List<List<Layer>?> Grid,
            Dictionary<string, Dictionary<int, bool?>> Flags,
            IReadOnlyList<IReadOnlyDictionary<string, Point>>? Anchors);
        """;
}
