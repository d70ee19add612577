using System.Globalization;
using System.Text;

namespace Alimentar.Generators.Tests;

/// <summary>
/// Writes one random row type and the types its members need, as a user might declare them, and C# expressions that
/// build random rows of it. Types are drawn from one <see cref="Random"/> and values from another, so a seed's type is
/// the same whether or not its values are asked for.
/// </summary>
internal sealed class RandomRowTypeWriter(Random random, Random values)
{
    private static readonly string[] Scalars =
    [
        "bool", "sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "decimal", "global::System.Half",
        "string", "byte[]", "global::System.DateTime", "global::System.DateTimeOffset", "global::System.DateOnly", "global::System.TimeOnly", "global::System.TimeSpan",
        "global::System.Guid", "global::Alimentar.ParquetInterval", "global::Alimentar.ParquetVariant",
    ];

    private static readonly string[] ValueScalars =
    [
        "bool", "sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "decimal", "global::System.Half",
        "global::System.DateTime", "global::System.DateTimeOffset", "global::System.DateOnly", "global::System.TimeOnly", "global::System.TimeSpan", "global::System.Guid",
        "global::Alimentar.ParquetInterval", "global::Alimentar.ParquetVariant",
    ];

    private static readonly string[] Keys = ["string", "int", "long", "global::System.Guid", "global::System.DateOnly"];

    private static readonly string[] Lists =
    [
        "{0}[]", "global::System.Collections.Generic.List<{0}>", "global::System.Collections.Generic.IReadOnlyList<{0}>", "global::System.Collections.Generic.IList<{0}>",
        "global::System.Collections.Generic.ICollection<{0}>", "global::System.Collections.Generic.IEnumerable<{0}>", "global::System.Collections.Generic.IReadOnlyCollection<{0}>",
        "global::System.Collections.Immutable.ImmutableArray<{0}>", "global::System.Collections.Immutable.ImmutableList<{0}>", "global::System.Collections.Generic.HashSet<{0}>",
        "global::System.Collections.Generic.SortedSet<{0}>", "global::System.ReadOnlyMemory<{0}>", "global::System.Collections.ObjectModel.ReadOnlyCollection<{0}>",
        "global::System.Memory<{0}>", "global::System.Collections.Generic.ISet<{0}>", "global::System.Collections.Generic.IReadOnlySet<{0}>",
        "global::System.Collections.Immutable.ImmutableHashSet<{0}>", "global::System.Collections.Immutable.IImmutableSet<{0}>",
        "global::System.Collections.Frozen.FrozenSet<{0}>", "global::System.Collections.Immutable.IImmutableList<{0}>",
    ];

    private static readonly string[] Maps =
    [
        "global::System.Collections.Generic.Dictionary<{0}, {1}>", "global::System.Collections.Generic.IReadOnlyDictionary<{0}, {1}>",
        "global::System.Collections.Generic.SortedDictionary<{0}, {1}>", "global::System.Collections.Frozen.FrozenDictionary<{0}, {1}>",
        "global::System.Collections.Immutable.ImmutableDictionary<{0}, {1}>", "global::System.Collections.Generic.IDictionary<{0}, {1}>",
        "global::System.Collections.ObjectModel.ReadOnlyDictionary<{0}, {1}>", "global::System.Collections.Immutable.IImmutableDictionary<{0}, {1}>",
    ];

    // Names the generated code uses for its own members, locals and parameters, names like the namespaces it
    // names, keywords, and names that differ only in case.
    private static readonly string[] Names =
    [
        "Id", "ID", "id", "Count", "Columns", "Values", "Value", "Dispose", "GetRow", "Row", "row", "index", "Index", "value", "i", "batch",
        "Batch", "System", "Alimentar", "Global", "Span", "Length", "Offsets", "Keys", "Item", "Tokens", "Store", "store", "Schema",
        "@class", "@event", "@string", "@default", "column", "Column", "ReadAsync", "WriteAsync", "Rows", "Name", "Label", "Score",
        "Nulls", "Levels", "Reader", "Writer", "Create", "Clear", "Capacity", "Pool", "cancellationToken", "Data", "Items", "Key",
    ];

