using ParquetSharp;
using ParquetSharp.Schema;

namespace Alimentar.IntegrationTests;

/// <summary>
/// The legacy nested forms the Parquet spec's backward-compatibility rules define — two-level lists, a repeated
/// group named <c>array</c> or <c>&lt;list&gt;_tuple</c> as the element, Hive's one-field <c>bag</c>, bare repeated
/// groups, legacy lists of lists, a map whose pairs are named <c>map</c> — written level by level with ParquetSharp
/// (Arrow C++'s low-level writer) and read typed, each column compared with DuckDB's reading of it.
/// </summary>
public sealed class LegacyNestedFormTests
{
    private const int Rows = 60;

    [Fact]
    public void Every_legacy_form_reads_typed_as_DuckDB_reads_it()
    {
        using var file = new TempFile();
        Write(file.Path);

        List<LegacyRow> rows = ParquetFiles.ReadAll(new ParquetSource<LegacyRow>(file.Path).BatchSize(16));

        Assert.Equal(Rows, rows.Count);
        Assert.Equal([3, 4], rows[3].a!);
        Assert.Equal(new LegacyPair(5, 2.5), rows[5].b![0]);
        Assert.Equal([new LegacyEntry(7, null), new LegacyEntry(-7, 7L)], rows[7].e);
        Assert.Equal(new Dictionary<int, int?> { [8] = 8, [-1] = null }, rows[8].m);
        // The spec makes a one-field repeated group named <list>_tuple the element itself; DuckDB reads its field instead.
        Assert.All(rows, r => Assert.Equal(new LegacyTuple((int)r.id), Assert.Single(r.d!)));
        foreach (string column in new[] { "a", "b", "c", "e", "m", "f" })
        {
            List<System.Text.Json.JsonElement> expected = DuckJson.Column(file.Path, column);
            for (int i = 0; i < Rows; i++)
            {
                object? value = column switch
                {
                    "a" => rows[i].a,
                    "b" => rows[i].b,
                    "c" => rows[i].c,
                    "e" => rows[i].e,
                    "m" => rows[i].m,
                    _ => rows[i].f,
                };
                DuckJson.AssertSame(expected[i], value, $"{i}, column {column}");
            }
        }
    }

    private static void Write(string path)
    {
        var schema = new GroupNode("schema", Repetition.Required,
        [
            new PrimitiveNode("id", Repetition.Required, LogicalType.None(), PhysicalType.Int64),
            // optional group a (LIST) { repeated int32 array; }
            new GroupNode("a", Repetition.Optional, [new PrimitiveNode("array", Repetition.Repeated, LogicalType.None(), PhysicalType.Int32)], LogicalType.List()),
            // optional group b (LIST) { repeated group array { optional int32 x; optional double y; } }
            new GroupNode("b", Repetition.Optional,
            [
                new GroupNode("array", Repetition.Repeated,
                [
                    new PrimitiveNode("x", Repetition.Optional, LogicalType.None(), PhysicalType.Int32),
                    new PrimitiveNode("y", Repetition.Optional, LogicalType.None(), PhysicalType.Double),
                ]),
            ], LogicalType.List()),
            // optional group c (LIST) { repeated group bag { optional int32 array_element; } }
            new GroupNode("c", Repetition.Optional, [new GroupNode("bag", Repetition.Repeated, [new PrimitiveNode("array_element", Repetition.Optional, LogicalType.None(), PhysicalType.Int32)])], LogicalType.List()),
            // optional group d (LIST) { repeated group d_tuple { required int32 v; } }
            new GroupNode("d", Repetition.Optional, [new GroupNode("d_tuple", Repetition.Repeated, [new PrimitiveNode("v", Repetition.Required, LogicalType.None(), PhysicalType.Int32)])], LogicalType.List()),
            // repeated group e { required int32 k; optional int64 s; }
            new GroupNode("e", Repetition.Repeated,
            [
                new PrimitiveNode("k", Repetition.Required, LogicalType.None(), PhysicalType.Int32),
                new PrimitiveNode("s", Repetition.Optional, LogicalType.None(), PhysicalType.Int64),
            ]),
            // optional group m (MAP) { repeated group map { required int32 key; optional int32 value; } }
            new GroupNode("m", Repetition.Optional,
            [
                new GroupNode("map", Repetition.Repeated,
                [
                    new PrimitiveNode("key", Repetition.Required, LogicalType.None(), PhysicalType.Int32),
                    new PrimitiveNode("value", Repetition.Optional, LogicalType.None(), PhysicalType.Int32),
                ]),
            ], LogicalType.Map()),
            // optional group f (LIST) { repeated group array (LIST) { repeated int32 array; } }
            new GroupNode("f", Repetition.Optional, [new GroupNode("array", Repetition.Repeated, [new PrimitiveNode("array", Repetition.Repeated, LogicalType.None(), PhysicalType.Int32)], LogicalType.List())], LogicalType.List()),
        ]);

        var columns = new Levels[11];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = new Levels();
        }

