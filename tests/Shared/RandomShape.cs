namespace Alimentar.Testing;

/// <summary>
/// A random column type of DuckDB's (records, lists and maps nested to a depth, over the scalar
/// types files carry) and a SQL expression that fills it from a row number: nulls, empty lists and empty maps at
/// every level, lengths and values varying from row to row, the same rows for the same seed.
/// </summary>
internal sealed class RandomShape
{
    private static readonly string[] Scalars =
    [
        "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UTINYINT", "UINTEGER", "UBIGINT", "DOUBLE", "FLOAT", "BOOLEAN", "VARCHAR",
        "DATE", "TIMESTAMP", "TIMESTAMPTZ", "TIMESTAMP_MS", "TIME", "DECIMAL(9,2)", "DECIMAL(18,4)", "DECIMAL(4,1)", "UUID", "BLOB",
        "HUGEINT", "INTERVAL", "TIMESTAMP_NS", "DOUBLE!", "BLOB!", "JSON", "ENUM",
    ];

    /// <summary>Types Arrow C++ does not read back as DuckDB wrote them: an INTERVAL it refuses, a UUID it reads as 16 bytes.</summary>
    private static readonly string[] NotThroughArrow = ["INTERVAL", "UUID"];

    /// <summary>Types DuckDB 1.5 does not write inside a VARIANT: INTERVAL, millisecond timestamps, and integers beyond INT64's range.</summary>
    private static readonly string[] NotInVariant = ["INTERVAL", "TIMESTAMP_MS", "UBIGINT", "HUGEINT"];

    private readonly Random random;
    private readonly string[] scalars;
    private readonly bool maps = true;
    private int salts;

    /// <param name="seed">The shape and its values.</param>
    /// <param name="throughArrow">Whether the file will be rewritten by Arrow C++, which leaves some types out.</param>
    /// <param name="without">
    /// Types left out besides: scalar type names, and <c>MAP</c>, for a writer that has no such type and so writes another
    /// (Polars writes a map as a list of key-value records and JSON as plain bytes).
    /// </param>
    public RandomShape(int seed, bool throughArrow, IReadOnlyCollection<string>? without = null)
    {
        random = new Random(seed);
        without ??= [];
        scalars = [.. Scalars.Except(throughArrow ? NotThroughArrow : []).Except(without)];
        maps = !without.Contains("MAP");
    }

    private RandomShape(int seed, string[] scalars)
    {
        random = new Random(seed);
        this.scalars = scalars;
    }

    /// <summary>Shapes whose values DuckDB casts to VARIANT and writes (shredding them as it sees fit).</summary>
    public static RandomShape ForVariants(int seed) => new(seed, [.. Scalars.Except(NotInVariant)]);

    /// <summary>A type nested at most <paramref name="depth"/> levels.</summary>
    public Node Type(int depth)
    {
        int pick = depth == 0 ? 0 : random.Next(10);
        return pick switch
        {
            <= 3 => new Scalar(scalars[random.Next(scalars.Length)], Salt()),
            4 or 5 => new ListOf(Type(depth - 1), Salt()),
            6 or 7 => new Record([.. Enumerable.Range(0, random.Next(1, 4)).Select(i => (i, Type(depth - 1)))], Salt()),
            _ when !maps => new ListOf(Type(depth - 1), Salt()),
            _ => new MapOf(random.Next(3) == 0 ? "INTEGER" : "VARCHAR", Type(depth - 1), Salt()),
        };
    }

    public int Next(int min, int max) => random.Next(min, max);