    // Text a writer must keep exactly: empty, non-ASCII, a NUL, a character outside the basic plane, quotes and
    // escapes, and one long enough to span more than a small page.
    private static readonly string[] Texts =
    [
        string.Empty, "a", "héllo wörld", "日本語のテキスト", "x\0y", "\U0001F600 grin", "\"quoted\" \\ back", "line\nbreak\ttab", new string('z', 3000), "Id",
    ];

    private static readonly string[] Json =
    [
        "null", "true", "0", "-17", "2.5", "1e300", "12345678901234567890", "\"text\"", "[]", "{}", "[1,\"a\",{\"k\":false}]", "{\"a\":{\"b\":[null,1.25]},\"c\":\"d\"}",
    ];

    private readonly StringBuilder _types = new();
    private int _next;
    private int _records;

    /// <summary>The namespace the types are declared in.</summary>
    public string Namespace { get; private set; } = string.Empty;

    /// <summary>The row type, once <see cref="Write"/> has run.</summary>
    public Shape Row { get; private set; } = new(string.Empty, () => string.Empty);

    /// <summary>The source declaring the row type and every type it holds.</summary>
    public string Write()
    {
        Row = Declare(isRow: true, depth: 0);
        Namespace = "Random" + _next;
        return $"namespace {Namespace}\n{{\n{_types}}}\n";
    }

    /// <summary>A member's type, and how to write a value of it as a C# expression.</summary>
    /// <param name="Name">The type as the declarations name it.</param>
    /// <param name="Value">Writes a random value; each call draws anew.</param>
    /// <param name="Comparable">Whether <see cref="Comparer{T}.Default"/> orders it, so a sorted set may hold more than one.</param>
    /// <param name="Attribute">An attribute a member of this type carries (<c>[ParquetDecimal]</c> for the decimals it writes, directly or in lists), or empty.</param>
    public sealed record Shape(string Name, Func<string> Value, bool Comparable = false, string Attribute = "");

    private sealed record Member(Shape Type, string Name, string Attribute);