        for (int i = 0; i < Rows; i++)
        {
            columns[0].Add(0, 0, i);

            // a: null, empty or [i, i + 1]
            if (i % 4 == 0) columns[1].Add(0, 0);
            else if (i % 4 == 1) columns[1].Add(1, 0);
            else { columns[1].Add(2, 0, i); columns[1].Add(2, 1, i + 1); }

            // b: null, empty or [{x: i, y: i / 2}, {x: null, y: null}]
            if (i % 3 == 0) { columns[2].Add(0, 0); columns[3].Add(0, 0); }
            else if (i % 3 == 1) { columns[2].Add(1, 0); columns[3].Add(1, 0); }
            else { columns[2].Add(3, 0, i); columns[2].Add(2, 1); columns[3].Add(3, 0, i / 2.0); columns[3].Add(2, 1); }

            // c: null or [i, null]
            if (i % 5 == 0) columns[4].Add(0, 0);
            else { columns[4].Add(3, 0, i); columns[4].Add(2, 1); }

            // d: [{v: i}]
            columns[5].Add(2, 0, i);

            // e: empty or [{k: i, s: null}, {k: -i, s: i}]
            if (i % 2 == 0) { columns[6].Add(0, 0); columns[7].Add(0, 0); }
            else { columns[6].Add(1, 0, i); columns[6].Add(1, 1, -i); columns[7].Add(1, 0); columns[7].Add(2, 1, (long)i); }

            // m: null or {i: i, -1: null}
            if (i % 3 == 0) { columns[8].Add(0, 0); columns[9].Add(0, 0); }
            else { columns[8].Add(2, 0, i); columns[8].Add(2, 1, -1); columns[9].Add(3, 0, i); columns[9].Add(2, 1); }

            // f: null or [[i], []]
            if (i % 6 == 0) columns[10].Add(0, 0);
            else { columns[10].Add(3, 0, i); columns[10].Add(2, 1); }
        }

        using var properties = new WriterPropertiesBuilder().Build();
        using var writer = new ParquetFileWriter(path, schema, properties);
        using (RowGroupWriter rowGroup = writer.AppendRowGroup())
        {
            foreach (Levels column in columns)
            {
                using ColumnWriter next = rowGroup.NextColumn();
                column.WriteTo(next);
            }
        }

        writer.Close();
    }

    /// <summary>One leaf's slots as written: definition and repetition levels, and the values of defined slots.</summary>
    private sealed class Levels
    {
        private readonly List<short> _definitions = [];
        private readonly List<short> _repetitions = [];
        private readonly List<object> _values = [];

        public void Add(int definition, int repetition, object? value = null)
        {
            _definitions.Add((short)definition);
            _repetitions.Add((short)repetition);
            if (value is not null)
            {
                _values.Add(value);
            }
        }

        public void WriteTo(ColumnWriter writer)
        {
            short[] definitions = [.. _definitions];
            short[] repetitions = [.. _repetitions];
            switch (writer)
            {
                case ColumnWriter<int> ints:
                    ints.WriteBatch(definitions.Length, definitions, repetitions, _values.Cast<int>().ToArray());
                    break;
                case ColumnWriter<long> longs:
                    longs.WriteBatch(definitions.Length, definitions, repetitions, _values.Select(Convert.ToInt64).ToArray());
                    break;
                default:
                    ((ColumnWriter<double>)writer).WriteBatch(definitions.Length, definitions, repetitions, _values.Cast<double>().ToArray());
                    break;
            }
        }
    }
}

// Member names spell the file's own field names, so that the typed rows serialise to the JSON DuckDB prints.
#pragma warning disable SA1300, IDE1006, CA1707

public sealed record LegacyPair(int? x, double? y);

public sealed record LegacyTuple(int v);

public sealed record LegacyEntry(int k, long? s);

[StreamingDataset]
public partial record LegacyRow(long id, int[]? a, List<LegacyPair?>? b, int?[]? c, LegacyTuple[]? d, LegacyEntry[] e, Dictionary<int, int?>? m, int[][]? f);

#pragma warning restore SA1300, IDE1006, CA1707