    /// <summary>
    /// The type with some fields of its records left out (at least one kept, at every depth): what a user declares who
    /// needs only part of a file. Its values are the full type's, field for field.
    /// </summary>
    public static Node Projected(Node type, Random choose)
    {
        switch (type)
        {
            case Record record:
                (int Index, Node Type)[] kept = [.. record.Fields.Where(_ => choose.Next(3) != 0)];
                kept = kept.Length > 0 ? kept : [record.Fields[choose.Next(record.Fields.Length)]];
                return record with { Fields = [.. kept.Select(f => (f.Index, Projected(f.Type, choose)))] };
            case ListOf list:
                return list with { Element = Projected(list.Element, choose) };
            case MapOf map:
                return map with { Entry = Projected(map.Entry, choose) };
            default:
                return type;
        }
    }

    private int Salt() => ++salts;

    /// <summary>A column type and the expression that fills it.</summary>
    internal abstract record Node(int Salt)
    {
        public abstract string Sql { get; }

        /// <summary>The value for the row and list positions <paramref name="vars"/> name (a comma-separated list of BIGINTs).</summary>
        public string Value(string vars, int depth) => NeverNull
            ? $"({Filled(vars, depth)})::{Sql}"
            : $"(CASE WHEN hash({vars}, {Salt}) % {NullEvery} = 0 THEN NULL ELSE {Filled(vars, depth)} END)::{Sql}";

        /// <summary>A value never null here (one in four), which a writer that marks such fields (Arrow's) writes REQUIRED inside its parent.</summary>
        public bool NeverNull => Salt % 4 == 0;

        /// <summary>The value, never null at this level (a column declared NOT NULL, which DuckDB writes REQUIRED).</summary>
        public string Required(string vars) => $"({Filled(vars, 0)})::{Sql}";

        /// <summary>How rarely a value is null: records and lists less often than scalars, so their insides are reached.</summary>
        protected virtual int NullEvery => 5;

        protected abstract string Filled(string vars, int depth);

        /// <summary>A number from 0 to <paramref name="below"/> - 1 that varies with every position.</summary>
        protected string Seed(string vars, int below) => $"(hash({vars}, {Salt * 7 + 3}) % {below})::BIGINT";
    }

    internal sealed record Scalar(string Type, int Salt) : Node(Salt)
    {
        public override string Sql => Type switch
        {
            "DOUBLE!" => "DOUBLE",
            "BLOB!" => "BLOB",
            "ENUM" => "ENUM('red', 'green', 'blue')",
            _ => Type,
        };

        protected override string Filled(string vars, int depth)
        {
            string s = Seed(vars, 100_000);
            return Type switch
            {
                "BOOLEAN" => $"({s} % 2 = 0)",
                "VARCHAR" => $"(CASE {s} % 5 WHEN 0 THEN '' WHEN 1 THEN 'é✓' || {s} ELSE 'v' || {s} END)",
                "BLOB" => $"('b' || {s})::BLOB",
                "BLOB!" => $"unhex(lpad(format('{{:x}}', {s} * 7919), 10, '0'))",
                "DOUBLE!" => $"(CASE {s} % 6 WHEN 0 THEN 'NaN'::DOUBLE WHEN 1 THEN 'inf'::DOUBLE WHEN 2 THEN '-inf'::DOUBLE WHEN 3 THEN -0.0 ELSE {s} / 3.0 END)",
                "HUGEINT" => $"({s}::HUGEINT * 1000000000000000000000 - 17)",
                "INTERVAL" => $"(INTERVAL ({s} % 30) DAY + INTERVAL ({s} % 13) MONTH + INTERVAL ({s}) MILLISECOND)",
                "TIMESTAMP_NS" => $"(TIMESTAMP_NS '1960-01-01 00:00:00' + INTERVAL ({s} * 12345) SECOND + INTERVAL ({s} % 1000) MICROSECOND)",
                "JSON" => $"('{{\"a\": ' || {s} || ', \"b\": [1, \"x\"]}}')",
                "ENUM" => $"(['red', 'green', 'blue'][{s} % 3 + 1])",
                "DATE" => $"(DATE '1950-01-01' + ({s} % 40000)::INTEGER)",
                "TIMESTAMP" => $"(TIMESTAMP '1960-01-01 00:00:00' + INTERVAL ({s} * 12345) SECOND + INTERVAL ({s} % 1000) MICROSECOND)",
                "TIMESTAMP_MS" => $"(TIMESTAMP '1960-01-01 00:00:00' + INTERVAL ({s} * 12345) SECOND + INTERVAL ({s} % 1000) MILLISECOND)",
                "TIMESTAMPTZ" => $"(TIMESTAMPTZ '2000-01-01 00:00:00+00' + INTERVAL ({s} * 777) SECOND)",
                "TIME" => $"(TIME '00:00:00' + INTERVAL ({s} % 86400) SECOND)",
                "UUID" => $"('00000000-0000-4000-8000-' || lpad({s}::VARCHAR, 12, '0'))",
                "DOUBLE" or "FLOAT" => $"(({s} - 50000) / 8.0)",
                "DECIMAL(9,2)" => $"(({s} - 50000) / 100.0)",
                "DECIMAL(18,4)" => $"(({s} - 50000) * 123456.0001)",
                "DECIMAL(4,1)" => $"(({s} % 2000 - 1000) / 10.0)",
                "TINYINT" => $"({s} % 256 - 128)",
                "UTINYINT" => $"({s} % 256)",
                "SMALLINT" => $"({s} % 60000 - 30000)",
                "UINTEGER" => $"({s} * 40000)",
                "UBIGINT" => $"(18446744073709551615 - {s})",
                "INTEGER" => $"({s} * 20000 - 1000000000)",
                _ => $"({s} * 92233720368 - 4611686018427387904)",
            };
        }
    }