    private Shape Declare(bool isRow, int depth)
    {
        string name = (isRow ? "Row" : "Held") + _next++;
        if (!isRow)
        {
            _records++;
        }

        var members = new List<Member>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        int memberCount = random.Next(1, isRow ? 7 : 4);
        for (int m = 0; m < memberCount; m++)
        {
            string memberName = Names[random.Next(Names.Length)];
            if (memberName.TrimStart('@') == name || !taken.Add(memberName.TrimStart('@')))
            {
                continue;
            }

            string attribute = random.Next(0, 8) switch
            {
                0 => $"global::Alimentar.ParquetColumn(\"{Names[random.Next(Names.Length)].TrimStart('@').ToLowerInvariant()}\")",
                1 => "global::Alimentar.ParquetIgnore",
                2 => $"global::System.Text.Json.Serialization.JsonPropertyName(\"c{random.Next(0, 4)}\")",
                _ => string.Empty,
            };
            Shape type = Type(depth, topLevel: isRow);
            members.Add(new Member(type, memberName, string.Join(", ", new[] { attribute, type.Attribute }.Where(a => a.Length > 0))));
        }

        // A held record is now and then generic, one member's type its type argument (Held3<T> holding a T, used as
        // Held3<int?>), so that records are also read and written through constructed types.
        string declared = name, constructed = name;
        if (!isRow && members.Count > 0 && random.Next(0, 4) == 0)
        {
            int generic = random.Next(members.Count);
            constructed = $"{name}<{members[generic].Type.Name}>";
            declared = name + "<T>";
            members[generic] = members[generic] with { Type = members[generic].Type with { Name = "T" } };
        }

        string attributeLine = isRow ? "[global::Alimentar.StreamingDataset]\n" : string.Empty;
        string partial = isRow ? "partial " : string.Empty;
        string access = "public";
        int form = random.Next(0, 7);
        var declaration = new StringBuilder();
        var initialised = new List<Member>();
        switch (form)
        {
            case 0 or 1 or 2:
                // Positional record, record struct or readonly record struct.
                string keyword = form switch { 0 => "record", 1 => "record struct", _ => "record struct" };
                string parameters = string.Join(", ", members.Select(m => $"{(m.Attribute.Length > 0 ? $"[property: {m.Attribute}] " : string.Empty)}{m.Type.Name} {m.Name}"));
                declaration.Append(Invariant($"{attributeLine}{access} {(form == 2 ? "readonly " : string.Empty)}{partial}{keyword} {declared}({parameters});"));
                break;
            case 3 or 4:
                // Class or struct of properties: set, init, required init, or private set (given its value where it
                // is declared, since nothing outside the type can set it).
                string kind = form == 3 ? "class" : "struct";
                declaration.Append(Invariant($"{attributeLine}{access} {partial}{kind} {declared}\n{{\n"));
                if (form == 4)
                {
                    declaration.Append(Invariant($"    public {name}() {{ }}\n"));
                }

                foreach (Member member in members)
                {
                    string accessor = random.Next(0, 5) switch
                    {
                        0 => "{ get; init; }",
                        1 when form == 3 && member.Type.Name != "T" => "{ get; private set; }", // its initialiser's value is not a T
                        _ => "{ get; set; }",
                    };
                    string required = accessor == "{ get; init; }" && random.Next(0, 2) == 0 ? "required " : string.Empty;
                    string initialiser = accessor.Contains("private", StringComparison.Ordinal) ? $" = {member.Type.Value()};" : string.Empty;
                    if (initialiser.Length == 0)
                    {
                        initialised.Add(member);
                    }

                    declaration.Append(Invariant($"    {(member.Attribute.Length > 0 ? $"[{member.Attribute}] " : string.Empty)}public {required}{member.Type.Name} {member.Name} {accessor}{initialiser}\n"));
                }

                declaration.Append("}\n");
                break;
            case 5:
                // A class whose constructor takes its members, with a parameter left to a default now and then.
                declaration.Append(Invariant($"{attributeLine}{access} {partial}class {declared}\n{{\n"));
                string arguments = string.Join(", ", members.Select(m => $"{m.Type.Name} {ParameterName(m.Name)}"));
                string extra = random.Next(0, 3) == 0 ? (members.Count > 0 ? ", " : string.Empty) + "int retries = 3" : string.Empty;
                string visibility = !isRow && random.Next(0, 5) == 0 ? "private" : "public";
                declaration.Append(Invariant($"    {visibility} {name}({arguments}{extra})\n    {{\n"));
                foreach (Member member in members)
                {
                    declaration.Append(Invariant($"        this.{member.Name} = {ParameterName(member.Name)};\n"));
                }

                declaration.Append("    }\n");
                foreach (Member member in members)
                {
                    declaration.Append(Invariant($"    {(member.Attribute.Length > 0 ? $"[{member.Attribute}] " : string.Empty)}public {member.Type.Name} {member.Name} {{ get; }}\n"));
                }

                declaration.Append("}\n");
                break;
            default:
                // A struct of fields.
                declaration.Append(Invariant($"{attributeLine}{access} {partial}struct {declared}\n{{\n"));
                foreach (Member member in members)
                {
                    declaration.Append(Invariant($"    {(member.Attribute.Length > 0 ? $"[{member.Attribute}] " : string.Empty)}public {member.Type.Name} {member.Name};\n"));
                }

                initialised.AddRange(members);
                declaration.Append("}\n");
                break;
        }

        _types.Append(declaration).Append('\n');
        bool hidden = form == 5 && declaration.ToString().Contains($"private {name}(", StringComparison.Ordinal);
        Func<string> value = hidden
            ? () => "default!" // Nothing outside the type can build it; only an ignored member may hold it.
            : form is 3 or 4 or 6
            ? () => $"new {constructed} {{ {string.Join(", ", initialised.Select(m => $"{m.Name} = {m.Type.Value()}"))} }}"
            : () => $"new {constructed}({string.Join(", ", members.Select(m => m.Type.Value()))})";
        return new Shape(constructed, value);
    }

    private static string ParameterName(string member) => "p" + member.TrimStart('@');

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>A member's type; <paramref name="topLevel"/> for a member of the row itself, which alone may hold a <c>char</c> or an enum written as its name.</summary>
    private Shape Type(int depth, bool topLevel)
    {
        int choice = random.Next(0, depth >= 3 ? 6 : 10);
        return choice switch
        {
            0 when topLevel => random.Next(0, 3) == 0 ? OrNull(Scalar("char")) : Scalar("char"),
            0 or 1 or 2 => Scalar(Scalars[random.Next(Scalars.Length)]),
            3 => OrNull(Scalar(ValueScalars[random.Next(ValueScalars.Length)])),
            4 when topLevel && random.Next(0, 3) == 0 => AsName(random.Next(0, 2) == 0 ? OrNull(Enum()) : Enum()),
            4 => random.Next(0, 3) == 0 ? OrNull(Enum()) : Enum(),
            5 => OrNull(Scalar(random.Next(0, 2) == 0 ? "string" : "byte[]")),
            6 or 7 => List(Lists[random.Next(Lists.Length)], Type(depth + 1, topLevel: false)),
            8 => Map(Maps[random.Next(Maps.Length)], random.Next(0, 4) == 0 ? Enum() : Scalar(Keys[random.Next(Keys.Length)]), Type(depth + 1, topLevel: false)),
            _ when _records < 4 && random.Next(0, 5) == 0 => HeldOrNull(Tuple(depth + 1)),
            _ => _records < 4 ? HeldOrNull(Declare(isRow: false, depth + 1)) : Scalar("long"),
        };
    }

    /// <summary>A tuple of two or three elements of any type, some named and some not (<c>(int Id, string)</c>).</summary>
    private Shape Tuple(int depth)
    {
        _records++;
        var elements = new List<(Shape Type, string Name)>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (int e = random.Next(2, 4); e > 0; e--)
        {
            // An element carries no attribute, so a decimal or local timestamp that needs one is a long instead.
            Shape type = Type(depth, topLevel: false);
            type = type.Attribute.Length > 0 ? Scalar("long") : type;
            string name = random.Next(0, 4) == 0 ? string.Empty : Names[random.Next(Names.Length)];
            elements.Add((type, name.Length > 0 && taken.Add(name.TrimStart('@')) ? name : string.Empty));
        }

        return new Shape(
            "(" + string.Join(", ", elements.Select(e => e.Name.Length > 0 ? $"{e.Type.Name} {e.Name}" : e.Type.Name)) + ")",
            () => "(" + string.Join(", ", elements.Select(e => e.Type.Value())) + ")");
    }

    /// <summary>An enum member written as its name.</summary>
    private static Shape AsName(Shape type) => type with { Attribute = "global::Alimentar.ParquetEnumAsString" };

    private Shape HeldOrNull(Shape held) => random.Next(0, 3) == 0 ? OrNull(held) : held;

    /// <summary>A list or map, now and then declared nullable.</summary>
    private Shape Nullable(Shape type) => random.Next(0, 3) == 0 ? OrNull(type) : type;

    /// <summary>The nullable form of a type, whose values are null now and then.</summary>
    private Shape OrNull(Shape type) => type with { Name = type.Name + "?", Value = () => values.Next(0, 4) == 0 ? "null" : type.Value() };