    internal sealed record ListOf(Node Element, int Salt) : Node(Salt)
    {
        public override string Sql => $"{Element.Sql}[]";

        protected override int NullEvery => 7;

        protected override string Filled(string vars, int depth)
        {
            string index = $"j{depth}";
            // Now and then a long top-level list, so that a row's values run over pages and batches.
            string length = depth == 0 ? $"(CASE WHEN {Seed(vars, 8)} = 0 THEN {Seed(vars, 1000)} ELSE {Seed(vars, 5)} END)" : Seed(vars, 5);
            return $"list_transform(range({length}), lambda {index}: {Element.Value($"{vars}, {index}", depth + 1)})";
        }
    }

    /// <summary>A struct of fields, each named by its place among the fields the shape was made with, so that a projection keeps its names.</summary>
    internal sealed record Record((int Index, Node Type)[] Fields, int Salt) : Node(Salt)
    {
        public override string Sql => $"STRUCT({string.Join(", ", Fields.Select(f => $"\"{Name(f.Index)}\" {f.Type.Sql}"))})";

        protected override int NullEvery => 9;

        protected override string Filled(string vars, int depth) =>
            $"{{{string.Join(", ", Fields.Select(f => $"'{Name(f.Index)}': {f.Type.Value(vars, depth)}"))}}}";

        /// <summary>A field's name; some hold a space, dots or letters outside ASCII, as files from Spark and pandas do.</summary>
        private string Name(int field) => (Salt % 5) switch
        {
            1 => $"F {Salt} x{field}",
            2 => $"f.{Salt}.{field}",
            3 => $"ñ{Salt}_{field}",
            _ => $"f{Salt}_{field}",
        };
    }

    internal sealed record MapOf(string KeyType, Node Entry, int Salt) : Node(Salt)
    {
        public override string Sql => $"MAP({KeyType}, {Entry.Sql})";

        protected override int NullEvery => 7;

        protected override string Filled(string vars, int depth)
        {
            string index = $"j{depth}";
            string key = KeyType == "VARCHAR" ? $"'k' || {index}" : $"({index} * 3 - 4)::INTEGER";
            return $"map_from_entries(list_transform(range({Seed(vars, 4)}), lambda {index}: {{'key': {key}, 'value': {Entry.Value($"{vars}, {index}", depth + 1)}}}))";
        }
    }
}