    private Shape List(string template, Shape element)
    {
        string name = string.Format(CultureInfo.InvariantCulture, template, element.Name);
        string e = element.Name;
        bool sorted = template.Contains("SortedSet", StringComparison.Ordinal);
        Func<string> value = () =>
        {
            // A sorted set of elements without an order can hold one: a second would make it throw. Any other set of
            // them holds one too: it may compare them by reference (byte arrays, lists, records holding them), and
            // every empty array read is the same one (Array.Empty, as .NET's own readers give), so two empty lists
            // would read back as one.
            bool one = !element.Comparable && template.Contains("Set<", StringComparison.Ordinal);
            int count = values.Next(0, one ? 2 : 5);
            string items = string.Join(", ", Enumerable.Range(0, count).Select(_ => element.Value()));
            string array = $"new {ArrayOf(e)} {{ {items} }}";
            return template switch
            {
                _ when template.StartsWith("global::System.Collections.Generic.List", StringComparison.Ordinal) => $"new {name} {{ {items} }}",
                _ when template.Contains("Generic.HashSet", StringComparison.Ordinal) || sorted => $"new {name} {{ {items} }}",
                _ when template.Contains("Generic.ISet", StringComparison.Ordinal) || template.Contains("Generic.IReadOnlySet", StringComparison.Ordinal) => $"new global::System.Collections.Generic.HashSet<{e}> {{ {items} }}",
                _ when template.Contains("ImmutableHashSet", StringComparison.Ordinal) || template.Contains("IImmutableSet", StringComparison.Ordinal) => $"global::System.Collections.Immutable.ImmutableHashSet.Create<{e}>({array})",
                _ when template.Contains("FrozenSet", StringComparison.Ordinal) => $"global::System.Collections.Frozen.FrozenSet.ToFrozenSet<{e}>({array})",
                _ when template.Contains("ImmutableArray", StringComparison.Ordinal) => $"global::System.Collections.Immutable.ImmutableArray.Create<{e}>({array})",
                _ when template.Contains("ImmutableList", StringComparison.Ordinal) => $"global::System.Collections.Immutable.ImmutableList.Create<{e}>({array})",
                _ when template.Contains("ObjectModel.ReadOnlyCollection", StringComparison.Ordinal) => $"new {name}({array})",
                _ => array,
            };
        };
        // [ParquetDecimal] on a list of decimals (or of lists of them) sets its elements' DECIMAL.
        return Nullable(new Shape(name, value, Attribute: element.Attribute));
    }

    /// <summary>The array type of an element type: <c>int[]</c> of <c>int</c>, <c>int[][]</c> of <c>int[]</c>.</summary>
    private static string ArrayOf(string element) => element + "[]";

    private Shape Map(string template, Shape key, Shape value)
    {
        if (value.Attribute.Contains("ParquetTimestamp", StringComparison.Ordinal))
        {
            // A map's value is written as an instant whatever its type's attribute says, and reads back as UTC.
            Shape local = value;
            value = local with { Value = () => local.Value().Replace(UnspecifiedKind, "global::System.DateTimeKind.Utc", StringComparison.Ordinal) };
        }

        string name = string.Format(CultureInfo.InvariantCulture, template, key.Name, value.Name);
        string dictionary = $"global::System.Collections.Generic.Dictionary<{key.Name}, {value.Name}>";
        Func<string> write = () =>
        {
            // Keys are distinct because their expressions are: each expression writes a different value.
            string[] keys = Enumerable.Range(0, values.Next(0, 4)).Select(_ => key.Value()).Distinct(StringComparer.Ordinal).ToArray();
            string entries = string.Join(", ", keys.Select(k => $"[{k}] = {value.Value()}"));
            return template switch
            {
                _ when template.Contains("SortedDictionary", StringComparison.Ordinal) => $"new {name} {{ {entries} }}",
                _ when template.Contains("Frozen", StringComparison.Ordinal) => $"global::System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary<{key.Name}, {value.Name}>(new {dictionary} {{ {entries} }})",
                _ when template.Contains("Immutable", StringComparison.Ordinal) => $"global::System.Collections.Immutable.ImmutableDictionary.CreateRange<{key.Name}, {value.Name}>(new {dictionary} {{ {entries} }})",
                _ when template.Contains("ObjectModel", StringComparison.Ordinal) => $"new {name}(new {dictionary} {{ {entries} }})",
                _ => $"new {dictionary} {{ {entries} }}",
            };
        };
        return Nullable(new Shape(name, write));
    }

    private static readonly (string Type, string Min, string Max)[] Underlying =
    [
        ("byte", "0", "255"), ("sbyte", "-128", "127"), ("short", "-32768", "32767"), ("ushort", "0", "65535"),
        ("int", "-2147483648", "2147483647"), ("uint", "0", "4294967295U"),
        ("long", "-9223372036854775808L", "9223372036854775807L"), ("ulong", "0", "18446744073709551615UL"),
    ];

    /// <summary>
    /// An enum of a random underlying type, now and then <c>[Flags]</c>; its values are defined ones, combinations of
    /// flags, undefined ones and the underlying type's bounds, so both the numbers and the names written are tried.
    /// </summary>
    private Shape Enum()
    {
        string name = "Kind" + _next++;
        (string type, string min, string max) = Underlying[random.Next(Underlying.Length)];
        bool flags = random.Next(0, 3) == 0;
        _types.Append(flags
            ? Invariant($"[global::System.Flags]\npublic enum {name} : {type} {{ None = 0, A = 1, B = 2, C = 4 }}\n")
            : Invariant($"public enum {name} : {type} {{ A, B, C = 7 }}\n"));
        string[] written = flags ? ["0", "1", "3", "7", "8", "13", min, max] : ["0", "1", "7", "5", min, max];
        return new Shape(name, () => Invariant($"(({name})({written[values.Next(written.Length)]}))"), Comparable: true);
    }

    private Shape Scalar(string type) => type switch
    {
        "decimal" when random.Next(0, 2) == 0 => Decimal(random.Next(1, 39)),
        "global::System.DateTime" when random.Next(0, 3) == 0 => LocalTimestamp(),
        "byte[]" => new Shape(type, () => $"new byte[] {{ {string.Join(", ", Enumerable.Range(0, values.Next(0, 6)).Select(_ => values.Next(0, 256)))} }}"),
        // Arrow counts an interval's parts in signed integers, and the rows also go through Arrow IPC.
        "global::Alimentar.ParquetInterval" => new Shape(type, () => Invariant($"new global::Alimentar.ParquetInterval({Edge(0, int.MaxValue, values.Next())}u, {Edge(0, int.MaxValue, values.Next())}u, {Edge(0, int.MaxValue, values.Next())}u)")),
        "global::Alimentar.ParquetVariant" => new Shape(type, () => $"global::Alimentar.ParquetVariant.FromJson({Literal(Json[values.Next(Json.Length)])})"),
        _ => new Shape(type, () => ScalarValue(type), Comparable: true),
    };

    private string ScalarValue(string type) => type switch
    {
        "bool" => values.Next(0, 2) == 0 ? "true" : "false",
        "char" => Invariant($"'\\u{values.Next(0x20, 0xD800):X4}'"),
        "sbyte" => Invariant($"((sbyte)({values.Next(sbyte.MinValue, sbyte.MaxValue + 1)}))"),
        "byte" => Invariant($"((byte){values.Next(0, 256)})"),
        "short" => Invariant($"((short)({values.Next(short.MinValue, short.MaxValue + 1)}))"),
        "ushort" => Invariant($"((ushort){values.Next(0, ushort.MaxValue + 1)})"),
        "int" => Invariant($"({Edge(int.MinValue, int.MaxValue, values.Next(int.MinValue, int.MaxValue))})"),
        "uint" => Invariant($"{Edge(uint.MinValue, uint.MaxValue, (uint)values.NextInt64(0, 1L << 32))}u"),
        "long" => Invariant($"({Edge(long.MinValue, long.MaxValue, values.NextInt64(long.MinValue, long.MaxValue))}L)"),
        "ulong" => Invariant($"{Edge(ulong.MinValue, ulong.MaxValue, (ulong)values.NextInt64(long.MinValue, long.MaxValue))}UL"),
        "float" => Invariant($"global::System.BitConverter.Int32BitsToSingle({values.Next(int.MinValue, int.MaxValue)})"),
        "double" => Invariant($"global::System.BitConverter.Int64BitsToDouble({values.NextInt64(long.MinValue, long.MaxValue)}L)"),
        "global::System.Half" => Invariant($"global::System.BitConverter.Int16BitsToHalf((short)({values.Next(short.MinValue, short.MaxValue + 1)}))"),

        // DECIMAL(38, 18) holds twenty digits before the point; a long's mantissa at any scale stays inside it.
        "decimal" => Invariant($"new decimal({values.Next(int.MinValue, int.MaxValue)}, {values.Next(int.MinValue, int.MaxValue)}, 0, {(values.Next(0, 2) == 0 ? "true" : "false")}, (byte){values.Next(0, 19)})"),
        "string" => Literal(Texts[values.Next(Texts.Length)]),

        // Timestamps and times are stored in microseconds.
        "global::System.DateTime" => Invariant($"new global::System.DateTime({Micros(0, DateTime.MaxValue.Ticks)}L, global::System.DateTimeKind.Utc)"),
        "global::System.DateTimeOffset" => Invariant($"new global::System.DateTimeOffset({Micros(TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay)}L, global::System.TimeSpan.FromMinutes({values.Next(-840, 841)}))"),
        "global::System.DateOnly" => Invariant($"global::System.DateOnly.FromDayNumber({values.Next(0, DateOnly.MaxValue.DayNumber + 1)})"),
        "global::System.TimeOnly" => Invariant($"new global::System.TimeOnly({Micros(0, TimeSpan.TicksPerDay - 1)}L)"),
        "global::System.TimeSpan" => Invariant($"global::System.TimeSpan.FromTicks({Micros(long.MinValue / 2, long.MaxValue / 2)}L)"),
        "global::System.Guid" => Invariant($"new global::System.Guid(\"{new Guid(Enumerable.Range(0, 16).Select(_ => (byte)values.Next(0, 256)).ToArray())}\")"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no values written for this type"),
    };

    /// <summary>
    /// A decimal written as <c>[ParquetDecimal(precision, scale)]</c> (INT32, INT64 or a fixed-length binary, as the
    /// precision needs), whose values fit it: at most <c>precision - scale</c> digits before the point, at most
    /// <c>scale</c> after it. They fit DECIMAL(38, 18) as well, which a list's element or a map's value is written as
    /// (the attribute is a member's), and no more than a <see cref="decimal"/> holds.
    /// </summary>
    private Shape Decimal(int precision)
    {
        int scale = random.Next(0, precision + 1);
        string attribute = Invariant($"global::Alimentar.ParquetDecimal({precision}, {scale})");
        return new Shape("decimal", () =>
        {
            int fraction = values.Next(0, Math.Min(scale, 18) + 1);
            int whole = values.Next(0, Math.Min(Math.Min(precision - scale, 20), 28 - fraction) + 1);
            int[] digits = [.. Enumerable.Range(0, whole + fraction).Select(_ => values.Next(0, 8) == 0 ? 9 : values.Next(0, 10))];
            string number = (whole == 0 ? "0" : string.Concat(digits[..whole])) + (fraction == 0 ? string.Empty : "." + string.Concat(digits[whole..]));
            return (values.Next(0, 2) == 0 ? "-" : string.Empty) + number + "m";
        }, Comparable: true, Attribute: attribute);
    }

    /// <summary>
    /// A DateTime written as <c>[ParquetTimestamp(isAdjustedToUtc: false)]</c>: a local timestamp, whose values are
    /// unspecified, as such a column reads back (a map's value, which the attribute does not reach, takes them as UTC;
    /// see <see cref="Map"/>).
    /// </summary>
    private Shape LocalTimestamp() => new(
        "global::System.DateTime",
        () => Invariant($"new global::System.DateTime({Micros(0, DateTime.MaxValue.Ticks)}L, {UnspecifiedKind})"),
        Comparable: true,
        Attribute: "global::Alimentar.ParquetTimestamp(isAdjustedToUtc: false)");

    private const string UnspecifiedKind = "global::System.DateTimeKind.Unspecified";

    /// <summary>One of a type's bounds now and then, otherwise <paramref name="any"/>.</summary>
    private T Edge<T>(T min, T max, T any) => values.Next(0, 8) switch
    {
        0 => min,
        1 => max,
        _ => any,
    };

    /// <summary>Ticks in a range, whole microseconds.</summary>
    private long Micros(long from, long to) => values.NextInt64(from, to) / 10 * 10;

    private static string Literal(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (char c in text)
        {
            literal.Append(char.IsAsciiLetterOrDigit(c) || c == ' ' ? c.ToString() : Invariant($"\\u{(int)c:X4}"));
        }

        return literal.Append('"').ToString();
    }
}
